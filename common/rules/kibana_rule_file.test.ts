/**
 * A rule file as Kibana's export writes it, read line by line as Kibana's import tells lines apart
 * (`create_rules_stream_from_ndjson.ts`): new_terms rules imported, everything else skipped with a
 * note, bad lines reported with their line number, a repeated rule_id reported as Kibana does.
 */
import fs from 'fs';
import path from 'path';
import { ecsFieldTypes } from '../ecs/ecs_field_types';
import {
  ACTION_CONNECTOR_NOTE,
  duplicateRuleIdMessage,
  EXCEPTION_ITEM_NOTE,
  EXCEPTION_LIST_NOTE,
  EXPORT_SUMMARY_NOTE,
  NOT_AN_OBJECT,
  otherRuleTypeNote,
  readKibanaRuleFile,
  type RuleFileEntry,
} from './kibana_rule_file';

const EXPORT = path.resolve(__dirname, '../../test/fixtures/rules/kibana_export.ndjson');
const OPTIONS = { ecsFields: ecsFieldTypes(), now: new Date('2026-12-01T00:00:00.000Z') };

const summary = (entries: readonly RuleFileEntry[]) =>
  entries.map((entry) =>
    entry.kind === 'rule'
      ? [entry.line, 'rule', entry.rule.definition.rule_id]
      : entry.kind === 'skipped'
        ? [entry.line, 'skipped', entry.note]
        : [entry.line, 'invalid', entry.errors.join('; ')]
  );

describe('readKibanaRuleFile', () => {
  const exportText = fs.readFileSync(EXPORT, 'utf8');

  it('imports every new_terms rule of an export and names what it skips', () => {
    expect(summary(readKibanaRuleFile(exportText, OPTIONS))).toEqual([
      [1, 'rule', 'container-shell-parent'],
      [2, 'skipped', otherRuleTypeNote('query', 'a-query-rule')],
      [3, 'rule', 'container-user-image'],
      [4, 'rule', 'container-three-fields'],
      [5, 'skipped', EXCEPTION_LIST_NOTE],
      [6, 'skipped', EXCEPTION_ITEM_NOTE],
      [7, 'skipped', ACTION_CONNECTOR_NOTE],
      [8, 'skipped', EXPORT_SUMMARY_NOTE],
    ]);
  });

  it('keeps the fields the engine does not use for export', () => {
    const [first] = readKibanaRuleFile(exportText, OPTIONS);
    if (first?.kind !== 'rule') throw new Error('expected a rule');
    expect(first.rule.kibana).toMatchObject({
      exceptions_list: [{ list_id: 'container-allowlist' }],
      investigation_fields: { field_names: ['container.id', 'host.name'] },
      meta: { from: '4m' },
      enabled: true,
      revision: 2,
    });
    expect(first.rule.definition).toMatchObject({
      from: 'now-9m',
      timestamp_override: 'event.ingested',
    });
  });

  it('reads one object and a JSON array as well as NDJSON', () => {
    const [line] = exportText.split('\n');
    const rule = JSON.parse(line ?? '') as Record<string, unknown>;
    expect(summary(readKibanaRuleFile(JSON.stringify(rule, null, 2), OPTIONS))).toEqual([
      [1, 'rule', 'container-shell-parent'],
    ]);
    const array = JSON.stringify([rule, { ...rule, rule_id: 'second' }, 7], null, 2);
    expect(summary(readKibanaRuleFile(array, OPTIONS))).toEqual([
      [1, 'rule', 'container-shell-parent'],
      [2, 'rule', 'second'],
      [3, 'invalid', NOT_AN_OBJECT],
    ]);
  });

  it('reports a bad line with its number and keeps the lines around it', () => {
    const [first, second] = exportText.split('\n');
    const text = `\uFEFF${first ?? ''}\r\n\r\n{"type": "new_terms", "rule_id": "broken"\n${second ?? ''}\n{"type":"new_terms","rule_id":"x","name":"n"}\n`;
    const entries = summary(readKibanaRuleFile(text, OPTIONS));
    expect(entries[0]).toEqual([1, 'rule', 'container-shell-parent']);
    expect(entries[1]?.slice(0, 2)).toEqual([3, 'invalid']);
    expect(entries[2]).toEqual([4, 'skipped', otherRuleTypeNote('query', 'a-query-rule')]);
    expect(entries[3]).toEqual([
      5,
      'invalid',
      expect.stringContaining('description: Invalid input: expected string, received undefined'),
    ]);
  });

  it('imports the last of rules sharing a rule_id and reports the others as Kibana does', () => {
    const [first] = exportText.split('\n');
    const rule = JSON.parse(first ?? '') as Record<string, unknown>;
    const text = [rule, { ...rule, name: 'the second' }, { ...rule, name: 'the last' }]
      .map((value) => JSON.stringify(value))
      .join('\n');
    const entries = readKibanaRuleFile(text, OPTIONS);
    expect(summary(entries)).toEqual([
      [1, 'invalid', duplicateRuleIdMessage('container-shell-parent')],
      [2, 'invalid', duplicateRuleIdMessage('container-shell-parent')],
      [3, 'rule', 'container-shell-parent'],
    ]);
    const last = entries[2];
    expect(last?.kind === 'rule' && last.rule.definition.name).toBe('the last');
  });
});
