/**
 * Turns a new term and the earliest event holding it into an alert document, field by field as
 * Security Solution builds a new_terms alert (docs/new_terms.md#alert-document):
 *
 * - the event's `_source`, cleaned as Kibana cleans it (`traverseAndMutateDoc` in
 *   SEC/server/lib/detection_engine/rule_types/factories/utils/traverse_and_mutate_doc.ts, and
 *   `transformHitToAlert` in …/factories/utils/transform_hit_to_alert.ts);
 * - the `kibana.alert.*` fields of `buildAlertFields` (…/factories/utils/build_alert.ts), plus
 *   `kibana.alert.new_terms` (NT/wrap_new_terms_alerts.ts) and the fields Kibana's persistence layer
 *   adds on write (rule_registry/server/utils/create_persistence_rule_type_wrapper.ts and
 *   get_common_alert_fields.ts);
 * - a few fields of ours under `container_threat_detection.new_terms.*` recording why it fired.
 *
 * Everything derives from the inputs (no clock, no random ids), so the same run over either store
 * produces the same document; where Kibana reads the clock we use the execution's start.
 */
import { isDeepStrictEqual } from 'node:util';
import * as F from '../../common/alerts/field_names';
import type { AlertDocument } from '../../common/alerts/alert_document';
import { isPlainObject } from '../../common/es/document_fields';
import { indexDate } from '../../common/es/date_values';
import { getPrebuiltRule } from '../../common/rules/catalog';
import type { NewTermsRuleDefinition } from '../../common/rules/rule_schema';
import { buildAlertId } from './alert_id';
import { buildNewTermsReason, getSourceValue } from './alert_reason';
import type { NewTermsRuleInstance } from './rule_instance';
import type { SourceEvent, TermTuple, TimeRange } from './types';

/** The rule type id this plugin registers with Kibana's alerting framework. */
export const NEW_TERMS_RULE_TYPE_ID = 'containerThreatDetection.newTerms';
export const ALERT_PRODUCER = 'containerThreatDetection';
/** Security Solution's new_terms rule type name (NT/create_new_terms_alert_type.ts `name`). */
export const NEW_TERMS_RULE_CATEGORY = 'New Terms Rule';
/** Security Solution's app id (`SERVER_APP_ID`), which `buildAlertFields` writes as the consumer. */
export const SECURITY_SOLUTION_CONSUMER = 'siem';
export const ALERT_STATUS_ACTIVE = 'active';
export const WORKFLOW_STATUS_OPEN = 'open';
/** `event.kind` of every detection alert. */
export const SIGNAL_EVENT_KIND = 'signal';
/** `kibana.alert.rule.execution.type` of a run that is not a manual (backfill) run. */
export const EXECUTION_TYPE_SCHEDULED = 'scheduled';
/** What Kibana writes for `created_by` / `updated_by` when the rule has no user (`?? ''`). */
const NO_USER = '';
/** A parent that is not an alert is an event at depth 0; an alert parent without a depth is at 1. */
const EVENT_DEPTH = 0;
const ALERT_PARENT_DEFAULT_DEPTH = 1;

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

type JsonObject = Record<string, unknown>;
type ReadonlyJsonObject = Readonly<JsonObject>;

const iso = (epochMs: number): string => new Date(epochMs).toISOString();

/** The object without its undefined entries: Kibana's undefined fields never reach the index. */
const definedEntries = (fields: JsonObject): JsonObject =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));

// ---------------------------------------------------------------------------------------------
// The source event, as Kibana copies it into the alert (traverse_and_mutate_doc.ts)

/** Top-level namespaces Kibana removes from the source (`bannedFields`), dotted or nested. */
const REMOVED_SOURCE_NAMESPACES: ReadonlySet<string> = new Set([
  'kibana',
  'signal',
  'threshold_result',
]);

/** Namespaces Kibana also copies elsewhere, leaf by leaf (`alertingNamespaceCopyMap`). */
const NAMESPACE_COPIES: ReadonlyMap<string, string> = new Map([
  ['event', F.ALERT_ORIGINAL_EVENT],
  ['data_stream', F.ALERT_ORIGINAL_DATA_STREAM],
]);

const EVENT_KIND = 'event.kind';
const TIMESTAMP = '@timestamp';

const namespaceOf = (key: string): string => key.split('.', 1)[0] ?? key;

/** Empty arrays and objects, after cleaning what they hold, are dropped as Kibana's traversal does. */
const isEmptyContainer = (value: unknown): boolean =>
  (Array.isArray(value) && value.length === 0) ||
  (isPlainObject(value) && Object.keys(value).length === 0);

const pruneValue = (value: unknown): unknown => {
  if (Array.isArray(value)) {
    return value.map(pruneValue).filter((item) => !isEmptyContainer(item));
  }
  return isPlainObject(value) ? pruneObject(value) : value;
};

const pruneObject = (object: ReadonlyJsonObject): JsonObject => {
  const pruned: JsonObject = {};
  for (const [key, value] of Object.entries(object)) {
    const kept = pruneValue(value);
    if (!isEmptyContainer(kept)) pruned[key] = kept;
  }
  return pruned;
};

/** The source without Kibana's removed namespaces and without empty arrays and objects. */
const cleanSource = (source: ReadonlyJsonObject): JsonObject => {
  const kept = Object.entries(source).filter(
    ([key]) => !REMOVED_SOURCE_NAMESPACES.has(namespaceOf(key))
  );
  return pruneObject(Object.fromEntries(kept));
};

/** Kibana's `flattenWithPrefix`: objects become dotted keys, arrays and scalars are leaves. */
const flattenInto = (prefix: string, value: unknown, out: JsonObject): void => {
  if (!isPlainObject(value)) {
    out[prefix] = value;
    return;
  }
  for (const [key, child] of Object.entries(value)) flattenInto(`${prefix}.${key}`, child, out);
};

/** `kibana.alert.original_event.*` and `kibana.alert.original_data_stream.*`, every leaf. */
const namespaceCopies = (source: ReadonlyJsonObject): JsonObject => {
  const copies: JsonObject = {};
  for (const [key, value] of Object.entries(source)) {
    const namespace = namespaceOf(key);
    const destination = NAMESPACE_COPIES.get(namespace);
    if (destination !== undefined) {
      flattenInto(`${destination}${key.slice(namespace.length)}`, value, copies);
    }
  }
  return copies;
};

/** The source without `event.kind` (dotted or nested): the alert's own kind is `signal`. */
const withoutEventKind = (source: JsonObject): JsonObject => {
  const { [EVENT_KIND]: _dottedKind, ...copy } = source;
  const event = copy.event;
  if (isPlainObject(event)) {
    const { kind: _kind, ...rest } = event;
    copy.event = rest;
  }
  return copy;
};

// ---------------------------------------------------------------------------------------------
// Parent and ancestors (build_alert.ts `buildParent` / `buildAncestors`, utils/utils.ts `getField`)

interface Ancestor {
  readonly id: string;
  readonly type: 'event' | 'signal';
  readonly index: string;
  readonly depth: number;
  readonly rule?: string;
}

const LEGACY_SIGNAL = 'signal';

/** A legacy (`signal.*`) alert keeps these fields elsewhere (utils/utils.ts `racFieldMappings`). */
const LEGACY_SIGNAL_FIELDS: ReadonlyMap<string, string> = new Map([
  [F.ALERT_DEPTH, 'signal.depth'],
  [F.ALERT_ANCESTORS, 'signal.ancestors'],
  [F.ALERT_RULE_UUID, 'signal.rule.id'],
]);

/** Kibana treats a source with `kibana.alert.uuid` (a dotted key) as an alert... */
const isDetectionAlert = (source: ReadonlyJsonObject): boolean => source[F.ALERT_UUID] != null;
/** ...and one with a `signal` object as a legacy alert. */
const isLegacySignal = (source: ReadonlyJsonObject): boolean => source[LEGACY_SIGNAL] != null;

/** A parent's own alert field, read where its kind of document keeps it (`getField`). */
const parentField = (source: ReadonlyJsonObject, alertField: string): unknown => {
  const legacy = !isDetectionAlert(source) && isLegacySignal(source);
  const path = legacy ? (LEGACY_SIGNAL_FIELDS.get(alertField) ?? alertField) : alertField;
  return getSourceValue(source, path);
};

const isAlertParent = (source: ReadonlyJsonObject): boolean =>
  isDetectionAlert(source) || isLegacySignal(source);

const buildParent = (event: SourceEvent): Ancestor => {
  const base = { id: event.id, index: event.index };
  if (!isAlertParent(event.source)) return { ...base, type: 'event', depth: EVENT_DEPTH };
  const depth = parentField(event.source, F.ALERT_DEPTH);
  const rule = parentField(event.source, F.ALERT_RULE_UUID);
  return {
    ...base,
    type: 'signal',
    depth: typeof depth === 'number' ? depth : ALERT_PARENT_DEFAULT_DEPTH,
    ...(typeof rule === 'string' && { rule }),
  };
};

/** The ancestors the parent already lists (an alert parent does), then the parent itself. */
const buildAncestors = (event: SourceEvent, parent: Ancestor): unknown[] => {
  const existing = parentField(event.source, F.ALERT_ANCESTORS);
  return [...(Array.isArray(existing) ? (existing as unknown[]) : []), parent];
};

// ---------------------------------------------------------------------------------------------
// Times

/**
 * `kibana.alert.original_time`: the source's `@timestamp` as a date field parses it, in ISO form
 * (Kibana: `getValidDateFromDoc` in rule_types/utils/utils.ts). Kibana leaves the field out when
 * `@timestamp` is missing or invalid; we fall back to the event's ordering time instead, since both
 * stores sort and index alerts by it.
 */
const originalTime = (event: SourceEvent): string => {
  const parsed = indexDate(event.source[TIMESTAMP]);
  return iso(parsed ?? event.timestamp);
};

// ---------------------------------------------------------------------------------------------
// The rule (build_alert.ts `buildAlertFields`, rule_management converters)

interface RuleOrigin {
  /** Kibana's `immutable`: the rule_id is one of the prebuilt rules. */
  readonly prebuilt: boolean;
  /** The definition no longer equals that prebuilt rule. */
  readonly customized: boolean;
}

/**
 * Kibana's `rule_source`: a prebuilt rule is external, customized or not, with the defaults of
 * create_default_external_rule_source.ts; a custom rule is internal
 * (create_default_internal_rule_source.ts, normalize_rule_source.ts).
 */
const ruleSource = ({ prebuilt, customized }: RuleOrigin): JsonObject =>
  prebuilt
    ? { type: 'external', is_customized: customized, customized_fields: [], has_base_version: true }
    : { type: 'internal' };

const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

/**
 * Kibana marks a rule prebuilt when its rule_id is one of the prebuilt assets, and customized when
 * it no longer equals that asset (calculate_rule_source.ts, calculate_is_customized.ts).
 */
const computeRuleOrigin = (definition: NewTermsRuleDefinition): RuleOrigin => {
  const asset = getPrebuiltRule(definition.rule_id);
  if (asset === undefined) return { prebuilt: false, customized: false };
  return { prebuilt: true, customized: !isDeepStrictEqual(asJson(asset), asJson(definition)) };
};

/** Per definition object: an execution builds many alerts from one definition. */
const ruleOrigins = new WeakMap<NewTermsRuleDefinition, RuleOrigin>();

const ruleOrigin = (definition: NewTermsRuleDefinition): RuleOrigin => {
  const known = ruleOrigins.get(definition);
  if (known !== undefined) return known;
  const origin = computeRuleOrigin(definition);
  ruleOrigins.set(definition, origin);
  return origin;
};

/**
 * Lists Kibana's API defaults to `[]` (apply_rule_defaults.ts `RULE_DEFAULTS`): the rule's exception
 * lists, and the risk score / severity mappings a new_terms definition here cannot hold.
 */
const listParameters = (definition: NewTermsRuleDefinition): JsonObject => ({
  exceptions_list: exceptionListsOf(definition),
  risk_score_mapping: [],
  severity_mapping: [],
});

const exceptionListsOf = (definition: NewTermsRuleDefinition): JsonObject[] =>
  (definition.exceptions_list ?? []).map((list) => ({ ...list }));

/**
 * `kibana.alert.rule.parameters`: the rule's params in snake_case as Kibana's
 * `commonParamsCamelToSnake` (without `output_index`) and `typeSpecificCamelToSnake` give them
 * (rule_management/logic/detection_rules_client/converters/). Parameters a new_terms definition
 * cannot hold (filters, data view, suppression, timeline, overrides, …) are undefined there too.
 */
const ruleParameters = (definition: NewTermsRuleDefinition): JsonObject => {
  const origin = ruleOrigin(definition);
  return definedEntries({
    description: definition.description,
    risk_score: definition.risk_score,
    severity: definition.severity,
    note: definition.note,
    license: definition.license,
    timestamp_override: definition.timestamp_override,
    timestamp_override_fallback_disabled: definition.timestamp_override_fallback_disabled,
    author: definition.author,
    false_positives: definition.false_positives,
    from: definition.from,
    rule_id: definition.rule_id,
    max_signals: definition.max_signals,
    threat: definition.threat,
    to: definition.to,
    references: definition.references,
    version: definition.version,
    ...listParameters(definition),
    immutable: origin.prebuilt,
    rule_source: ruleSource(origin),
    related_integrations: definition.related_integrations,
    required_fields: definition.required_fields,
    setup: definition.setup,
    type: definition.type,
    query: definition.query,
    new_terms_fields: definition.new_terms_fields,
    history_window_start: definition.history_window_start,
    index: definition.index,
    language: definition.language,
  });
};

/** The rule fields of `buildAlertFields` that come from the rule's params and config. */
const ruleDefinitionFields = (definition: NewTermsRuleDefinition): JsonObject =>
  definedEntries({
    [F.ALERT_RULE_PARAMETERS]: ruleParameters(definition),
    // Rule actions are Kibana's (none here); exception lists and mappings are not supported.
    [F.ALERT_RULE_ACTIONS]: [],
    [F.ALERT_RULE_AUTHOR]: definition.author,
    [F.ALERT_RULE_DESCRIPTION]: definition.description,
    [F.ALERT_RULE_EXCEPTIONS_LIST]: exceptionListsOf(definition),
    [F.ALERT_RULE_FALSE_POSITIVES]: definition.false_positives,
    [F.ALERT_RULE_FROM]: definition.from,
    [F.ALERT_RULE_IMMUTABLE]: ruleOrigin(definition).prebuilt,
    [F.ALERT_RULE_INTERVAL]: definition.interval,
    [F.ALERT_RULE_INDICES]: definition.index,
    [F.ALERT_RULE_LICENSE]: definition.license,
    [F.ALERT_RULE_MAX_SIGNALS]: definition.max_signals,
    [F.ALERT_RULE_NAME]: definition.name,
    [F.ALERT_RULE_NOTE]: definition.note,
    [F.ALERT_RULE_REFERENCES]: definition.references,
    [F.ALERT_RULE_RISK_SCORE_MAPPING]: [],
    [F.ALERT_RULE_RULE_ID]: definition.rule_id,
    [F.ALERT_RULE_SEVERITY_MAPPING]: [],
    [F.ALERT_RULE_TAGS]: definition.tags,
    [F.ALERT_RULE_THREAT]: definition.threat,
    [F.ALERT_RULE_TIMESTAMP_OVERRIDE]: definition.timestamp_override,
    [F.ALERT_RULE_TO]: definition.to,
    [F.ALERT_RULE_TYPE]: definition.type,
    [F.ALERT_RULE_VERSION]: definition.version,
    [F.ALERT_RULE_RISK_SCORE]: definition.risk_score,
    [F.ALERT_RULE_SEVERITY]: definition.severity,
  });

/**
 * The rule fields that describe the installed rule rather than its definition. We keep no rule
 * users, creation or update times, or revisions: `created_by`/`updated_by` are Kibana's value for
 * no user, the times and the revision are left out. An alert only comes from a running rule, and
 * Kibana only runs enabled ones.
 */
const ruleInstanceFields = (rule: NewTermsRuleInstance): JsonObject => ({
  [F.ALERT_RULE_UUID]: rule.uuid,
  [F.ALERT_RULE_ENABLED]: true,
  [F.ALERT_RULE_CREATED_BY]: NO_USER,
  [F.ALERT_RULE_UPDATED_BY]: NO_USER,
  [F.ALERT_RULE_CONSUMER]: SECURITY_SOLUTION_CONSUMER,
  // Written by the alerting framework from the registered rule type: ours, not Kibana's.
  [F.ALERT_RULE_CATEGORY]: NEW_TERMS_RULE_CATEGORY,
  [F.ALERT_RULE_PRODUCER]: ALERT_PRODUCER,
  [F.ALERT_RULE_TYPE_ID]: NEW_TERMS_RULE_TYPE_ID,
});

// ---------------------------------------------------------------------------------------------
// The alert

/** The `kibana.alert.*` fields that are not about the rule. */
const alertFields = (context: AlertBuildContext, input: NewTermAlertInput): JsonObject => {
  const { rule, startedAt, executionId } = context;
  const { definition } = rule;
  const { event, term } = input;
  const parent = buildParent(event);
  const executionTime = iso(startedAt);
  return {
    [TIMESTAMP]: executionTime,
    [EVENT_KIND]: SIGNAL_EVENT_KIND,
    [F.SPACE_IDS]: [rule.spaceId],
    [F.ALERT_UUID]: buildAlertId({
      index: event.index,
      id: event.id,
      spaceId: rule.spaceId,
      ruleUuid: rule.uuid,
      newTerms: term,
    }),
    [F.ALERT_STATUS]: ALERT_STATUS_ACTIVE,
    [F.ALERT_WORKFLOW_STATUS]: WORKFLOW_STATUS_OPEN,
    [F.ALERT_WORKFLOW_TAGS]: [],
    [F.ALERT_WORKFLOW_ASSIGNEE_IDS]: [],
    [F.ALERT_DEPTH]: parent.depth + 1,
    [F.ALERT_ANCESTORS]: buildAncestors(event, parent),
    [F.ALERT_ORIGINAL_TIME]: originalTime(event),
    [F.ALERT_REASON]: buildNewTermsReason(event.source, definition),
    [F.ALERT_SEVERITY]: definition.severity,
    [F.ALERT_RISK_SCORE]: definition.risk_score,
    [F.ALERT_NEW_TERMS]: [...term],
    [F.ALERT_START]: executionTime,
    [F.ALERT_LAST_DETECTED]: executionTime,
    [F.ALERT_INTENDED_TIMESTAMP]: executionTime,
    [F.ALERT_RULE_EXECUTION_UUID]: executionId,
    [F.ALERT_RULE_EXECUTION_TYPE]: EXECUTION_TYPE_SCHEDULED,
    [F.ALERT_RULE_EXECUTION_TIMESTAMP]: executionTime,
  };
};

/** Ours, outside Kibana's namespaces: why the alert fired. */
const extensionFields = (context: AlertBuildContext, input: NewTermAlertInput): JsonObject => ({
  [F.ALERT_NEW_TERMS_FIELDS]: [...context.rule.definition.new_terms_fields],
  [F.ALERT_TERM_FIRST_SEEN]: iso(input.firstSeen),
  [F.ALERT_WINDOW_START]: iso(context.window.from),
  [F.ALERT_WINDOW_END]: iso(context.window.to),
  [F.ALERT_HISTORY_START]: iso(context.historyStart),
});

export const buildNewTermsAlert = (
  context: AlertBuildContext,
  input: NewTermAlertInput
): AlertDocument => {
  const source = cleanSource(input.event.source);
  return {
    ...withoutEventKind(source),
    ...namespaceCopies(source),
    ...alertFields(context, input),
    ...ruleDefinitionFields(context.rule.definition),
    ...ruleInstanceFields(context.rule),
    ...extensionFields(context, input),
  };
};
