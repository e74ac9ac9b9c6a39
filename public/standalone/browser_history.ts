/**
 * The standalone app's history: `window.history` under a base path (`/app`), with `popstate` for
 * back/forward. App paths are relative to the base: `/rules/x` ⇄ `/app/rules/x`, `/` ⇄ `/app`.
 */
import type { AppHistory, AppLocation } from '../application/routing';
import { toLocation } from '../application/routing';

export interface BrowserHistoryOptions {
  /** Where the app lives, without trailing slash (e.g. `/app`). */
  readonly basePath: string;
  /** Defaults to the global `window`. */
  readonly window?: Window;
}

/** `/app/rules/x` → `/rules/x`; a path outside the base path maps to itself. */
export const stripBasePath = (basePath: string, pathname: string): string => {
  if (pathname === basePath) return '/';
  if (pathname.startsWith(`${basePath}/`)) return pathname.slice(basePath.length);
  return pathname;
};

export const createBrowserHistory = ({
  basePath,
  window: win = window,
}: BrowserHistoryOptions): AppHistory => {
  const base = basePath.replace(/\/+$/, '');
  const listeners = new Set<() => void>();
  let location: AppLocation = { pathname: '', search: '' };

  // Kept as one object between changes: React compares snapshots by identity.
  const readLocation = (): AppLocation => {
    const pathname = stripBasePath(base, win.location.pathname);
    const search = win.location.search;
    if (pathname !== location.pathname || search !== location.search)
      location = { pathname, search };
    return location;
  };
  const notify = () => {
    readLocation();
    for (const listener of [...listeners]) listener();
  };
  const createHref = ({ pathname, search = '' }: { pathname: string; search?: string }): string =>
    `${pathname === '/' || pathname === '' ? base || '/' : `${base}${pathname}`}${search}`;

  readLocation();
  return {
    get location() {
      return readLocation();
    },
    push(path: string) {
      win.history.pushState(null, '', createHref(toLocation(path)));
      notify();
    },
    listen(listener: () => void) {
      if (listeners.size === 0) win.addEventListener('popstate', notify);
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) win.removeEventListener('popstate', notify);
      };
    },
    createHref,
  };
};
