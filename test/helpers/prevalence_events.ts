/**
 * Events for the field prevalence tests of both stores: where `nc` ran — two containers of one
 * image on one host, a second host, and an event naming two hosts at once (a list column in the
 * embedded store); `sh` and `nc` in one event's `process.name` list; `bash` elsewhere, not counted.
 */
const MINUTE = 60_000;
export const PREVALENCE_BASE = Date.parse('2025-03-12T10:00:00.000Z');
const at = (minutes: number): number => PREVALENCE_BASE + minutes * MINUTE;
const iso = (ms: number): string => new Date(ms).toISOString();

export const PREVALENCE_COUNT_FIELDS = [
  'host.name',
  'container.id',
  'container.image.name',
  'no.such',
] as const;

export const prevalenceEvents = (namespace: string): Array<Record<string, unknown>> => {
  const event = (
    id: string,
    minute: number,
    name: string | string[],
    where: Record<string, unknown>,
    ingested?: number
  ): Record<string, unknown> => ({
    '@timestamp': iso(at(minute)),
    data_stream: { type: 'logs', dataset: 'endpoint.events.process', namespace },
    event: {
      id,
      category: ['process'],
      ...(ingested === undefined ? {} : { ingested: iso(ingested) }),
    },
    process: { name },
    ...where,
  });
  const inContainer = (host: string, container: string, image: string) => ({
    host: { name: host },
    container: { id: container, image: { name: image } },
  });
  return [
    event('s1', 0, 'nc', inContainer('h1', 'c1', 'img')),
    event('s2', 5, 'nc', inContainer('h1', 'c2', 'img'), at(8)),
    event('s3', 7, 'nc', { host: { name: ['h2', 'h3'] } }),
    event('s4', 6, ['sh', 'nc'], { host: { name: 'h2' } }),
    event('s5', 9, 'bash', inContainer('h4', 'c3', 'other')),
  ];
};

const NC_COUNTS = {
  events: 4,
  distinct: { 'host.name': 3, 'container.id': 2, 'container.image.name': 1, 'no.such': 0 },
  firstSeen: at(0),
};

/** What `process.name : "nc"` finds, placed by `@timestamp` and by `event.ingested` with the fallback. */
export const EXPECTED_NC_PREVALENCE = {
  byTimestamp: { ...NC_COUNTS, lastSeen: at(7) },
  byIngested: { ...NC_COUNTS, lastSeen: at(8) },
} as const;
