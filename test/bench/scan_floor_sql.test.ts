import fs from 'fs';
import os from 'os';
import path from 'path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import type { NewTermsRuleDefinition } from '../../common/rules/rule_schema';
import { fileInput } from '../../server/ingest/ingest_ndjson';
import { DEFAULT_SPACE_ID } from '../../server/new_terms/rule_instance';
import { replayRule } from '../../server/replay/replay_schedule';
import { EmbeddedStore } from '../../server/stores/duckdb/embedded_store';
import { queryRows, toNumber } from '../../server/stores/duckdb/sql_values';
import { scanFloorQuery } from './scan_floor_sql';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const START = Date.parse('2025-03-01T00:00:00.000Z');
/** Two days of data: `--warmup auto` takes one (half the span, shorter than the 14-day history). */
const END = START + 48 * HOUR_MS;
const SCHEDULE_START = START + 24 * HOUR_MS;

const iso = (ms: number): string => new Date(ms).toISOString();

interface Shape {
  readonly at: number;
  readonly name: string;
  readonly interactive?: boolean;
  readonly dataset?: string;
  readonly ingested?: boolean;
  readonly parent?: string;
  readonly args?: readonly string[];
}

const event = (shape: Shape): Record<string, unknown> => ({
  '@timestamp': iso(shape.at),
  event: {
    category: ['process'],
    type: ['start'],
    action: 'exec',
    ...(shape.ingested === false ? {} : { ingested: iso(shape.at) }),
  },
  host: { name: 'h1', os: { type: 'linux' } },
  process: {
    name: shape.name,
    args: shape.args ?? [shape.name],
    interactive: shape.interactive ?? true,
    parent: { executable: shape.parent ?? '/usr/bin/runc' },
    entry_leader: { entry_meta: { type: 'container' } },
  },
  data_stream: {
    type: 'logs',
    dataset: shape.dataset ?? 'endpoint.events.process',
    namespace: 'default',
  },
});

const docker = (at: number, parent: string, args: readonly string[]): Shape => ({
  at,
  name: 'docker',
  interactive: false,
  parent,
  args: ['docker', ...args],
});

const SHAPES: Shape[] = [
  { at: START, name: 'bash' },
  { at: START + 12 * HOUR_MS, name: 'sh' },
  docker(START + HOUR_MS, '/usr/bin/sudo', ['run', '--privileged', 'alpine']),
  // In the first replayed window (it reaches 9 minutes back), and just before it.
  { at: SCHEDULE_START - 5 * MINUTE_MS, name: 'nc' },
  { at: SCHEDULE_START - 20 * MINUTE_MS, name: 'wget' },
  { at: SCHEDULE_START + 6 * HOUR_MS, name: 'curl' },
  { at: SCHEDULE_START + 6 * HOUR_MS, name: 'bash' },
  { at: SCHEDULE_START + 7 * HOUR_MS, name: 'zsh', interactive: false },
  { at: SCHEDULE_START + 8 * HOUR_MS, name: 'socat', dataset: 'endpoint.events.file' },
  { at: SCHEDULE_START + 9 * HOUR_MS, name: 'python3', ingested: false },
  docker(SCHEDULE_START + 2 * HOUR_MS, '/tmp/dropper', ['run', '--privileged', 'alpine']),
  docker(SCHEDULE_START + 3 * HOUR_MS, '/usr/bin/bash', ['run', 'alpine']),
  docker(SCHEDULE_START + 4 * HOUR_MS, '/usr/bin/sudo', ['run', '--privileged', 'alpine']),
  { at: END, name: 'sh' },
];

describe('scanFloorQuery', () => {
  let dir: string;
  let file: string;
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-scan-floor-'));
    file = path.join(dir, 'events.ndjson');
    fs.writeFileSync(file, `${SHAPES.map((shape) => JSON.stringify(event(shape))).join('\n')}\n`);
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
  });

  afterAll(() => {
    connection.closeSync();
    instance.closeSync();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const run = async (rules: readonly NewTermsRuleDefinition[]) => {
    const query = scanFloorQuery(file, rules);
    return queryRows(connection, query.sql, [...query.params]);
  };

  it('raises the terms first seen from the first replayed window on, with their first raw line', async () => {
    const rows = await run(PREBUILT_RULES);
    const alerts = rows.map((row) => [toNumber(row.rule), row.term, iso(toNumber(row.first_t))]);
    expect(alerts).toEqual([
      [0, '["nc"]', iso(SCHEDULE_START - 5 * MINUTE_MS)],
      [0, '["curl"]', iso(SCHEDULE_START + 6 * HOUR_MS)],
      // No event.ingested: the rule's timestamp falls back to @timestamp.
      [0, '["python3"]', iso(SCHEDULE_START + 9 * HOUR_MS)],
      [1, '["/tmp/dropper"]', iso(SCHEDULE_START + 2 * HOUR_MS)],
    ]);
    const source = JSON.parse(String(rows[3]?.line)) as { process: { parent: unknown } };
    expect(source.process.parent).toEqual({ executable: '/tmp/dropper' });
  });

  it('agrees with the replay `ctd scan` runs (warm-up auto) on the same file', async () => {
    const floor = await run(PREBUILT_RULES);
    const store = await EmbeddedStore.open();
    try {
      await store.ingest([fileInput(file)]);
      for (const [r, definition] of PREBUILT_RULES.entries()) {
        const rule = { uuid: definition.rule_id, spaceId: DEFAULT_SPACE_ID, definition };
        const summary = await replayRule(store, rule, { warmup: 'auto' });
        expect(summary.alertIds).toHaveLength(
          floor.filter((row) => toNumber(row.rule) === r).length
        );
      }
    } finally {
      store.close();
    }
  });

  it('binds the path and every query value as parameters, in the order of their placeholders', () => {
    const query = scanFloorQuery(file, PREBUILT_RULES);
    expect(query.sql.match(/\?/g)).toHaveLength(query.params.length);
    expect(query.sql).not.toContain(file);
    expect(query.sql).not.toContain("'--privileged'");
    expect(query.params.indexOf(file)).toBe(1);
  });

  it('refuses a rule whose fields the floor does not read', () => {
    const [rule] = PREBUILT_RULES;
    if (rule === undefined) throw new Error('no prebuilt rule');
    expect(() => scanFloorQuery(file, [{ ...rule, query: 'file.path:x' }])).toThrow(/file\.path/);
    expect(() => scanFloorQuery(file, [{ ...rule, new_terms_fields: ['process.args'] }])).toThrow(
      /process\.args/
    );
  });
});
