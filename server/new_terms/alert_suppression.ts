/**
 * Alert suppression for new_terms, as Kibana applies it (SEC/server/lib/detection_engine/
 * rule_types/new_terms/bulk_create_suppressed_alerts_in_memory.ts, wrap_suppressed_new_terms_alerts.ts,
 * utils/suppression_utils.ts and the rule registry's alertWithSuppression):
 * - the candidates are the new-term alerts of an execution (one per new term); newness itself is
 *   unchanged, so suppression never changes which terms alert, only how many alerts they make;
 * - a candidate's suppression terms are the values of `group_by` in its source event, an array as
 *   one sorted value, a missing field as null; its instance id hashes the terms with the rule;
 * - with `missing_fields_strategy: doNotSuppress` a candidate missing any group_by field is a plain
 *   alert;
 * - candidates of one instance fold into the earliest (by event time): `docs_count` counts the
 *   others, `suppression.end` is the latest event time;
 * - a stored alert of the instance, not closed and created within `duration` (or by this execution
 *   when there is none), takes the candidates in instead of a new alert; a candidate no later than
 *   such an alert's end, from another execution, was counted already and is dropped.
 */
import objectHash from 'object-hash';
import type { AlertDocument } from '../../common/alerts/alert_document';
import * as F from '../../common/alerts/field_names';
import { getFieldValues } from '../../common/es/document_fields';
import {
  DEFAULT_MISSING_FIELDS_STRATEGY,
  type AlertSuppression,
} from '../../common/rules/rule_schema';
import type { SuppressionTarget, SuppressionUpdate } from '../stores/store_contract';
import type { SourceEvent } from './types';

/** Kibana's MAX_SIGNALS_SUPPRESSION_MULTIPLIER: created plus suppressed alerts per execution. */
export const MAX_SIGNALS_SUPPRESSION_MULTIPLIER = 5;

export const SUPPRESSION_MAX_SIGNALS_WARNING =
  'This rule reached the maximum alert limit for the rule execution. Some alerts were not created or suppressed.';

const DURATION_UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000 } as const;

export type SuppressionValue = string | number | boolean;

export interface SuppressionTerm {
  readonly field: string;
  readonly value: readonly SuppressionValue[] | null;
}

const isScalar = (value: unknown): value is SuppressionValue =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** lodash `sortBy` on scalars: ascending, `<` within a type. */
const ascending = (a: SuppressionValue, b: SuppressionValue): number =>
  a < b ? -1 : a > b ? 1 : 0;

/** The group_by values of an event as Kibana's fields API gives them: leaves only, sorted. */
export const suppressionTermsOf = (
  source: Readonly<Record<string, unknown>>,
  groupBy: readonly string[]
): SuppressionTerm[] =>
  groupBy.map((field) => {
    const values = getFieldValues(source, field).filter(isScalar);
    return { field, value: values.length === 0 ? null : [...values].sort(ascending) };
  });

export const suppressionInstanceId = (
  terms: readonly SuppressionTerm[],
  ruleUuid: string,
  spaceId: string
): string =>
  objectHash([terms.map((term) => ({ field: term.field, value: term.value })), ruleUuid, spaceId]);

/** Start of the window in which a stored alert can still take candidates in, epoch ms. */
export const suppressionWindowStart = (
  suppression: AlertSuppression,
  startedAt: number,
  windowFrom: number
): number =>
  suppression.duration === undefined
    ? windowFrom
    : startedAt - suppression.duration.value * DURATION_UNIT_MS[suppression.duration.unit];

export interface SuppressionCandidate {
  readonly alert: AlertDocument;
  readonly instanceId: string;
  /** Event time (the rule's timestamp), epoch ms. */
  readonly time: number;
}

/** The candidate's alert with Kibana's suppression fields (docs_count 0, start = end = event time). */
export const suppressionCandidate = (
  alert: AlertDocument,
  event: SourceEvent,
  suppression: AlertSuppression,
  rule: { readonly uuid: string; readonly spaceId: string }
): SuppressionCandidate | undefined => {
  const terms = suppressionTermsOf(event.source, suppression.group_by);
  const strategy = suppression.missing_fields_strategy ?? DEFAULT_MISSING_FIELDS_STRATEGY;
  if (strategy === 'doNotSuppress' && terms.some((term) => term.value === null)) return undefined;
  const instanceId = suppressionInstanceId(terms, rule.uuid, rule.spaceId);
  const time = new Date(event.timestamp).toISOString();
  return {
    instanceId,
    time: event.timestamp,
    alert: {
      ...alert,
      [F.ALERT_INSTANCE_ID]: instanceId,
      [F.ALERT_SUPPRESSION_TERMS]: terms,
      [F.ALERT_SUPPRESSION_START]: time,
      [F.ALERT_SUPPRESSION_END]: time,
      [F.ALERT_SUPPRESSION_DOCS_COUNT]: 0,
    },
  };
};

export interface SuppressionPlan {
  /** New alerts, in candidate order, each with its folded count and end. */
  readonly created: readonly AlertDocument[];
  readonly updates: readonly SuppressionUpdate[];
  /** Candidates that became no alert of their own (folded in, or counted already). */
  readonly suppressed: number;
}

interface Group {
  readonly first: SuppressionCandidate;
  folded: number;
  end: number;
}

/** Kibana's in-memory pass: the earliest candidate of each instance takes the others in. */
const groupCandidates = (candidates: readonly SuppressionCandidate[]): Group[] => {
  const groups = new Map<string, Group>();
  const byTime = [...candidates].sort((a, b) => a.time - b.time);
  for (const candidate of byTime) {
    const group = groups.get(candidate.instanceId);
    if (group === undefined) {
      groups.set(candidate.instanceId, { first: candidate, folded: 0, end: candidate.time });
      continue;
    }
    group.folded += 1;
    group.end = Math.max(group.end, candidate.time);
  }
  return [...groups.values()];
};

export interface SuppressionPlanInput {
  readonly candidates: readonly SuppressionCandidate[];
  readonly targets: ReadonlyMap<string, SuppressionTarget>;
  readonly suppression: AlertSuppression;
  readonly executionId: string;
  /** The execution's start: `kibana.alert.last_detected` of the alerts it extends. */
  readonly startedAt: number;
}

/** What to write for the candidates of one bulk: new alerts and updates of stored ones. */
export const planSuppression = (input: SuppressionPlanInput): SuppressionPlan => {
  const { targets, executionId } = input;
  const counted = input.candidates.filter((candidate) => {
    const target = targets.get(candidate.instanceId);
    return !(
      target !== undefined &&
      target.executionUuid !== executionId &&
      target.suppressionEnd >= candidate.time
    );
  });
  const created: AlertDocument[] = [];
  const updates: SuppressionUpdate[] = [];
  for (const group of groupCandidates(counted)) {
    const target = targets.get(group.first.instanceId);
    const foldsIntoTarget =
      target !== undefined &&
      (input.suppression.duration !== undefined || target.executionUuid === executionId);
    if (target !== undefined && foldsIntoTarget) {
      // Kibana's getUpdatedSuppressionBoundaries: only an alert of this execution starts earlier.
      const earlier =
        target.executionUuid === executionId && group.first.time < target.suppressionStart;
      updates.push({
        id: target.id,
        docsCount: target.docsCount + group.folded + 1,
        ...(earlier ? { suppressionStart: new Date(group.first.time).toISOString() } : {}),
        suppressionEnd: new Date(Math.max(target.suppressionEnd, group.end)).toISOString(),
        lastDetected: new Date(input.startedAt).toISOString(),
      });
      continue;
    }
    created.push({
      ...group.first.alert,
      [F.ALERT_SUPPRESSION_DOCS_COUNT]: group.folded,
      [F.ALERT_SUPPRESSION_END]: new Date(group.end).toISOString(),
    });
  }
  return { created, updates, suppressed: input.candidates.length - created.length };
};
