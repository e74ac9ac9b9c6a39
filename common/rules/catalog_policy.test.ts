/**
 * Catalog-wide policy, in the spirit of elastic/detection-rules' unit tests: every rule, present
 * and future, must satisfy these, so a new rule cannot be added half-finished.
 */
import { EcsFlat } from '@elastic/ecs';
import { PREBUILT_RULES } from './catalog';
import { parseDateMath } from './date_math';
import { mitreReferenceUrl } from './mitre';
import { MAX_NEW_TERMS_FIELDS } from './rule_schema';
import type { NewTermsRuleDefinition } from './rule_schema';

const INVESTIGATION_GUIDE_TAG = 'Resources: Investigation Guide';
const GUIDE_SECTIONS = [
  '## Triage and analysis',
  '### Investigating ',
  '### Possible investigation steps',
  '### False positive analysis',
  '### Response and remediation',
];
/** Fields every guide should tell the analyst to look at (besides the rule's own new-terms fields). */
const GUIDE_PIVOT_FIELDS = [
  'kibana.alert.new_terms',
  'host.name',
  'user.name',
  'event.ingested',
  'process.args',
];
const NOW = new Date('2025-06-15T12:00:00.000Z');

/**
 * Field names used as `field:` in a KQL query. A regex is enough for the flat `field:value` and
 * `field:(a or b)` forms our rules use; nested `field:{…}` queries would need the KQL parser.
 */
const KQL_FIELD = /(?:^|[\s(])([A-Za-z_@][\w.@-]*)\s*:/g;
const queryFields = (query: string): string[] =>
  [...query.matchAll(KQL_FIELD)].flatMap((m) => (m[1] ? [m[1]] : []));

/** ECS field definitions by flat name, to check declared types against. */
const ECS_FIELDS: Readonly<Record<string, { readonly type: string }>> = EcsFlat;

const TAG_PATTERN = /^[A-Z][A-Za-z ]*: \S.*$/;

const timeOf = (expr: string): number => {
  const parsed = parseDateMath(expr, NOW);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value.getTime();
};

const mitreEntriesOf = (rule: NewTermsRuleDefinition) =>
  rule.threat.flatMap((threat) => [
    threat.tactic,
    ...(threat.technique ?? []).flatMap((technique) => [
      technique,
      ...(technique.subtechnique ?? []),
    ]),
  ]);

describe('queryFields (policy helper)', () => {
  it('finds field:value and field:(list) terms across lines', () => {
    expect(
      queryFields('a.b:x and\nc:(run and --privileged) and not (d_e:1 or f.g: "h:i")')
    ).toEqual(['a.b', 'c', 'd_e', 'f.g']);
  });
});

describe('prebuilt rule catalog policy', () => {
  it('has unique rule_ids and names', () => {
    const ids = PREBUILT_RULES.map((rule) => rule.rule_id);
    const names = PREBUILT_RULES.map((rule) => rule.name);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(names).size).toBe(names.length);
  });

  describe.each(PREBUILT_RULES.map((rule) => [rule.name, rule] as const))('%s', (_name, rule) => {
    it('carries the investigation-guide tag if and only if it has a complete guide', () => {
      const tagged = rule.tags.includes(INVESTIGATION_GUIDE_TAG);
      expect(tagged).toBe(rule.note !== undefined);
      if (rule.note === undefined) return;
      expect(rule.note).toContain('Triage and analysis');
      expectSectionsInOrder(rule.note, GUIDE_SECTIONS);
      expect(rule.note).toContain(`### Investigating ${rule.name}\n`);
    });

    it('points analysts at the new term and the core pivots in its guide', () => {
      if (rule.note === undefined) return;
      for (const field of [...rule.new_terms_fields, ...GUIDE_PIVOT_FIELDS]) {
        expect({ field, mentioned: rule.note.includes(`\`${field}\``) }).toEqual({
          field,
          mentioned: true,
        });
      }
    });

    it('has a setup guide starting with "## Setup"', () => {
      expect(rule.setup.startsWith('## Setup')).toBe(true);
    });

    it('has a history window strictly earlier than from, and from earlier than to', () => {
      expect(rule.history_window_start.length).toBeGreaterThan(0);
      expect(timeOf(rule.history_window_start)).toBeLessThan(timeOf(rule.from));
      expect(timeOf(rule.from)).toBeLessThan(timeOf(rule.to));
    });

    it(`has 1 to ${MAX_NEW_TERMS_FIELDS} distinct new-terms fields`, () => {
      expect(rule.new_terms_fields.length).toBeGreaterThanOrEqual(1);
      expect(rule.new_terms_fields.length).toBeLessThanOrEqual(MAX_NEW_TERMS_FIELDS);
      expect(new Set(rule.new_terms_fields).size).toBe(rule.new_terms_fields.length);
    });

    it('declares every field its query and new-terms fields use', () => {
      const declared = rule.required_fields.map((field) => field.name);
      const used = new Set([...queryFields(rule.query), ...rule.new_terms_fields]);
      expect(used.size).toBeGreaterThan(0);
      expect([...used].filter((field) => !declared.includes(field))).toEqual([]);
    });

    it('declares required fields once, sorted, with their ECS types', () => {
      const names = rule.required_fields.map((field) => field.name);
      expect(names).toEqual([...names].sort());
      expect(new Set(names).size).toBe(names.length);
      for (const field of rule.required_fields) {
        const ecsType = ECS_FIELDS[field.name]?.type;
        expect({ field: field.name, ecs: field.ecs, type: field.type }).toEqual({
          field: field.name,
          ecs: ecsType !== undefined,
          type: ecsType ?? field.type,
        });
      }
    });

    it('uses MITRE references that match their ids, and tags its tactics', () => {
      expect(rule.threat.length).toBeGreaterThan(0);
      for (const entry of mitreEntriesOf(rule)) {
        expect({ id: entry.id, reference: entry.reference }).toEqual({
          id: entry.id,
          reference: mitreReferenceUrl(entry.id),
        });
      }
      for (const threat of rule.threat) {
        for (const technique of threat.technique ?? []) {
          for (const sub of technique.subtechnique ?? [])
            expect(sub.id.startsWith(`${technique.id}.`)).toBe(true);
        }
      }
      const primaryTactic = rule.threat[0]?.tactic.name;
      expect(rule.tags).toContain(`Tactic: ${primaryTactic}`);
    });

    it('uses "Category: value" tags without duplicates, and names its OS and data source', () => {
      for (const tag of rule.tags) expect(tag).toMatch(TAG_PATTERN);
      expect(new Set(rule.tags).size).toBe(rule.tags.length);
      expect(rule.tags.some((tag) => tag.startsWith('OS: '))).toBe(true);
      expect(rule.tags.some((tag) => tag.startsWith('Data Source: '))).toBe(true);
    });

    it('overrides the timestamp with event.ingested and relates to its integration', () => {
      expect(rule.timestamp_override).toBe('event.ingested');
      expect(rule.related_integrations.length).toBeGreaterThan(0);
    });

    it('has a description ending in a full stop and Elastic attribution', () => {
      expect(rule.description.endsWith('.')).toBe(true);
      expect(rule.author.length).toBeGreaterThan(0);
      expect(rule.license).toBeDefined();
    });
  });
});

function expectSectionsInOrder(note: string, sections: readonly string[]): void {
  let from = 0;
  for (const section of sections) {
    const at = note.indexOf(section, from);
    expect({ section, present: at >= 0 }).toEqual({ section, present: true });
    from = at + section.length;
  }
}
