/**
 * The investigation page's pivots on both stores over the same generated Defend events and the
 * alerts a replay of both prebuilt rules raised from them: each alert's activity (every window
 * the page offers, both orders, page after page), its new term's prevalence — the distinct hosts,
 * containers and images, which Elasticsearch counts with composite aggregations — and the other
 * alerts on its host, container and user must be identical on the embedded store and on
 * Elasticsearch. A routine term (on many hosts and containers) is checked beside the planted ones.
 */
import type { Client } from '@elastic/elasticsearch';
import type { AlertDocument } from '../../common/alerts/alert_document';
import * as F from '../../common/alerts/field_names';
import { ACTIVITY_WINDOWS } from '../../common/api/investigation_api';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import { alertActivity } from '../../server/alerts/alert_activity';
import { ruleOf } from '../../server/alerts/investigation';
import { relatedAlerts } from '../../server/alerts/related_alerts';
import { termPrevalence } from '../../server/alerts/term_prevalence';
import type { NewTermsRuleInstance } from '../../server/new_terms/rule_instance';
import { replayRule } from '../../server/replay/replay_schedule';
import { generateEvents } from '../../server/sample_data';
import { DuckDbAlertQueries } from '../../server/stores/duckdb/alert_queries';
import type { EmbeddedStore } from '../../server/stores/duckdb/embedded_store';
import { DuckDbEventLookups } from '../../server/stores/duckdb/event_lookups';
import { EsAlertQueries } from '../../server/stores/elasticsearch/alert_queries';
import { EsAlertStore } from '../../server/stores/elasticsearch/alert_store';
import { createEsClient } from '../../server/stores/elasticsearch/es_client';
import { EsEventLookups } from '../../server/stores/elasticsearch/event_lookups';
import type { AlertQueries, EventLookups } from '../../server/stores/store_contract';
import { describeWithElasticsearch, esTestUrl } from '../elasticsearch/es_test_env';
import { indexEventsForTest } from '../helpers/es_events';
import { memoryStoreWith } from '../helpers/memory_store';

const GENERATOR_OPTIONS = { totalEvents: 3_000, seed: 17 };
const NAMESPACE = `pivots${Date.now().toString(36)}`;
const INDEX = `logs-endpoint.events.process-${NAMESPACE}`;
const PER_PAGE = 10;
const PAGES = 3;
/** A shell the generator runs in containers every day: a term on many hosts and containers. */
const ROUTINE_TERM = 'bash';

const sampleEvents = (): Array<Record<string, unknown>> =>
  [...generateEvents(GENERATOR_OPTIONS)].map((event) => ({
    ...event,
    data_stream: { type: 'logs', dataset: 'endpoint.events.process', namespace: NAMESPACE },
  }));

const ruleInstances: NewTermsRuleInstance[] = PREBUILT_RULES.map((definition) => ({
  uuid: `pivots-${definition.rule_id}`,
  spaceId: NAMESPACE,
  definition: { ...definition, index: [INDEX] },
}));

interface Stores {
  readonly alerts: AlertQueries;
  readonly events: EventLookups;
}

const idOf = (alert: AlertDocument): string => String(alert[F.ALERT_UUID]);

describeWithElasticsearch('investigation pivots answer identically on both stores', () => {
  let client: Client;
  let embedded: EmbeddedStore;
  let duck: Stores;
  let elastic: Stores;
  let alerts: AlertDocument[];

  const both = async <T>(query: (stores: Stores) => Promise<T>): Promise<T> => {
    const expected = await query(duck);
    expect(await query(elastic)).toEqual(expected);
    return expected;
  };

  beforeAll(async () => {
    const events = sampleEvents();
    client = createEsClient({ url: esTestUrl() });
    embedded = await memoryStoreWith(events);
    await indexEventsForTest(client, events);
    for (const rule of ruleInstances) expect((await replayRule(embedded, rule)).errors).toEqual([]);
    alerts = (await embedded.alerts.list()).map((alert) => alert.document);
    const esAlerts = await EsAlertStore.open(client, NAMESPACE);
    expect(await esAlerts.create(alerts)).toHaveLength(alerts.length);
    duck = {
      alerts: new DuckDbAlertQueries(embedded.database.connection),
      events: new DuckDbEventLookups(embedded.database.connection, embedded.catalog),
    };
    elastic = {
      alerts: new EsAlertQueries(client, esAlerts.index),
      events: new EsEventLookups(client),
    };
  }, 300_000);

  afterAll(async () => {
    embedded?.close();
    await client.indices.delete({
      index: `*${NAMESPACE}*`,
      ignore_unavailable: true,
      allow_no_indices: true,
    });
    await client.close();
  });

  it('has alerts of both rules, in containers and on hosts', () => {
    const rules = new Set(alerts.map((alert) => alert[F.ALERT_RULE_RULE_ID]));
    expect(rules.size).toBe(PREBUILT_RULES.length);
  });

  it("gives each alert's term the same prevalence; the planted terms are rare", async () => {
    for (const alert of alerts) {
      const prevalence = await both((stores) =>
        termPrevalence(alert, ruleOf(alert), stores.events)
      );
      expect(prevalence.events).toBeGreaterThan(0);
      expect(prevalence.distinct['host.name']).toBeGreaterThan(0);
      expect(prevalence.first_seen).not.toBeNull();
    }
  });

  it('gives a routine term the same prevalence over many hosts, containers and images', async () => {
    const [alert] = alerts.filter(
      (found) => found[F.ALERT_RULE_RULE_ID] === PREBUILT_RULES[0]?.rule_id
    );
    if (alert === undefined) throw new Error('no alert of the interactive rule');
    const routine = { ...alert, [F.ALERT_NEW_TERMS]: [ROUTINE_TERM] };
    const prevalence = await both((stores) =>
      termPrevalence(routine, ruleOf(routine), stores.events)
    );
    expect(prevalence.distinct['host.name']).toBeGreaterThan(1);
    expect(prevalence.distinct['container.id']).toBeGreaterThan(1);
    expect(prevalence.distinct['container.image.name']).toBeGreaterThan(1);
  });

  it("pages through each alert's activity (its container's, else its session's) in every window and order alike", async () => {
    const scopes = new Set<string | null>();
    for (const alert of alerts) {
      for (const window of ACTIVITY_WINDOWS) {
        for (const sortOrder of ['asc', 'desc'] as const) {
          for (let page = 0; page < PAGES; page++) {
            const activity = await both((stores) =>
              alertActivity(alert, ruleOf(alert), stores.events, {
                window,
                page,
                perPage: PER_PAGE,
                sortOrder,
              })
            );
            scopes.add(activity.field);
            if ((page + 1) * PER_PAGE >= activity.total) break;
          }
        }
      }
    }
    // Interactive shells have a container; a privileged `docker run` on a host has its session.
    expect([...scopes].sort()).toEqual(['container.id', 'process.entry_leader.entity_id']);
  });

  it('finds the same other alerts on the host, container and user of each alert', async () => {
    let found = 0;
    for (const alert of alerts) {
      const related = await both((stores) => relatedAlerts(idOf(alert), alert, stores.alerts, 5));
      found += related.pivots.reduce((sum, pivot) => sum + pivot.total, 0);
    }
    expect(found).toBeGreaterThan(0);
  });
});
