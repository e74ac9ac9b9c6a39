/**
 * How widespread an alert's new term is: over every stored event of the rule's indices (all time,
 * the rule's query not applied), the events holding the term, the distinct hosts, containers and
 * container images among them, and when it was first and last seen by the rule's timestamp.
 */
import type { AlertDocument } from '../../common/alerts/alert_document';
import * as F from '../../common/alerts/field_names';
import {
  PREVALENCE_FIELDS,
  type PrevalenceField,
  type TermPrevalence,
} from '../../common/api/investigation_api';
import { getFieldValues } from '../../common/es/document_fields';
import type { KqlNode } from '../../common/kql/ast';
import type { NewTermsRuleDefinition } from '../../common/rules/rule_schema';
import { timestampSpecFor } from '../new_terms/run_new_terms_rule';
import type { EventLookups } from '../stores/store_contract';
import { exactly } from './alert_activity';

type TermPart = TermPrevalence['term'][number];

/** A term value as KQL compares it: the text of a number or boolean is parsed back by field type. */
const termText = (value: unknown): string | null =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : null;

/**
 * The alert's term: `kibana.alert.new_terms` holds one value per new-terms field, in the order
 * the alert records them (the rule's `new_terms_fields` when it does not). Null when they do not
 * pair up.
 */
export const termOf = (
  alert: AlertDocument,
  rule: NewTermsRuleDefinition | null
): TermPart[] | null => {
  const recorded = getFieldValues(alert, F.ALERT_NEW_TERMS_FIELDS);
  const fields = recorded.length > 0 ? recorded : (rule?.new_terms_fields ?? []);
  const values = getFieldValues(alert, F.ALERT_NEW_TERMS);
  if (fields.length === 0 || fields.length !== values.length) return null;
  const term: TermPart[] = [];
  for (const [i, field] of fields.entries()) {
    const value = termText(values[i]);
    if (typeof field !== 'string' || value === null) return null;
    term.push({ field, value });
  }
  return term;
};

/** Every part of the term, each an exact match: an event with an array field matches any element. */
const termQuery = (term: readonly TermPart[]): KqlNode =>
  term.length === 1 && term[0] !== undefined
    ? exactly(term[0].field, term[0].value)
    : { type: 'and', children: term.map((part) => exactly(part.field, part.value)) };

const noCounts = (): Record<PrevalenceField, number> =>
  Object.fromEntries(PREVALENCE_FIELDS.map((field) => [field, 0])) as Record<
    PrevalenceField,
    number
  >;

const isoOrNull = (ms: number | null): string | null =>
  ms === null || !Number.isFinite(ms) ? null : new Date(ms).toISOString();

export const termPrevalence = async (
  alert: AlertDocument,
  rule: NewTermsRuleDefinition | null,
  events: EventLookups
): Promise<TermPrevalence> => {
  const term = termOf(alert, rule);
  if (term === null || rule === null)
    return {
      term: term ?? [],
      events: 0,
      distinct: noCounts(),
      first_seen: null,
      last_seen: null,
    };
  const found = await events.fieldPrevalence({
    index: rule.index,
    query: termQuery(term),
    timestamp: timestampSpecFor(rule),
    countFields: PREVALENCE_FIELDS,
  });
  const distinct = noCounts();
  for (const field of PREVALENCE_FIELDS) distinct[field] = found.distinct[field] ?? 0;
  return {
    term,
    events: found.events,
    distinct,
    first_seen: isoOrNull(found.firstSeen),
    last_seen: isoOrNull(found.lastSeen),
  };
};
