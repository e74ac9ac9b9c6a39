/**
 * The few alert fields the UI lists, read from an alert document. `kibana.*` fields are dotted
 * keys while copied event fields may be nested objects; getFieldValues reads either spelling.
 */
import type { AlertDocument } from '../../../../../common/alerts/alert_document';
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
  readonly hostName: string | null;
  readonly containerId: string | null;
  readonly newTerms: readonly string[];
  readonly newTermsFields: readonly string[];
  readonly status: WorkflowStatus;
  readonly closingReason: string | null;
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

export const toAlertRow = (alert: AlertDocument): AlertSummaryRow => {
  const status = textField(alert, F.ALERT_WORKFLOW_STATUS);
  return {
    id: textField(alert, F.ALERT_UUID) ?? '',
    timestamp: textField(alert, '@timestamp'),
    originalTime: textField(alert, F.ALERT_ORIGINAL_TIME),
    ruleId: textField(alert, F.ALERT_RULE_RULE_ID),
    ruleName: textField(alert, F.ALERT_RULE_NAME) ?? 'Unknown rule',
    severity: textField(alert, F.ALERT_SEVERITY) ?? 'unknown',
    riskScore: numberField(alert, F.ALERT_RISK_SCORE),
    hostName: textField(alert, 'host.name'),
    containerId: textField(alert, 'container.id'),
    newTerms: getFieldValues(alert, F.ALERT_NEW_TERMS).map(termText),
    newTermsFields: getFieldValues(alert, F.ALERT_NEW_TERMS_FIELDS).map(String),
    status: isWorkflowStatus(status) ? status : 'open',
    closingReason: textField(alert, F.ALERT_WORKFLOW_REASON),
  };
};
