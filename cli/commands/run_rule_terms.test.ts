/**
 * `ctd run --rules` over rules of every shape a Kibana user writes: one, two and three fields;
 * keyword, number, boolean and ip terms; array values expanded into every combination; the `from`
 * boundary; a timestamp override with and without its @timestamp fallback; an event given as an
 * exported search hit. The alerts come out
 * as Kibana's alert documents (`--json`), and an invalid rule stops with Kibana's message.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import {
  ALERT_ANCESTORS,
  ALERT_NEW_TERMS,
  ALERT_ORIGINAL_TIME,
  ALERT_RULE_PARAMETERS,
  ALERT_RULE_RULE_ID,
} from '../../common/alerts/field_names';
import { runCtd } from '../../test/helpers/cli_harness';
import { EventFactory, FROM, MINUTE, DAY, NOW } from '../../test/differential/new_terms_scenarios';

interface RuleRun {
  readonly rule_id: string;
  readonly status: string;
  readonly alerts: ReadonlyArray<Record<string, unknown>>;
}

const factory = new EventFactory('terms');
const EXPORTED_HIT_ID = 'exported-hit-1';
const AT = new Date(NOW).toISOString();

const kibanaRule = (ruleId: string, fields: readonly string[], extra: object = {}) => ({
  rule_id: ruleId,
  type: 'new_terms',
  name: `Rule over ${fields.join(', ')}`,
  description: 'A test rule',
  severity: 'low',
  risk_score: 21,
  index: [factory.index],
  query: 'event.action : exec',
  language: 'kuery',
  new_terms_fields: fields,
  history_window_start: 'now-7d',
  from: 'now-9m',
  interval: '5m',
  timestamp_override: 'event.ingested',
  ...extra,
});

const RULES = [
  kibanaRule('one-keyword', ['process.name']),
  kibanaRule('one-boolean', ['process.interactive']),
  kibanaRule('one-ip', ['host.ip']),
  kibanaRule('two-number-keyword', ['process.pid', 'user.name']),
  kibanaRule('three-arrays', ['process.args', 'user.name', 'host.name']),
  kibanaRule('fallback-off', ['process.name'], { timestamp_override_fallback_disabled: true }),
];

const host = (ip: unknown) => ({ extra: { host: { name: 'node-1', ip } } });

const EVENTS = [
  // History, two days back.
  factory.interactive(NOW - 2 * DAY, 'bash', {
    process: { pid: 1, args: ['sh', '-c'] },
    ...host(['10.0.0.1']),
  }),
  // Exactly at `from`: not new (first seen must be strictly after from); one ms later: new.
  factory.interactive(FROM, 'at-from', { process: { pid: 1 }, ...host('10.0.0.1') }),
  factory.interactive(FROM + 1, 'after-from', { process: { pid: 1 }, ...host('10.0.0.1') }),
  // The window: a new ip among known ones, a new pid for a known user, new argument combinations.
  factory.interactive(NOW - 2 * MINUTE, 'bash', {
    process: { pid: 2, args: ['sh', '-c', 'id'], interactive: false },
    ...host(['10.0.0.1', '10.0.0.7']),
  }),
  // No event.ingested: placed by @timestamp unless the fallback is disabled.
  factory.interactive(NOW - 3 * MINUTE, 'no-ingested', { ingested: false, process: { pid: 1 } }),
  // A search hit as Elasticsearch exports it: stored under its own _index and _id.
  {
    _index: factory.index,
    _id: EXPORTED_HIT_ID,
    _source: factory.interactive(NOW - 4 * MINUTE, 'from-a-hit'),
  },
];

describe('ctd run --rules: terms of every kind, as Kibana alerts', () => {
  let dir: string;
  let runs: Map<string, RuleRun>;
  let stderr: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-run-terms-'));
    const events = path.join(dir, 'events.ndjson');
    fs.writeFileSync(events, EVENTS.map((event) => JSON.stringify(event)).join('\n'));
    const rules = path.join(dir, 'rules.ndjson');
    fs.writeFileSync(rules, RULES.map((rule) => JSON.stringify(rule)).join('\n'));
    const dataDir = path.join(dir, 'data');
    expect((await runCtd(['ingest', events, '--data-dir', dataDir])).code).toBe(0);
    const run = await runCtd([
      'run',
      '--data-dir',
      dataDir,
      '--at',
      AT,
      '--rules',
      rules,
      '--json',
    ]);
    expect(run.code).toBe(0);
    stderr = run.err;
    runs = new Map((JSON.parse(run.out) as RuleRun[]).map((result) => [result.rule_id, result]));
  }, 60_000);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const termsOf = (ruleId: string): unknown[] =>
    (runs.get(ruleId)?.alerts ?? []).map((alert) => alert[ALERT_NEW_TERMS]);

  it('runs every rule of the file', () => {
    expect([...runs.values()].map((run) => [run.rule_id, run.status])).toEqual(
      RULES.map((rule) => [rule.rule_id, 'succeeded'])
    );
    expect(stderr).toBe('');
  });

  it('one keyword field: new after from, not at it; the fallback places an event without ingest time', () => {
    expect(termsOf('one-keyword').sort()).toEqual([
      ['after-from'],
      ['from-a-hit'],
      ['no-ingested'],
    ]);
  });

  it('disabling the fallback ignores the event without event.ingested', () => {
    expect(termsOf('fallback-off').sort()).toEqual([['after-from'], ['from-a-hit']]);
  });

  it('one boolean field: the term is keyed 1 or 0, as a terms aggregation keys it', () => {
    expect(termsOf('one-boolean')).toEqual([[0]]);
  });

  it('one ip field holding an array: an alert for the new address only', () => {
    expect(termsOf('one-ip')).toEqual([['10.0.0.7']]);
  });

  it('a number and a keyword: the number stays a number', () => {
    expect(termsOf('two-number-keyword')).toEqual([[2, 'root']]);
  });

  it('three fields with an array: every new combination, in composite key order', () => {
    expect(termsOf('three-arrays')).toEqual([['id', 'root', 'node-1']]);
  });

  it("writes Kibana's alert document: ancestors with the event's index and id, original time, parameters", () => {
    const [alert] = runs.get('one-ip')?.alerts ?? [];
    expect(alert?.[ALERT_RULE_RULE_ID]).toBe('one-ip');
    expect(alert?.[ALERT_ANCESTORS]).toEqual([
      { id: expect.any(String) as unknown, type: 'event', index: factory.index, depth: 0 },
    ]);
    expect(alert?.[ALERT_ORIGINAL_TIME]).toBe(new Date(NOW - 2 * MINUTE - 1000).toISOString());
    expect(alert?.[ALERT_RULE_PARAMETERS]).toMatchObject({
      new_terms_fields: ['host.ip'],
      history_window_start: 'now-7d',
      index: [factory.index],
      timestamp_override: 'event.ingested',
    });
  });

  it("keeps an exported hit's _index and _id in the alert's ancestors", () => {
    const alert = runs
      .get('one-keyword')
      ?.alerts.find((candidate) => (candidate[ALERT_NEW_TERMS] as unknown[])[0] === 'from-a-hit');
    expect(alert?.[ALERT_ANCESTORS]).toEqual([
      { id: EXPORTED_HIT_ID, type: 'event', index: factory.index, depth: 0 },
    ]);
  });

  it('applies the exception lists the file carries to the rules that name them', async () => {
    const list = {
      list_id: 'allow',
      type: 'detection',
      name: 'Allow',
      description: '',
      namespace_type: 'single',
    };
    const item = (value: string) => ({
      item_id: 'allow-after-from',
      list_id: 'allow',
      type: 'simple',
      name: 'after-from is fine',
      description: '',
      namespace_type: 'single',
      entries: [{ field: 'process.name', operator: 'included', type: 'match', value }],
    });
    const rule = kibanaRule('with-exceptions', ['process.name'], {
      exceptions_list: [
        { id: 'allow-id', list_id: 'allow', type: 'detection', namespace_type: 'single' },
      ],
    });
    const file = path.join(dir, 'with_exceptions.ndjson');
    fs.writeFileSync(
      file,
      [rule, list, item('after-from')].map((line) => JSON.stringify(line)).join('\n')
    );
    const run = await runCtd([
      'run',
      '--data-dir',
      path.join(dir, 'data'),
      '--at',
      AT,
      '--rules',
      file,
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(run.err).toBe('');
    const [result] = JSON.parse(run.out) as RuleRun[];
    expect((result?.alerts ?? []).map((alert) => alert[ALERT_NEW_TERMS]).sort()).toEqual([
      ['from-a-hit'],
      ['no-ingested'],
    ]);

    fs.writeFileSync(file, [rule, list, item('')].map((line) => JSON.stringify(line)).join('\n'));
    const refused = await runCtd([
      'run',
      '--data-dir',
      path.join(dir, 'data'),
      '--at',
      AT,
      '--rules',
      file,
    ]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(
      `${file}:3: exception list item: entries.0.value: No empty strings allowed`
    );
  });

  it("stops with Kibana's message and a non-zero exit for a rule Kibana refuses", async () => {
    const file = path.join(dir, 'four_fields.ndjson');
    const fields = ['process.name', 'user.name', 'host.name', 'process.pid'];
    fs.writeFileSync(file, JSON.stringify(kibanaRule('four', fields)));
    const run = await runCtd([
      'run',
      '--data-dir',
      path.join(dir, 'data'),
      '--at',
      AT,
      '--rules',
      file,
    ]);
    expect(run.code).toBe(1);
    expect(run.err).toContain(
      `${file}:1 (four): new_terms_fields: Too big: expected array to have <=3 items`
    );
  });
});
