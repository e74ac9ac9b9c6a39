/**
 * Exception lists and items in Kibana's export NDJSON. Kibana writes one JSON object per line:
 * the list, then its items, then a summary line (Kibana: x-pack/solutions/security/plugins/lists/
 * server/routes/export_exception_list_route.ts and services/exception_lists/
 * export_exception_list_and_items.ts). A rules export (security_solution
 * .../rule_management/logic/export/get_export_all.ts) uses the same file for rules, their
 * exception lists and items, action connectors and one summary, so reading skips what is not a
 * list or an item and says why.
 */
import type { z } from 'zod';
import { exceptionList, exceptionListItem, itemBelongsTo } from './exception_schema';
import type { ExceptionList, ExceptionListItem } from './exception_schema';

/** One non-blank line of the file, with its 1-based line number. */
export type ExceptionFileEntry =
  | { readonly line: number; readonly kind: 'list'; readonly list: ExceptionList }
  | { readonly line: number; readonly kind: 'item'; readonly item: ExceptionListItem }
  | { readonly line: number; readonly kind: 'skipped'; readonly note: string }
  | { readonly line: number; readonly kind: 'invalid'; readonly error: string };

type JsonObject = Record<string, unknown>;

const LINE_BREAK = /\r?\n/;

/** Keys only the summary line has (rules export and exception-list export respectively). */
const SUMMARY_KEYS = ['exported_count', 'exported_exception_list_count'] as const;

export const SKIP_NOTES = {
  summary: 'export summary line',
  connector: 'action connector (saved object with "attributes")',
  rule: 'rule',
  other: 'neither an exception list nor an exception list item',
} as const;

const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const has = (object: JsonObject, key: string): boolean => Object.hasOwn(object, key);

/** zod's issues as one line a user can act on: `entries.0.value: No empty strings allowed`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return path === '' ? issue.message : `${path}: ${issue.message}`;
    })
    .join('; ');
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (thrown: unknown) {
    return { ok: false, error: thrown instanceof Error ? thrown.message : String(thrown) };
  }
}

function skipNote(object: JsonObject): string {
  if (SUMMARY_KEYS.some((key) => has(object, key))) return SKIP_NOTES.summary;
  if (has(object, 'attributes')) return SKIP_NOTES.connector;
  if (has(object, 'rule_id')) return SKIP_NOTES.rule;
  return SKIP_NOTES.other;
}

/** Classifies one parsed line. `item_id` decides first: items carry `list_id` too. */
export function toEntry(line: number, object: JsonObject): ExceptionFileEntry {
  if (has(object, 'item_id')) {
    const parsed = exceptionListItem.safeParse(object);
    return parsed.success
      ? { line, kind: 'item', item: parsed.data }
      : { line, kind: 'invalid', error: `exception list item: ${describeIssues(parsed.error)}` };
  }
  if (has(object, 'list_id') && !SUMMARY_KEYS.some((key) => has(object, key))) {
    const parsed = exceptionList.safeParse(object);
    return parsed.success
      ? { line, kind: 'list', list: parsed.data }
      : { line, kind: 'invalid', error: `exception list: ${describeIssues(parsed.error)}` };
  }
  return { line, kind: 'skipped', note: skipNote(object) };
}

function readLine(line: number, text: string): ExceptionFileEntry {
  const json = parseJson(text);
  if (!json.ok) return { line, kind: 'invalid', error: `not JSON: ${json.error}` };
  if (!isJsonObject(json.value)) return { line, kind: 'invalid', error: 'not a JSON object' };
  return toEntry(line, json.value);
}

/** Reads every non-blank line of an export; never throws, whatever the text holds. */
export function readExceptionFile(text: string): ExceptionFileEntry[] {
  const entries: ExceptionFileEntry[] = [];
  text.split(LINE_BREAK).forEach((lineText, index) => {
    if (lineText.trim() !== '') entries.push(readLine(index + 1, lineText));
  });
  return entries;
}

/** The lists and items of a read file, for callers that only want the good lines. */
export function collectExceptions(entries: readonly ExceptionFileEntry[]): {
  lists: ExceptionList[];
  items: ExceptionListItem[];
} {
  const lists: ExceptionList[] = [];
  const items: ExceptionListItem[] = [];
  for (const entry of entries) {
    if (entry.kind === 'list') lists.push(entry.list);
    if (entry.kind === 'item') items.push(entry.item);
  }
  return { lists, items };
}

/**
 * The summary line of an exception-list export. Kibana: getDefaultExportDetails in
 * security_solution .../rule_management/logic/export/get_export_rule_exceptions.ts and the
 * `exportDetails` of export_exception_list_and_items.ts (key order as Kibana writes it).
 */
export interface ExceptionExportDetails {
  readonly exported_exception_list_count: number;
  readonly exported_exception_list_item_count: number;
  readonly missing_exception_list_item_count: number;
  readonly missing_exception_list_items: readonly unknown[];
  readonly missing_exception_lists: readonly unknown[];
  readonly missing_exception_lists_count: number;
}

const exportDetails = (listCount: number, itemCount: number): ExceptionExportDetails => ({
  exported_exception_list_count: listCount,
  exported_exception_list_item_count: itemCount,
  missing_exception_list_item_count: 0,
  missing_exception_list_items: [],
  missing_exception_lists: [],
  missing_exception_lists_count: 0,
});

/**
 * Writes lists and items as Kibana's exception export does: each list followed by its items, one
 * JSON object per line, then the summary line; every line ends in `\n`. Items whose list is not
 * given are written after the last list (Kibana would not export them; import attaches them to
 * a list of that list_id if one exists).
 */
export function writeExceptionFile(
  lists: readonly ExceptionList[],
  items: readonly ExceptionListItem[]
): string {
  const written = new Set<ExceptionListItem>();
  const lines: string[] = [];
  for (const list of lists) {
    lines.push(JSON.stringify(list));
    for (const item of items.filter((candidate) => itemBelongsTo(candidate, list))) {
      if (!written.has(item)) lines.push(JSON.stringify(item));
      written.add(item);
    }
  }
  for (const item of items.filter((candidate) => !written.has(candidate))) {
    lines.push(JSON.stringify(item));
  }
  lines.push(JSON.stringify(exportDetails(lists.length, items.length)));
  return lines.map((line) => `${line}\n`).join('');
}
