/**
 * Filter pills: a field and a value the analyst filtered in or out from a cell, kept beside the
 * typed query and combined with it by AND. Values are written as quoted KQL phrases, so no
 * character of an event value (quotes, backslashes, `*`, `:`, parentheses) acts as syntax.
 */
export interface AlertPill {
  readonly field: string;
  readonly value: string;
  /** Filter out: the alerts without this value. */
  readonly negate: boolean;
}

/** A KQL quoted string holding exactly `value`: inside quotes only `\` and `"` are escaped. */
export const quoteKqlValue = (value: string): string =>
  `"${value.replace(/[\\"]/g, (char) => `\\${char}`)}"`;

/** Characters KQL reads as syntax in an unquoted field name, and whitespace. */
const FIELD_NAME_SPECIAL = /[\\():<>"*{}\s]/g;

/** A field name as KQL: special characters escaped (alert field names hold none in practice). */
export const kqlFieldName = (field: string): string =>
  field.replace(FIELD_NAME_SPECIAL, (char) => `\\${char}`);

export const pillToKql = (pill: AlertPill): string =>
  `${pill.negate ? 'NOT ' : ''}${kqlFieldName(pill.field)}: ${quoteKqlValue(pill.value)}`;

/** The typed query AND every pill; blank when there is neither. */
export const combinedQuery = (query: string, pills: readonly AlertPill[]): string => {
  const parts = [
    ...(query.trim() === '' ? [] : [`(${query})`]),
    ...pills.map((pill) => pillToKql(pill)),
  ];
  return parts.length === 1 && query.trim() !== '' ? query : parts.join(' and ');
};

const samePill = (a: AlertPill, b: AlertPill): boolean =>
  a.field === b.field && a.value === b.value;

/** Adds a pill; one for the same field and value is replaced (filtering in after out flips it). */
export const withPill = (pills: readonly AlertPill[], pill: AlertPill): AlertPill[] => [
  ...pills.filter((existing) => !samePill(existing, pill)),
  pill,
];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isPill = (value: unknown): value is AlertPill =>
  isRecord(value) &&
  typeof value.field === 'string' &&
  value.field !== '' &&
  typeof value.value === 'string' &&
  typeof value.negate === 'boolean';

/** Pills from their URL form (a JSON list); undefined when the text is not one. */
export const parsePills = (text: string): AlertPill[] | undefined => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || !parsed.every(isPill)) return undefined;
  return parsed.map(({ field, value, negate }) => ({ field, value, negate }));
};

export const formatPills = (pills: readonly AlertPill[]): string =>
  JSON.stringify(pills.map(({ field, value, negate }) => ({ field, value, negate })));
