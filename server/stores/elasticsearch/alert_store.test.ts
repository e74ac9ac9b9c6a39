/**
 * The Elasticsearch alert store against a real cluster: create is idempotent by id (within a batch,
 * across batches), `existingIds` answers the executor's duplicate check, the template maps the
 * triage fields, and workflow status changes by ids and by query.
 */
import type { Client } from '@elastic/elasticsearch';
import type { AlertDocument } from '../../../common/alerts/alert_document';
import * as F from '../../../common/alerts/field_names';
import { describeWithElasticsearch, esTestUrl } from '../../../test/elasticsearch/es_test_env';
import { EsAlertStore } from './alert_store';
import { createEsClient } from './es_client';

const RUN_ID = Date.now().toString(36);
const ANALYST = 'analyst@example.com';
const TRIAGED_AT = new Date('2025-03-12T13:00:00.000Z');

const alertDoc = (
  id: string,
  originalTime: string,
  overrides: Record<string, unknown> = {}
): AlertDocument => ({
  '@timestamp': '2025-03-12T12:00:00.000Z',
  [F.ALERT_UUID]: id,
  [F.ALERT_RULE_UUID]: 'rule-uuid-a',
  [F.ALERT_RULE_NAME]: 'Rule A',
  [F.ALERT_SEVERITY]: 'medium',
  [F.ALERT_RISK_SCORE]: 47,
  [F.ALERT_ORIGINAL_TIME]: originalTime,
  [F.ALERT_NEW_TERMS]: [`term-of-${id}`],
  [F.ALERT_WORKFLOW_STATUS]: 'open',
  [F.ALERT_RULE_PARAMETERS]: {
    query: 'process.name:*',
    from: 'now-9m',
    threat: [{ tactic: { id: 'TA0002' } }],
  },
  'host.name': 'node-1',
  ...overrides,
});

describeWithElasticsearch('EsAlertStore', () => {
  let client: Client;
  let store: EsAlertStore;
  let space = 0;

  beforeAll(() => {
    client = createEsClient({ url: esTestUrl() });
  });
  beforeEach(async () => {
    space++;
    store = await EsAlertStore.open(client, `test-${RUN_ID}-${space}`);
  });
  afterAll(async () => {
    await client.indices.delete({
      index: `ctd-alerts-test-${RUN_ID}-*`,
      ignore_unavailable: true,
      allow_no_indices: true,
    });
    await client.close();
  });

  const ids = async (): Promise<string[]> => (await store.list()).map((alert) => alert.id);

  it('creates alerts under their ids and lists them oldest source event first', async () => {
    expect(
      await store.create([
        alertDoc('a2', '2025-03-12T11:05:00.000Z'),
        alertDoc('a1', '2025-03-12T11:00:00.000Z'),
      ])
    ).toEqual(['a2', 'a1']);
    expect(await ids()).toEqual(['a1', 'a2']);
    expect((await store.get('a1'))?.document).toEqual(alertDoc('a1', '2025-03-12T11:00:00.000Z'));
  });

  it('never writes an id twice: not across calls (first document kept), not within one batch', async () => {
    await store.create([alertDoc('a1', '2025-03-12T11:00:00.000Z')]);
    const again = await store.create([
      alertDoc('a1', '2025-03-12T11:00:00.000Z', { [F.ALERT_SEVERITY]: 'critical' }),
      alertDoc('a3', '2025-03-12T11:09:00.000Z'),
      alertDoc('a3', '2025-03-12T11:09:00.000Z'),
    ]);
    expect(again).toEqual(['a3']);
    expect(await ids()).toEqual(['a1', 'a3']);
    expect((await store.get('a1'))?.document[F.ALERT_SEVERITY]).toBe('medium');
  });

  it('answers existingIds for stored ids only, including before the index exists', async () => {
    expect(await store.existingIds(['x'])).toEqual(new Set());
    await store.create([alertDoc('a1', '2025-03-12T11:00:00.000Z')]);
    expect(await store.existingIds(['a1', 'missing', 'quote"d'])).toEqual(new Set(['a1']));
  });

  it('maps the triage fields explicitly, rule parameters as flattened', async () => {
    await store.create([alertDoc('a1', '2025-03-12T11:00:00.000Z')]);
    const mapping = await client.indices.getFieldMapping({
      index: store.index,
      fields: [
        F.ALERT_WORKFLOW_STATUS,
        F.ALERT_ORIGINAL_TIME,
        F.ALERT_RISK_SCORE,
        F.ALERT_RULE_PARAMETERS,
      ],
    });
    const types = Object.fromEntries(
      Object.entries(Object.values(mapping)[0]?.mappings ?? {}).map(([field, value]) => [
        field,
        Object.values(value.mapping)[0]?.type,
      ])
    );
    expect(types).toEqual({
      [F.ALERT_WORKFLOW_STATUS]: 'keyword',
      [F.ALERT_ORIGINAL_TIME]: 'date',
      [F.ALERT_RISK_SCORE]: 'float',
      [F.ALERT_RULE_PARAMETERS]: 'flattened',
    });
  });

  it('changes the workflow status of the given ids, counting only alerts that change', async () => {
    await store.create([
      alertDoc('a1', '2025-03-12T11:00:00.000Z'),
      alertDoc('a2', '2025-03-12T11:01:00.000Z'),
    ]);
    const update = {
      status: 'closed' as const,
      reason: 'false_positive' as const,
      user: ANALYST,
      at: TRIAGED_AT,
    };
    expect(await store.setWorkflowStatus(['a1'], update)).toBe(1);
    expect(await store.setWorkflowStatus(['a1', 'a2'], update)).toBe(1);
    const closed = await store.get('a1');
    expect(closed?.workflowStatus).toBe('closed');
    expect(closed?.document).toMatchObject({
      [F.ALERT_WORKFLOW_REASON]: 'false_positive',
      [F.ALERT_WORKFLOW_USER]: ANALYST,
      [F.ALERT_WORKFLOW_STATUS_UPDATED_AT]: TRIAGED_AT.toISOString(),
    });
    expect(
      await store.setWorkflowStatus(['a1'], { status: 'open', user: ANALYST, at: TRIAGED_AT })
    ).toBe(1);
    expect((await store.get('a1'))?.document[F.ALERT_WORKFLOW_REASON]).toBeNull();
  });

  it('changes the workflow status of every alert a query selects', async () => {
    await store.create([
      alertDoc('a1', '2025-03-12T11:00:00.000Z', { 'host.name': 'node-1' }),
      alertDoc('a2', '2025-03-12T11:01:00.000Z', { 'host.name': 'node-2' }),
      alertDoc('a3', '2025-03-12T11:02:00.000Z', { 'host.name': 'node-2' }),
    ]);
    const changed = await store.setWorkflowStatusByQuery(
      { term: { 'host.name': 'node-2' } },
      { status: 'acknowledged', user: ANALYST, at: TRIAGED_AT }
    );
    expect(changed).toBe(2);
    expect((await store.list()).map((alert) => [alert.id, alert.workflowStatus])).toEqual([
      ['a1', 'open'],
      ['a2', 'acknowledged'],
      ['a3', 'acknowledged'],
    ]);
  });
});
