/**
 * Every alert of a filter, up to the export limit, read page by page through the alerts search
 * the table uses (`GET …/alerts`), in the table's sort. The store breaks sort ties by alert id,
 * so pages do not overlap; an alert seen twice (alerts changed between two pages) is kept once.
 */
import type { AlertDocument } from '../../../../../common/alerts/alert_document';
import * as F from '../../../../../common/alerts/field_names';
import { MAX_PER_PAGE } from '../../../../../common/api/request_bounds';
import type { AlertSearch, ApiClient } from '../../../api_client';
import { textField } from '../shared/alert_fields';

/** As Kibana's alerts table export: at most 10,000 alerts in one file. */
export const MAX_EXPORT_ALERTS = 10_000;
/** The largest page the search API answers. */
export const EXPORT_PAGE_SIZE = MAX_PER_PAGE;

export type ExportSearch = Omit<AlertSearch, 'page' | 'perPage'>;

export interface CollectOptions {
  readonly limit?: number;
  readonly pageSize?: number;
  /** After each page: alerts read so far, and how many will be read in all. */
  readonly onProgress?: (read: number, expected: number) => void;
  readonly signal?: AbortSignal;
}

export interface CollectedAlerts {
  readonly alerts: readonly AlertDocument[];
  /** How many alerts matched the filter when the export began; more than `alerts` when capped. */
  readonly total: number;
}

export const collectAlerts = async (
  api: ApiClient,
  search: ExportSearch,
  options: CollectOptions = {}
): Promise<CollectedAlerts> => {
  const limit = options.limit ?? MAX_EXPORT_ALERTS;
  const perPage = Math.min(options.pageSize ?? EXPORT_PAGE_SIZE, limit);
  const alerts: AlertDocument[] = [];
  const seen = new Set<string>();
  let total: number | undefined;
  for (let page = 0; alerts.length < limit; page++) {
    options.signal?.throwIfAborted();
    const answer = await api.searchAlerts({ ...search, page, perPage });
    total ??= answer.total;
    for (const alert of answer.alerts) {
      const id = textField(alert, F.ALERT_UUID) ?? JSON.stringify(alert);
      if (seen.has(id) || alerts.length >= limit) continue;
      seen.add(id);
      alerts.push(alert);
    }
    options.onProgress?.(alerts.length, Math.min(total, limit));
    if (answer.alerts.length < perPage || (page + 1) * perPage >= answer.total) break;
  }
  options.signal?.throwIfAborted();
  return { alerts, total: total ?? 0 };
};
