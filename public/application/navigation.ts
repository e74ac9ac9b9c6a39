/**
 * The app's routes (deep-linkable, relative to the app's base path) and the navigation handle
 * every page receives. Inside Kibana the history is the app's ScopedHistory; standalone it is the
 * browser's history.
 */
export const ROUTES = {
  rules: '/',
  ruleDetails: '/rules/:ruleId',
  alerts: '/alerts',
  investigation: '/alerts/:alertId',
  upload: '/upload',
} as const;

export const rulesPath = (): string => ROUTES.rules;
export const uploadPath = (): string => ROUTES.upload;
export const rulePath = (ruleId: string): string => `/rules/${encodeURIComponent(ruleId)}`;
/** `path` with `query` appended, or `path` alone when the query is empty. */
const withQuery = (path: string, query?: Readonly<Record<string, string>>): string =>
  query && Object.keys(query).length > 0
    ? `${path}?${new URLSearchParams(query).toString()}`
    : path;

export const alertsPath = (query?: Readonly<Record<string, string>>): string =>
  withQuery('/alerts', query);
/**
 * An alert's investigation page; `listQuery` is the alerts list the user came from (its filters,
 * range and page), kept so the page's way back returns to that same list.
 */
export const alertPath = (alertId: string, listQuery?: Readonly<Record<string, string>>): string =>
  withQuery(`/alerts/${encodeURIComponent(alertId)}`, listQuery);

export interface AppNavigation {
  /** Goes to an app path (one of the helpers above). */
  navigate(path: string): void;
  /** An href for links (so they open in new tabs and are keyboard-reachable). */
  href(path: string): string;
  /** The query string of the current location, parsed. */
  readonly query: Readonly<Record<string, string>>;
}
