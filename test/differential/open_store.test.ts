/**
 * `openStore` gives either store behind one contract: the same NDJSON ingested through
 * `Store.ingest` gives the same summary (bad lines rejected at the same line numbers), replaying
 * the prebuilt rules through `Store.events` / `Store.alerts` raises the same alerts, and the alert
 * store answers the same per-rule counts and documents on DuckDB and on Elasticsearch.
 */
import type { Client } from '@elastic/elasticsearch';
import { ALERT_UUID } from '../../common/alerts/field_names';
import { OPEN_ALERT_STATUSES } from '../../common/alerts/open_alerts';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import type { IngestInput, IngestSummary } from '../../server/ingest/ingest_ndjson';
import { replayRule } from '../../server/replay/replay_schedule';
import { generateEvents } from '../../server/sample_data';
import { createEsClient } from '../../server/stores/elasticsearch/es_client';
import { openStore } from '../../server/stores/open_store';
import type { Store } from '../../server/stores/store_contract';
import { describeWithElasticsearch, esTestUrl } from '../elasticsearch/es_test_env';

const NAMESPACE = `openstore${Date.now().toString(36)}`;
const INDEX = `logs-endpoint.events.process-${NAMESPACE}`;
const BAD_LINES = new Map([
  [3, 'not json'],
  [500, '[1, 2]'],
  [1_200, '{"@timestamp": "2025-13-45T99:00:00Z"}'],
]);

/** Generated events in a namespace of their own, with bad lines at the line numbers above. */
const ndjson = (): string => {
  const lines = [...generateEvents({ totalEvents: 1_500, seed: 7 })].map((event) =>
    JSON.stringify({
      ...event,
      data_stream: { type: 'logs', dataset: 'endpoint.events.process', namespace: NAMESPACE },
    })
  );
  for (const [line, text] of BAD_LINES) lines.splice(line - 1, 0, text);
  return `${lines.join('\n')}\n`;
};

const inputOf = (text: string): IngestInput => {
  const bytes = new TextEncoder().encode(text);
  async function* chunks(): AsyncGenerator<Uint8Array> {
    // Uneven chunks, so lines straddle them.
    for (let at = 0; at < bytes.length; at += 65_537) yield bytes.subarray(at, at + 65_537);
  }
  return { name: 'events.ndjson', chunks: chunks(), totalBytes: bytes.length };
};

const withoutDuration = ({ durationMs: _ignored, ...rest }: IngestSummary): object => rest;

const replayPrebuilt = async (store: Store): Promise<string[]> => {
  const ids: string[] = [];
  for (const definition of PREBUILT_RULES) {
    const summary = await replayRule(
      store,
      {
        uuid: `open-store-${definition.rule_id}`,
        spaceId: NAMESPACE,
        definition: { ...definition, index: [INDEX] },
      },
      { warmup: 0 }
    );
    expect(summary.errors).toEqual([]);
    ids.push(...summary.alertIds);
  }
  return ids;
};

describeWithElasticsearch('openStore: one contract, both stores', () => {
  let client: Client;
  let embedded: Store;
  let elasticsearch: Store;

  beforeAll(async () => {
    client = createEsClient({ url: esTestUrl() });
    embedded = await openStore({ kind: 'embedded' });
    elasticsearch = await openStore({
      kind: 'elasticsearch',
      client: createEsClient({ url: esTestUrl() }),
      spaceId: NAMESPACE,
    });
  });

  afterAll(async () => {
    await embedded.close();
    await elasticsearch.close();
    await client.indices.delete({
      index: `*${NAMESPACE}*`,
      ignore_unavailable: true,
      allow_no_indices: true,
    });
    await client.close();
  });

  it('ingests the same file into the same summary, bad lines rejected at their line numbers', async () => {
    const text = ndjson();
    const fromEmbedded = await embedded.ingest([inputOf(text)]);
    const fromElasticsearch = await elasticsearch.ingest([inputOf(text)]);
    expect(withoutDuration(fromElasticsearch)).toEqual(withoutDuration(fromEmbedded));
    expect(fromEmbedded.stored).toBe(1_500);
    expect(fromEmbedded.rejected.map((rejection) => rejection.line)).toEqual([...BAD_LINES.keys()]);
  });

  it('raises the same alerts, and the alert stores count and list them alike', async () => {
    const embeddedIds = await replayPrebuilt(embedded);
    const elasticsearchIds = await replayPrebuilt(elasticsearch);
    expect(embeddedIds.length).toBeGreaterThan(0);
    expect(elasticsearchIds).toEqual(embeddedIds);

    const ruleIds = PREBUILT_RULES.map((rule) => rule.rule_id);
    const embeddedAlerts = await embedded.alerts.alertsOfRules(ruleIds);
    expect(await elasticsearch.alerts.alertsOfRules(ruleIds)).toEqual(embeddedAlerts);
    expect(embeddedAlerts).toHaveLength(embeddedIds.length);
    expect(await elasticsearch.alerts.alertsOfRules([PREBUILT_RULES[0]?.rule_id ?? ''])).toEqual(
      await embedded.alerts.alertsOfRules([PREBUILT_RULES[0]?.rule_id ?? ''])
    );

    const embeddedCounts = await embedded.alerts.countsByRule();
    expect(new Map(await elasticsearch.alerts.countsByRule())).toEqual(new Map(embeddedCounts));
    expect([...embeddedCounts.values()].reduce((sum, n) => sum + n, 0)).toBe(embeddedIds.length);
  });

  it("counts the same open alerts per rule: the alerts page's default view, closed ones left out", async () => {
    const ruleIds = PREBUILT_RULES.map((rule) => rule.rule_id);
    const [first] = await embedded.alerts.alertsOfRules(ruleIds);
    const closedId = first?.[ALERT_UUID];
    if (typeof closedId !== 'string') throw new Error('the replay raised no alert');
    const change = {
      status: 'closed',
      reason: 'duplicate',
      user: 'analyst',
      at: new Date(),
    } as const;
    expect(await embedded.alertQueries.setWorkflowStatus({ ids: [closedId] }, change)).toBe(1);
    expect(await elasticsearch.alertQueries.setWorkflowStatus({ ids: [closedId] }, change)).toBe(1);
    const all = await embedded.alerts.countsByRule();
    const open = await embedded.alerts.countsByRule({ statuses: OPEN_ALERT_STATUSES });
    expect(
      new Map(await elasticsearch.alerts.countsByRule({ statuses: OPEN_ALERT_STATUSES }))
    ).toEqual(new Map(open));
    const total = (counts: ReadonlyMap<string, number>): number =>
      [...counts.values()].reduce((sum, n) => sum + n, 0);
    expect(total(open)).toBe(total(all) - 1);
    const future = { range: { from: Date.now() + 86_400_000 } };
    expect(await embedded.alerts.countsByRule(future)).toEqual(new Map());
    expect(new Map(await elasticsearch.alerts.countsByRule(future))).toEqual(new Map());
  });

  it('keeps installed rules in the embedded store only', () => {
    expect(embedded.rules).toBeDefined();
    expect(elasticsearch.rules).toBeUndefined();
    expect(embedded.location).toBe(':memory:');
    expect(elasticsearch.location).toBe(`Elasticsearch at ${new URL(esTestUrl() ?? '').origin}`);
  });
});

describe('openStore for Elasticsearch', () => {
  it('asks nothing of the cluster until it is used', async () => {
    const unreachable = createEsClient({ url: 'http://127.0.0.1:1', requestTimeoutMs: 1_000 });
    const store = await openStore({ kind: 'elasticsearch', client: unreachable });
    try {
      await expect(store.alerts.existingIds(['x'])).rejects.toThrow();
    } finally {
      await store.close();
    }
  });
});
