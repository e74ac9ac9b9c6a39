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
} as const;

export const rulesPath = (): string => ROUTES.rules;
export const rulePath = (ruleId: string): string => `/rules/${encodeURIComponent(ruleId)}`;
export const alertsPath = (query?: Readonly<Record<string, string>>): string =>
  query && Object.keys(query).length > 0
    ? `/alerts?${new URLSearchParams(query).toString()}`
    : '/alerts';
/**
 * An alert's investigation page; `listQuery` is the alerts list the user came from (its filters,
 * range and page), kept so the page's way back returns to that same list.
 */
export const alertPath = (
  alertId: string,
  listQuery?: Readonly<Record<string, string>>
): string => {
  const path = `/alerts/${encodeURIComponent(alertId)}`;
  return listQuery && Object.keys(listQuery).length > 0
    ? `${path}?${new URLSearchParams(listQuery).toString()}`
    : path;
};

export interface AppNavigation {
  /** Goes to an app path (one of the helpers above). */
  navigate(path: string): void;
  /** An href for links (so they open in new tabs and are keyboard-reachable). */
  href(path: string): string;
  /** The query string of the current location, parsed. */
  readonly query: Readonly<Record<string, string>>;
}
