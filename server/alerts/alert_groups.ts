/**
 * Grouping of alerts by one field (the alerts page's "Group alerts by"), the parts both stores
 * share so that they answer alike:
 *
 * - an alert's values in a group field are what Elasticsearch indexes for it in the alerts index:
 *   every distinct keyword value (numbers and booleans as text), values longer than the mapping's
 *   `ignore_above` left out, a lone UTF-16 surrogate as U+FFFD (as in its UTF-8 terms). An alert with several values is in several groups, as in a `terms`
 *   aggregation; one with none is in the group without a value;
 * - groups with a value are ordered by count descending, then by value ascending in byte order
 *   (a `terms` aggregation's order); at most MAX_GROUP_VALUES of them are kept;
 * - the group without a value takes its place by count, after the groups of the same count.
 */
import type { AlertDocument } from '../../common/alerts/alert_document';
import {
  ALERT_GROUP_FIELDS,
  type AlertGroup,
  type AlertGroupField,
  type AlertGroupSeverityCount,
} from '../../common/api/alerts_api';
import type { FieldSpec } from '../../common/ecs/field_types';
import { getFieldValues } from '../../common/es/document_fields';
import { indexValueAs } from '../../common/es/value_coercion';
import { RULE_SEVERITIES } from '../../common/rules/rule_schema';
import type { AlertGroupsResult } from '../stores/store_contract';
import { wellFormedText } from '../unicode_text';

/** Groups with a value at most (Kibana's grouping reads at most 10,000 terms, `MAX_QUERY_SIZE`). */
export const MAX_GROUP_VALUES = 10_000;
/** The alerts index maps every group field as a keyword with this `ignore_above` (alerts_index.ts). */
export const GROUP_VALUE_IGNORE_ABOVE = 1024;
/** Severities as a group lists them: most severe first. */
export const GROUP_SEVERITY_ORDER: readonly string[] = [...RULE_SEVERITIES].reverse();

const keywordSpec = (field: AlertGroupField): FieldSpec => ({
  name: field,
  type: 'keyword',
  ignoreAbove: GROUP_VALUE_IGNORE_ABOVE,
});

/** The distinct values the alert is grouped under in `field`, in document order. */
export const alertGroupValues = (alert: AlertDocument, field: AlertGroupField): string[] => {
  const spec = keywordSpec(field);
  const values = new Set<string>();
  for (const raw of getFieldValues(alert, field)) {
    const value = indexValueAs(raw, 'keyword', spec);
    if (typeof value === 'string') values.add(wellFormedText(value));
  }
  return [...values];
};

/** The alert's values in every group field (the embedded store keeps this beside the alert). */
export const allGroupValues = (alert: AlertDocument): Record<AlertGroupField, string[]> =>
  Object.fromEntries(
    ALERT_GROUP_FIELDS.map((field) => [field, alertGroupValues(alert, field)])
  ) as Record<AlertGroupField, string[]>;

/** Per-severity counts in GROUP_SEVERITY_ORDER, zero counts left out. */
export const severityCounts = (countOf: (severity: string) => number): AlertGroupSeverityCount[] =>
  GROUP_SEVERITY_ORDER.map((severity) => ({ severity, count: countOf(severity) })).filter(
    (entry) => entry.count > 0
  );

/**
 * One page of the groups: `valued` already in order, capped at MAX_GROUP_VALUES, and the group
 * without a value (absent when every alert has one) placed after the groups at least as large.
 */
export const pageOfGroups = (
  valued: readonly AlertGroup[],
  missing: AlertGroup | undefined,
  page: number,
  perPage: number
): AlertGroupsResult => {
  const kept = valued.slice(0, MAX_GROUP_VALUES);
  const all =
    missing === undefined || missing.count === 0
      ? kept
      : (() => {
          const at = kept.findIndex((group) => group.count < missing.count);
          return at === -1
            ? [...kept, missing]
            : [...kept.slice(0, at), missing, ...kept.slice(at)];
        })();
  return { totalGroups: all.length, groups: all.slice(page * perPage, (page + 1) * perPage) };
};
