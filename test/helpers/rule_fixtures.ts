/**
 * The rule fixtures the tests share: Kibana's own valid new_terms create body, and the rules of the
 * Kibana export fixture (test/fixtures/rules/kibana_export.ndjson, described in its README).
 */
import fs from 'fs';
import path from 'path';
import { ecsFieldTypes } from '../../common/ecs/ecs_field_types';
import { readKibanaRuleFile } from '../../common/rules/kibana_rule_file';
import type { ImportedRule } from '../../common/rules/kibana_rule_import';

export const KIBANA_EXPORT_FILE = path.resolve(
  __dirname,
  '..',
  'fixtures',
  'rules',
  'kibana_export.ndjson'
);

/** Kibana's own valid new_terms create body (`rule_request_schema.mock.ts`), a fresh copy each call. */
export const kibanaCreateMock = (): Record<string, unknown> => ({
  description: 'Detecting root and admin users',
  enabled: false,
  index: ['auditbeat-*'],
  name: 'Query with a rule id',
  query: '*',
  severity: 'high',
  type: 'new_terms',
  risk_score: 55,
  language: 'kuery',
  rule_id: 'rule-1',
  interval: '5m',
  from: 'now-6m',
  new_terms_fields: ['user.name'],
  history_window_start: 'now-7d',
});

/** The new_terms rules of the Kibana export fixture, in file order. */
export const exportFixtureRules = (): ImportedRule[] =>
  readKibanaRuleFile(fs.readFileSync(KIBANA_EXPORT_FILE, 'utf8'), {
    ecsFields: ecsFieldTypes(),
  }).flatMap((entry) => (entry.kind === 'rule' ? [entry.rule] : []));

/** The export fixture's first rule. */
export const firstExportFixtureRule = (): ImportedRule => {
  const [rule] = exportFixtureRules();
  if (rule === undefined) throw new Error(`${KIBANA_EXPORT_FILE} holds no new_terms rule`);
  return rule;
};
