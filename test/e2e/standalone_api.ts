/**
 * The standalone server's API as the Chromium scenarios ask it beside the page: GET without a
 * body, POST with one (JSON, with the XSRF header the server requires). A non-2xx answer throws
 * with its status and body, so a scenario never reads an error as data.
 */
import type { AlertDocument } from '../../common/alerts/alert_document';
import * as F from '../../common/alerts/field_names';
import { API_BASE_PATH } from '../../server/routes/api_types';

export const callApi = async <T>(
  server: { readonly url: string },
  route: string,
  body?: unknown
): Promise<T> => {
  const response = await fetch(`${server.url}${API_BASE_PATH}${route}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', 'kbn-xsrf': 'true' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${route}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
};

/** Each alert of the rule as its new terms (joined) → workflow status, from the API. */
export const statusByNewTerm = async (
  server: { readonly url: string },
  ruleId: string
): Promise<Record<string, string>> => {
  const { alerts } = await callApi<{ alerts: AlertDocument[] }>(
    server,
    `/alerts?rule_id=${encodeURIComponent(ruleId)}&per_page=100&sort_field=original_time&sort_order=asc`
  );
  return Object.fromEntries(
    alerts.map((alert) => [
      (alert[F.ALERT_NEW_TERMS] as string[]).join(),
      String(alert[F.ALERT_WORKFLOW_STATUS]),
    ])
  );
};
