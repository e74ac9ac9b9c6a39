/**
 * Routing over a minimal history: the subset of Kibana's ScopedHistory (and of our standalone
 * browser history) the app needs. Paths are app-relative (`/`, `/rules/<id>`, `/alerts?…`); the
 * history adds the app's base path in `createHref` and when pushing.
 */
import { ROUTES, type AppNavigation } from './navigation';

export interface AppLocation {
  /** App-relative path, starting with `/`. */
  readonly pathname: string;
  /** Query string including its leading `?`, or empty. */
  readonly search: string;
}

/** What the app needs from a history (Kibana's ScopedHistory satisfies it structurally). */
export interface AppHistory {
  readonly location: AppLocation;
  push(path: string): void;
  /** Calls `listener` after every location change; returns the function that stops listening. */
  listen(listener: () => void): () => void;
  createHref(location: { pathname: string; search?: string }): string;
}

export type AppRoute =
  | { readonly page: 'rules' }
  | { readonly page: 'ruleDetails'; readonly ruleId: string }
  | { readonly page: 'alerts' }
  | { readonly page: 'investigation'; readonly alertId: string }
  | { readonly page: 'upload' }
  | { readonly page: 'notFound'; readonly pathname: string };

const segmentsOf = (path: string): string[] =>
  path.split('/').filter((segment) => segment.length > 0);

/** The route params of `pattern` (`/rules/:ruleId`) in `pathname`, or undefined when it does not match. */
export const matchPath = (
  pattern: string,
  pathname: string
): Record<string, string> | undefined => {
  const expected = segmentsOf(pattern);
  const actual = segmentsOf(pathname);
  if (expected.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of expected.entries()) {
    const value = actual[i] ?? '';
    if (segment.startsWith(':')) {
      try {
        params[segment.slice(1)] = decodeURIComponent(value);
      } catch {
        return undefined; // a malformed escape is not a valid id
      }
    } else if (segment !== value) {
      return undefined;
    }
  }
  return params;
};

/** The Rules page also answers at `/rules`, the parent of every rule's own page. */
const RULES_ALIAS = '/rules';

/** Which page an app-relative pathname shows. */
export const resolveRoute = (pathname: string): AppRoute => {
  if (matchPath(ROUTES.rules, pathname) || matchPath(RULES_ALIAS, pathname))
    return { page: 'rules' };
  if (matchPath(ROUTES.alerts, pathname)) return { page: 'alerts' };
  if (matchPath(ROUTES.upload, pathname)) return { page: 'upload' };
  const rule = matchPath(ROUTES.ruleDetails, pathname);
  if (rule?.ruleId !== undefined) return { page: 'ruleDetails', ruleId: rule.ruleId };
  const alert = matchPath(ROUTES.investigation, pathname);
  if (alert?.alertId !== undefined) return { page: 'investigation', alertId: alert.alertId };
  return { page: 'notFound', pathname };
};

/** Splits an app path such as `/alerts?rule_id=x` into the location parts a history expects. */
export const toLocation = (path: string): { pathname: string; search: string } => {
  const index = path.indexOf('?');
  return index === -1
    ? { pathname: path, search: '' }
    : { pathname: path.slice(0, index), search: path.slice(index) };
};

export const parseQuery = (search: string): Record<string, string> =>
  Object.fromEntries(new URLSearchParams(search).entries());

/** The navigation handle pages receive, for the history's current location. */
export const createNavigation = (history: AppHistory, search: string): AppNavigation => ({
  navigate: (path) => history.push(path),
  href: (path) => history.createHref(toLocation(path)),
  query: parseQuery(search),
});
