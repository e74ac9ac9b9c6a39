/** Test helper: an in-memory AppHistory (what Kibana's ScopedHistory or the browser history provide). */
import { toLocation, type AppHistory, type AppLocation } from '../../public/application/routing';

export interface MemoryHistory extends AppHistory {
  /** Every path pushed, in order. */
  readonly pushed: readonly string[];
}

export const createMemoryHistory = (initialPath = '/', basePath = '/app'): MemoryHistory => {
  let location: AppLocation = toLocation(initialPath);
  const listeners = new Set<() => void>();
  const pushed: string[] = [];
  return {
    get location() {
      return location;
    },
    pushed,
    push(path) {
      pushed.push(path);
      location = toLocation(path);
      for (const listener of [...listeners]) listener();
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    createHref: ({ pathname, search = '' }) => `${basePath}${pathname}${search}`,
  };
};
