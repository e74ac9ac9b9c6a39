/**
 * Creating, importing, exporting and deleting rules over the HTTP API, through the real routes
 * and the embedded store: Kibana's rule objects in, Kibana's messages for what it refuses, each
 * problem naming its field, Kibana's export out.
 */
import fs from 'fs';
import path from 'path';
import { ecsFieldTypes } from '../../common/ecs/ecs_field_types';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import { readKibanaRuleFile } from '../../common/rules/kibana_rule_file';
import { ApiError } from '../../public/application/api_error';
import { EventFactory } from '../../test/differential/new_terms_scenarios';
import { inProcessApi, type InProcessApi } from '../../test/helpers/in_process_api';
import { ingestObjects } from '../../test/helpers/memory_store';
import { kibanaCreateMock } from '../../test/helpers/rule_fixtures';
import { API_BASE_PATH } from './api_types';

const EXPORT = path.resolve(__dirname, '../../test/fixtures/rules/kibana_export.ndjson');
const exportLines = (): unknown[] =>
  fs
    .readFileSync(EXPORT, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);

const TOML = path.resolve(__dirname, '../../test/fixtures/rules/unusual_interactive_process.toml');

/**
 * What importing the export fixture gives, line by line: three new_terms rules, the exception list
 * and item the first names, the other lines skipped.
 */
const EXPORT_RESULTS = [
  [1, 'rule', 'created'],
  [2, 'rule', 'skipped'],
  [3, 'rule', 'created'],
  [4, 'rule', 'created'],
  [5, 'exception_list', 'created'],
  [6, 'exception_item', 'created'],
  [7, 'rule', 'skipped'],
  [8, 'rule', 'skipped'],
];

interface ImportAnswer {
  readonly success: boolean;
  readonly errors_count: number;
  readonly results: ReadonlyArray<{
    line: number;
    kind: string;
    rule_id: string | null;
    status: string;
    messages: string[];
  }>;
}

const kibanaMock = kibanaCreateMock();

describe('rule editing routes (standalone)', () => {
  let host: InProcessApi;
  beforeEach(async () => {
    host = await inProcessApi();
  });
  afterEach(() => host.close());

  const post = (route: string, body?: unknown) =>
    host.transport({ method: 'POST', path: `${API_BASE_PATH}${route}`, body });

  it('creates a custom rule from a Kibana create body and lists it', async () => {
    const created = (await post('/rules', { rule: kibanaMock, enable: true })) as {
      result: { status: string; rule_id: string };
      rule: { rule_id: string; source: string; enabled: boolean };
    };
    expect(created.result).toMatchObject({ status: 'created', rule_id: 'rule-1' });
    expect(created.rule).toMatchObject({ rule_id: 'rule-1', source: 'user', enabled: true });
    expect((await host.api.getRule('rule-1')).definition).toMatchObject({
      from: 'now-6m',
      interval: '5m',
      max_signals: 100,
    });
    await expect(post('/rules', { rule: kibanaMock })).rejects.toEqual(
      new ApiError(409, 'rule_id: "rule-1" already exists')
    );
  });

  it("refuses an invalid rule with Kibana's messages, each naming its field", async () => {
    const invalid = { ...kibanaMock, new_terms_fields: ['a', 'b', 'c', 'd'], risk_score: 101 };
    const answer = await post('/rules', { rule: invalid }).catch((error: unknown) => error);
    expect(answer).toBeInstanceOf(ApiError);
    expect((answer as ApiError).status).toBe(400);
    expect((answer as ApiError).message).toBe(
      'risk_score: Too big: expected number to be <=100, new_terms_fields: Too big: expected array to have <=3 items'
    );
    const editing = host.services.ruleEditing;
    if (editing === undefined) throw new Error('the standalone services edit rules');
    const rejected = await editing.createRule(invalid, false);
    expect(rejected.messages).toEqual([
      'risk_score: Too big: expected number to be <=100',
      'new_terms_fields: Too big: expected array to have <=3 items',
    ]);
  });

  it("imports an export's objects with a result for each, then exports what was imported", async () => {
    const answer = (await post('/rules/_import', { rules: exportLines(), enable: true })) as {
      success: boolean;
      success_count: number;
      results: Array<{ line: number; kind: string; rule_id: string | null; status: string }>;
    };
    expect(answer.success).toBe(true);
    expect(answer.success_count).toBe(3);
    expect(answer.results.map((result) => [result.line, result.kind, result.status])).toEqual(
      EXPORT_RESULTS
    );
    const again = (await post('/rules/_import', { rules: exportLines() })) as {
      success: boolean;
      errors_count: number;
    };
    expect(again).toMatchObject({ success: false, errors_count: 3, exceptions_errors_count: 2 });

    const { ndjson } = (await post('/rules/_export')) as { ndjson: string };
    const read = readKibanaRuleFile(ndjson, { ecsFields: ecsFieldTypes() });
    expect(read.filter((entry) => entry.kind === 'rule')).toHaveLength(3);
    expect(read.at(-1)).toMatchObject({ kind: 'skipped' });
  });

  it('deletes a custom rule, uninstalls a prebuilt one, and says when there is none', async () => {
    await post('/rules/_import', { rules: exportLines() });
    await host.api.installRules();
    expect(await post('/rules/container-user-image/_delete')).toEqual({
      rule_id: 'container-user-image',
      deleted: true,
    });
    const prebuilt = PREBUILT_RULES[0]?.rule_id ?? '';
    await post(`/rules/${prebuilt}/_delete`);
    const listed = await host.api.listRules();
    expect(listed.find((rule) => rule.rule_id === 'container-user-image')).toBeUndefined();
    expect(listed.find((rule) => rule.rule_id === prebuilt)?.installed).toBe(false);
    await expect(post('/rules/container-user-image/_delete')).rejects.toEqual(
      new ApiError(404, 'Rule container-user-image is not installed; install it first')
    );
  });

  it('imports a rule file as the browser read it: results by line, TOML by its name', async () => {
    const content = fs.readFileSync(EXPORT, 'utf8');
    const answer = (await post('/rules/_import', {
      file: { name: 'rules_export.ndjson', content: `${content}{"rule_id": 7\n` },
    })) as ImportAnswer;
    expect(
      answer.results.slice(0, 8).map((result) => [result.line, result.kind, result.status])
    ).toEqual(EXPORT_RESULTS);
    expect(answer.results[8]).toMatchObject({ line: 9, status: 'invalid' });
    expect(answer.errors_count).toBe(1);

    const toml = (await post('/rules/_import', {
      file: { name: 'unusual_interactive_process.TOML', content: fs.readFileSync(TOML, 'utf8') },
    })) as ImportAnswer;
    expect(toml.results).toEqual([
      expect.objectContaining({ line: 1, status: 'created', messages: [] }),
    ]);
    await expect(
      post('/rules/_import', { rules: exportLines(), file: { name: 'a.ndjson', content: '' } })
    ).rejects.toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ path: 'body.rules' })],
    });
    const unnamed = await post('/rules/_import', { file: { name: '', content: '' } }).catch(
      (error: unknown) => error
    );
    expect(unnamed).toMatchObject({ status: 400 });
    expect((unnamed as ApiError).message).toContain('file.name must be the file name');
  });

  it("updates a rule as Kibana's PUT does: whole rule, same rule_id, version and enabled kept", async () => {
    await post('/rules', { rule: { ...kibanaMock, version: 3 }, enable: true });
    const updated = (await post('/rules/rule-1/_update', {
      rule: {
        ...kibanaMock,
        // Neither given: the update keeps the installed rule's (Kibana's applyRuleUpdate).
        rule_id: undefined,
        enabled: undefined,
        name: 'Renamed',
        history_window_start: 'now-14d',
      },
    })) as { result: { status: string }; rule: { name: string; enabled: boolean } };
    expect(updated.result.status).toBe('updated');
    expect(updated.rule).toMatchObject({ name: 'Renamed', enabled: true });
    const details = await host.api.getRule('rule-1');
    expect(details.definition).toMatchObject({ history_window_start: 'now-14d', version: 3 });
    expect(details.kibana).toMatchObject({ name: 'Renamed', enabled: true, rule_id: 'rule-1' });

    await post('/rules/rule-1/_update', { rule: { ...kibanaMock, enabled: false, version: 4 } });
    expect((await host.api.getRule('rule-1')).rule.enabled).toBe(false);
    expect((await host.api.getRule('rule-1')).definition.version).toBe(4);
  });

  it('refuses an update that is invalid, renames the rule, or names no installed rule', async () => {
    await post('/rules', { rule: kibanaMock });
    await expect(
      post('/rules/rule-1/_update', { rule: { ...kibanaMock, new_terms_fields: [] } })
    ).rejects.toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ path: 'body.rule.new_terms_fields' })],
    });
    await expect(
      post('/rules/rule-1/_update', { rule: { ...kibanaMock, rule_id: 'rule-2' } })
    ).rejects.toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ path: 'body.rule.rule_id' })],
    });
    await expect(post('/rules/nobody/_update', { rule: kibanaMock })).rejects.toEqual(
      new ApiError(404, 'Rule nobody is not installed; install it first')
    );
    expect((await host.api.getRule('rule-1')).definition.name).toBe(kibanaMock.name);
  });

  it('filters alerts by a rule_id holding a comma', async () => {
    const factory = new EventFactory('comma');
    const now = Date.now();
    await ingestObjects(host.store, [factory.interactive(now - 60_000, 'nc')]);
    const rule = {
      ...kibanaMock,
      rule_id: 'containers,interactive',
      index: [factory.index],
      query: 'process.name : nc',
      new_terms_fields: ['process.name'],
    };
    await post('/rules', { rule, enable: true });
    await host.api.runRule('containers,interactive');
    const page = async (ruleIds: readonly string[]) =>
      host.api.searchAlerts({
        ruleIds,
        page: 0,
        perPage: 10,
        sortField: 'original_time',
        sortOrder: 'desc',
      });
    expect((await page(['containers,interactive'])).total).toBe(1);
    expect((await page(['containers'])).total).toBe(0);
    expect(host.requests.at(-1)?.query?.rule_id).toBe('containers');
    await page(['containers,interactive']);
    expect(host.requests.at(-1)?.query?.rule_id).toBe('containers%2Cinteractive');
  });

  it('names the parameter of a malformed request', async () => {
    await expect(post('/rules/_import', { rules: [] })).rejects.toMatchObject({
      status: 400,
    });
    const answer = await post('/rules', { rule: 'text' }).catch((error: unknown) => error);
    expect((answer as ApiError).status).toBe(400);
    expect((answer as ApiError).message).toContain('rule must be a rule object');
  });
});
