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
import { inProcessApi, type InProcessApi } from '../../test/helpers/in_process_api';
import { API_BASE_PATH } from './api_types';

const EXPORT = path.resolve(__dirname, '../../test/fixtures/rules/kibana_export.ndjson');
const exportLines = (): unknown[] =>
  fs
    .readFileSync(EXPORT, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);

/** Kibana's own valid new_terms create body (`rule_request_schema.mock.ts`). */
const kibanaMock = {
  description: 'Detecting root and admin users',
  index: ['auditbeat-*'],
  name: 'Query with a rule id',
  query: '*',
  severity: 'high',
  type: 'new_terms',
  risk_score: 55,
  rule_id: 'rule-1',
  new_terms_fields: ['user.name'],
  history_window_start: 'now-7d',
};

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
      results: Array<{ index: number; rule_id: string | null; status: string }>;
    };
    expect(answer.success).toBe(true);
    expect(answer.success_count).toBe(3);
    expect(answer.results.map((result) => [result.index, result.status])).toEqual([
      [0, 'created'],
      [1, 'skipped'],
      [2, 'created'],
      [3, 'created'],
      [4, 'skipped'],
      [5, 'skipped'],
      [6, 'skipped'],
      [7, 'skipped'],
    ]);
    const again = (await post('/rules/_import', { rules: exportLines() })) as {
      success: boolean;
      errors_count: number;
    };
    expect(again).toMatchObject({ success: false, errors_count: 3 });

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

  it('names the parameter of a malformed request', async () => {
    await expect(post('/rules/_import', { rules: [] })).rejects.toMatchObject({
      status: 400,
    });
    const answer = await post('/rules', { rule: 'text' }).catch((error: unknown) => error);
    expect((answer as ApiError).status).toBe(400);
    expect((answer as ApiError).message).toContain('rule must be a rule object');
  });
});
