/**
 * The standalone server's API as the Chromium scenarios ask it beside the page: GET without a
 * body, POST with one (JSON, with the XSRF header the server requires). A non-2xx answer throws
 * with its status and body, so a scenario never reads an error as data.
 */
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
