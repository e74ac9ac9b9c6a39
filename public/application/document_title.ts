/**
 * The browser tab's title: the page, then the app. Inside Kibana it goes through
 * `chrome.docTitle` (which appends "Elastic"); standalone it is written to the document.
 */
import type { AppRoute } from './routing';

export interface DocumentTitle {
  /** Parts from the most specific (`['Alerts', 'Container Threat Detection']`). */
  change(parts: readonly string[]): void;
  /** The title the host had before the app. */
  reset(): void;
}

const TITLE_SEPARATOR = ' - ';

const PAGE_TITLES: Readonly<Record<AppRoute['page'], string>> = {
  rules: 'Rules',
  ruleDetails: 'Rule details',
  alerts: 'Alerts',
  investigation: 'Alert investigation',
  upload: 'Upload events',
  notFound: 'Page not found',
};

export const pageTitle = (route: AppRoute): string => PAGE_TITLES[route.page];

/** Standalone: the document's own title, restored on reset. */
export const browserDocumentTitle = (document: { title: string }): DocumentTitle => {
  const initial = document.title;
  return {
    change: (parts) => {
      document.title = parts.filter((part) => part.length > 0).join(TITLE_SEPARATOR);
    },
    reset: () => {
      document.title = initial;
    },
  };
};
