/** @jest-environment jsdom */
/**
 * The Kibana entry: what `setup` registers, and a mount driven the way Kibana drives it — core's
 * `http.fetch` (here answered by the real route dispatcher in process) and a ScopedHistory.
 */
// `act` from Testing Library: `react` exports it only from 18.3 (Kibana ships 18.2).
import { screen, waitFor } from '@testing-library/react';
import type {
  App,
  AppMountParameters,
  CoreSetup,
  CoreStart,
  HttpFetchOptions,
  HttpStart,
  ScopedHistory,
} from '@kbn/core/public';
import { inProcessApi, type InProcessApi } from '../test/helpers/in_process_api';
import { createMemoryHistory } from '../test/helpers/memory_history';
import { textOf } from '../test/helpers/render_ui';
import { act } from './test_support/act';
import { plugin } from '.';
import { APP_ID, SECURITY_CATEGORY } from './plugin';
import { docTitle } from '../test/kibana_harness/browser/doc_title';

jest.mock('uuid', () =>
  jest.requireActual<typeof import('../test/helpers/uuid_shim')>('../test/helpers/uuid_shim')
);

interface Location {
  pathname?: string;
  search?: string;
}

/** A ScopedHistory over the in-memory history, under Kibana's app route. */
const scopedHistory = (path: string): ScopedHistory => {
  const memory = createMemoryHistory(path, `/app/${APP_ID}`);
  const go = (to: string | Location) =>
    memory.push(typeof to === 'string' ? to : `${to.pathname ?? '/'}${to.search ?? ''}`);
  return {
    get location() {
      return { ...memory.location, hash: '', state: undefined };
    },
    push: go,
    replace: go,
    listen: (listener) =>
      memory.listen(() => listener({ ...memory.location, hash: '', state: undefined }, 'PUSH')),
    createHref: ({ pathname = '/', search = '' }) => memory.createHref({ pathname, search }),
  };
};

/** Kibana's http.fetch answering from the in-process API (it parses the JSON body as Kibana's server would). */
const kibanaHttp = (server: InProcessApi): HttpStart => {
  const fetch = async <T,>(path: string, options?: HttpFetchOptions): Promise<T> => {
    const query = Object.fromEntries(
      Object.entries(options?.query ?? {}).map(([key, value]) => [key, String(value)])
    );
    const body: unknown = typeof options?.body === 'string' ? JSON.parse(options.body) : undefined;
    const method = options?.method === 'POST' ? 'POST' : 'GET';
    return (await server.transport({ method, path, query, body })) as T;
  };
  return { fetch, get: fetch, post: fetch, put: fetch, patch: fetch, delete: fetch };
};

describe('Kibana plugin', () => {
  let server: InProcessApi;
  beforeEach(async () => {
    server = await inProcessApi();
  });
  afterEach(() => server.close());

  const setUp = (): App => {
    const registered: App[] = [];
    const http = kibanaHttp(server);
    const core: CoreSetup<object, void> = {
      application: { register: (app) => void registered.push(app as App) },
      http,
      getStartServices: async () => [
        { http, chrome: { docTitle: docTitle(document) } } satisfies CoreStart,
        {},
        undefined,
      ],
    };
    const instance = plugin({ config: { get: <T,>() => ({}) as T } });
    instance.setup(core, {});
    expect(registered).toHaveLength(1);
    const [app] = registered;
    if (app === undefined) throw new Error('no app registered');
    return app;
  };

  it('registers the app under the Security category', () => {
    const app = setUp();
    expect(app).toMatchObject({
      id: 'containerThreatDetection',
      title: 'Container Threat Detection',
      category: SECURITY_CATEGORY,
    });
    expect(SECURITY_CATEGORY).toMatchObject({
      id: 'securitySolution',
      label: 'Security',
      order: 3000,
    });
  });

  it('mounts the app with core http, the scoped history and the theme, and unmounts it', async () => {
    const baseTitle = 'Elastic';
    document.title = baseTitle;
    const app = setUp();
    let themeSubscribers = 0;
    const element = document.createElement('div');
    document.body.appendChild(element);
    const params: AppMountParameters = {
      element,
      history: scopedHistory('/'),
      appBasePath: `/app/${APP_ID}`,
      setHeaderActionMenu: () => undefined,
      theme$: {
        subscribe: (observer) => {
          themeSubscribers++;
          if (typeof observer === 'function') observer({ darkMode: true, name: 'borealis' });
          return { unsubscribe: () => themeSubscribers-- };
        },
      },
    };
    let unmount: (() => void) | undefined;
    await act(async () => {
      unmount = await app.mount(params);
    });
    const link = await screen.findByRole('link', { name: 'Privileged Docker Container Creation' });
    expect(link.getAttribute('href')).toBe(
      `/app/${APP_ID}/rules/a80d96cd-1164-41b3-9852-ef58724be496`
    );
    await act(() => server.idle());
    expect(themeSubscribers).toBe(1); // follows Kibana's theme while mounted
    expect(document.title).toBe(`Rules - Container Threat Detection - ${baseTitle}`);
    act(() => unmount?.());
    await waitFor(() => expect(textOf(element)).toBe(''));
    expect(themeSubscribers).toBe(0);
    expect(document.title).toBe(baseTitle);
    element.remove();
  });

  it('offers no upload inside Kibana: no Upload tab, and /upload says where events come from', async () => {
    const app = setUp();
    const element = document.createElement('div');
    document.body.appendChild(element);
    let unmount: (() => void) | undefined;
    await act(async () => {
      unmount = await app.mount({
        element,
        history: scopedHistory('/upload'),
        appBasePath: `/app/${APP_ID}`,
        setHeaderActionMenu: () => undefined,
        theme$: { subscribe: () => ({ unsubscribe: () => undefined }) },
      });
    });
    expect(textOf(await screen.findByTestId('ctdUploadUnavailable'))).toContain('Fleet');
    expect(screen.queryByTestId('ctdTabUpload')).toBeNull();
    expect(screen.getByTestId('ctdTabAlerts')).toBeTruthy();
    act(() => unmount?.());
    element.remove();
  });
});
