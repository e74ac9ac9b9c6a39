/**
 * Tags, assignees and notes in the embedded store: the document and the list columns change
 * together, and a change that fails leaves every alert as it was (one transaction).
 */
import type { AlertNote } from '../../../common/alerts/alert_annotations';
import * as F from '../../../common/alerts/field_names';
import { DuckDbAlertAnnotations } from './alert_annotations';
import { DuckDbAlertQueries } from './alert_queries';
import { EmbeddedStore } from './embedded_store';
import { ALERTS_TABLE } from './schema';
import { queryRows } from './sql_values';

const alert = (id: string) => ({
  '@timestamp': '2025-03-12T10:00:00.000Z',
  [F.ALERT_UUID]: id,
  [F.ALERT_RULE_UUID]: 'uuid-a',
  [F.ALERT_RULE_RULE_ID]: 'rule-a',
  [F.ALERT_RULE_NAME]: 'Rule a',
  [F.ALERT_SEVERITY]: 'low',
  [F.ALERT_RISK_SCORE]: 21,
  [F.ALERT_ORIGINAL_TIME]: '2025-03-12T09:59:00.000Z',
  [F.ALERT_WORKFLOW_STATUS]: 'open',
});

const note: AlertNote = {
  id: '00000000-0000-4000-8000-000000000001',
  text: 'first',
  author: 'ann',
  created_at: '2025-03-12T10:00:00.000Z',
};

describe('DuckDbAlertAnnotations', () => {
  let store: EmbeddedStore;
  let annotations: DuckDbAlertAnnotations;
  let queries: DuckDbAlertQueries;

  beforeAll(async () => {
    store = await EmbeddedStore.open();
    await store.alerts.create([alert('a1'), alert('a2')]);
    annotations = new DuckDbAlertAnnotations(store.database.connection);
    queries = new DuckDbAlertQueries(store.database.connection);
  });
  afterAll(() => store.close());

  it('writes the assignees column with the document', async () => {
    await annotations.updateWorkflowList(['a1', 'a2'], F.ALERT_WORKFLOW_ASSIGNEE_IDS, {
      add: ['ann'],
      remove: [],
    });
    const rows = await queryRows(
      store.database.connection,
      `SELECT id, workflow_assignee_ids FROM ${ALERTS_TABLE} ORDER BY id`
    );
    expect(rows.map((row) => row.workflow_assignee_ids)).toEqual(['["ann"]', '["ann"]']);
    expect((await queries.get('a2'))?.[F.ALERT_WORKFLOW_ASSIGNEE_IDS]).toEqual(['ann']);
  });

  it('rolls a failed notes edit back, and the next change still commits', async () => {
    await annotations.editNotes('a1', () => ({ notes: [note], result: true }));
    const failing = annotations.editNotes('a1', () => {
      throw new Error('edit failed');
    });
    await expect(failing).rejects.toThrow('edit failed');
    expect((await queries.get('a1'))?.[F.ALERT_NOTES]).toEqual([note]);
    await annotations.editNotes('a1', () => ({ notes: [], result: true }));
    expect((await queries.get('a1'))?.[F.ALERT_NOTES]).toEqual([]);
  });
});
