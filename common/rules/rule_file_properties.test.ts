/**
 * Properties of the rule-file readers over extreme shapes as well as plausible ones: whatever a
 * Kibana file holds, nothing throws and every non-blank line (or array element) gets exactly one
 * entry with its own line number; a detection-rules TOML file always gives a rule or its reasons;
 * the file name alone chooses the reader. Blank means what Kibana's `parseNdjsonStrings` skips:
 * `trim()` leaves nothing, so a line of U+00A0 or U+2028 is blank too.
 */
import fs from 'fs';
import path from 'path';
import fc from 'fast-check';
import { ecsFieldTypes } from '../ecs/ecs_field_types';
import { NO_RULE_TABLE, readDetectionRulesToml } from './detection_rules_toml';
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
import type { KibanaRuleParse } from './kibana_rule_import';
import { kibanaRuleToImportSchema } from './kibana_rule_schema';
import { readRuleFileText } from './rule_file_text';

const FIXTURES = path.resolve(__dirname, '../../test/fixtures/rules');
const TOML_TEXT = fs.readFileSync(path.join(FIXTURES, 'unusual_interactive_process.toml'), 'utf8');
const NDJSON_TEXT = fs.readFileSync(path.join(FIXTURES, 'kibana_export.ndjson'), 'utf8');
const OPTIONS = { ecsFields: ecsFieldTypes(), now: new Date('2026-12-01T00:00:00.000Z') };

// Enough runs to mix every kind of line many times while the file stays a few seconds long.
const RUNS = 60;
const TOML_RUNS = 150;
const NAME_RUNS = 100;
const MANY_LINES = 10_000;
const MANY_LINES_RUNS = 3;
const BLOCK_ROWS = 500;
// Far above the few hundred milliseconds 10,000 lines take, so a slow CI machine does not flake,
// yet low enough to catch a reader that went quadratic.
const MANY_LINES_BUDGET_MS = 5_000;
const MAX_ROWS = 12;
const MAX_BLANKS = 2;
const DEPTH = 10_000;
const MEGABYTE = 1024 * 1024;
const HUGE_TEXT = 'x'.repeat(MEGABYTE);
const HEX = 16;
const ESCAPE_DIGITS = 4;

// ---- JSON text with nothing escaped but what JSON requires ----------------------------------

// JSON.stringify escapes lone surrogates; a file may hold them raw, so strings are written by hand:
// only `"`, `\` and control characters (below U+0020) are escaped.
const NEEDS_ESCAPE = /["\\]|[^ -\uffff]/g;

const escapeChar = (char: string): string =>
  `\\u${char.charCodeAt(0).toString(HEX).padStart(ESCAPE_DIGITS, '0')}`;

const rawJsonString = (value: string): string => `"${value.replace(NEEDS_ESCAPE, escapeChar)}"`;

const rawJson = (value: fc.JsonValue): string => {
  if (typeof value === 'string') return rawJsonString(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value))
    return `[${value.map((item: fc.JsonValue) => rawJson(item)).join(',')}]`;
  const members = Object.entries(value).map(
    ([key, item]) => `${rawJsonString(key)}:${rawJson(item ?? null)}`
  );
  return `{${members.join(',')}}`;
};

// ---- What each line is, and what the reader must say about it --------------------------------

/** An invalid entry whose messages are not pinned: it must carry at least one non-blank message. */
const SOME_ERRORS = ['<one or more messages>'] as const;

type Expected =
  | { readonly kind: 'rule'; readonly ruleId: string; readonly name: string }
  | { readonly kind: 'skipped'; readonly note: string }
  | {
      readonly kind: 'invalid';
      readonly ruleId: string | undefined;
      readonly errors: readonly string[];
    };

interface Item {
  readonly text: string;
  readonly expected: Expected;
}

interface Numbered {
  readonly line: number;
  readonly expected: Expected;
}

const notAnObject = (text: string): Item => ({
  text,
  expected: { kind: 'invalid', ruleId: undefined, errors: [NOT_AN_OBJECT] },
});
const unreadable = (text: string): Item => ({
  text,
  expected: { kind: 'invalid', ruleId: undefined, errors: SOME_ERRORS },
});
const skipped = (text: string, note: string): Item => ({
  text,
  expected: { kind: 'skipped', note },
});

// ---- Valid new_terms rules, varied where Kibana allows it ---------------------------------------

// A few ids that recur (duplicates are then common) and some a plain object would trip over.
const RULE_ID_POOL = ['rule-a', 'rule-b', '__proto__', 'constructor', '', '\ud800', 'a\u2028b'];
// Keys the reader or Kibana's schema gives a meaning to; extra keys must not collide with them.
const MEANINGFUL_KEYS = new Set([
  ...Object.keys(kibanaRuleToImportSchema.shape),
  'rule_source',
  'exported_count',
  'item_id',
  'entries',
  'list_id',
  'attributes',
]);
const OTHER_RULE_TYPES = ['query', 'eql', 'esql', 'threshold', 'machine_learning', 'threat_match'];
// History windows must end before `from` (now-6m) at OPTIONS.now.
const LATEST_HISTORY_START = new Date('2026-11-30T00:00:00.000Z');
const EARLIEST_HISTORY_START = new Date('2000-01-01T00:00:00.000Z');
const MAX_WINDOW_DAYS = 365;
const MAX_WINDOW_HOURS = 48;

const ruleIdArb = fc.oneof(
  fc.constantFrom(...RULE_ID_POOL),
  fc.string({ unit: 'binary', maxLength: 12 })
);
const nameArb = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }),
  fc.constantFrom('a\u2028b', '\u2029', '\ud83d', '\udc00 tail', '\ufeff', '"\\')
);
const termsFieldArb = fc.oneof(
  fc.constantFrom('user.name', 'host.name', 'process.parent.name'),
  fc.string({ unit: 'binary', maxLength: 10 })
);
const historyWindowArb = fc.oneof(
  fc.integer({ min: 1, max: MAX_WINDOW_DAYS }).map((days) => `now-${days}d`),
  fc.integer({ min: 1, max: MAX_WINDOW_HOURS }).map((hours) => `now-${hours}h`),
  fc
    .date({ min: EARLIEST_HISTORY_START, max: LATEST_HISTORY_START, noInvalidDate: true })
    .map((date) => date.toISOString())
);
const extraKeyArb = fc
  .oneof(
    fc.constantFrom('__proto__', 'toString', 'hasOwnProperty', 'valueOf'),
    fc.string({ unit: 'binary', maxLength: 8 })
  )
  .filter((key) => !MEANINGFUL_KEYS.has(key));
const extrasArb = fc.dictionary(extraKeyArb, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 });

/** Kibana's own valid new_terms create body (`rule_request_schema.mock.ts`), with an import's rule_id. */
const kibanaRule = (fields: {
  readonly ruleId: string;
  readonly name: string;
  readonly description: string;
  readonly newTermsFields: readonly string[];
  readonly historyWindowStart: string;
}): Record<string, fc.JsonValue> => ({
  description: fields.description,
  enabled: false,
  index: ['auditbeat-*'],
  name: fields.name,
  query: '*',
  severity: 'high',
  type: 'new_terms',
  risk_score: 55,
  language: 'kuery',
  rule_id: fields.ruleId,
  interval: '5m',
  from: 'now-6m',
  new_terms_fields: [...fields.newTermsFields],
  history_window_start: fields.historyWindowStart,
});

const validRuleFields = (descriptionArb: fc.Arbitrary<string>) =>
  fc.record({
    ruleId: ruleIdArb,
    name: nameArb,
    description: descriptionArb,
    newTermsFields: fc.array(termsFieldArb, { minLength: 1, maxLength: 3 }),
    historyWindowStart: historyWindowArb,
  });

const validRuleArb = (descriptionArb: fc.Arbitrary<string>): fc.Arbitrary<Item> =>
  fc.tuple(validRuleFields(descriptionArb), extrasArb).map(([fields, extras]) => ({
    text: rawJson({ ...kibanaRule(fields), ...extras }),
    expected: { kind: 'rule', ruleId: fields.ruleId, name: fields.name },
  }));

// What breaks a new_terms rule that is otherwise valid JSON: it stays invalid under its rule_id.
const RULE_BREAKERS: ReadonlyArray<Record<string, fc.JsonValue>> = [
  { description: '' },
  { risk_score: 101 },
  { new_terms_fields: [] },
  { new_terms_fields: ['a', 'b', 'c', 'd'] },
  { history_window_start: 'now-1m' },
  { index: [] },
  { language: 'lucene' },
  { from: 'yesterday' },
];

const brokenRuleArb: fc.Arbitrary<Item> = fc
  .tuple(validRuleFields(fc.constant('d')), fc.constantFrom(...RULE_BREAKERS))
  .map(([fields, breaker]) => ({
    text: rawJson({ ...kibanaRule(fields), ...breaker }),
    expected: { kind: 'invalid', ruleId: fields.ruleId, errors: SOME_ERRORS },
  }));

// ---- Everything else an export holds, and what no export should --------------------------------

const otherRuleArb: fc.Arbitrary<Item> = fc
  .record({
    type: fc.oneof(
      fc.constantFrom(...OTHER_RULE_TYPES),
      fc.string({ unit: 'binary', maxLength: 8 }).filter((type) => type !== 'new_terms')
    ),
    ruleId: fc.option(ruleIdArb, { nil: undefined }),
  })
  .map(({ type, ruleId }) =>
    skipped(
      rawJson({ type, name: 'other', ...(ruleId === undefined ? {} : { rule_id: ruleId }) }),
      otherRuleTypeNote(type, ruleId)
    )
  );

const exportObjectArb: fc.Arbitrary<Item> = fc
  .tuple(fc.string({ unit: 'binary', maxLength: 8 }), fc.nat())
  .chain(([id, count]) =>
    fc.constantFrom(
      skipped(rawJson({ list_id: id, type: 'detection', name: id }), EXCEPTION_LIST_NOTE),
      skipped(rawJson({ item_id: id, list_id: id, entries: [] }), EXCEPTION_ITEM_NOTE),
      skipped(rawJson({ id, type: 'action', attributes: { name: id } }), ACTION_CONNECTOR_NOTE),
      skipped(rawJson({ exported_count: count, missing_rules: [] }), EXPORT_SUMMARY_NOTE)
    )
  );

const nonObjectArb: fc.Arbitrary<Item> = fc
  .oneof(
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 })
  )
  .map((value) => notAnObject(rawJson(value)));

// Valid JSON at the extremes: 10,000 levels deep, a megabyte long, lone surrogates raw.
const EXTREME_JSON: readonly Item[] = [
  notAnObject(`${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`),
  unreadable(`${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`),
  notAnObject(rawJsonString(HUGE_TEXT)),
  notAnObject('"\ud800"'),
  notAnObject('["\udfff", "\u2028"]'),
  skipped('{"exported_count":1,"\ud800":"\u2028"}', EXPORT_SUMMARY_NOTE),
];

// Lines no following line can complete into valid JSON, so a file of two or more is never one
// document (an unclosed 10,000-deep prefix would need 10,000 closers that no other line has).
const BROKEN_LINES: readonly string[] = [
  'not json',
  '{"a":1,}',
  '[1,]',
  "{'single': 1}",
  '{"a" 1}',
  'NaN',
  'undefined',
  '{]',
  '"unterminated',
  '{"a":1}}',
  '{"a":1} {"b":2}',
  '{"a":1}\u00a0',
  '\u00a0{"a":1}',
  '{"a":"\\x"}',
  '{"a":01}',
  '{"type": "new_terms", "rule_id": "broken"',
  '['.repeat(DEPTH),
  '{"a":'.repeat(DEPTH),
  `"${HUGE_TEXT}`,
];

// The broken lines without the 10,000-deep and megabyte ones.
const SHORT_BROKEN_LINES = BROKEN_LINES.filter((line) => line.length < DEPTH);

const jsonItemArb = (descriptionArb: fc.Arbitrary<string>): fc.Arbitrary<Item> =>
  fc.oneof(
    { arbitrary: validRuleArb(descriptionArb), weight: 4 },
    { arbitrary: brokenRuleArb, weight: 1 },
    { arbitrary: otherRuleArb, weight: 1 },
    { arbitrary: exportObjectArb, weight: 2 },
    { arbitrary: nonObjectArb, weight: 1 },
    { arbitrary: fc.constantFrom(...EXTREME_JSON), weight: 1 }
  );

// A megabyte description now and then: a huge line that is still a valid rule.
const descriptionArb = fc.oneof(
  { arbitrary: fc.constant('Detecting root and admin users'), weight: 9 },
  { arbitrary: fc.constant(HUGE_TEXT), weight: 1 }
);
const lineItemArb = fc.oneof(
  { arbitrary: jsonItemArb(descriptionArb), weight: 4 },
  { arbitrary: fc.constantFrom(...BROKEN_LINES).map(unreadable), weight: 1 }
);

// ---- Files built from items, with the line numbers each item must get --------------------------

const BLANK_LINES = ['', ' ', '\t', '  \t ', '\u00a0', '\u2028', '\u3000', '\ufeff'];
const LINE_ENDINGS = ['\n', '\r\n'];
const JSON_SPACE = ['', ' ', '\n', '\r\n', '\t\n '];
const ARRAY_SEPARATORS = [',', ', ', ',\n', ',\r\n  ', '\n,\t'];

interface Row {
  readonly blanksBefore: readonly string[];
  readonly item: Item;
  readonly ending: string;
}

interface BuiltFile {
  readonly text: string;
  readonly expected: readonly Numbered[];
}

const rowArb = (itemArb: fc.Arbitrary<Item>): fc.Arbitrary<Row> =>
  fc.record({
    blanksBefore: fc.array(fc.constantFrom(...BLANK_LINES), { maxLength: MAX_BLANKS }),
    item: itemArb,
    ending: fc.constantFrom(...LINE_ENDINGS),
  });

/** NDJSON from rows: every physical line ends with its row's ending, but perhaps the last. */
const ndjsonFile = (
  rows: readonly Row[],
  options: {
    readonly bom: boolean;
    readonly trailingBlanks: readonly string[];
    readonly finalEnding: boolean;
  }
): BuiltFile => {
  const lines: string[] = [];
  const expected: Numbered[] = [];
  for (const { blanksBefore, item, ending } of rows) {
    lines.push(...blanksBefore.map((blank) => `${blank}${ending}`));
    expected.push({ line: lines.length + 1, expected: item.expected });
    lines.push(`${item.text}${ending}`);
  }
  lines.push(...options.trailingBlanks.map((blank) => `${blank}\n`));
  const body = lines.join('');
  const text = options.finalEnding ? body : body.replace(/\r?\n$/, '');
  return { text: `${options.bom ? '\uFEFF' : ''}${text}`, expected };
};

const ndjsonFileArb = (rowsArb: fc.Arbitrary<readonly Row[]>) =>
  fc
    .record({
      rows: rowsArb,
      bom: fc.boolean(),
      trailingBlanks: fc.array(fc.constantFrom(...BLANK_LINES), { maxLength: MAX_BLANKS }),
      finalEnding: fc.boolean(),
    })
    .map(({ rows, ...options }) => ndjsonFile(rows, options));

const arrayFileArb: fc.Arbitrary<BuiltFile> = fc
  .record({
    items: fc.array(jsonItemArb(descriptionArb), { maxLength: MAX_ROWS }),
    separator: fc.constantFrom(...ARRAY_SEPARATORS),
    space: fc.constantFrom(...JSON_SPACE),
    bom: fc.boolean(),
  })
  .map(({ items, separator, space, bom }) => ({
    text: `${bom ? '\uFEFF' : ''}${space}[${space}${items.map((item) => item.text).join(separator)}${space}]${space}`,
    expected: items.map((item, i) => ({ line: i + 1, expected: item.expected })),
  }));

// ---- Checking what the reader said --------------------------------------------------------------

/** Kibana's rule for a repeated rule_id: every occurrence but the last is invalid. */
const withDuplicatesReported = (numbered: readonly Numbered[]): Numbered[] => {
  const lastLine = new Map<string, number>();
  for (const { line, expected } of numbered)
    if (expected.kind === 'rule') lastLine.set(expected.ruleId, line);
  return numbered.map(({ line, expected }) =>
    expected.kind !== 'rule' || lastLine.get(expected.ruleId) === line
      ? { line, expected }
      : {
          line,
          expected: {
            kind: 'invalid',
            ruleId: expected.ruleId,
            errors: [duplicateRuleIdMessage(expected.ruleId)],
          },
        }
  );
};

const hasMessages = (errors: readonly string[]): boolean =>
  errors.length > 0 && errors.every((error) => error.trim().length > 0);

/** An entry in the expectation's terms; messages not pinned by it are only checked to exist. */
const asNumbered = (entry: RuleFileEntry, pinned: Expected | undefined): Numbered => {
  if (entry.kind === 'rule') {
    const { rule_id: ruleId, name } = entry.rule.definition;
    return { line: entry.line, expected: { kind: 'rule', ruleId, name } };
  }
  if (entry.kind === 'skipped')
    return { line: entry.line, expected: { kind: 'skipped', note: entry.note } };
  const unpinned = pinned?.kind === 'invalid' && pinned.errors === SOME_ERRORS;
  const errors = unpinned && hasMessages(entry.errors) ? SOME_ERRORS : entry.errors;
  return { line: entry.line, expected: { kind: 'invalid', ruleId: entry.ruleId, errors } };
};

const expectEntries = (entries: readonly RuleFileEntry[], numbered: readonly Numbered[]): void => {
  const wanted = withDuplicatesReported(numbered);
  expect(entries.map((entry, i) => asNumbered(entry, wanted[i]?.expected))).toEqual(wanted);
};

const expectRuleOrReasons = (result: KibanaRuleParse): void => {
  if (result.ok) expect(typeof result.rule.definition.rule_id).toBe('string');
  else expect(hasMessages(result.errors)).toBe(true);
};

describe('readKibanaRuleFile: properties', () => {
  it('gives every non-blank NDJSON line one entry with its own line number, in order', () => {
    // Two rows or more: one row alone may be read as a whole JSON document (see the examples).
    fc.assert(
      fc.property(
        ndjsonFileArb(fc.array(rowArb(lineItemArb), { minLength: 2, maxLength: MAX_ROWS })),
        ({ text, expected }) => {
          expectEntries(readKibanaRuleFile(text, OPTIONS), expected);
        }
      ),
      { numRuns: RUNS }
    );
  });

  it('numbers the elements of a JSON array from 1, with the same guarantees', () => {
    fc.assert(
      fc.property(arrayFileArb, ({ text, expected }) => {
        expectEntries(readKibanaRuleFile(text, OPTIONS), expected);
      }),
      { numRuns: RUNS }
    );
  });

  it('accounts for all of 10,000 lines, quickly', () => {
    // Plausible lines only: a thousand megabyte lines would measure memory, not the reader.
    const cheapItemArb = fc.oneof(
      validRuleArb(fc.constant('d')),
      brokenRuleArb,
      otherRuleArb,
      exportObjectArb,
      nonObjectArb,
      fc.constantFrom(...SHORT_BROKEN_LINES).map(unreadable)
    );
    // Generating 10,000 rows one by one costs seconds; a generated block repeated costs nothing,
    // and its repeated rule_ids put the duplicate check to work at scale as well.
    const manyRowsArb = fc
      .array(rowArb(cheapItemArb), { minLength: BLOCK_ROWS, maxLength: BLOCK_ROWS })
      .map((block) => Array.from({ length: MANY_LINES / BLOCK_ROWS }, () => block).flat());
    fc.assert(
      fc.property(ndjsonFileArb(manyRowsArb), ({ text, expected }) => {
        const started = performance.now();
        const entries = readKibanaRuleFile(text, OPTIONS);
        expect(performance.now() - started).toBeLessThan(MANY_LINES_BUDGET_MS);
        expect(entries).toHaveLength(MANY_LINES);
        expectEntries(entries, expected);
      }),
      // Shrinking 10,000 rows takes minutes; the first counterexample is reported as found.
      { numRuns: MANY_LINES_RUNS, endOnFailure: true }
    );
  });
});

// ---- TOML --------------------------------------------------------------------------------------

const TOML_DEPTHS = [1, 100, 1_000, DEPTH];
const TOML_NOISE = ['[', ']', '"', "'''", '"""', '=', '\n', '[rule]\n', 'type = "query"\n'];
const TOML_VALUES = ['"x"', '1', '1.5', 'true', '[]', '["a"]', '{}', '1979-05-27T07:32:00Z', 'nan'];
const RULE_KEYS = [...Object.keys(kibanaRuleToImportSchema.shape), 'new_terms', 'x'];
const MAX_CUT = 40;

const deepTomlArb = fc
  .constantFrom(...TOML_DEPTHS)
  .chain((depth) =>
    fc.constantFrom(
      `a = ${'['.repeat(depth)}${']'.repeat(depth)}`,
      `a = ${'{ b = '.repeat(depth)}1${' }'.repeat(depth)}`,
      `[${Array.from({ length: depth }, () => 'rule').join('.')}]\ntype = "new_terms"`,
      `[[${Array.from({ length: depth }, () => 'a').join('.')}]]`,
      `a = ${'['.repeat(depth)}`
    )
  );

const binaryLookingArb = fc
  .uint8Array({ maxLength: 300 })
  .chain((bytes) =>
    fc.constantFrom(Buffer.from(bytes).toString('latin1'), Buffer.from(bytes).toString('utf8'))
  );

const hugeTomlArb = fc.constantFrom(
  `[rule]\ndescription = "${HUGE_TEXT}"`,
  `a = "${HUGE_TEXT}`,
  `a = """${HUGE_TEXT}`,
  HUGE_TEXT
);

/** The valid fixture with a slice cut out and something else put in its place. */
const mutatedFixtureArb = fc
  .record({
    at: fc.nat({ max: TOML_TEXT.length }),
    cut: fc.nat({ max: MAX_CUT }),
    insert: fc.oneof(fc.string({ unit: 'binary', maxLength: 20 }), fc.constantFrom(...TOML_NOISE)),
  })
  .map(({ at, cut, insert }) => `${TOML_TEXT.slice(0, at)}${insert}${TOML_TEXT.slice(at + cut)}`);

// `type` decides which path a rule takes, so it comes up far more often than the other keys.
const ruleKeyArb = fc.oneof(fc.constant('type'), fc.constantFrom(...RULE_KEYS));

/** A `[rule]` table of known keys with values of any TOML type, perhaps a new_terms block. */
const ruleTableArb = fc
  .record({
    pairs: fc.array(fc.tuple(ruleKeyArb, fc.constantFrom(...TOML_VALUES)), {
      maxLength: 8,
    }),
    block: fc.constantFrom(
      '',
      '[rule.new_terms]\nfield = "new_terms_fields"\nvalue = ["user.name"]\n',
      '[rule.new_terms]\nfield = "x"\n[[rule.new_terms.history_window_start]]\nfield = "y"\n'
    ),
  })
  .map(({ pairs, block }) => {
    // One value per key (the last), as a key given twice is only a syntax error.
    const lines = [...new Map(pairs)].map(([key, value]) => `${key} = ${value}`);
    return `[rule]\n${lines.join('\n')}\n${block}`;
  });

const tomlTextArb = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  binaryLookingArb,
  hugeTomlArb,
  deepTomlArb,
  mutatedFixtureArb,
  ruleTableArb
);

describe('readDetectionRulesToml: properties', () => {
  it('never throws, and gives a rule or at least one reason', () => {
    fc.assert(
      fc.property(tomlTextArb, (text) => {
        expectRuleOrReasons(readDetectionRulesToml(text, OPTIONS));
      }),
      { numRuns: TOML_RUNS }
    );
  });
});

// ---- The file name chooses the reader --------------------------------------------------------

const TOML_SUFFIX = /\.toml$/i;
const NOT_TOML_NAMES = ['rule.toml.ndjson', 'rule.tom', 'ruletoml', 'rule.toml ', 'rule.t\u043eml'];

const tomlEntry = (result: KibanaRuleParse): RuleFileEntry =>
  result.ok
    ? { kind: 'rule', line: 1, rule: result.rule }
    : { kind: 'invalid', line: 1, ruleId: undefined, errors: result.errors };

const fileTextArb = fc.oneof(
  fc.constantFrom(TOML_TEXT, NDJSON_TEXT, '', '{}', '[rule]\n'),
  fc.string({ unit: 'binary', maxLength: 50 })
);
const stemArb = fc.string({ unit: 'binary', maxLength: 20 });
const notTomlNameArb = fc.oneof(
  fc.constantFrom(...NOT_TOML_NAMES),
  stemArb.filter((name) => !TOML_SUFFIX.test(name))
);

describe('readRuleFileText: properties', () => {
  it('reads a name ending in .toml, in any case, as one TOML rule on line 1', () => {
    const tomlNameArb = fc
      .tuple(stemArb, fc.mixedCase(fc.constant('.toml')))
      .map(([stem, suffix]) => `${stem}${suffix}`);
    fc.assert(
      fc.property(tomlNameArb, fileTextArb, (name, text) => {
        expect(readRuleFileText(name, text, OPTIONS)).toEqual([
          tomlEntry(readDetectionRulesToml(text, OPTIONS)),
        ]);
      }),
      { numRuns: NAME_RUNS }
    );
  });

  it("reads any other name in Kibana's formats", () => {
    fc.assert(
      fc.property(notTomlNameArb, fileTextArb, (name, text) => {
        expect(readRuleFileText(name, text, OPTIONS)).toEqual(readKibanaRuleFile(text, OPTIONS));
      }),
      { numRuns: NAME_RUNS }
    );
  });
});

// ---- Edge cases the generators reach rarely or not at all -------------------------------------

const SUMMARY_LINE = '{"exported_count":0,"exported_rules_count":0,"missing_rules":[]}';

const summarize = (entries: readonly RuleFileEntry[]) =>
  entries.map((entry) => [
    entry.line,
    entry.kind,
    entry.kind === 'skipped' ? entry.note : entry.kind === 'invalid' ? entry.errors.length : '',
  ]);

describe('readKibanaRuleFile: edge cases', () => {
  it('reads nothing from an empty file, a lone BOM or only whitespace', () => {
    for (const text of ['', '\uFEFF', ' \n\t\r\n\u00a0\n\u2028\r\n', '\uFEFF\n\n', '[]', ' [ ]\n'])
      expect(readKibanaRuleFile(text, OPTIONS)).toEqual([]);
  });

  it('skips a file holding only the export summary, however its line ends', () => {
    for (const text of [SUMMARY_LINE, `${SUMMARY_LINE}\n`, `\uFEFF${SUMMARY_LINE}\r\n`])
      expect(summarize(readKibanaRuleFile(text, OPTIONS))).toEqual([
        [1, 'skipped', EXPORT_SUMMARY_NOTE],
      ]);
  });

  it('numbers one object by the line it starts on, blank lines before it included', () => {
    expect(summarize(readKibanaRuleFile(`\n \r\n${SUMMARY_LINE}\n`, OPTIONS))).toEqual([
      [3, 'skipped', EXPORT_SUMMARY_NOTE],
    ]);
    const pretty = JSON.stringify(JSON.parse(SUMMARY_LINE), null, 2);
    expect(summarize(readKibanaRuleFile(`\uFEFF\n${pretty}`, OPTIONS))).toEqual([
      [2, 'skipped', EXPORT_SUMMARY_NOTE],
    ]);
  });

  it('keeps every line of NDJSON whose first line is an array or a broken one', () => {
    for (const first of ['[1,2]', '[', '[1,]', '['.repeat(DEPTH)])
      expect(summarize(readKibanaRuleFile(`${first}\n${SUMMARY_LINE}\n7`, OPTIONS))).toEqual([
        [1, 'invalid', 1],
        [2, 'skipped', EXPORT_SUMMARY_NOTE],
        [3, 'invalid', 1],
      ]);
  });

  it('reads a lone array line as a JSON array file, its elements numbered from 1', () => {
    expect(summarize(readKibanaRuleFile(`[1, ${SUMMARY_LINE}]\n`, OPTIONS))).toEqual([
      [1, 'invalid', 1],
      [2, 'skipped', EXPORT_SUMMARY_NOTE],
    ]);
  });
});

describe('readDetectionRulesToml: edge cases', () => {
  it('names a rule type that is a table or an array instead of throwing', () => {
    expect(readDetectionRulesToml('[rule]\ntype = { a = 1 }\n', OPTIONS)).toEqual({
      ok: false,
      errors: [`rule.type: '{"a":1}' rules are not imported; only new_terms rules are`],
    });
    expect(readDetectionRulesToml('[rule]\ntype = [{}]\n', OPTIONS)).toEqual({
      ok: false,
      errors: [`rule.type: '[{}]' rules are not imported; only new_terms rules are`],
    });
  });
});

describe('readRuleFileText: edge cases', () => {
  it('reports an empty .toml file as a rule without a [rule] table, and an empty export as nothing', () => {
    expect(readRuleFileText('RULE.TOML', '', OPTIONS)).toEqual([
      { kind: 'invalid', line: 1, ruleId: undefined, errors: [NO_RULE_TABLE] },
    ]);
    expect(readRuleFileText('rules.ndjson', '', OPTIONS)).toEqual([]);
    expect(readRuleFileText('', '   ', OPTIONS)).toEqual([]);
  });
});
