/**
 * The alert store over a real in-memory DuckDB: writes are idempotent by alert id, `existingIds`
 * answers the executor's duplicate check, and triage changes the workflow status.
 */
import type { AlertDocument } from '../../../common/alerts/alert_document';
import * as F from '../../../common/alerts/field_names';
import { EmbeddedStore } from './embedded_store';

const RULE_A = 'rule-uuid-a';
const RULE_B = 'rule-uuid-b';
const CREATED_AT = '2025-03-12T12:00:00.000Z';
const ANALYST = 'analyst@example.com';
const TRIAGED_AT = new Date('2025-03-12T13:00:00.000Z');

/** An alert document with the fields the store indexes; `originalTime` orders the list. */
const alertDoc = (
  id: string,
  originalTime: string,
  overrides: Record<string, unknown> = {}
): AlertDocument => ({
  '@timestamp': CREATED_AT,
  [F.ALERT_UUID]: id,
  [F.ALERT_RULE_UUID]: RULE_A,
  [F.ALERT_RULE_RULE_ID]: 'prebuilt-a',
  [F.ALERT_RULE_NAME]: 'Rule A',
  [F.ALERT_SEVERITY]: 'medium',
  [F.ALERT_RISK_SCORE]: 47,
  [F.ALERT_ORIGINAL_TIME]: originalTime,
  [F.ALERT_NEW_TERMS]: [`term-of-${id}`],
  [F.ALERT_WORKFLOW_STATUS]: 'open',
  'host.name': 'node-1',
  'container.id': 'c0ffee',
  ...overrides,
});

describe('DuckDbAlertStore', () => {
  let store: EmbeddedStore;
  beforeEach(async () => {
    store = await EmbeddedStore.open();
  });
  afterEach(() => store.close());

  const ids = async (ruleUuid?: string): Promise<string[]> =>
    (await store.alerts.list(ruleUuid)).map((alert) => alert.id);

  it('counts alerts per rule uuid, closed ones included', async () => {
    await store.alerts.create([
      alertDoc('a1', '2025-03-12T11:00:00.000Z'),
      alertDoc('a2', '2025-03-12T11:01:00.000Z', { [F.ALERT_WORKFLOW_STATUS]: 'closed' }),
      alertDoc('b1', '2025-03-12T11:02:00.000Z', { [F.ALERT_RULE_UUID]: RULE_B }),
    ]);
    expect(await store.alerts.countsByRule()).toEqual(
      new Map([
        [RULE_A, 2],
        [RULE_B, 1],
      ])
    );
  });

  it("counts only the alerts a filter keeps: the alerts page's open ones, a time range", async () => {
    await store.alerts.create([
      alertDoc('a1', '2025-03-12T11:00:00.000Z'),
      alertDoc('a2', '2025-03-12T11:01:00.000Z', { [F.ALERT_WORKFLOW_STATUS]: 'closed' }),
      alertDoc('a3', '2025-03-12T11:02:00.000Z', { [F.ALERT_WORKFLOW_STATUS]: 'acknowledged' }),
      alertDoc('b1', '2025-03-12T11:03:00.000Z', { [F.ALERT_RULE_UUID]: RULE_B }),
    ]);
    const createdAt = Date.parse(CREATED_AT);
    expect(await store.alerts.countsByRule({ statuses: ['open', 'acknowledged'] })).toEqual(
      new Map([
        [RULE_A, 2],
        [RULE_B, 1],
      ])
    );
    expect(await store.alerts.countsByRule({ range: { from: createdAt, to: createdAt } })).toEqual(
      new Map([
        [RULE_A, 3],
        [RULE_B, 1],
      ])
    );
    expect(await store.alerts.countsByRule({ range: { from: createdAt + 1 } })).toEqual(new Map());
  });

  describe('create', () => {
    it('stores new alerts and returns their ids', async () => {
      const created = await store.alerts.create([
        alertDoc('a1', '2025-03-12T11:00:00.000Z'),
        alertDoc('a2', '2025-03-12T11:01:00.000Z'),
      ]);
      expect(created).toEqual(['a1', 'a2']);
      expect(await store.alerts.count()).toBe(2);
    });

    it('is idempotent by id: a second create of the same id creates nothing and keeps the first document', async () => {
      await store.alerts.create([alertDoc('a1', '2025-03-12T11:00:00.000Z')]);
      const again = await store.alerts.create([
        alertDoc('a1', '2025-03-12T11:00:00.000Z', { [F.ALERT_SEVERITY]: 'critical' }),
        alertDoc('a2', '2025-03-12T11:05:00.000Z'),
      ]);
      expect(again).toEqual(['a2']);
      expect(await store.alerts.count()).toBe(2);
      expect((await store.alerts.get('a1'))?.document[F.ALERT_SEVERITY]).toBe('medium');
    });

    it('stores an id repeated inside one batch once', async () => {
      const created = await store.alerts.create([
        alertDoc('dup', '2025-03-12T11:00:00.000Z'),
        alertDoc('dup', '2025-03-12T11:00:00.000Z'),
      ]);
      expect(created).toEqual(['dup']);
      expect(await store.alerts.count()).toBe(1);
    });

    it('stores a whole batch in one statement, hostile strings and lone surrogates included', async () => {
      const hostile = `quote' "dq" back\\slash ; -- \u0000 nul, lone \ud800 surrogate`;
      const batch = Array.from({ length: 300 }, (_, i) =>
        alertDoc(`batch-${i}`, CREATED_AT, { 'host.name': `${hostile} ${i}` })
      );
      expect(await store.alerts.create(batch)).toEqual(batch.map((alert) => alert[F.ALERT_UUID]));
      const stored = await store.alerts.get('batch-7');
      expect(stored?.document['host.name']).toBe(`${hostile} 7`);
      const rows = await store.database.connection.runAndReadAll(
        `SELECT host_name FROM alerts WHERE id = 'batch-7'`
      );
      expect(rows.getRowObjects()[0]?.host_name).toBe(
        `quote' "dq" back\\slash ; -- \u0000 nul, lone \ufffd surrogate 7`
      );
    });

    it('does nothing for an empty batch', async () => {
      expect(await store.alerts.create([])).toEqual([]);
      expect(await store.alerts.count()).toBe(0);
    });

    it('keeps the whole document, byte for byte in JSON terms', async () => {
      const document = alertDoc('a1', '2025-03-12T11:00:00.000Z', {
        'process.args': ['bash', '-i'],
        'kibana.alert.reason': 'why',
      });
      await store.alerts.create([document]);
      const stored = await store.alerts.get('a1');
      expect(stored).toMatchObject({
        id: 'a1',
        workflowStatus: 'open',
        workflowReason: null,
        workflowUser: null,
        workflowStatusUpdatedAt: null,
      });
      expect(stored?.document).toEqual(document);
    });
  });

  describe('existingIds', () => {
    it('returns which of the given ids are stored', async () => {
      await store.alerts.create([
        alertDoc('a1', '2025-03-12T11:00:00.000Z'),
        alertDoc('a2', '2025-03-12T11:01:00.000Z'),
      ]);
      expect(await store.alerts.existingIds(['a2', 'missing', 'a1'])).toEqual(
        new Set(['a1', 'a2'])
      );
      expect(await store.alerts.existingIds(['missing'])).toEqual(new Set());
      expect(await store.alerts.existingIds([])).toEqual(new Set());
    });

    it('treats ids as data: quotes, commas and brackets do not break the lookup', async () => {
      const odd = `it's, "odd" ) OR 1=1 --`;
      await store.alerts.create([alertDoc(odd, '2025-03-12T11:00:00.000Z')]);
      expect(await store.alerts.existingIds([odd, 'a1'])).toEqual(new Set([odd]));
    });
  });

  describe('list and get', () => {
    it('lists alerts oldest source event first, ties by id, optionally for one rule only', async () => {
      await store.alerts.create([
        alertDoc('late', '2025-03-12T11:30:00.000Z'),
        alertDoc('b-tie', '2025-03-12T11:00:00.000Z', { [F.ALERT_RULE_UUID]: RULE_B }),
        alertDoc('a-tie', '2025-03-12T11:00:00.000Z'),
        alertDoc('early', '2025-03-12T10:00:00.000Z', { [F.ALERT_RULE_UUID]: RULE_B }),
      ]);
      expect(await ids()).toEqual(['early', 'a-tie', 'b-tie', 'late']);
      expect(await ids(RULE_A)).toEqual(['a-tie', 'late']);
      expect(await ids(RULE_B)).toEqual(['early', 'b-tie']);
      expect(await ids('no-such-rule')).toEqual([]);
    });

    it('get returns undefined for an unknown id', async () => {
      expect(await store.alerts.get('nope')).toBeUndefined();
    });
  });

  describe('setWorkflowStatus', () => {
    beforeEach(async () => {
      await store.alerts.create([
        alertDoc('a1', '2025-03-12T11:00:00.000Z'),
        alertDoc('a2', '2025-03-12T11:01:00.000Z'),
        alertDoc('a3', '2025-03-12T11:02:00.000Z'),
      ]);
    });

    it('acknowledges alerts, recording who and when, in the columns and the document', async () => {
      const changed = await store.alerts.setWorkflowStatus({
        ids: ['a1', 'a2'],
        status: 'acknowledged',
        user: ANALYST,
        at: TRIAGED_AT,
      });
      expect(changed).toBe(2);
      const a1 = await store.alerts.get('a1');
      expect(a1).toMatchObject({
        workflowStatus: 'acknowledged',
        workflowReason: null,
        workflowUser: ANALYST,
        workflowStatusUpdatedAt: TRIAGED_AT.getTime(),
      });
      expect(a1?.document).toMatchObject({
        [F.ALERT_WORKFLOW_STATUS]: 'acknowledged',
        [F.ALERT_WORKFLOW_USER]: ANALYST,
        [F.ALERT_WORKFLOW_STATUS_UPDATED_AT]: TRIAGED_AT.toISOString(),
      });
      expect(a1?.document).not.toHaveProperty([F.ALERT_WORKFLOW_REASON]);
      expect((await store.alerts.get('a3'))?.workflowStatus).toBe('open');
    });

    it('counts only the alerts whose status changes', async () => {
      await store.alerts.setWorkflowStatus({
        ids: ['a1'],
        status: 'acknowledged',
        user: ANALYST,
        at: TRIAGED_AT,
      });
      const update = {
        ids: ['a1', 'a2', 'unknown'],
        status: 'acknowledged',
        user: ANALYST,
        at: TRIAGED_AT,
      } as const;
      expect(await store.alerts.setWorkflowStatus(update)).toBe(1);
      expect(
        await store.alerts.setWorkflowStatus({
          ids: [],
          status: 'closed',
          user: ANALYST,
          at: TRIAGED_AT,
        })
      ).toBe(0);
    });

    it('closes with a reason, and reopening clears the reason', async () => {
      await store.alerts.setWorkflowStatus({
        ids: ['a1'],
        status: 'closed',
        reason: 'false_positive',
        user: ANALYST,
        at: TRIAGED_AT,
      });
      const closed = await store.alerts.get('a1');
      expect(closed).toMatchObject({ workflowStatus: 'closed', workflowReason: 'false_positive' });
      expect(closed?.document[F.ALERT_WORKFLOW_REASON]).toBe('false_positive');

      const reopenedAt = new Date(TRIAGED_AT.getTime() + 60_000);
      expect(
        await store.alerts.setWorkflowStatus({
          ids: ['a1'],
          status: 'open',
          user: 'lead',
          at: reopenedAt,
        })
      ).toBe(1);
      const reopened = await store.alerts.get('a1');
      expect(reopened).toMatchObject({
        workflowStatus: 'open',
        workflowReason: null,
        workflowUser: 'lead',
        workflowStatusUpdatedAt: reopenedAt.getTime(),
      });
      expect(reopened?.document).not.toHaveProperty([F.ALERT_WORKFLOW_REASON]);
    });

    it('ignores a closing reason for a status other than closed', async () => {
      await store.alerts.setWorkflowStatus({
        ids: ['a2'],
        status: 'acknowledged',
        reason: 'duplicate',
        user: ANALYST,
        at: TRIAGED_AT,
      });
      expect((await store.alerts.get('a2'))?.workflowReason).toBeNull();
    });

    it('keeps the triage state when the same alert is created again', async () => {
      await store.alerts.setWorkflowStatus({
        ids: ['a1'],
        status: 'closed',
        reason: 'duplicate',
        user: ANALYST,
        at: TRIAGED_AT,
      });
      expect(await store.alerts.create([alertDoc('a1', '2025-03-12T11:00:00.000Z')])).toEqual([]);
      expect((await store.alerts.get('a1'))?.workflowStatus).toBe('closed');
    });
  });
});
