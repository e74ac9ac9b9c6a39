/**
 * What core renders into the page: the root EuiProvider (EUI's global reset and utility classes,
 * the line's EUI theme, Kibana's emotion caches), a header, and the app container that mounts the
 * app of the current route into its own element and unmounts it when the route leaves it.
 *
 * Kibana: src/platform/packages/shared/react/kibana_context/root/eui_provider.tsx (KibanaEuiProvider:
 * emotion caches in `<meta name="emotion">` / EUI_STYLES_GLOBAL / EUI_STYLES_UTILS, global styles
 * and utility classes on, used by core's root); src/core/packages/application/browser-internal/src/
 * ui/app_container.tsx (mount on route, `kbnAppWrapper` element, mount errors logged with
 * console.error and shown).
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import createCache from '@emotion/cache';
import {
  EuiCallOut,
  EuiHeader,
  EuiHeaderLogo,
  EuiHeaderSection,
  EuiHeaderSectionItem,
  EuiLoadingSpinner,
  EuiProvider,
  EuiThemeAmsterdam,
  euiStylisPrefixer,
} from '@elastic/eui';
import { EuiThemeBorealis } from '@elastic/eui-theme-borealis';
import type { AppUnmount, CoreTheme, MountPoint } from '@kbn/core/public';
import type { History, Location } from 'history';
import type { Observable } from 'rxjs';
import type { EuiThemeName } from '../kibana_lines';
import type { AppLeaveHandler, ApplicationRegistry, Mounter } from './application_service';
import { EMOTION_META, EUI_STYLES_GLOBAL, EUI_STYLES_UTILS } from './page_contract';

/** Kibana: @kbn/core-application-common APP_WRAPPER_CLASS. */
export const APP_WRAPPER_CLASS = 'kbnAppWrapper';

const emotionCache = (key: string, metaName: string) => {
  const cache = createCache({
    key,
    stylisPlugins: [euiStylisPrefixer],
    container: document.querySelector<HTMLElement>(`meta[name="${metaName}"]`) ?? undefined,
  });
  cache.compat = true;
  return cache;
};

const kibanaCaches = () => ({
  default: emotionCache('css', EMOTION_META),
  global: emotionCache(EUI_STYLES_GLOBAL, EUI_STYLES_GLOBAL),
  utility: emotionCache(EUI_STYLES_UTILS, EUI_STYLES_UTILS),
});

const EUI_THEMES = { borealis: EuiThemeBorealis, amsterdam: EuiThemeAmsterdam } as const;

const useLocation = (history: History): Location => {
  const [location, setLocation] = useState(history.location);
  useEffect(() => history.listen((next) => setLocation(next)), [history]);
  return location;
};

export interface AppContainerDeps {
  readonly registry: ApplicationRegistry;
  readonly history: History;
  readonly theme$: Observable<CoreTheme>;
  readonly onAppLeave: (appId: string, handler: AppLeaveHandler) => void;
  readonly setHeaderActionMenu: (appId: string, menuMount: MountPoint | undefined) => void;
}

const AppContainer = ({
  mounter,
  deps,
}: {
  readonly mounter: Mounter;
  readonly deps: AppContainerDeps;
}) => {
  const elementRef = useRef<HTMLDivElement>(null);
  const [mounting, setMounting] = useState(true);
  const [error, setError] = useState<Error | undefined>(undefined);
  useLayoutEffect(() => {
    const element = elementRef.current;
    if (element === null) return undefined;
    let unmount: AppUnmount | undefined;
    let active = true;
    setMounting(true);
    Promise.resolve()
      .then(() => mounter.mount(deps.registry.mountParameters(mounter, { ...deps, element })))
      .then(
        (appUnmount) => {
          if (active) unmount = appUnmount;
          else appUnmount();
        },
        (mountError: unknown) => {
          // eslint-disable-next-line no-console -- as Kibana's app container: the browser console is where a mount error is reported (the bootstrap test watches it)
          console.error(mountError);
          setError(mountError instanceof Error ? mountError : new Error(String(mountError)));
        }
      )
      .finally(() => active && setMounting(false));
    return () => {
      active = false;
      unmount?.();
    };
  }, [mounter, deps]);
  return (
    <>
      {error && (
        <EuiCallOut
          color="danger"
          title={`Application "${mounter.appId}" failed to mount: ${error.message}`}
          data-test-subj="appMountError"
        />
      )}
      {mounting && <EuiLoadingSpinner size="xxl" data-test-subj="appContainer-loadingSpinner" />}
      <div
        className={APP_WRAPPER_CLASS}
        ref={elementRef}
        data-test-subj={`kbnAppWrapper-${mounter.appId}`}
        aria-busy={mounting}
      />
    </>
  );
};

export interface CoreRootProps {
  readonly euiTheme: EuiThemeName;
  readonly darkMode: boolean;
  readonly deps: AppContainerDeps;
  /** Where the current app's header action menu is mounted. */
  readonly headerMenuRef: (element: HTMLDivElement | null) => void;
}

export const CoreRoot = ({ euiTheme, darkMode, deps, headerMenuRef }: CoreRootProps) => {
  const [cache] = useState(kibanaCaches);
  const location = useLocation(deps.history);
  const mounter = deps.registry.resolve(location.pathname);
  return (
    <EuiProvider
      cache={cache}
      colorMode={darkMode ? 'dark' : 'light'}
      theme={EUI_THEMES[euiTheme]}
      highContrastMode={false}
    >
      <EuiHeader position="fixed" data-test-subj="kibanaHeader">
        <EuiHeaderSection>
          <EuiHeaderSectionItem>
            <EuiHeaderLogo iconType="logoElastic">Elastic</EuiHeaderLogo>
          </EuiHeaderSectionItem>
          <EuiHeaderSectionItem>
            <span data-test-subj="kibanaHeaderAppTitle">{mounter?.title ?? ''}</span>
          </EuiHeaderSectionItem>
        </EuiHeaderSection>
        <EuiHeaderSection side="right">
          <EuiHeaderSectionItem>
            <div ref={headerMenuRef} data-test-subj="headerAppActionMenu" />
          </EuiHeaderSectionItem>
        </EuiHeaderSection>
      </EuiHeader>
      <main className="kbnAppContainer" style={{ paddingTop: 48 }}>
        {mounter ? (
          <AppContainer key={mounter.appId} mounter={mounter} deps={deps} />
        ) : (
          <EuiCallOut
            color="warning"
            title={`No application is registered at ${location.pathname}`}
            data-test-subj="appNotFoundPageContent"
          />
        )}
      </main>
    </EuiProvider>
  );
};
