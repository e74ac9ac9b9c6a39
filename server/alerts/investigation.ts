/**
 * What the investigation page shows for one alert: why it fired (the new term, when it was first
 * seen, the history window that was searched and held no earlier occurrence), the source event,
 * its process ancestry, the first page of its container's (or session's, or host's) activity around
 * it (alert_activity.ts), and the rule for its guides.
 */
import type { Investigation } from '../../common/api/api_types';
import type { AlertDocument } from '../../common/alerts/alert_document';
import * as F from '../../common/alerts/field_names';
import { processAncestry } from '../../common/alerts/process_ancestry';
import { getFieldValues } from '../../common/es/document_fields';
import { getPrebuiltRule } from '../../common/rules/catalog';
import type { NewTermsRuleDefinition } from '../../common/rules/rule_schema';
import type { SourceEvent } from '../new_terms/types';
import type { EventLookups } from '../stores/store_contract';
import { alertActivity } from './alert_activity';

const text = (doc: AlertDocument, field: string): string | null => {
  const value = getFieldValues(doc, field)[0];
  return typeof value === 'string' ? value : null;
};

const list = (doc: AlertDocument, field: string): unknown[] => getFieldValues(doc, field);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The rule behind an alert. Standalone and Elasticsearch alerts snapshot the whole definition in
 * their parameters; in Kibana the framework writes the rule's own params there (`{ rule_id,
 * index? }` for a prebuilt rule), so the catalog supplies the definition and the params keep
 * their index override.
 */
export const ruleOf = (alert: AlertDocument): NewTermsRuleDefinition | null => {
  const snapshot = alert[F.ALERT_RULE_PARAMETERS];
  if (isRecord(snapshot) && 'new_terms_fields' in snapshot)
    return snapshot as NewTermsRuleDefinition;
  const ruleId =
    isRecord(snapshot) && typeof snapshot.rule_id === 'string'
      ? snapshot.rule_id
      : text(alert, F.ALERT_RULE_RULE_ID);
  const prebuilt = ruleId === null ? undefined : getPrebuiltRule(ruleId);
  if (prebuilt === undefined) return null;
  const index = isRecord(snapshot) ? snapshot.index : undefined;
  const overridden =
    Array.isArray(index) &&
    index.length > 0 &&
    index.every((pattern) => typeof pattern === 'string');
  return overridden ? { ...prebuilt, index } : prebuilt;
};

const sourceOf = async (
  alert: AlertDocument,
  events: EventLookups
): Promise<SourceEvent | null> => {
  const [ancestor] = list(alert, F.ALERT_ANCESTORS);
  if (typeof ancestor !== 'object' || ancestor === null) return null;
  const { index, id } = ancestor as { index?: unknown; id?: unknown };
  if (typeof index !== 'string' || typeof id !== 'string') return null;
  return (await events.getEvent(index, id)) ?? null;
};

const exceptionListsOf = (alert: AlertDocument): Investigation['why']['exception_lists'] =>
  list(alert, F.ALERT_RULE_EXCEPTIONS_LIST).flatMap((reference) =>
    typeof reference === 'object' && reference !== null && 'list_id' in reference
      ? [
          {
            list_id: String(reference.list_id),
            type: 'type' in reference ? String(reference.type) : 'detection',
            namespace_type:
              'namespace_type' in reference ? String(reference.namespace_type) : 'single',
          },
        ]
      : []
  );

export const buildInvestigation = async (
  alert: AlertDocument,
  events: EventLookups
): Promise<Investigation> => {
  const rule = ruleOf(alert);
  const sourceEvent = await sourceOf(alert, events);
  return {
    alert,
    why: {
      new_terms_fields: list(alert, F.ALERT_NEW_TERMS_FIELDS).map(String),
      new_terms: list(alert, F.ALERT_NEW_TERMS),
      first_seen: text(alert, F.ALERT_TERM_FIRST_SEEN),
      window_start: text(alert, F.ALERT_WINDOW_START),
      window_end: text(alert, F.ALERT_WINDOW_END),
      history_window_start: text(alert, F.ALERT_HISTORY_START),
      reason: text(alert, F.ALERT_REASON),
      exception_lists: exceptionListsOf(alert),
      excepted_now: null,
    },
    source_event: sourceEvent,
    ancestry: processAncestry(sourceEvent?.source ?? alert),
    related_events: await alertActivity(alert, rule, events),
    rule,
  };
};
