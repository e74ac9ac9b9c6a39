/**
 * Tags and notes on a real cluster when writers race: each change is applied to the version it
 * read, so concurrent changes of the same alerts all land; and an alias over two indices is
 * updated in each alert's own index.
 */
import type { Client } from '@elastic/elasticsearch';
import type { AlertNote } from '../../../common/alerts/alert_annotations';
import * as F from '../../../common/alerts/field_names';
import { describeWithElasticsearch, esTestUrl } from '../../../test/elasticsearch/es_test_env';
import { addNote } from '../../alerts/alert_note_edits';
import { EsAlertAnnotations } from './alert_annotations';
import { EsAlertQueries } from './alert_queries';
import { createEsClient } from './es_client';

const RUN_ID = Date.now().toString(36);
const INDEX_A = `annotations-race-a-${RUN_ID}`;
const INDEX_B = `annotations-race-b-${RUN_ID}`;
const ALIAS = `annotations-race-${RUN_ID}`;
const WRITERS = 6;

const note = (n: number): AlertNote => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  text: `note ${n}`,
  author: `writer-${n}`,
  created_at: '2025-03-12T10:00:00.000Z',
});

describeWithElasticsearch('EsAlertAnnotations', () => {
  let client: Client;

  beforeAll(async () => {
    client = createEsClient({ url: esTestUrl() });
    for (const [index, id] of [
      [INDEX_A, 'race-1'],
      [INDEX_B, 'race-2'],
    ] as const) {
      await client.index({
        index,
        id,
        document: { [F.ALERT_UUID]: id, [F.ALERT_WORKFLOW_STATUS]: 'open' },
        refresh: 'wait_for',
      });
      await client.indices.putAlias({ index, name: ALIAS });
    }
  });

  afterAll(async () => {
    await client.indices.delete({ index: [INDEX_A, INDEX_B], ignore_unavailable: true });
    await client.close();
  });

  it('lands every one of concurrent tag changes, on alerts in both indices behind the alias', async () => {
    const annotations = new EsAlertAnnotations(client, ALIAS);
    const counts = await Promise.all(
      Array.from({ length: WRITERS }, (_, n) =>
        annotations.updateWorkflowList(['race-1', 'race-2'], F.ALERT_WORKFLOW_TAGS, {
          add: [`tag-${n}`],
          remove: [],
        })
      )
    );
    expect(counts).toEqual(Array.from({ length: WRITERS }, () => 2));
    const queries = new EsAlertQueries(client, ALIAS);
    for (const id of ['race-1', 'race-2']) {
      const tags = (await queries.get(id))?.[F.ALERT_WORKFLOW_TAGS] as string[];
      expect([...tags].sort()).toEqual(Array.from({ length: WRITERS }, (_, n) => `tag-${n}`));
    }
    expect((await client.get({ index: INDEX_B, id: 'race-2' })).found).toBe(true);
  });

  it('keeps every one of concurrent notes', async () => {
    const annotations = new EsAlertAnnotations(client, ALIAS);
    await Promise.all(
      Array.from({ length: WRITERS }, (_, n) => annotations.editNotes('race-1', addNote(note(n))))
    );
    const notes = (await new EsAlertQueries(client, ALIAS).get('race-1'))?.[F.ALERT_NOTES] as
      | AlertNote[]
      | undefined;
    expect(notes?.map((found) => found.id).sort()).toEqual(
      Array.from({ length: WRITERS }, (_, n) => note(n).id)
    );
  });
});
