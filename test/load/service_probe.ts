/**
 * Service time per route class, measured with one client and nothing else queued. Under the soak
 * every request waits behind the others (the embedded store serves one at a time), so its latency
 * is mostly queueing; probing before and after the load shows whether a request itself got
 * dearer as events and alerts accumulated.
 */
import { API_BASE_PATH } from '../../server/routes/api_types';
import type { LoadHttpClient, LoadRequest, RouteClass } from './load_http';

const PROBE_REPEATS = 7;
const DAY_MS = 86_400_000;

export type ProbedClass = Extract<RouteClass, 'search' | 'histogram' | 'detail' | 'rules'>;
export type ServiceTimes = Record<ProbedClass, number>;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

const probeRequests = (alertId: string): ReadonlyArray<readonly [ProbedClass, LoadRequest]> => {
  const histogram = new URLSearchParams({
    interval: '1h',
    from: String(Date.now() - DAY_MS),
    to: String(Date.now()),
  });
  return [
    ['search', { method: 'GET', path: `${API_BASE_PATH}/alerts?per_page=25` }],
    [
      'histogram',
      { method: 'GET', path: `${API_BASE_PATH}/alerts/_histogram?${histogram.toString()}` },
    ],
    ['detail', { method: 'GET', path: `${API_BASE_PATH}/alerts/${encodeURIComponent(alertId)}` }],
    ['rules', { method: 'GET', path: `${API_BASE_PATH}/rules` }],
  ];
};

/** Median milliseconds of each class over a few sequential requests; the median ignores a stray slow one. */
export const probeServiceTimes = async (
  client: LoadHttpClient,
  alertId: string
): Promise<ServiceTimes> => {
  const times: Partial<ServiceTimes> = {};
  for (const [routeClass, request] of probeRequests(alertId)) {
    const samples: number[] = [];
    for (let i = 0; i < PROBE_REPEATS; i++) {
      const started = performance.now();
      await client.request(routeClass, request);
      samples.push(performance.now() - started);
    }
    times[routeClass] = Number(median(samples).toFixed(1));
  }
  return { search: 0, histogram: 0, detail: 0, rules: 0, ...times };
};
