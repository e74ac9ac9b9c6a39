import { KqlCompileError } from './kql_compile_error';
import { assertNoNestingProblems, createFieldResolver, parsesLeniently } from './field_resolution';
import type { FieldOrigin } from './field_resolution';
import { wc } from './test_helpers/ast_builders';
import { testFields } from './test_helpers/test_fields';

const resolver = createFieldResolver(testFields());
const resolve = (name: string, origin: FieldOrigin = 'named', nestedPath?: string) =>
  resolver.resolve(name, nestedPath, origin);

describe('field kinds', () => {
  it("mapped leaves read their own values, multi-fields their parent's", () => {
    expect(resolve('process.name')).toMatchObject({
      kind: 'value',
      source: 'process.name',
      spec: { type: 'keyword' },
    });
    expect(resolve('process.command_line.text')).toMatchObject({
      kind: 'value',
      source: 'process.command_line',
    });
  });
  it("flattened fields and their keys are keywords with the flattened field's ignore_above", () => {
    expect(resolve('process.elf.exports')).toMatchObject({
      kind: 'flattened',
      spec: { type: 'keyword', ignoreAbove: 5 },
    });
    expect(resolve('process.elf.exports.a.b')).toMatchObject({
      kind: 'keyed',
      spec: { type: 'keyword', ignoreAbove: 5 },
    });
    expect(resolve('process.elf.imports.name').spec).toEqual({
      name: 'process.elf.imports',
      type: 'keyword',
    });
  });
  it('geo_point has no sub-fields; nor has any other leaf', () => {
    expect(resolve('source.geo.location').kind).toBe('geo_point');
    expect(resolve('source.geo.location.lat').kind).toBe('hidden');
    expect(resolve('process.name.other').kind).toBe('hidden');
  });
  it('objects, nested paths and unmapped names', () => {
    expect(resolve('labels').kind).toBe('object');
    expect(resolve('items').kind).toBe('object');
    expect(resolve('labels.team')).toMatchObject({ kind: 'dynamic', spec: undefined });
    expect(resolve('no.such.field').kind).toBe('dynamic');
  });
});

describe('nested fields', () => {
  const outside =
    'items.name is a nested field, but is not in a nested group in the KQL expression.';
  it("named outside their group: Kibana's error", () => {
    const field = resolve('items.name');
    expect(field).toMatchObject({ kind: 'hidden', nestingProblem: outside });
    expect(() => assertNoNestingProblems([field])).toThrow(new KqlCompileError(outside));
  });
  it('named inside their group: searchable', () => {
    expect(resolve('items.name', 'named', 'items')).toMatchObject({
      kind: 'value',
      nestingProblem: undefined,
    });
  });
  it("a non-nested field inside a group: Kibana's error", () => {
    expect(resolve('process.name', 'named', 'items').nestingProblem).toBe(
      'process.name is not a nested field but is in nested group "items" in the KQL expression.'
    );
  });
  it('reached by a pattern from outside any group: searchable (Kibana wraps it in a nested query)', () => {
    expect(resolve('items.name', 'pattern')).toMatchObject({
      kind: 'value',
      nestingProblem: undefined,
    });
  });
  it('found in a document outside their group: hidden, never an error', () => {
    expect(resolve('items.name', 'document')).toMatchObject({
      kind: 'hidden',
      nestingProblem: undefined,
    });
    expect(resolve('items.unmapped', 'named')).toMatchObject({
      kind: 'hidden',
      nestingProblem: undefined,
    });
  });
  it('joins every problem of a pattern into one error', () => {
    const fields = [
      resolve('items.name', 'pattern', 'other'),
      resolve('items.count', 'pattern', 'other'),
    ];
    expect(() => assertNoNestingProblems(fields)).toThrow(/items\.name[^\n]*\n[^\n]*items\.count/);
  });
});

describe('wildcard field names', () => {
  it('expand over mapped leaves only, `*` spanning dots', () => {
    expect(resolver.expand(wc('process.*name'), '')).toEqual([
      'process.name',
      'process.parent.name',
    ]);
    expect(resolver.expand(wc('labels.*'), '')).toEqual([]);
    expect(resolver.expand(wc('n*'), 'items.')).toEqual(['items.name']);
  });
});

describe('parsesLeniently', () => {
  const date = resolve('@timestamp');
  const long = resolve('process.pid');
  it('documents are lenient, named fields strict', () => {
    expect(parsesLeniently(long, 'document', false)).toBe(true);
    expect(parsesLeniently(date, 'named', true)).toBe(false);
  });
  it('only date ranges a pattern reaches are lenient (Elasticsearch parses them only where data is)', () => {
    expect(parsesLeniently(date, 'pattern', true)).toBe(true);
    expect(parsesLeniently(date, 'pattern', false)).toBe(false);
    expect(parsesLeniently(long, 'pattern', true)).toBe(false);
  });
});
