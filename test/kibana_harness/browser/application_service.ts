/**
 * Core's application service as plugins meet it: `core.application.register(app)` during setup,
 * with Kibana's checks and messages, and the mount parameters an app receives when the user
 * navigates to its route (Kibana: src/core/packages/application/browser-internal/src/
 * application_service.tsx `register`/`validateApp`; ui/app_container.tsx, the `mount` call).
 */
import type { App, AppUnmount, CoreTheme, MountPoint } from '@kbn/core/public';
import type { History } from 'history';
import type { Observable } from 'rxjs';
import type { BasePath } from './base_path';
import { HarnessScopedHistory } from './scoped_history';

/** application_service.tsx applicationIdRegexp. */
const APPLICATION_ID = /^[a-zA-Z0-9_:-]+$/;

export type AppLeaveHandler = (factory: unknown, nextAppId?: string) => unknown;

/** What `mount` receives (Kibana's AppMountParameters, onAppLeave included). */
export interface HarnessMountParameters {
  readonly element: HTMLElement;
  readonly history: HarnessScopedHistory;
  readonly appBasePath: string;
  readonly onAppLeave: (handler: AppLeaveHandler) => void;
  readonly setHeaderActionMenu: (menuMount: MountPoint | undefined) => void;
  readonly theme$: Observable<CoreTheme>;
}

export interface Mounter {
  readonly appId: string;
  readonly title: string;
  /** Route without the server base path, e.g. `/app/containerThreatDetection`. */
  readonly appRoute: string;
  /** The route with the server base path (application_service.tsx: `basePath.prepend(app.appRoute)`). */
  readonly appBasePath: string;
  readonly exactRoute: boolean;
  readonly mount: (params: HarnessMountParameters) => AppUnmount | Promise<AppUnmount>;
}

/** An app as plugins register it; `exactRoute` is Kibana's, not in our typings. */
export type RegisteredApp<HistoryLocationState = unknown> = App<HistoryLocationState> & {
  readonly exactRoute?: boolean;
};

export class ApplicationRegistry {
  private readonly mounters = new Map<string, Mounter>();
  private registrationClosed = false;

  constructor(private readonly basePath: BasePath) {}

  register<HistoryLocationState = unknown>(registered: RegisteredApp<HistoryLocationState>): void {
    const app = { appRoute: `/app/${registered.id}`, ...registered };
    this.validate(app);
    this.mounters.set(app.id, {
      appId: app.id,
      title: app.title,
      appRoute: app.appRoute,
      appBasePath: this.basePath.prepend(app.appRoute),
      exactRoute: app.exactRoute ?? false,
      mount: app.mount as unknown as Mounter['mount'],
    });
  }

  /** Core's start: no registration after every plugin's setup. */
  closeRegistration(): void {
    this.registrationClosed = true;
  }

  get apps(): readonly Mounter[] {
    return [...this.mounters.values()];
  }

  /** The app whose route holds `pathname` (a path without the server base path); the longest route wins. */
  resolve(pathname: string): Mounter | undefined {
    return this.apps
      .filter(
        ({ appRoute, exactRoute }) =>
          pathname === appRoute || (!exactRoute && pathname.startsWith(`${appRoute}/`))
      )
      .sort((a, b) => b.appRoute.length - a.appRoute.length)[0];
  }

  /** app_container.tsx: the history is scoped to the app route (the parent history has the base path as basename). */
  mountParameters(
    mounter: Mounter,
    deps: {
      readonly element: HTMLElement;
      readonly history: History;
      readonly theme$: Observable<CoreTheme>;
      readonly onAppLeave: (appId: string, handler: AppLeaveHandler) => void;
      readonly setHeaderActionMenu: (appId: string, menuMount: MountPoint | undefined) => void;
    }
  ): HarnessMountParameters {
    return {
      appBasePath: mounter.appBasePath,
      history: new HarnessScopedHistory(deps.history, mounter.appRoute),
      element: deps.element,
      theme$: deps.theme$,
      onAppLeave: (handler) => deps.onAppLeave(mounter.appId, handler),
      setHeaderActionMenu: (menuMount) => deps.setHeaderActionMenu(mounter.appId, menuMount),
    };
  }

  /** application_service.tsx validateApp, with its messages. */
  private validate(app: { readonly id: string; readonly appRoute: string }): void {
    if (this.registrationClosed)
      throw new Error(
        `Applications cannot be registered after "setup" (attempted to register "${app.id}")`
      );
    if (!APPLICATION_ID.test(app.id))
      throw new Error(
        `Invalid application id: it can only be composed of alphanum chars, '-' and '_'`
      );
    if (this.mounters.has(app.id))
      throw new Error(`An application is already registered with the id "${app.id}"`);
    if (this.apps.some((mounter) => mounter.appRoute === app.appRoute))
      throw new Error(`An application is already registered with the appRoute "${app.appRoute}"`);
    const basename = this.basePath.get();
    if (basename !== '' && app.appRoute.startsWith(`${basename}/`))
      throw new Error('Cannot register an application route that includes HTTP base path');
  }
}
