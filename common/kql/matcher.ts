/**
 * The in-process KQL matcher: the reference semantics the other backends are tested against. It
 * answers what Elasticsearch answers for the query Kibana compiles (see `query_values.ts` for the
 * per-type comparisons and `value_coercion.ts` for how document values are indexed):
 * - a field matches when any of its indexed values matches (arrays are flattened, nested and dotted
 *   keys are the same path); `not` is `must_not`, so a document without the field matches `not f:x`;
 * - `exists` needs one indexed value (ignored-above keywords and unparsable values do not count);
 *   on an object path it means any sub-field exists;
 * - a field-less value is `multi_match` with `lenient: true` over every field of the document
 *   (including mapped multi-fields); a wildcard field name expands over mapped fields and the
 *   document's own fields, also leniently;
 * - `path:{ q }` needs `q` to hold inside one object of `path`; fields under a `nested` mapping
 *   match nothing outside such a query, as in Elasticsearch.
 * A mapped field given a value its type cannot parse (`process.pid:abc`) throws `KqlCompileError`
 * when the matcher is created, because Elasticsearch rejects the whole query.
 * The matcher never throws on a document.
 */
import type { FieldSpec, FieldTypeMap } from '../ecs/field_types';
import type { KqlExists, KqlIs, KqlNested, KqlNode, KqlRange, KqlValue, KqlWildcard } from './ast';
import { flattenDocument, getObjectsAtPath } from './document_fields';
import { KqlCompileError } from './errors';
import { buildFieldCatalog, isLeafSpec } from './field_catalog';
import type { FieldCatalog } from './field_catalog';
import { ipKey } from './ip_values';
import {
  checkWildcardType,
  compareCodePoints,
  isMatchAnyWildcard,
  prepareRangeBound,
  prepareTerm,
  wildcardRegExp,
} from './query_values';
import type { QueryValueOptions, RangeBound, TermMatch, ValueContext } from './query_values';
import { analyzeText } from './text_analysis';
import { effectiveEsType, indexValueAs, valueKindOf } from './value_coercion';
import type { IndexedValue } from './value_coercion';

export type MatcherOptions = QueryValueOptions;

export type DocumentMatcher = (doc: Record<string, unknown>) => boolean;

interface DocContext {
  readonly doc: unknown;
  readonly flat: ReadonlyMap<string, unknown[]>;
}

type Predicate = (ctx: DocContext) => boolean;

/** Tests one field's raw values (as found in the document). */
type ValuesTest = (raws: readonly unknown[]) => boolean;

interface Scope {
  readonly fields: FieldTypeMap;
  readonly catalog: FieldCatalog;
  readonly options: MatcherOptions;
  /** `''` at the top, `path.` inside `path:{…}`. */
  readonly prefix: string;
  readonly nestedPath: string | undefined;
}

/** A field as the query names it, relative to the scope. */
interface ResolvedField {
  readonly fullName: string;
  readonly spec: FieldSpec | undefined;
  /** Where the values are read, relative to the scope (a multi-field reads its parent). */
  readonly source: string;
  /** False for nested fields outside their nested query and for object paths. */
  readonly searchable: boolean;
}

const NEVER: Predicate = () => false;
const NEVER_VALUES: ValuesTest = () => false;

function resolveField(relativeName: string, scope: Scope): ResolvedField {
  const fullName = scope.prefix + relativeName;
  const spec = scope.fields.get(fullName);
  const sourceFull = isLeafSpec(spec) ? scope.catalog.sourceOf(fullName) : undefined;
  const source = sourceFull === undefined ? relativeName : sourceFull.slice(scope.prefix.length);
  const inScope = scope.catalog.nestedPathOf(fullName, spec) === scope.nestedPath;
  const isContainer = spec !== undefined && !isLeafSpec(spec);
  return { fullName, spec, source, searchable: inScope && !isContainer };
}

function indexedValues(raws: readonly unknown[], spec: FieldSpec | undefined): IndexedValue[] {
  const out: IndexedValue[] = [];
  for (const raw of raws) {
    const esType = effectiveEsType(raw, spec);
    const value = esType === undefined ? undefined : indexValueAs(raw, esType, spec);
    if (value !== undefined) out.push(value);
  }
  return out;
}

function containsSequence(tokens: readonly string[], sequence: readonly string[]): boolean {
  for (let start = 0; start + sequence.length <= tokens.length; start++) {
    if (sequence.every((token, offset) => tokens[start + offset] === token)) return true;
  }
  return false;
}

function matchesTerm(term: TermMatch, value: IndexedValue): boolean {
  switch (term.kind) {
    case 'keyword':
    case 'boolean':
    case 'number':
      return value === term.value;
    case 'text': {
      if (typeof value !== 'string') return false;
      const tokens = analyzeText(value);
      if (term.phrase) return containsSequence(tokens, term.tokens);
      return term.tokens.some((token) => tokens.includes(token));
    }
    case 'date':
      return typeof value === 'number' && value >= term.lower && value <= term.upper;
    case 'ip': {
      const key = typeof value === 'string' ? ipKey(value) : undefined;
      return key !== undefined && key >= term.lower && key <= term.upper;
    }
    default:
      return false;
  }
}

function compareToBound(value: IndexedValue, bound: RangeBound): number | undefined {
  switch (bound.kind) {
    case 'keyword':
      return typeof value === 'string' ? compareCodePoints(value, bound.value) : undefined;
    case 'ip': {
      const key = typeof value === 'string' ? ipKey(value) : undefined;
      return key === undefined ? undefined : compareCodePoints(key, bound.value);
    }
    case 'boolean':
      return typeof value === 'boolean' ? Number(value) - Number(bound.value) : undefined;
    case 'number':
    case 'date':
      return typeof value === 'number' ? value - bound.value : undefined;
    default:
      return undefined;
  }
}

function satisfies(comparison: number | undefined, operator: KqlRange['operator']): boolean {
  if (comparison === undefined || Number.isNaN(comparison)) return false;
  switch (operator) {
    case 'gt':
      return comparison > 0;
    case 'gte':
      return comparison >= 0;
    case 'lt':
      return comparison < 0;
    case 'lte':
      return comparison <= 0;
  }
}

function valueContext(field: string, lenient: boolean, useTimeZone: boolean, scope: Scope): ValueContext {
  return { field, lenient, useTimeZone, options: scope.options };
}

/** Term test for values of one (mapped or dynamic) type. */
function termTestForType(value: KqlValue, esType: string, spec: FieldSpec | undefined, ctx: ValueContext) {
  if (value.kind === 'wildcard') return wildcardTestForType(value, esType, spec, ctx);
  const term = prepareTerm(value, esType, ctx);
  if (term.kind === 'none') return (): boolean => false;
  return (raw: unknown): boolean => {
    const indexed = indexValueAs(raw, esType, spec);
    return indexed !== undefined && matchesTerm(term, indexed);
  };
}

function wildcardTestForType(value: KqlWildcard, esType: string, spec: FieldSpec | undefined, ctx: ValueContext) {
  if (isMatchAnyWildcard(value)) return (raw: unknown): boolean => indexValueAs(raw, esType, spec) !== undefined;
  if (!checkWildcardType(esType, ctx)) return (): boolean => false;
  const isText = valueKindOf(esType) === 'text';
  const pattern = wildcardRegExp(value, isText);
  return (raw: unknown): boolean => {
    const indexed = indexValueAs(raw, esType, spec);
    if (typeof indexed !== 'string') return false;
    return isText ? analyzeText(indexed).some((token) => pattern.test(token)) : pattern.test(indexed);
  };
}

/** Per-raw-value test: the mapped type, or (unmapped) the dynamic type of each value. */
function rawTermTest(value: KqlValue, spec: FieldSpec | undefined, ctx: ValueContext): (raw: unknown) => boolean {
  if (spec) return termTestForType(value, spec.type, spec, ctx);
  const lenient = { ...ctx, lenient: true };
  const byType = new Map<string, (raw: unknown) => boolean>();
  return (raw) => {
    const esType = effectiveEsType(raw, undefined);
    if (esType === undefined) return false;
    let test = byType.get(esType);
    if (!test) {
      test = termTestForType(value, esType, undefined, lenient);
      byType.set(esType, test);
    }
    return test(raw);
  };
}

function termValuesTest(value: KqlValue, field: ResolvedField, ctx: ValueContext): ValuesTest {
  if (!field.searchable) return NEVER_VALUES;
  const test = rawTermTest(value, field.spec, ctx);
  return (raws) => raws.some(test);
}

function rangeValuesTest(node: KqlRange, field: ResolvedField, ctx: ValueContext): ValuesTest {
  if (!field.searchable) return NEVER_VALUES;
  const boundFor = (esType: string, lenient: boolean): RangeBound =>
    prepareRangeBound(node.value, node.operator, esType, { ...ctx, lenient });
  const mappedBound = field.spec ? boundFor(field.spec.type, ctx.lenient) : undefined;
  const isText = field.spec !== undefined && valueKindOf(field.spec.type) === 'text';
  return (raws) =>
    indexedValues(raws, field.spec).some((value) => {
      const bound = mappedBound ?? boundFor(effectiveEsType(value, undefined) ?? 'keyword', true);
      if (isText && typeof value === 'string' && bound.kind === 'text') {
        return analyzeText(value).some((token) => satisfies(compareCodePoints(token, bound.value), node.operator));
      }
      return satisfies(compareToBound(value, bound), node.operator);
    });
}

function existsValuesTest(field: ResolvedField): ValuesTest {
  if (!field.searchable) return NEVER_VALUES;
  return (raws) => indexedValues(raws, field.spec).length > 0;
}

function literalName(value: KqlValue): string | undefined {
  return value.kind === 'literal' && typeof value.value === 'string' ? value.value : undefined;
}

function fieldNameOf(value: KqlValue): string {
  if (value.kind === 'wildcard') return value.segments.join('*');
  return value.value === null ? 'null' : String(value.value);
}

/** Field-name patterns: `process.*` matches full names, `*` spanning dots as in Kibana. */
function fieldPatternRegExp(pattern: KqlWildcard, scope: Scope): RegExp {
  const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`^${escape(scope.prefix)}${pattern.segments.map(escape).join('.*')}$`, 's');
}

type FieldTestFactory = (field: ResolvedField, lenient: boolean) => ValuesTest;

/** One field named literally: its values, or (exists) anything under an object path. */
function literalFieldPredicate(name: string, scope: Scope, factory: FieldTestFactory): Predicate {
  const field = resolveField(name, scope);
  const test = factory(field, false);
  return (ctx) => test(ctx.flat.get(field.source) ?? []);
}

/** A wildcard field name: every mapped or present field the pattern matches, leniently. */
function patternFieldPredicate(pattern: KqlWildcard, scope: Scope, factory: FieldTestFactory): Predicate {
  const regexp = fieldPatternRegExp(pattern, scope);
  const mapped = scope.catalog.leafNames.filter((name) => regexp.test(name));
  const tests = new Map<string, { field: ResolvedField; test: ValuesTest }>();
  const testFor = (relative: string) => {
    let entry = tests.get(relative);
    if (!entry) {
      const field = resolveField(relative, scope);
      entry = { field, test: factory(field, true) };
      tests.set(relative, entry);
    }
    return entry;
  };
  const mappedRelative = mapped
    .filter((name) => name.startsWith(scope.prefix))
    .map((name) => name.slice(scope.prefix.length));
  return (ctx) => {
    for (const relative of mappedRelative) {
      const { field, test } = testFor(relative);
      if (test(ctx.flat.get(field.source) ?? [])) return true;
    }
    for (const [relative, raws] of ctx.flat) {
      if (regexp.test(scope.prefix + relative) && testFor(relative).test(raws)) return true;
    }
    return false;
  };
}

function fieldPredicate(fieldValue: KqlValue, scope: Scope, factory: FieldTestFactory): Predicate {
  if (fieldValue.kind === 'wildcard') return patternFieldPredicate(fieldValue, scope, factory);
  return literalFieldPredicate(fieldNameOf(fieldValue), scope, factory);
}

/** Field-less value: `multi_match` (lenient, no time_zone) over every field and multi-field. */
function fieldlessPredicate(value: KqlValue, scope: Scope): Predicate {
  const tests = new Map<string, ValuesTest>();
  const testFor = (relative: string): ValuesTest => {
    let test = tests.get(relative);
    if (test) return test;
    const field = resolveField(relative, scope);
    const parts = [field.fullName, ...scope.catalog.multiFieldsOf(field.fullName)].map((fullName) => {
      const resolved = { ...resolveField(fullName.slice(scope.prefix.length), scope), source: relative };
      return termValuesTest(value, resolved, valueContext(fullName, true, false, scope));
    });
    test = (raws) => parts.some((part) => part(raws));
    tests.set(relative, test);
    return test;
  };
  return (ctx) => {
    for (const [relative, raws] of ctx.flat) if (testFor(relative)(raws)) return true;
    return false;
  };
}

function compileIs(node: KqlIs, scope: Scope): Predicate {
  if (node.field === null) return fieldlessPredicate(node.value, scope);
  return fieldPredicate(node.field, scope, (field, lenient) =>
    termValuesTest(node.value, field, valueContext(field.fullName, lenient, true, scope))
  );
}

function compileRange(node: KqlRange, scope: Scope): Predicate {
  return fieldPredicate(node.field, scope, (field, lenient) =>
    rangeValuesTest(node, field, valueContext(field.fullName, lenient, true, scope))
  );
}

/** `exists` on an object path (or an unmapped name with sub-fields): any sub-field exists. */
function objectExistsPredicate(name: string, scope: Scope): Predicate {
  const childPrefix = `${name}.`;
  const tests = new Map<string, ValuesTest>();
  return (ctx) => {
    for (const [relative, raws] of ctx.flat) {
      if (!relative.startsWith(childPrefix)) continue;
      let test = tests.get(relative);
      if (!test) {
        test = existsValuesTest(resolveField(relative, scope));
        tests.set(relative, test);
      }
      if (test(raws)) return true;
    }
    return false;
  };
}

function compileExists(node: KqlExists, scope: Scope): Predicate {
  const leaf = fieldPredicate(node.field, scope, (field) => existsValuesTest(field));
  const name = literalName(node.field);
  if (name === undefined || isLeafSpec(scope.fields.get(scope.prefix + name))) return leaf;
  const objects = objectExistsPredicate(name, scope);
  return (ctx) => leaf(ctx) || objects(ctx);
}

function compileNested(node: KqlNested, scope: Scope): Predicate {
  const path = literalName(node.path);
  if (path === undefined) throw new KqlCompileError('a nested query needs a literal path');
  const fullPath = scope.prefix + path;
  const spec = scope.fields.get(fullPath);
  if (spec !== undefined && spec.type !== 'nested') {
    throw new KqlCompileError(`"${fullPath}" is mapped as ${spec.type}, not nested`);
  }
  const inner = compileNode(node.query, { ...scope, prefix: `${fullPath}.`, nestedPath: fullPath });
  return (ctx) =>
    getObjectsAtPath(ctx.doc, path).some((element) => inner({ doc: element, flat: flattenDocument(element) }));
}

function compileNode(node: KqlNode, scope: Scope): Predicate {
  switch (node.type) {
    case 'match_all':
      return () => true;
    case 'and': {
      const children = node.children.map((child) => compileNode(child, scope));
      return (ctx) => children.every((child) => child(ctx));
    }
    case 'or': {
      const children = node.children.map((child) => compileNode(child, scope));
      return (ctx) => children.some((child) => child(ctx));
    }
    case 'not': {
      const child = compileNode(node.child, scope);
      return (ctx) => !child(ctx);
    }
    case 'is':
      return compileIs(node, scope);
    case 'exists':
      return compileExists(node, scope);
    case 'range':
      return compileRange(node, scope);
    case 'nested':
      return compileNested(node, scope);
    default:
      return NEVER;
  }
}

/**
 * Compiles a KQL tree into a document predicate. Throws `KqlCompileError` for queries
 * Elasticsearch would reject for these field types; the returned function never throws.
 */
export function createMatcher(ast: KqlNode, fields: FieldTypeMap, options: MatcherOptions = {}): DocumentMatcher {
  const scope: Scope = { fields, catalog: buildFieldCatalog(fields), options, prefix: '', nestedPath: undefined };
  const predicate = compileNode(ast, scope);
  return (doc) => predicate({ doc, flat: flattenDocument(doc) });
}
