/**
 * Realistic alerts in bulk for the alerts-API benchmark: each is what a seed rule would have raised
 * for one generated event (built by the executor's own `buildNewTermsAlert`, so documents carry the
 * whole source event and every kibana.alert.* field), spread over the 14 days of the sample data,
 * with a triage mix of open, acknowledged and closed alerts.
 */
import type { AlertDocument } from '../../common/alerts/alert_document';
import type { WorkflowStatus } from '../../common/alerts/workflow_status';
import { getFieldValues } from '../../common/es/document_fields';
import { buildNewTermsAlert } from '../../server/new_terms/build_alert';
import type { NewTermsRuleInstance } from '../../server/new_terms/rule_instance';
import type { TermValue } from '../../server/new_terms/types';
import { generateEvents, type EcsEvent } from '../../server/sample_data';

const INTERVAL_MS = 5 * 60_000;
const LOOKBACK_MS = 9 * 60_000;
const HISTORY_MS = 14 * 24 * 3_600_000;
/** The generator plans a few thousand events (warm-up, routine, planted) whatever the total. */
const MIN_GENERATED_EVENTS = 5_000;
const DEFAULT_INDEX = 'logs-endpoint.events.process-default';

/** 70% open, 20% acknowledged, 10% closed: a triage queue somebody works through. */
export const workflowStatusFor = (position: number): WorkflowStatus => {
  const tenth = position % 10;
  return tenth < 7 ? 'open' : tenth < 9 ? 'acknowledged' : 'closed';
};

export interface SyntheticAlert {
  readonly document: AlertDocument;
  readonly status: WorkflowStatus;
}

const text = (event: EcsEvent, field: string): string | undefined => {
  const value = getFieldValues(event, field)[0];
  return typeof value === 'string' ? value : undefined;
};

const termOf = (event: EcsEvent, fields: readonly string[]): TermValue[] =>
  fields.map((field) => {
    const value = getFieldValues(event, field)[0];
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? value
      : '';
  });

const indexOf = (event: EcsEvent): string => {
  const [type, dataset, namespace] = [
    'data_stream.type',
    'data_stream.dataset',
    'data_stream.namespace',
  ].map((field) => text(event, field));
  return type && dataset && namespace ? `${type}-${dataset}-${namespace}` : DEFAULT_INDEX;
};

/** `count` alerts, round-robin over `rules`, one per generated event, in event time order. */
export function* syntheticAlerts(
  count: number,
  rules: readonly NewTermsRuleInstance[]
): Generator<SyntheticAlert, void, undefined> {
  if (rules.length === 0) throw new RangeError('syntheticAlerts needs at least one rule');
  let position = 0;
  for (const event of generateEvents({ totalEvents: Math.max(count, MIN_GENERATED_EVENTS) })) {
    if (position >= count) return;
    const rule = rules[position % rules.length];
    if (rule === undefined) return;
    const timestamp = Date.parse(text(event, '@timestamp') ?? '');
    const startedAt = Math.ceil((timestamp + 1) / INTERVAL_MS) * INTERVAL_MS;
    const document = buildNewTermsAlert(
      {
        rule,
        executionId: `synthetic-${rule.uuid}-${startedAt}`,
        startedAt,
        window: { from: startedAt - LOOKBACK_MS, to: startedAt },
        historyStart: startedAt - HISTORY_MS,
      },
      {
        term: termOf(event, rule.definition.new_terms_fields),
        event: {
          index: indexOf(event),
          id: text(event, 'event.id') ?? `synthetic-${position}`,
          source: event,
          timestamp,
        },
        firstSeen: timestamp,
      }
    );
    yield { document, status: workflowStatusFor(position) };
    position++;
  }
}
