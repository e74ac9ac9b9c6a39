/**
 * Kibana's document title service (src/core/packages/chrome/browser-internal/src/doc_title/
 * doc_title_service.ts): the base title is the page's title when core started; `change` writes
 * the given parts, then the base title, without empty parts, joined by " - "; `reset` writes the
 * base title alone.
 */
import type { ChromeDocTitle } from '@kbn/core/public';

const TITLE_SEPARATOR = ' - ';

export const docTitle = (document: { title: string }): ChromeDocTitle => {
  const baseTitle = document.title;
  const apply = (parts: readonly string[]): void => {
    document.title = [...parts, baseTitle].filter((part) => part.length > 0).join(TITLE_SEPARATOR);
  };
  return {
    change: (newTitle) => apply(typeof newTitle === 'string' ? [newTitle] : newTitle),
    reset: () => apply([]),
  };
};
