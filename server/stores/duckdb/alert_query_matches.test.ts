/**
 * The embedded store's KQL filter over a real in-memory DuckDB: matches are read in batches (the
 * last batch full or not), see the alert's current workflow fields rather than the stored ones,
 * keep the other filters, and SQL-looking values stay values.
 */
import type { AlertDocument } from '../../../common/alerts/alert_document';
import * as F from '../../../common/alerts/field_names';
import { compileAlertQuery } from '../../alerts/alert_query';
import { DuckDbAlertQueries } from './alert_queries';
import { matchingAlertIds } from './alert_query_matches';
import { EmbeddedStore } from './embedded_store';
import { ALERTS_TABLE } from './schema';
import { queryRows } from './sql_values';

const BASE = Date.parse('2025-03-12T12:00:00.000Z');
const MINUTE = 60_000;
const COUNT = 9;
const SQL_TEXT = "x' OR 1=1; DROP TABLE alerts; --";

const alertDoc = (i: number): AlertDocument => ({
  '@timestamp': new Date(BASE + i * MINUTE).toISOString(),
  [F.ALERT_UUID]: `alert-${i}`,
  [F.ALERT_RULE_UUID]: 'uuid-a',
  [F.ALERT_RULE_RULE_ID]: 'rule-a',
  [F.ALERT_RULE_NAME]: 'Rule A',
  [F.ALERT_SEVERITY]: i % 2 === 0 ? 'low' : 'high',
  [F.ALERT_RISK_SCORE]: 10 * i,
  [F.ALERT_ORIGINAL_TIME]: new Date(BASE + i * MINUTE).toISOString(),
  [F.ALERT_NEW_TERMS]: [`term-${i}`],
  [F.ALERT_WORKFLOW_STATUS]: 'open',
  host: { name: i === 4 ? SQL_TEXT : `node-${i % 3}` },
});

describe('KQL over alert documents in DuckDB', () => {
  let store: EmbeddedStore;
  let queries: DuckDbAlertQueries;

  beforeAll(async () => {
    store = await EmbeddedStore.open();
    await store.alerts.create(Array.from({ length: COUNT }, (_, i) => alertDoc(i)));
    queries = new DuckDbAlertQueries(store.database.connection);
  });
  afterAll(() => store.close());

  const ids = async (query: string): Promise<string[]> =>
    (
      await queries.search({
        filter: { query },
        page: 0,
        perPage: 100,
        sortField: '@timestamp',
        sortOrder: 'asc',
      })
    ).alerts.map((alert) => String(alert[F.ALERT_UUID]));

  it.each([1, 2, 3, COUNT, 100])('reads every match in batches of %d', async (batchSize) => {
    const matches = compileAlertQuery('kibana.alert.risk_score >= 20').matches;
    const where = { sql: 'TRUE', params: [] };
    const found = await matchingAlertIds(store.database.connection, where, matches, batchSize);
    expect(found).toEqual(Array.from({ length: COUNT - 2 }, (_, i) => `alert-${i + 2}`));
  });

  it('keeps the other filters', async () => {
    const matches = compileAlertQuery('host.name: node-1').matches;
    const where = { sql: 'severity = ?', params: ['high'] };
    expect(await matchingAlertIds(store.database.connection, where, matches)).toEqual([
      'alert-1',
      'alert-7',
    ]);
  });

  it('keeps SQL-looking values as values', async () => {
    expect(await ids(`host.name: "${SQL_TEXT}"`)).toEqual(['alert-4']);
    expect(await ids(`not host.name: "${SQL_TEXT}"`)).toHaveLength(COUNT - 1);
    const rows = await queryRows(
      store.database.connection,
      `SELECT count(*) AS n FROM ${ALERTS_TABLE}`
    );
    expect(Number(rows[0]?.n)).toBe(COUNT);
  });

  it('matches the current workflow fields, not the ones first stored', async () => {
    const at = new Date(BASE + 60 * MINUTE);
    const change = { status: 'closed', reason: 'duplicate', user: 'analyst', at } as const;
    expect(
      await queries.setWorkflowStatus({ filter: { query: 'host.name: node-2' } }, change)
    ).toBe(3);
    expect(await ids('kibana.alert.workflow_status: closed')).toEqual([
      'alert-2',
      'alert-5',
      'alert-8',
    ]);
    expect(await ids('kibana.alert.workflow_reason: duplicate and not host.name: node-5')).toEqual([
      'alert-2',
      'alert-5',
      'alert-8',
    ]);
    expect(await ids('kibana.alert.workflow_status: open and host.name: node-2')).toEqual([]);
  });

  it('narrows counts by rule, the histogram and the time span', async () => {
    const filter = { query: 'kibana.alert.severity: high' };
    expect(await store.alerts.countsByRule(filter)).toEqual(new Map([['uuid-a', 4]]));
    const buckets = await queries.histogram(filter, 60 * MINUTE);
    expect(buckets).toEqual([{ start: BASE, count: 4 }]);
    expect(await queries.timeSpan(filter)).toEqual({ from: BASE + MINUTE, to: BASE + 7 * MINUTE });
  });
});
