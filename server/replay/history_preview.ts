/**
 * What a change to a rule (its definition, or its exceptions) would have done to the stored
 * history: the rule's schedule is replayed over every stored event (as `ctd scan` does) for the
 * rule as it is and as it would be, into memory, and the two sets of alerts are compared by day of
 * the source event and by new term. Nothing is written to the store.
 */
import type { AlertDocument } from '../../common/alerts/alert_document';
import { ALERT_NEW_TERMS, ALERT_ORIGINAL_TIME, ALERT_UUID } from '../../common/alerts/field_names';
import {
  itemBelongsTo,
  type ExceptionList,
  type ExceptionListItem,
  type ExceptionSet,
} from '../../common/exceptions/exception_schema';
import type { HistoryPreview, PreviewTerm } from '../../common/api/preview_api';
import type { NewTermsRuleInstance } from '../new_terms/rule_instance';
import type { AlertSink, ReplayEventSource } from '../stores/store_contract';
import { replayRule } from './replay_schedule';

const DAY_MS = 86_400_000;

/** Keeps replayed alerts in memory, idempotent by id as the stores are. */
class MemoryAlertSink implements AlertSink {
  readonly alerts = new Map<string, AlertDocument>();

  async existingIds(ids: readonly string[]): Promise<ReadonlySet<string>> {
    return new Set(ids.filter((id) => this.alerts.has(id)));
  }

  async create(alerts: readonly AlertDocument[]): Promise<readonly string[]> {
    const created: string[] = [];
    for (const alert of alerts) {
      const id = String(alert[ALERT_UUID]);
      if (this.alerts.has(id)) continue;
      this.alerts.set(id, alert);
      created.push(id);
    }
    return created;
  }
}

const replayedAlerts = async (
  events: ReplayEventSource,
  rule: NewTermsRuleInstance,
  exceptions: ExceptionSet
): Promise<{ alerts: AlertDocument[]; warnings: readonly string[] }> => {
  const sink = new MemoryAlertSink();
  const summary = await replayRule({ events, alerts: sink }, rule, { exceptions });
  return { alerts: [...sink.alerts.values()], warnings: [...summary.warnings, ...summary.errors] };
};

const termOf = (alert: AlertDocument): string[] => {
  const terms = alert[ALERT_NEW_TERMS];
  return Array.isArray(terms) ? terms.map(String) : [String(terms)];
};

const dayOf = (alert: AlertDocument): string => {
  const time = Date.parse(String(alert[ALERT_ORIGINAL_TIME] ?? alert['@timestamp']));
  return new Date(Math.floor(time / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
};

const countBy = (alerts: readonly AlertDocument[], key: (alert: AlertDocument) => string) => {
  const counts = new Map<string, number>();
  for (const alert of alerts) counts.set(key(alert), (counts.get(key(alert)) ?? 0) + 1);
  return counts;
};

/** Terms raised on one side only, with how many alerts raised them there. */
const termsOnlyIn = (
  side: readonly AlertDocument[],
  other: readonly AlertDocument[]
): PreviewTerm[] => {
  const otherKeys = new Set(other.map((alert) => JSON.stringify(termOf(alert))));
  const counts = countBy(
    side.filter((alert) => !otherKeys.has(JSON.stringify(termOf(alert)))),
    (alert) => JSON.stringify(termOf(alert))
  );
  return [...counts].map(([key, alerts]) => ({ terms: JSON.parse(key) as string[], alerts }));
};

/** The proposed items placed in the rule's default list (an existing one, or a list to be made). */
const withProposedItems = (
  rule: NewTermsRuleInstance,
  stored: ExceptionSet,
  proposed: readonly ExceptionListItem[],
  newList: ExceptionList
): { rule: NewTermsRuleInstance; exceptions: ExceptionSet } => {
  const references = rule.definition.exceptions_list ?? [];
  const named = references.find(
    (reference) =>
      reference.type === 'rule_default' &&
      stored.lists.some((list) => itemBelongsTo(list, reference))
  );
  const target = named ?? {
    id: newList.id ?? newList.list_id,
    list_id: newList.list_id,
    type: newList.type,
    namespace_type: newList.namespace_type,
  };
  const items = proposed.map((item) => ({
    ...item,
    list_id: target.list_id,
    namespace_type: target.namespace_type,
  }));
  return {
    rule: {
      ...rule,
      definition: {
        ...rule.definition,
        exceptions_list: named
          ? references
          : [...references.filter((reference) => reference.type !== 'rule_default'), target],
      },
    },
    exceptions: {
      lists: named ? stored.lists : [...stored.lists, newList],
      items: [...stored.items, ...items],
    },
  };
};

export interface ReplayedRule {
  /** Undefined: no rule (a rule being created has no alerts before). */
  readonly rule: NewTermsRuleInstance | undefined;
  readonly exceptions: ExceptionSet;
}

/** The stored history replayed for two versions of a rule, compared by day and by term. */
export const compareReplays = async (
  events: ReplayEventSource,
  beforeRule: ReplayedRule,
  afterRule: ReplayedRule
): Promise<HistoryPreview> => {
  const none = { alerts: [], warnings: [] };
  const replay = ({ rule, exceptions }: ReplayedRule) =>
    rule === undefined ? Promise.resolve(none) : replayedAlerts(events, rule, exceptions);
  const before = await replay(beforeRule);
  const after = await replay(afterRule);
  const days = [...new Set([...before.alerts, ...after.alerts].map(dayOf))].sort();
  const beforeDays = countBy(before.alerts, dayOf);
  const afterDays = countBy(after.alerts, dayOf);
  return {
    before: before.alerts.length,
    after: after.alerts.length,
    per_day: days.map((day) => ({
      day,
      before: beforeDays.get(day) ?? 0,
      after: afterDays.get(day) ?? 0,
    })),
    removed_terms: termsOnlyIn(before.alerts, after.alerts),
    added_terms: termsOnlyIn(after.alerts, before.alerts),
    warnings: [...new Set([...before.warnings, ...after.warnings])],
  };
};

export const previewRuleExceptions = (
  events: ReplayEventSource,
  rule: NewTermsRuleInstance,
  stored: ExceptionSet,
  proposed: readonly ExceptionListItem[],
  newList: ExceptionList
): Promise<HistoryPreview> =>
  compareReplays(
    events,
    { rule, exceptions: stored },
    withProposedItems(rule, stored, proposed, newList)
  );
