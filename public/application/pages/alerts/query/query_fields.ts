/**
 * The field names the search bar suggests: every field the alerts index maps, and the event
 * fields the Defend integration's process events carry into alerts. A name may be typed even when
 * it is not listed.
 */
import { ALERT_FIELD_SPECS } from '../../../../../common/alerts/alert_field_types';

const COPIED_EVENT_FIELDS = [
  'container.id',
  'container.image.name',
  'container.name',
  'event.action',
  'event.category',
  'event.type',
  'host.name',
  'host.os.type',
  'process.args',
  'process.command_line',
  'process.entry_leader.entry_meta.type',
  'process.executable',
  'process.interactive',
  'process.name',
  'process.parent.executable',
  'process.parent.name',
  'process.pid',
  'process.working_directory',
  'user.id',
  'user.name',
];

export const ALERT_QUERY_FIELDS: readonly string[] = [
  ...new Set([...ALERT_FIELD_SPECS.map((spec) => spec.name), ...COPIED_EVENT_FIELDS]),
].sort();

/** Most suggestions shown at once. */
export const MAX_FIELD_SUGGESTIONS = 10;

/** The field name being typed at the caret: the word before it, when no `:` or operator follows a field yet. */
export const fieldPrefixAt = (text: string, caret: number): { start: number; prefix: string } => {
  const before = text.slice(0, caret);
  const match = /[A-Za-z0-9_.@-]*$/.exec(before);
  const prefix = match?.[0] ?? '';
  const start = caret - prefix.length;
  // After `field:` or a range operator the word is a value, not a field.
  const inValue = /[:<>=]\s*$/.test(before.slice(0, start));
  return { start, prefix: inValue ? '' : prefix };
};

/**
 * Fields of `known` starting with the prefix (then those containing it), at most
 * MAX_FIELD_SUGGESTIONS. `known` is what the server lists (the stored alerts' fields), this
 * module's own list until it answers.
 */
export const suggestFields = (
  prefix: string,
  known: readonly string[] = ALERT_QUERY_FIELDS
): readonly string[] => {
  if (prefix === '') return [];
  const lower = prefix.toLowerCase();
  const starting = known.filter((field) => field.toLowerCase().startsWith(lower));
  const containing = known.filter(
    (field) => !field.toLowerCase().startsWith(lower) && field.toLowerCase().includes(lower)
  );
  return [...starting, ...containing]
    .filter((field) => field !== prefix)
    .slice(0, MAX_FIELD_SUGGESTIONS);
};

/** `text` with the field being typed replaced by `field: `, and where the caret goes. */
export const insertField = (
  text: string,
  caret: number,
  field: string
): { text: string; caret: number } => {
  const { start } = fieldPrefixAt(text, caret);
  const inserted = `${field}: `;
  return {
    text: `${text.slice(0, start)}${inserted}${text.slice(caret)}`,
    caret: start + inserted.length,
  };
};
