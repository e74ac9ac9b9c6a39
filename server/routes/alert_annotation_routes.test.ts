/**
 * The tags, assignees and notes routes over a real in-memory embedded store: Kibana's list
 * semantics (deduplicated, order kept), its refusals (a value both added and removed), bounded and
 * printable values, notes added by the requesting user and deleted by id, a 404 for an unknown
 * alert or note and a 400 naming the parameter for a bad request.
 */
import type { AlertDocument } from '../../common/alerts/alert_document';
import { MAX_NOTE_CHARS, type AlertNote } from '../../common/alerts/alert_annotations';
import * as F from '../../common/alerts/field_names';
import { EmbeddedRuleService } from '../standalone/embedded_rule_service';
import { DuckDbAlertQueries } from '../stores/duckdb/alert_queries';
import { EmbeddedStore } from '../stores/duckdb/embedded_store';
import { DuckDbEventLookups } from '../stores/duckdb/event_lookups';
import { ALERTS_TABLE } from '../stores/duckdb/schema';
import { queryRows } from '../stores/duckdb/sql_values';
import { API_BASE_PATH, type ApiResponse, type ApiServices } from './api_types';
import { dispatch } from './dispatch';
import { API_ROUTES } from './index';

const START = Date.parse('2025-03-12T00:00:00.000Z');
const USER = 'analyst';
const TAGS = `${API_BASE_PATH}/alerts/_tags`;
const ASSIGNEES = `${API_BASE_PATH}/alerts/_assignees`;
const notesPath = (id: string) => `${API_BASE_PATH}/alerts/${encodeURIComponent(id)}/_notes`;

const alert = (i: number): AlertDocument => ({
  '@timestamp': new Date(START + i * 60_000).toISOString(),
  [F.ALERT_UUID]: `alert-${i}`,
  [F.ALERT_RULE_UUID]: 'uuid-a',
  [F.ALERT_RULE_RULE_ID]: 'rule-a',
  [F.ALERT_RULE_NAME]: 'Rule a',
  [F.ALERT_SEVERITY]: 'low',
  [F.ALERT_RISK_SCORE]: 21,
  [F.ALERT_ORIGINAL_TIME]: new Date(START + i * 60_000).toISOString(),
  [F.ALERT_WORKFLOW_STATUS]: 'open',
});

interface Problem {
  readonly path: string;
  readonly message: string;
}

const problemsOf = (response: ApiResponse): Problem[] =>
  (response.body as { errors: Problem[] }).errors;

describe('alert tags, assignees and notes routes', () => {
  let store: EmbeddedStore;
  let services: ApiServices;

  beforeAll(async () => {
    store = await EmbeddedStore.open();
    await store.alerts.create([alert(0), alert(1), alert(2)]);
    services = {
      rules: new EmbeddedRuleService(store),
      alerts: new DuckDbAlertQueries(store.database.connection),
      events: new DuckDbEventLookups(store.database.connection, store.catalog, store.fieldTypes),
      user: USER,
    };
  });
  afterAll(() => store.close());

  const call = (method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) =>
    dispatch(API_ROUTES, services, { method, path, query: {}, body });
  const stored = async (id: string) => (await services.alerts.get(id)) ?? {};

  it('adds tags once each in order, removes others, and skips ids of no alert', async () => {
    const first = await call('POST', TAGS, {
      ids: ['alert-0', 'alert-1', 'no-such-alert'],
      tags: { tags_to_add: ['triage', 'c2', 'triage'], tags_to_remove: [] },
    });
    expect(first).toEqual({ status: 200, body: { updated: 2 } });
    const second = await call('POST', TAGS, {
      ids: ['alert-0'],
      tags: { tags_to_add: ['escalated', 'c2'], tags_to_remove: ['triage'] },
    });
    expect(second).toEqual({ status: 200, body: { updated: 1 } });
    expect((await stored('alert-0'))[F.ALERT_WORKFLOW_TAGS]).toEqual(['c2', 'escalated']);
    expect((await stored('alert-1'))[F.ALERT_WORKFLOW_TAGS]).toEqual(['triage', 'c2']);
    expect((await stored('alert-2'))[F.ALERT_WORKFLOW_TAGS]).toBeUndefined();
    // The column mirrors the document, for filters.
    const rows = await queryRows(
      store.database.connection,
      `SELECT id, workflow_tags FROM ${ALERTS_TABLE} ORDER BY id`
    );
    expect(rows.map((row) => [row.id, row.workflow_tags])).toEqual([
      ['alert-0', '["c2","escalated"]'],
      ['alert-1', '["triage","c2"]'],
      ['alert-2', null],
    ]);
  });

  it('assigns and unassigns user names', async () => {
    await call('POST', ASSIGNEES, {
      ids: ['alert-1', 'alert-2'],
      assignees: { add: ['ann', 'bob'], remove: [] },
    });
    const changed = await call('POST', ASSIGNEES, {
      ids: ['alert-1'],
      assignees: { add: ['carol'], remove: ['ann'] },
    });
    expect(changed).toEqual({ status: 200, body: { updated: 1 } });
    expect((await stored('alert-1'))[F.ALERT_WORKFLOW_ASSIGNEE_IDS]).toEqual(['bob', 'carol']);
    expect((await stored('alert-2'))[F.ALERT_WORKFLOW_ASSIGNEE_IDS]).toEqual(['ann', 'bob']);
  });

  it('refuses what Kibana refuses, and unbounded or unprintable values, naming the parameter', async () => {
    const cases: ReadonlyArray<readonly [string, unknown, string, string]> = [
      [
        TAGS,
        { ids: ['alert-0'], tags: { tags_to_add: ['a', 'b'], tags_to_remove: ['b'] } },
        'body.tags',
        'Duplicate tags ["b"] were found in the tags_to_add and tags_to_remove parameters.',
      ],
      [
        TAGS,
        { ids: [], tags: { tags_to_add: ['a'], tags_to_remove: [] } },
        'body.ids',
        'ids must name at least one alert',
      ],
      [
        TAGS,
        { ids: ['alert-0'], tags: { tags_to_add: ['  '], tags_to_remove: [] } },
        'body.tags.tags_to_add[0]',
        'tags_to_add must not be empty or blank',
      ],
      [TAGS, { ids: ['alert-0'], tags: { tags_to_add: ['a'] } }, 'body.tags.tags_to_remove', ''],
      [
        TAGS,
        { ids: ['alert-0'], tags: { tags_to_add: ['x'.repeat(257)], tags_to_remove: [] } },
        'body.tags.tags_to_add[0]',
        'tags_to_add is at most 256 characters (got 257)',
      ],
      [
        ASSIGNEES,
        { ids: ['alert-0'], assignees: { add: ['ann'], remove: ['ann'] } },
        'body.assignees',
        'Duplicate assignees ["ann"] were found in the add and remove parameters.',
      ],
      [
        ASSIGNEES,
        { ids: ['alert-0'], assignees: { add: ['a\u0007b'], remove: [] } },
        'body.assignees.add[0]',
        'add must not hold control characters (got "a\\u0007b")',
      ],
      [
        ASSIGNEES,
        { ids: ['alert-0'], assignees: { add: [3], remove: [] } },
        'body.assignees.add[0]',
        'add must be a string (got 3)',
      ],
    ];
    for (const [path, body, where, message] of cases) {
      const response = await call('POST', path, body);
      expect(response.status).toBe(400);
      const problem = problemsOf(response).find((found) => found.path === where);
      expect(problem).toBeDefined();
      if (message !== '') expect(problem?.message).toBe(message);
    }
    expect((await stored('alert-0'))[F.ALERT_WORKFLOW_TAGS]).toEqual(['c2', 'escalated']);
  });

  it('adds notes by the requesting user as plain text, lists them oldest first, deletes one', async () => {
    expect(await call('GET', notesPath('alert-0'))).toEqual({ status: 200, body: { notes: [] } });
    const html = '<img src=x onerror=alert(1)> **bold**\nsecond line';
    const first = await call('POST', notesPath('alert-0'), { text: html });
    expect(first.status).toBe(200);
    const note = (first.body as { note: AlertNote }).note;
    expect(note).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
      text: html,
      author: USER,
      created_at: expect.any(String) as unknown,
    });
    const second = (await call('POST', notesPath('alert-0'), { text: 'follow-up' })).body as {
      note: AlertNote;
    };
    const listed = (await call('GET', notesPath('alert-0'))).body as { notes: AlertNote[] };
    expect(listed.notes.map((found) => found.text)).toEqual([html, 'follow-up']);
    expect((await stored('alert-0'))[F.ALERT_NOTES]).toEqual(listed.notes);
    expect(await call('DELETE', `${notesPath('alert-0')}/${note.id}`)).toEqual({
      status: 200,
      body: { deleted: note.id },
    });
    expect(
      ((await call('GET', notesPath('alert-0'))).body as { notes: AlertNote[] }).notes
    ).toEqual([second.note]);
    const again = await call('DELETE', `${notesPath('alert-0')}/${note.id}`);
    expect(again.status).toBe(404);
  });

  it('answers 404 for an unknown alert and 400 naming a bad note parameter', async () => {
    const missing = notesPath('no-such-alert');
    expect((await call('GET', missing)).status).toBe(404);
    expect((await call('POST', missing, { text: 'hello' })).status).toBe(404);
    expect((await call('DELETE', `${missing}/0b7e5f5e-2f7b-4f57-9c55-8f7d7c2a1e10`)).status).toBe(
      404
    );
    const badId = await call('DELETE', `${notesPath('alert-0')}/not-a-uuid`);
    expect(badId.status).toBe(400);
    expect(problemsOf(badId)).toEqual([
      { path: 'params.note_id', message: 'note_id must be a UUID' },
    ]);
    const long = await call('POST', notesPath('alert-0'), { text: 'x'.repeat(MAX_NOTE_CHARS + 1) });
    expect(problemsOf(long)).toEqual([
      {
        path: 'body.text',
        message: `text is at most ${MAX_NOTE_CHARS} characters (got ${MAX_NOTE_CHARS + 1})`,
      },
    ]);
    const blank = await call('POST', notesPath('alert-0'), { text: ' \n ' });
    expect(problemsOf(blank)[0]?.path).toBe('body.text');
    const extra = await call('POST', notesPath('alert-0'), { text: 'a', author: 'mallory' });
    expect(problemsOf(extra)[0]?.path).toBe('body.author');
  });
});
