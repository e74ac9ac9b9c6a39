/** Rules exported as Kibana exports them: read back by the same reader, field for field. */
import fs from 'fs';
import path from 'path';
import { ecsFieldTypes } from '../ecs/ecs_field_types';
import { PREBUILT_RULES } from './catalog';
import { exportSummary, kibanaExportNdjson } from './kibana_rule_export';
import { collectExceptions } from '../exceptions/exception_file';
import { readKibanaRuleFile, readRuleFileExceptions, type RuleFileEntry } from './kibana_rule_file';

const EXPORT = path.resolve(__dirname, '../../test/fixtures/rules/kibana_export.ndjson');
const OPTIONS = { ecsFields: ecsFieldTypes(), now: new Date('2026-12-01T00:00:00.000Z') };

const rulesOf = (entries: readonly RuleFileEntry[]) =>
  entries.flatMap((entry) => (entry.kind === 'rule' ? [entry.rule] : []));

describe('kibanaExportNdjson', () => {
  const original = fs.readFileSync(EXPORT, 'utf8');
  const imported = rulesOf(readKibanaRuleFile(original, OPTIONS));

  it("writes rule lines then Kibana's summary line, which Kibana's reader skips", () => {
    const lines = kibanaExportNdjson(imported).split('\n');
    expect(lines).toHaveLength(imported.length + 2);
    expect(lines[lines.length - 1]).toBe('');
    expect(JSON.parse(lines[imported.length] ?? '')).toEqual(exportSummary(3));
    expect(readKibanaRuleFile(kibanaExportNdjson(imported), OPTIONS).at(-1)).toMatchObject({
      kind: 'skipped',
    });
  });

  it('exports back an equivalent file: every field of each exported rule kept, defaults filled', () => {
    const again = rulesOf(readKibanaRuleFile(kibanaExportNdjson(imported), OPTIONS));
    expect(again.map((rule) => rule.definition)).toEqual(imported.map((rule) => rule.definition));
    const originalRules = original
      .split('\n')
      .filter((line) => line.includes('"type":"new_terms"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const exported = kibanaExportNdjson(imported)
      .split('\n')
      .slice(0, imported.length)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    originalRules.forEach((rule, i) => {
      // Kibana derives rule_source again on import; everything else comes back as it was.
      const { rule_source: _derived, ...fields } = rule;
      expect(exported[i]).toMatchObject(fields);
    });
  });

  it('writes the exception lists the rules name, with their items, before the summary', () => {
    const exceptions = collectExceptions(readRuleFileExceptions(original));
    const other = { ...exceptions.lists[0], list_id: 'named-by-no-rule' };
    const text = kibanaExportNdjson(imported, {
      lists: [...exceptions.lists, other as (typeof exceptions.lists)[number]],
      items: exceptions.items,
    });
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(imported.length + 3);
    expect(JSON.parse(lines.at(-1) ?? '')).toEqual(exportSummary(3, 1, 1));
    expect(collectExceptions(readRuleFileExceptions(text))).toEqual(exceptions);
  });

  it('exports a prebuilt rule as a create request Kibana takes, enabled state included', () => {
    const text = kibanaExportNdjson(
      PREBUILT_RULES.map((definition) => ({ definition, enabled: true }))
    );
    const again = readKibanaRuleFile(text, OPTIONS);
    expect(rulesOf(again).map((rule) => rule.definition)).toEqual([...PREBUILT_RULES]);
    expect(rulesOf(again).map((rule) => rule.kibana.enabled)).toEqual([true, true]);
  });
});
