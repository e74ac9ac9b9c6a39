/**
 * The few alert fields the UI lists, read from an alert document. `kibana.*` fields are dotted
 * keys while copied event fields may be nested objects; getFieldValues reads either spelling.
 */
import type { AlertDocument } from '../../../../../common/alerts/alert_document';
import { assigneesOf, tagsOf } from '../../../../../common/alerts/alert_annotations';
import * as F from '../../../../../common/alerts/field_names';
import {
  isWorkflowStatus,
  type WorkflowStatus,
} from '../../../../../common/alerts/workflow_status';
import { getFieldValues } from '../../../../../common/es/document_fields';

export interface AlertSummaryRow {
  readonly id: string;
  /** When the rule raised the alert (the alert's `@timestamp`). */
  readonly timestamp: string | null;
  /** The source event's time. */
  readonly originalTime: string | null;
  readonly ruleId: string | null;
  readonly ruleName: string;
  readonly severity: string;
  readonly riskScore: number | null;
  /** Why the rule fired, in words (`kibana.alert.reason`). */
  readonly reason: string | null;
  readonly hostName: string | null;
  readonly userName: string | null;
  readonly commandLine: string | null;
  readonly containerId: string | null;
  readonly containerImage: string | null;
  readonly newTerms: readonly string[];
  readonly newTermsFields: readonly string[];
  readonly status: WorkflowStatus;
  readonly closingReason: string | null;
  /** How many other alerts suppression folded into this one; null when the alert is not suppressed. */
  readonly suppressedCount: number | null;
  /** The time of the last event folded in (`kibana.alert.suppression.end`). */
  readonly suppressionEnd: string | null;
  /** The fields the rule suppresses by (those of `kibana.alert.suppression.terms`). */
  readonly suppressionFields: readonly string[];
  /** `kibana.alert.workflow_tags`, in order. */
  readonly tags: readonly string[];
  /** `kibana.alert.workflow_assignee_ids`, in order. */
  readonly assignees: readonly string[];
}

/** One field the alerts were grouped by, with the alert's values of it; null when it is missing. */
export interface SuppressionTerm {
  readonly field: string;
  readonly values: readonly string[] | null;
}

/** What suppression did to an alert (Kibana's `kibana.alert.suppression.*` fields). */
export interface AlertSuppression {
  /** How many other alerts were folded into this one. */
  readonly docsCount: number;
  /** The first and last event times of the alerts folded together. */
  readonly start: string | null;
  readonly end: string | null;
  readonly terms: readonly SuppressionTerm[];
}

export const textField = (doc: unknown, field: string): string | null => {
  const value = getFieldValues(doc, field)[0];
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : null;
};

const numberField = (doc: unknown, field: string): number | null => {
  const value = getFieldValues(doc, field)[0];
  const parsed =
    typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(parsed) ? parsed : null;
};

/** Scalars as text; objects (a multi-field term) as JSON. */
export const termText = (term: unknown): string =>
  typeof term === 'object' && term !== null ? JSON.stringify(term) : String(term);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const termOf = (entry: Record<string, unknown>): SuppressionTerm | undefined => {
  if (typeof entry.field !== 'string') return undefined;
  const raw = entry.value;
  const values = (Array.isArray(raw) ? raw : [raw])
    .filter((value) => value !== null && value !== undefined)
    .map(termText);
  return { field: entry.field, values: values.length === 0 ? null : values };
};

/** The alert's suppression, or null when no suppressing rule raised it (no docs count). */
export const suppressionOf = (alert: AlertDocument): AlertSuppression | null => {
  const docsCount = numberField(alert, F.ALERT_SUPPRESSION_DOCS_COUNT);
  if (docsCount === null) return null;
  return {
    docsCount,
    start: textField(alert, F.ALERT_SUPPRESSION_START),
    end: textField(alert, F.ALERT_SUPPRESSION_END),
    terms: getFieldValues(alert, F.ALERT_SUPPRESSION_TERMS)
      .filter(isRecord)
      .flatMap((entry) => termOf(entry) ?? []),
  };
};

export const toAlertRow = (alert: AlertDocument): AlertSummaryRow => {
  const status = textField(alert, F.ALERT_WORKFLOW_STATUS);
  const suppression = suppressionOf(alert);
  return {
    id: textField(alert, F.ALERT_UUID) ?? '',
    timestamp: textField(alert, '@timestamp'),
    originalTime: textField(alert, F.ALERT_ORIGINAL_TIME),
    ruleId: textField(alert, F.ALERT_RULE_RULE_ID),
    ruleName: textField(alert, F.ALERT_RULE_NAME) ?? 'Unknown rule',
    severity: textField(alert, F.ALERT_SEVERITY) ?? 'unknown',
    riskScore: numberField(alert, F.ALERT_RISK_SCORE),
    reason: textField(alert, F.ALERT_REASON),
    hostName: textField(alert, 'host.name'),
    userName: textField(alert, 'user.name'),
    commandLine: textField(alert, 'process.command_line'),
    containerId: textField(alert, 'container.id'),
    containerImage: textField(alert, 'container.image.name'),
    newTerms: getFieldValues(alert, F.ALERT_NEW_TERMS).map(termText),
    newTermsFields: getFieldValues(alert, F.ALERT_NEW_TERMS_FIELDS).map(String),
    status: isWorkflowStatus(status) ? status : 'open',
    closingReason: textField(alert, F.ALERT_WORKFLOW_REASON),
    suppressedCount: suppression?.docsCount ?? null,
    suppressionEnd: suppression?.end ?? null,
    suppressionFields: suppression?.terms.map((term) => term.field) ?? [],
    tags: tagsOf(alert),
    assignees: assigneesOf(alert),
  };
};
