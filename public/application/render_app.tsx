/**
 * Mounts the app into an element (Kibana's app container, or #root standalone) and returns the
 * unmount function Kibana's `mount` must return.
 *
 * Standalone, EuiProvider owns the page: light theme, EUI's global reset and utility classes.
 * Inside Kibana (`theme$` given) the page already carries Kibana's global styles, so ours are left
 * out and the colour mode follows Kibana's theme (dark mode included).
 */
import { useEffect, useState, type ReactNode } from 'react';
// `react-dom`, not `react-dom/client`: Kibana shares only `react-dom` with plugins, runs React 18 in
// legacy mode (9.1+) and React 17 on 8.19, where `createRoot` does not exist. Kibana's own mount
// helper (@kbn/react-kibana-mount toMountPoint) mounts the same way.
import { render, unmountComponentAtNode } from 'react-dom';
import { EuiProvider } from '@elastic/eui';
import { ApiClient, type HttpTransport } from './api_client';
import { App } from './app';
import type { AppHistory } from './routing';
import type { DocumentTitle } from './document_title';
import type { EventUploader } from './event_uploader';

/** Kibana's `theme$` (an rxjs Observable of CoreTheme), reduced to what we read. */
export interface HostTheme {
  subscribe(next: (theme: { readonly darkMode: boolean }) => void): { unsubscribe(): void };
}

export interface RenderAppParams {
  readonly element: HTMLElement;
  readonly history: AppHistory;
  readonly transport: HttpTransport;
  /** The host's theme (Kibana); omitted standalone. */
  readonly theme$?: HostTheme;
  /** The host's API writes rules: true standalone; inside Kibana rules are Security's. */
  readonly ruleEditing?: boolean;
  /** The browser tab's title: Kibana's `chrome.docTitle`; standalone, the document's own. */
  readonly documentTitle?: DocumentTitle;
  /** The host takes NDJSON uploads (standalone); omitted in Kibana, which has no upload route. */
  readonly eventUploader?: EventUploader;
}

const HostThemedProvider = ({
  theme$,
  children,
}: {
  readonly theme$: HostTheme;
  readonly children: ReactNode;
}) => {
  const [darkMode, setDarkMode] = useState(false);
  useEffect(() => {
    const subscription = theme$.subscribe((theme) => setDarkMode(theme.darkMode));
    return () => subscription.unsubscribe();
  }, [theme$]);
  return (
    <EuiProvider
      colorMode={darkMode ? 'dark' : 'light'}
      globalStyles={false}
      utilityClasses={false}
    >
      {children}
    </EuiProvider>
  );
};

export const renderApp = ({
  element,
  history,
  transport,
  theme$,
  ruleEditing = false,
  documentTitle,
  eventUploader,
}: RenderAppParams): (() => void) => {
  const app = (
    <App
      history={history}
      api={new ApiClient(transport)}
      ruleEditing={ruleEditing}
      {...(documentTitle ? { documentTitle } : {})}
      {...(eventUploader ? { eventUploader } : {})}
    />
  );
  render(
    theme$ ? (
      <HostThemedProvider theme$={theme$}>{app}</HostThemedProvider>
    ) : (
      <EuiProvider colorMode="light">{app}</EuiProvider>
    ),
    element
  );
  return () => {
    unmountComponentAtNode(element);
    documentTitle?.reset();
  };
};
