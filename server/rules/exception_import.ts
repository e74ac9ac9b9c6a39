/**
 * Storing the exception lists and items a rule file carries, as Kibana's rule import does with an
 * export's exception lines (`importExceptions`): lists first, then items; an existing list or item
 * is a conflict in Kibana's words unless overwriting, and an item needs its list (stored before, or
 * in the same file).
 */
import type { ExceptionFileEntry } from '../../common/exceptions/exception_file';
import { itemBelongsTo, type ExceptionListItem } from '../../common/exceptions/exception_schema';
import type { ExceptionImportOutcome, ExceptionStore } from '../stores/store_contract';

export interface ExceptionImportResult {
  /** 1-based line of the file (or position in the request's objects). */
  readonly line: number;
  readonly kind: 'exception_list' | 'exception_item';
  readonly id: string | null;
  readonly status: ExceptionImportOutcome | 'invalid';
  readonly messages: readonly string[];
}

// Kibana's import messages (lists plugin, import_exception_list_and_items / sort_import_responses).
export const listExistsMessage = (listId: string): string =>
  `Found that list_id: "${listId}" already exists. Import of list_id: "${listId}" skipped.`;
export const itemExistsMessage = (itemId: string): string =>
  `Found that item_id: "${itemId}" already exists. Import of item_id: "${itemId}" skipped.`;
export const listMissingMessage = (item: ExceptionListItem): string =>
  `exception list "${item.list_id}" (namespace ${item.namespace_type}) does not exist: import the list with its items`;

const invalidResult = (entry: ExceptionFileEntry & { kind: 'invalid' }): ExceptionImportResult => ({
  line: entry.line,
  kind: entry.error.startsWith('exception list item') ? 'exception_item' : 'exception_list',
  id: null,
  status: 'invalid',
  messages: [entry.error],
});

/** Stores every valid list, then every valid item; a result per exception line, in line order. */
export const importExceptionEntries = async (
  store: ExceptionStore,
  entries: readonly ExceptionFileEntry[],
  overwrite: boolean
): Promise<ExceptionImportResult[]> => {
  const results: ExceptionImportResult[] = [];
  for (const entry of entries) {
    if (entry.kind === 'invalid') results.push(invalidResult(entry));
    if (entry.kind !== 'list') continue;
    const status = await store.putList(entry.list, overwrite);
    results.push({
      line: entry.line,
      kind: 'exception_list',
      id: entry.list.list_id,
      status,
      messages: status === 'conflict' ? [listExistsMessage(entry.list.list_id)] : [],
    });
  }
  const { lists } = await store.all();
  for (const entry of entries) {
    if (entry.kind !== 'item') continue;
    const { item } = entry;
    const known = lists.some((list) => itemBelongsTo(item, list));
    const status = known ? await store.putItem(item, overwrite) : 'invalid';
    results.push({
      line: entry.line,
      kind: 'exception_item',
      id: item.item_id,
      status,
      messages:
        status === 'invalid'
          ? [listMissingMessage(item)]
          : status === 'conflict'
            ? [itemExistsMessage(item.item_id)]
            : [],
    });
  }
  return results.sort((a, b) => a.line - b.line);
};
