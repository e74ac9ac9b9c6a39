/**
 * Turns a new term and the earliest event holding it into an alert document: the event's own
 * fields, then the `kibana.alert.*` fields Security Solution writes, then a few fields of ours
 * recording why it fired (docs/new_terms.md#alert-document). Everything derives from the inputs
 * (no clock, no random ids), so the same run over either store produces the same document.
 */
import * as F from '../../common/alerts/field_names';
import type { AlertDocument } from '../../common/alerts/alert_document';
import { getFieldValues } from '../../common/es/document_fields';
import type { NewTermsRuleDefinition } from '../../common/rules/rule_schema';
import { buildAlertId } from './alert_id';
import { buildNewTermsReason } from './alert_reason';
import type { NewTermsRuleInstance } from './rule_instance';
import type { SourceEvent, TermTuple, TimeRange } from './types';

/** The rule type id this plugin registers with Kibana's alerting framework. */
export const NEW_TERMS_RULE_TYPE_ID = 'containerThreatDetection.newTerms';
export const ALERT_PRODUCER = 'containerThreatDetection';
const ORIGINAL_EVENT_PREFIX = `${F.ALERT_ORIGINAL_EVENT}.`;
const EVENT_PREFIX = 'event.';

export interface AlertBuildContext {
  readonly rule: NewTermsRuleInstance;
  readonly executionId: string;
  /** Start of the execution that raised the alert, epoch ms: the alert's `@timestamp`. */
  readonly startedAt: number;
  readonly window: TimeRange;
  readonly historyStart: number;
}

export interface NewTermAlertInput {
  readonly term: TermTuple;
  readonly event: SourceEvent;
  readonly firstSeen: number;
}

const iso = (epochMs: number): string => new Date(epochMs).toISOString();

/** Copies the source without `event.kind` (nested or dotted): the alert's own kind is `signal`. */
const sourceWithoutEventKind = (
  source: Readonly<Record<string, unknown>>
): Record<string, unknown> => {
  const copy: Record<string, unknown> = { ...source };
  delete copy['event.kind'];
  const event = copy.event;
  if (event !== null && typeof event === 'object' && !Array.isArray(event)) {
    const { kind: _kind, ...rest } = event as Record<string, unknown>;
    copy.event = rest;
  }
  return copy;
};

/** `kibana.alert.original_event.<name>` for every `event.*` leaf the source had. */
const originalEventFields = (
  source: Readonly<Record<string, unknown>>
): Record<string, unknown> => {
  const fields: Record<string, unknown> = {};
  for (const name of ORIGINAL_EVENT_FIELDS) {
    const values = getFieldValues(source, `${EVENT_PREFIX}${name}`);
    if (values.length === 0) continue;
    fields[`${ORIGINAL_EVENT_PREFIX}${name}`] = values.length === 1 ? values[0] : values;
  }
  return fields;
};

/** ECS `event.*` fields Kibana copies into `kibana.alert.original_event`. */
const ORIGINAL_EVENT_FIELDS = [
  'action',
  'agent_id_status',
  'category',
  'code',
  'created',
  'dataset',
  'duration',
  'end',
  'hash',
  'id',
  'ingested',
  'kind',
  'module',
  'original',
  'outcome',
  'provider',
  'reason',
  'reference',
  'risk_score',
  'risk_score_norm',
  'sequence',
  'severity',
  'start',
  'timezone',
  'type',
  'url',
] as const;

/** The rule's parameters as Kibana snapshots them (`kibana.alert.rule.parameters`, snake_case). */
const ruleParameters = (definition: NewTermsRuleDefinition): Record<string, unknown> => ({
  type: definition.type,
  language: definition.language,
  index: definition.index,
  query: definition.query,
  new_terms_fields: definition.new_terms_fields,
  history_window_start: definition.history_window_start,
  from: definition.from,
  to: definition.to,
  max_signals: definition.max_signals,
  risk_score: definition.risk_score,
  severity: definition.severity,
  timestamp_override: definition.timestamp_override,
  timestamp_override_fallback_disabled: definition.timestamp_override_fallback_disabled,
  threat: definition.threat,
  setup: definition.setup,
  note: definition.note,
  required_fields: definition.required_fields,
  related_integrations: definition.related_integrations,
  references: definition.references,
  author: definition.author,
  license: definition.license,
  version: definition.version,
  rule_id: definition.rule_id,
});

const ruleSnapshot = (rule: NewTermsRuleInstance): Record<string, unknown> => {
  const { definition } = rule;
  return {
    [F.ALERT_RULE_UUID]: rule.uuid,
    [F.ALERT_RULE_RULE_ID]: definition.rule_id,
    [F.ALERT_RULE_NAME]: definition.name,
    [F.ALERT_RULE_TYPE]: definition.type,
    [F.ALERT_RULE_PARAMETERS]: ruleParameters(definition),
    [F.ALERT_RULE_THREAT]: definition.threat,
    'kibana.alert.rule.description': definition.description,
    'kibana.alert.rule.severity': definition.severity,
    'kibana.alert.rule.risk_score': definition.risk_score,
    'kibana.alert.rule.tags': definition.tags,
    'kibana.alert.rule.from': definition.from,
    'kibana.alert.rule.to': definition.to,
    'kibana.alert.rule.interval': definition.interval,
    'kibana.alert.rule.max_signals': definition.max_signals,
    'kibana.alert.rule.indices': definition.index,
    'kibana.alert.rule.author': definition.author,
    'kibana.alert.rule.license': definition.license,
    'kibana.alert.rule.references': definition.references,
    'kibana.alert.rule.version': definition.version,
    'kibana.alert.rule.timestamp_override': definition.timestamp_override,
    'kibana.alert.rule.immutable': true,
    'kibana.alert.rule.category': 'New Terms Rule',
    'kibana.alert.rule.consumer': 'siem',
    'kibana.alert.rule.producer': ALERT_PRODUCER,
    'kibana.alert.rule.rule_type_id': NEW_TERMS_RULE_TYPE_ID,
  };
};

export const buildNewTermsAlert = (
  context: AlertBuildContext,
  input: NewTermAlertInput
): AlertDocument => {
  const { rule, startedAt, window, historyStart, executionId } = context;
  const { definition } = rule;
  const { event, term, firstSeen } = input;
  const id = buildAlertId({
    index: event.index,
    id: event.id,
    spaceId: rule.spaceId,
    ruleUuid: rule.uuid,
    newTerms: term,
  });
  const originalTime = getFieldValues(event.source, '@timestamp')[0];
  const executionTime = iso(startedAt);
  return {
    ...sourceWithoutEventKind(event.source),
    '@timestamp': executionTime,
    'event.kind': 'signal',
    [F.SPACE_IDS]: [rule.spaceId],
    [F.ALERT_UUID]: id,
    [F.ALERT_STATUS]: 'active',
    [F.ALERT_WORKFLOW_STATUS]: 'open',
    [F.ALERT_WORKFLOW_TAGS]: [],
    [F.ALERT_WORKFLOW_ASSIGNEE_IDS]: [],
    [F.ALERT_DEPTH]: 1,
    [F.ALERT_ANCESTORS]: [{ id: event.id, type: 'event', index: event.index, depth: 0 }],
    [F.ALERT_ORIGINAL_TIME]: typeof originalTime === 'string' ? originalTime : iso(event.timestamp),
    ...originalEventFields(event.source),
    [F.ALERT_REASON]: buildNewTermsReason(event.source, definition, term),
    [F.ALERT_SEVERITY]: definition.severity,
    [F.ALERT_RISK_SCORE]: definition.risk_score,
    [F.ALERT_NEW_TERMS]: [...term],
    [F.ALERT_START]: executionTime,
    [F.ALERT_LAST_DETECTED]: executionTime,
    [F.ALERT_INTENDED_TIMESTAMP]: executionTime,
    [F.ALERT_RULE_EXECUTION_UUID]: executionId,
    [F.ALERT_RULE_EXECUTION_TYPE]: 'scheduled',
    [F.ALERT_RULE_EXECUTION_TIMESTAMP]: executionTime,
    ...ruleSnapshot(rule),
    [F.ALERT_NEW_TERMS_FIELDS]: [...definition.new_terms_fields],
    [F.ALERT_TERM_FIRST_SEEN]: iso(firstSeen),
    [F.ALERT_WINDOW_START]: iso(window.from),
    [F.ALERT_WINDOW_END]: iso(window.to),
    [F.ALERT_HISTORY_START]: iso(historyStart),
  };
};
