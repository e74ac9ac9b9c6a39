/**
 * Differential test of tags, assignees and notes: the same alerts in the embedded DuckDB store and
 * in a real Elasticsearch go through the same tag, assignee and note operations (by ids, with ids
 * of no alert, values both held and new, notes added and deleted), and after each both stores must
 * count the same alerts and return the same documents, alone and in searches. The expected lists
 * are also spelled out here, so the two stores cannot agree on a wrong answer.
 */
import type { Client } from '@elastic/elasticsearch';
import type { AlertDocument } from '../../common/alerts/alert_document';
import type { AlertNote } from '../../common/alerts/alert_annotations';
import * as F from '../../common/alerts/field_names';
import { addNote, listNotes, removeNote } from '../../server/alerts/alert_note_edits';
import { DuckDbAlertQueries } from '../../server/stores/duckdb/alert_queries';
import { EmbeddedStore } from '../../server/stores/duckdb/embedded_store';
import { EsAlertQueries } from '../../server/stores/elasticsearch/alert_queries';
import { EsAlertStore } from '../../server/stores/elasticsearch/alert_store';
import { alertsIndexName } from '../../server/stores/elasticsearch/alerts_index';
import { createEsClient } from '../../server/stores/elasticsearch/es_client';
import type { AlertQueries } from '../../server/stores/store_contract';
import { describeWithElasticsearch, esTestUrl } from '../elasticsearch/es_test_env';

const SPACE = `annotations-${Date.now().toString(36)}`;
const BASE = Date.parse('2025-03-12T10:00:00.000Z');
const ALERT_COUNT = 6;
const MISSING = 'no-such-alert';

const buildAlert = (i: number): AlertDocument => ({
  '@timestamp': new Date(BASE + i * 60_000).toISOString(),
  [F.ALERT_UUID]: `annotated-${i}`,
  [F.ALERT_RULE_UUID]: 'rule-uuid-a',
  [F.ALERT_RULE_RULE_ID]: 'rule-a',
  [F.ALERT_RULE_NAME]: 'Rule A',
  [F.ALERT_SEVERITY]: i % 2 === 0 ? 'low' : 'high',
  [F.ALERT_RISK_SCORE]: 21,
  [F.ALERT_ORIGINAL_TIME]: new Date(BASE + i * 60_000 - 30_000).toISOString(),
  [F.ALERT_NEW_TERMS]: [`term-${i}`],
  [F.ALERT_WORKFLOW_STATUS]: 'open',
  host: { name: `node-${i % 3}` },
  // An alert imported with tags already (Kibana writes the field flat).
  ...(i === 5 ? { [F.ALERT_WORKFLOW_TAGS]: ['imported'] } : {}),
});

const ALERTS = Array.from({ length: ALERT_COUNT }, (_, i) => buildAlert(i));
const id = (i: number): string => `annotated-${i}`;
const IDS = ALERTS.map((_, i) => id(i));

const note = (n: number, author: string): AlertNote => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  text: n === 2 ? '<script>alert(1)</script>\nline two' : `note ${n}`,
  author,
  created_at: new Date(BASE + n * 3_600_000).toISOString(),
});

describeWithElasticsearch('tags, assignees and notes give identical alerts on both stores', () => {
  let client: Client;
  let embedded: EmbeddedStore;
  let duck: AlertQueries;
  let elastic: AlertQueries;

  const both = async <T>(operation: (alerts: AlertQueries) => Promise<T>): Promise<T> => {
    const expected = await operation(duck);
    expect(await operation(elastic)).toEqual(expected);
    return expected;
  };

  /** Every alert alone and in a search: the same documents on both stores. */
  const sameAlerts = async (): Promise<readonly AlertDocument[]> => {
    for (const alertId of IDS) await both((alerts) => alerts.get(alertId));
    const page = await both((alerts) =>
      alerts.search({
        filter: {},
        page: 0,
        perPage: 100,
        sortField: '@timestamp',
        sortOrder: 'asc',
      })
    );
    return page.alerts;
  };

  const field = (alerts: readonly AlertDocument[], name: string) =>
    alerts.map((alert) => alert[name]);

  beforeAll(async () => {
    client = createEsClient({ url: esTestUrl() });
    embedded = await EmbeddedStore.open();
    const esAlerts = await EsAlertStore.open(client, SPACE);
    expect(await embedded.alerts.create(ALERTS)).toHaveLength(ALERT_COUNT);
    expect(await esAlerts.create(ALERTS)).toHaveLength(ALERT_COUNT);
    duck = new DuckDbAlertQueries(embedded.database.connection);
    elastic = new EsAlertQueries(client, esAlerts.index);
  });

  afterAll(async () => {
    embedded?.close();
    await client.indices.delete({ index: alertsIndexName(SPACE), ignore_unavailable: true });
    await client.close();
  });

  it('tags alerts: added once each in order, removed, ids of no alert skipped', async () => {
    expect(
      await both((alerts) =>
        alerts.updateWorkflowList([id(0), id(1), id(5), MISSING], F.ALERT_WORKFLOW_TAGS, {
          add: ['c2', 'triage', 'c2'],
          remove: ['imported'],
        })
      )
    ).toBe(3);
    expect(
      await both((alerts) =>
        alerts.updateWorkflowList([id(1), id(2)], F.ALERT_WORKFLOW_TAGS, {
          add: ['escalated', 'triage'],
          remove: ['c2'],
        })
      )
    ).toBe(2);
    expect(
      await both((alerts) =>
        alerts.updateWorkflowList([id(3)], F.ALERT_WORKFLOW_TAGS, { add: [], remove: ['x'] })
      )
    ).toBe(1);
    expect(
      await both((alerts) =>
        alerts.updateWorkflowList([], F.ALERT_WORKFLOW_TAGS, { add: ['x'], remove: [] })
      )
    ).toBe(0);
    const alerts = await sameAlerts();
    expect(field(alerts, F.ALERT_WORKFLOW_TAGS)).toEqual([
      ['c2', 'triage'],
      ['triage', 'escalated'],
      ['escalated', 'triage'],
      [],
      undefined,
      ['c2', 'triage'],
    ]);
  });

  it('assigns and unassigns users', async () => {
    await both((alerts) =>
      alerts.updateWorkflowList([id(0), id(4)], F.ALERT_WORKFLOW_ASSIGNEE_IDS, {
        add: ['ann', 'bob'],
        remove: [],
      })
    );
    await both((alerts) =>
      alerts.updateWorkflowList([id(0), MISSING], F.ALERT_WORKFLOW_ASSIGNEE_IDS, {
        add: ['carol'],
        remove: ['ann'],
      })
    );
    const alerts = await sameAlerts();
    expect(field(alerts, F.ALERT_WORKFLOW_ASSIGNEE_IDS)).toEqual([
      ['bob', 'carol'],
      undefined,
      undefined,
      undefined,
      ['ann', 'bob'],
      undefined,
    ]);
  });

  it('adds, lists and deletes notes; an unknown alert or note changes nothing', async () => {
    for (const [n, author] of [
      [1, 'ann'],
      [2, 'bob'],
      [3, 'ann'],
    ] as const)
      expect(await both((alerts) => alerts.editNotes(id(1), addNote(note(n, author))))).toEqual({
        result: { added: note(n, author) },
      });
    await both((alerts) => alerts.editNotes(id(2), addNote(note(4, 'carol'))));
    expect(await both((alerts) => alerts.editNotes(id(1), removeNote(note(2, 'bob').id)))).toEqual({
      result: true,
    });
    expect(await both((alerts) => alerts.editNotes(id(1), removeNote(note(9, 'x').id)))).toEqual({
      result: false,
    });
    expect(
      await both((alerts) => alerts.editNotes(MISSING, addNote(note(5, 'x'))))
    ).toBeUndefined();
    expect(await both((alerts) => alerts.editNotes(id(1), listNotes))).toEqual({
      result: [note(1, 'ann'), note(3, 'ann')],
    });
    const alerts = await sameAlerts();
    expect(field(alerts, F.ALERT_NOTES)).toEqual([
      undefined,
      [note(1, 'ann'), note(3, 'ann')],
      [note(4, 'carol')],
      undefined,
      undefined,
      undefined,
    ]);
    // The tags and assignees set before are still there.
    expect(alerts[1]?.[F.ALERT_WORKFLOW_TAGS]).toEqual(['triage', 'escalated']);
  });

  it('keeps annotations through a status change', async () => {
    const change = {
      status: 'closed' as const,
      reason: 'duplicate' as const,
      user: 'dave',
      at: new Date(BASE),
    };
    expect(await both((alerts) => alerts.setWorkflowStatus({ ids: [id(0), id(1)] }, change))).toBe(
      2
    );
    const alerts = await sameAlerts();
    expect(alerts[0]).toMatchObject({
      [F.ALERT_WORKFLOW_STATUS]: 'closed',
      [F.ALERT_WORKFLOW_TAGS]: ['c2', 'triage'],
      [F.ALERT_WORKFLOW_ASSIGNEE_IDS]: ['bob', 'carol'],
    });
    expect(alerts[1]?.[F.ALERT_NOTES]).toEqual([note(1, 'ann'), note(3, 'ann')]);
  });
});
