/**
 * The history an app receives in `AppMountParameters`: a view of core's one browser history scoped
 * to the app's route, hiding entries outside it. Our implementation of the rules of Kibana's
 * CoreScopedHistory (Kibana: src/core/packages/application/browser-internal/src/scoped_history.ts):
 * locations are seen without the scope's base path, pushes and hrefs get it prepended, listeners
 * hear only changes inside the scope, and once the user navigates out of the scope every method
 * throws.
 */
import type {
  Action,
  History,
  Location,
  LocationDescriptorObject,
  LocationListener,
  TransitionPromptHook,
  UnregisterCallback,
} from 'history';

export class HarnessScopedHistory<S = unknown> implements History<S> {
  private isActive = true;
  private readonly listeners = new Set<LocationListener<S>>();
  /** Keys of the entries of this scope, to bound `go` the way the browser's own stack is. */
  private locationKeys: Array<string | undefined> = [];
  private currentLocationKeyIndex = 0;
  private readonly blockUnregisterCallbacks = new Set<UnregisterCallback>();

  constructor(
    private readonly parentHistory: History<S>,
    private readonly basePath: string
  ) {
    const parentPath = parentHistory.location.pathname;
    if (!parentPath.startsWith(basePath)) {
      throw new Error(
        `Browser location [${parentPath}] is not currently in expected basePath [${basePath}]`
      );
    }
    this.locationKeys.push(parentHistory.location.key);
    this.followParent();
  }

  createSubHistory = (basePath: string): HarnessScopedHistory<S> =>
    new HarnessScopedHistory<S>(this, basePath);

  get length(): number {
    return this.locationKeys.length;
  }

  get location(): Location<S> {
    return this.stripBasePath(this.parentHistory.location);
  }

  get action(): Action {
    return this.parentHistory.action;
  }

  push = (pathOrLocation: string | LocationDescriptorObject<S>, state?: S): void => {
    this.verifyActive();
    if (typeof pathOrLocation === 'string')
      this.parentHistory.push(this.prependToPath(pathOrLocation), state);
    else this.parentHistory.push(this.prependToLocation(pathOrLocation));
  };

  replace = (pathOrLocation: string | LocationDescriptorObject<S>, state?: S): void => {
    this.verifyActive();
    if (typeof pathOrLocation === 'string')
      this.parentHistory.replace(this.prependToPath(pathOrLocation), state);
    else this.parentHistory.replace(this.prependToLocation(pathOrLocation));
  };

  /** Moves within this scope's entries only; out of range is a no-op. */
  go = (n: number): void => {
    this.verifyActive();
    const backwardInRange = n < 0 && this.currentLocationKeyIndex + 1 + n >= 1;
    const forwardInRange =
      n > 0 && n <= this.currentLocationKeyIndex + this.locationKeys.length - 1;
    if (n === 0 || backwardInRange || forwardInRange) this.parentHistory.go(n);
  };

  goBack = (): void => {
    this.verifyActive();
    this.go(-1);
  };

  goForward = (): void => {
    this.verifyActive();
    this.go(1);
  };

  block = (prompt?: boolean | string | TransitionPromptHook<S>): UnregisterCallback => {
    this.verifyActive();
    const unregister = this.parentHistory.block(prompt);
    this.blockUnregisterCallbacks.add(unregister);
    return () => {
      this.blockUnregisterCallbacks.delete(unregister);
      unregister();
    };
  };

  listen = (listener: LocationListener<S>): UnregisterCallback => {
    this.verifyActive();
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** With the scope's base path unless `prependBasePath: false`; no pathname means the scope's root. */
  createHref = (
    location: LocationDescriptorObject<S>,
    { prependBasePath = true }: { prependBasePath?: boolean } = {}
  ): string => {
    this.verifyActive();
    if (!prependBasePath) return this.parentHistory.createHref(location);
    const scoped = this.prependToLocation(location);
    return this.parentHistory.createHref({ ...scoped, pathname: scoped.pathname ?? this.basePath });
  };

  private prependToPath(path: string): string {
    return path.length > 0 ? `${this.basePath}/${path}`.replace(/\/{2,}/g, '/') : this.basePath;
  }

  private prependToLocation(location: LocationDescriptorObject<S>): LocationDescriptorObject<S> {
    return {
      ...location,
      pathname: location.pathname === undefined ? undefined : this.prependToPath(location.pathname),
    };
  }

  private stripBasePath(location: Location<S>): Location<S> {
    return {
      ...location,
      pathname: location.pathname.startsWith(this.basePath)
        ? location.pathname.slice(this.basePath.length)
        : location.pathname,
    };
  }

  private verifyActive(): void {
    if (!this.isActive)
      throw new Error(
        `ScopedHistory instance has fell out of navigation scope for basePath: ${this.basePath}`
      );
  }

  /** Tracks the scope's entries like the browser does, and forwards changes inside the scope. */
  private followParent(): void {
    const unlisten = this.parentHistory.listen((location, action) => {
      if (!location.pathname.startsWith(this.basePath)) {
        unlisten();
        this.isActive = false;
        for (const unregisterBlock of this.blockUnregisterCallbacks) unregisterBlock();
        this.blockUnregisterCallbacks.clear();
        return;
      }
      this.trackKey(location.key, action);
      for (const listener of [...this.listeners]) listener(this.stripBasePath(location), action);
    });
  }

  private trackKey(key: string | undefined, action: Action): void {
    if (action === 'PUSH') {
      this.locationKeys = [...this.locationKeys.slice(0, this.currentLocationKeyIndex + 1), key];
      this.currentLocationKeyIndex = this.locationKeys.length - 1;
    } else if (action === 'POP') {
      this.currentLocationKeyIndex = this.locationKeys.indexOf(key);
    } else {
      this.locationKeys[this.currentLocationKeyIndex] = key;
    }
  }
}
