/** @jest-environment jsdom */
/**
 * The app shell over an in-memory history and the real API in process: the page for each route,
 * the tabs, in-app navigation from links, and the not-found page.
 */
// The alerts page (rendered on the Alerts tab) needs its jsdom shims (ResizeObserver, canvas).
import './pages/alerts/test_support/jsdom_shims';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { EuiProvider } from '@elastic/eui';
import { PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID as PRIVILEGED } from '../../common/rules/prebuilt/privileged_docker_container_creation';
import { inProcessApi, type InProcessApi } from '../../test/helpers/in_process_api';
import { createMemoryHistory } from '../../test/helpers/memory_history';
import { textOf } from '../../test/helpers/render_ui';
import { act } from '../test_support/act';
import { App } from './app';
import type { EventUploader } from './event_uploader';

jest.mock('uuid', () =>
  jest.requireActual<typeof import('../../test/helpers/uuid_shim')>('../../test/helpers/uuid_shim')
);

const renderApp = (server: InProcessApi, path: string, eventUploader?: EventUploader) => {
  const history = createMemoryHistory(path);
  render(
    <EuiProvider colorMode="light">
      <App history={history} api={server.api} {...(eventUploader ? { eventUploader } : {})} />
    </EuiProvider>
  );
  return history;
};

/** The standalone host's capability; these tests only look at the page, nothing is sent. */
const unusedUploader: EventUploader = () => Promise.reject(new Error('not sent in this test'));

const tab = (name: string): HTMLElement => screen.getByTestId(`ctdTab${name}`);

describe('App', () => {
  let server: InProcessApi;
  beforeEach(async () => {
    server = await inProcessApi();
  });
  afterEach(() => server.close());

  it('shows the rules page at the root, with the Rules tab selected and both tabs as links', async () => {
    renderApp(server, '/');
    await screen.findByTestId('ctdRulesTable');
    expect(tab('Rules').getAttribute('aria-selected')).toBe('true');
    expect(tab('Alerts').getAttribute('aria-selected')).toBe('false');
    expect(tab('Rules').getAttribute('href')).toBe('/app/');
    expect(tab('Alerts').getAttribute('href')).toBe('/app/alerts');
  });

  it('follows a rule link to its details page and the Rules tab back', async () => {
    const history = renderApp(server, '/');
    fireEvent.click(await screen.findByTestId(`ctdRuleLink-${PRIVILEGED}`));
    expect(history.location.pathname).toBe(`/rules/${PRIVILEGED}`);
    expect(textOf(await screen.findByTestId('ctdRuleName'))).toBe(
      'Privileged Docker Container Creation'
    );
    expect(tab('Rules').getAttribute('aria-selected')).toBe('true');

    fireEvent.click(tab('Rules'));
    await screen.findByTestId('ctdRulesTable');
    expect(history.pushed).toEqual([`/rules/${PRIVILEGED}`, '/']);
  });

  it('switches to the Alerts tab', async () => {
    const history = renderApp(server, '/');
    await screen.findByTestId('ctdRulesTable');
    await act(async () => {
      fireEvent.click(tab('Alerts'));
    });
    expect(history.location.pathname).toBe('/alerts');
    await waitFor(() => expect(tab('Alerts').getAttribute('aria-selected')).toBe('true'));
    expect(screen.queryByTestId('ctdRulesTable')).toBeNull();
    await act(() => server.idle());
  });

  it('lets modified clicks (new tab) through to the browser', async () => {
    const history = renderApp(server, '/');
    const link = await screen.findByTestId(`ctdRuleLink-${PRIVILEGED}`);
    let leftToBrowser = false;
    // Runs after React's handlers: records whether the app left the click alone, then stops jsdom's
    // (unimplemented) page navigation.
    const after = (event: MouseEvent) => {
      leftToBrowser = !event.defaultPrevented;
      event.preventDefault();
    };
    window.addEventListener('click', after);
    fireEvent.click(link, { ctrlKey: true });
    window.removeEventListener('click', after);
    expect(leftToBrowser).toBe(true);
    expect(history.pushed).toEqual([]);
  });

  it('offers the Upload events tab and page when the host takes uploads (standalone)', async () => {
    const history = renderApp(server, '/', unusedUploader);
    await screen.findByTestId('ctdRulesTable');
    expect(tab('Upload').getAttribute('href')).toBe('/app/upload');
    await act(async () => {
      fireEvent.click(tab('Upload'));
    });
    expect(history.location.pathname).toBe('/upload');
    expect(await screen.findByTestId('ctdUploadFilePicker')).toBeTruthy();
    expect(tab('Upload').getAttribute('aria-selected')).toBe('true');
    await act(() => server.idle());
  });

  it('has no Upload tab without an uploader (Kibana), and /upload says where events come from', async () => {
    renderApp(server, '/upload');
    const page = await screen.findByTestId('ctdUploadUnavailable');
    expect(screen.queryByTestId('ctdTabUpload')).toBeNull();
    expect(screen.queryByTestId('ctdUploadFilePicker')).toBeNull();
    expect(textOf(page)).toContain('Elastic Defend');
    expect(textOf(page)).toContain('Data Visualizer');
    expect(screen.getByTestId('ctdDefendDocs').getAttribute('href')).toMatch(
      /^https:\/\/www\.elastic\.co\//
    );
    expect(screen.getByTestId('ctdKibanaFileUploadDocs').getAttribute('target')).toBe('_blank');
  });

  it('shows a not-found prompt for an unknown path', () => {
    // No page, so no API call: nothing to wait for.
    renderApp(server, '/no/such/page');
    expect(screen.getByText('Page not found')).toBeTruthy();
    expect(textOf(document.body)).toContain('There is no page at /no/such/page');
  });
});
