/**
 * Our own declarations of the Kibana 9.x `@kbn/core/public` surface this plugin uses (a subset, not
 * a copy). See typings/kbn/README.md for the Kibana file each symbol follows.
 */

// ---------------------------------------------------------------------------------------------
// Helpers standing in for third-party types Kibana uses (rxjs, history) — not installed here.
// ---------------------------------------------------------------------------------------------

/** The part of an rxjs `Observer` we pass to `subscribe`. */
interface ObserverLike<T> {
  /** Receives each value. */
  next?: (value: T) => void;
  /** Receives the error that ends the stream. */
  error?: (error: unknown) => void;
  /** Called when the stream completes. */
  complete?: () => void;
}

/** A subscription that can be cancelled (subset of rxjs `Subscription`). */
interface SubscriptionLike {
  /** Stops receiving values. */
  unsubscribe(): void;
}

/** Structural subset of rxjs `Observable` (the real type in Kibana is `rxjs.Observable`). */
interface ObservableLike<T> {
  /** Subscribes to the stream. */
  subscribe(observer?: ObserverLike<T> | ((value: T) => void)): SubscriptionLike;
}

/** A location in the `history` v4 package (subset). */
interface HistoryLocation<S = unknown> {
  /** Path part of the URL. */
  pathname: string;
  /** Query string, including `?`. */
  search: string;
  /** Fragment, including `#`. */
  hash: string;
  /** State pushed with the location. */
  state: S;
}

/** A location to navigate to (all parts optional). */
interface HistoryLocationDescriptor<S = unknown> {
  /** Path part of the URL. */
  pathname?: string;
  /** Query string. */
  search?: string;
  /** Fragment. */
  hash?: string;
  /** State to push. */
  state?: S;
}

/** How a location change happened. */
type HistoryAction = 'PUSH' | 'POP' | 'REPLACE';

// ---------------------------------------------------------------------------------------------
// Plugin lifecycle (src/core/packages/plugins/browser/src/plugin.ts, plugin_initializer.ts;
// src/core/packages/lifecycle/browser/src/core_setup.ts, core_start.ts)
// ---------------------------------------------------------------------------------------------

/** What Kibana passes to a browser plugin's constructor. */
export interface PluginInitializerContext<ConfigSchema extends object = object> {
  /** Access to the configuration keys the server exposes to the browser. */
  readonly config: {
    /** Returns the browser-exposed configuration. */
    get: <T extends object = ConfigSchema>() => T;
  };
}

/**
 * A browser plugin. Kibana constrains the dependency maps with `Record<string, any>` and defaults
 * them to `never`; `object` is used here to avoid `any`.
 */
export interface Plugin<
  TSetup = void,
  TStart = void,
  TPluginsSetup extends object = object,
  TPluginsStart extends object = object,
> {
  /** Registers apps; receives core and the setup contracts of dependencies. */
  setup(core: CoreSetup<TPluginsStart, TStart>, plugins: TPluginsSetup): TSetup;
  /** Runs after every plugin's setup; receives core and the start contracts of dependencies. */
  start(core: CoreStart, plugins: TPluginsStart): TStart;
  /** Cleans up when the page unloads. */
  stop?(): void | Promise<void>;
}

/** The `plugin` function exported from `public/index.ts`. */
export type PluginInitializer<
  TSetup = void,
  TStart = void,
  TPluginsSetup extends object = object,
  TPluginsStart extends object = object,
> = (core: PluginInitializerContext) => Plugin<TSetup, TStart, TPluginsSetup, TPluginsStart>;

/** Resolves, after `start`, to core's start contract, the dependencies' start contracts and our own. */
export type StartServicesAccessor<
  TPluginsStart extends object = object,
  TStart = unknown,
> = () => Promise<[CoreStart, TPluginsStart, TStart]>;

/** Core services available in `setup` (subset). */
export interface CoreSetup<TPluginsStart extends object = object, TStart = unknown> {
  /** Application registry. */
  application: ApplicationSetup;
  /** HTTP client. */
  http: HttpSetup;
  /** Gives `mount` access to start contracts. */
  getStartServices: StartServicesAccessor<TPluginsStart, TStart>;
}

/**
 * The document title (src/core/packages/chrome/browser/src/doc_title.ts). Kibana joins the parts
 * and its base title ("Elastic") with " - "; `reset` restores the base title
 * (…/chrome/browser-internal/src/doc_title/doc_title_service.ts).
 */
export interface ChromeDocTitle {
  /** Sets the title: one part, or parts from the most specific. */
  change(newTitle: string | string[]): void;
  /** Back to the base title. */
  reset(): void;
}

/** Kibana's chrome (subset: the document title). */
export interface ChromeStart {
  /** The browser tab's title. */
  docTitle: ChromeDocTitle;
}

/** Core services available in `start` (subset). */
export interface CoreStart {
  /** HTTP client. */
  http: HttpStart;
  /** The page around apps. */
  chrome: ChromeStart;
}

// ---------------------------------------------------------------------------------------------
// Applications (src/core/packages/application/browser/src/application.ts, app_mount.ts,
// scoped_history.ts, contracts.ts; …/application/common/src/app_category.ts)
// ---------------------------------------------------------------------------------------------

/** A navigation category. */
export interface AppCategory {
  /** Category id. */
  id: string;
  /** Display label. */
  label: string;
  /** Screen-reader label, when different. */
  ariaLabel?: string;
  /** Sort order. */
  order?: number;
  /** EUI icon. */
  euiIconType?: string;
}

/** Kibana's built-in categories (`security` is `{ id: 'securitySolution', … }`). */
export declare const DEFAULT_APP_CATEGORIES: Record<string, AppCategory>;

/** Kibana's theme as emitted by `theme$`. */
export interface CoreTheme {
  /** Whether dark mode is on. */
  readonly darkMode: boolean;
  /** Name of the active theme. */
  readonly name: string;
}

/** Mounts DOM content into an element and returns its unmount function. */
export type MountPoint<T extends HTMLElement = HTMLElement> = (element: T) => () => void;

/** History scoped to an app's base path (subset of `history` v4 `History` plus Kibana's additions). */
export interface ScopedHistory<HistoryLocationState = unknown> {
  /** The current location. */
  readonly location: HistoryLocation<HistoryLocationState>;
  /** Navigates to a path, adding a history entry. */
  push(path: string, state?: HistoryLocationState): void;
  /** Navigates to a location, adding a history entry. */
  push(location: HistoryLocationDescriptor<HistoryLocationState>): void;
  /** Navigates to a path, replacing the current entry. */
  replace(path: string, state?: HistoryLocationState): void;
  /** Navigates to a location, replacing the current entry. */
  replace(location: HistoryLocationDescriptor<HistoryLocationState>): void;
  /** Calls the listener on every location change; returns the function that stops listening. */
  listen(
    listener: (location: HistoryLocation<HistoryLocationState>, action: HistoryAction) => void
  ): () => void;
  /** Builds an href for a location (with the app base path unless `prependBasePath: false`). */
  createHref(
    location: HistoryLocationDescriptor<HistoryLocationState>,
    options?: { prependBasePath?: boolean }
  ): string;
}

/** What `mount` receives. */
export interface AppMountParameters<HistoryLocationState = unknown> {
  /** Container to render the app into. */
  element: HTMLElement;
  /** History scoped to the app, for the app's router. */
  history: ScopedHistory<HistoryLocationState>;
  /** The app's route path without the HTTP base path (deprecated in favour of `history`). */
  appBasePath: string;
  /** Mounts the app's header menu (deprecated in newer 9.x in favour of the chrome app menu). */
  setHeaderActionMenu: (menuMount: MountPoint | undefined) => void;
  /** Kibana's theme, to render with matching EUI colours. */
  theme$: ObservableLike<CoreTheme>;
}

/** Unmounts the app; must be synchronous. */
export type AppUnmount = () => void;

/** Mounts the app when the user navigates to it. */
export type AppMount<HistoryLocationState = unknown> = (
  params: AppMountParameters<HistoryLocationState>
) => AppUnmount | Promise<AppUnmount>;

/** An application registration. */
export interface App<HistoryLocationState = unknown> {
  /** Unique app id (letters, digits, `-`, `:`, `_`); route is `/app/<id>` unless `appRoute` is set. */
  id: string;
  /** Title shown in navigation. */
  title: string;
  /** Navigation category (e.g. `DEFAULT_APP_CATEGORIES.security`). */
  category?: AppCategory;
  /** EUI icon for the nav link. */
  euiIconType?: string;
  /** Sort order within the category. */
  order?: number;
  /** Route overriding `/app/<id>`. */
  appRoute?: string;
  /** Called when the user navigates to the app. */
  mount: AppMount<HistoryLocationState>;
}

/** Core's application setup contract (subset). */
export interface ApplicationSetup {
  /** Registers a mountable application. */
  register<HistoryLocationState = unknown>(app: App<HistoryLocationState>): void;
}

// ---------------------------------------------------------------------------------------------
// HTTP client (src/core/packages/http/browser/src/types.ts)
// ---------------------------------------------------------------------------------------------

/** Query string parameters. */
export interface HttpFetchQuery {
  /** One parameter (arrays repeat the key). */
  [key: string]: string | number | boolean | string[] | number[] | boolean[] | undefined | null;
}

/** Headers of a request (`kbn-*` headers are reserved to core). */
export interface HttpHeadersInit {
  /** One header. */
  [name: string]: string;
}

/** Options of a request. */
export interface HttpFetchOptions {
  /** HTTP method (set by `get`/`post`/…). */
  method?: string;
  /** The query string. */
  query?: HttpFetchQuery;
  /** The body, already serialized (`JSON.stringify(...)`). */
  body?: BodyInit | null;
  /** Extra headers. */
  headers?: HttpHeadersInit;
  /** Whether to prepend the base path (default true). */
  prependBasePath?: boolean;
  /** Marks the request as a background (system) request. */
  asSystemRequest?: boolean;
  /** API version for versioned routes (`elastic-api-version`). */
  version?: string;
  /** Aborts the request. */
  signal?: AbortSignal | null;
}

/** Makes a request and resolves to the parsed response body. */
export interface HttpHandler {
  /** Requests `path` (relative to the base path). */
  <TResponseBody = unknown>(path: string, options?: HttpFetchOptions): Promise<TResponseBody>;
}

/** Core's HTTP client (subset). */
export interface HttpSetup {
  /** Request with the method given in options (GET by default). */
  fetch: HttpHandler;
  /** GET request. */
  get: HttpHandler;
  /** POST request. */
  post: HttpHandler;
  /** PUT request. */
  put: HttpHandler;
  /** PATCH request. */
  patch: HttpHandler;
  /** DELETE request. */
  delete: HttpHandler;
}

/** The same client in `start`. */
export type HttpStart = HttpSetup;

export {};
