/**
 * Reading alerts back from the `alerts` table: the columns that make up an alert as Elasticsearch
 * would return it, and the document built from them.
 */
import type { AlertDocument } from '../../../common/alerts/alert_document';
import * as F from '../../../common/alerts/field_names';
import { storedText } from '../stored_text';
import { toNumber, type Row } from './sql_values';

export const ALERT_COLUMNS = `id, workflow_status, workflow_reason, workflow_user,
  CAST(workflow_status_updated_at AS DOUBLE) AS updated_at, document`;

/**
 * The stored document with its current workflow fields. An alert never triaged is returned as
 * written; after a status change the status, user and time are the change's and the reason is the
 * closing reason or absent — what Elasticsearch's partial update leaves in `_source`.
 */
export const documentOf = (row: Row): AlertDocument => {
  const document = { ...(JSON.parse(String(row.document)) as Record<string, unknown>) };
  document[F.ALERT_WORKFLOW_STATUS] = String(row.workflow_status);
  if (row.updated_at === null) return document;
  document[F.ALERT_WORKFLOW_STATUS_UPDATED_AT] = new Date(toNumber(row.updated_at)).toISOString();
  if (row.workflow_user !== null) document[F.ALERT_WORKFLOW_USER] = storedText(row.workflow_user);
  if (row.workflow_reason === null) delete document[F.ALERT_WORKFLOW_REASON];
  else document[F.ALERT_WORKFLOW_REASON] = storedText(row.workflow_reason);
  return document;
};
