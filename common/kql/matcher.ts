/**
 * The in-process KQL matcher: the reference semantics the other backends are tested against. It
 * answers what Elasticsearch answers for the query Kibana compiles (see `query_values.ts` for the
 * per-type comparisons, `value_coercion.ts` for how document values are indexed and
 * `field_resolution.ts` for which field a name denotes):
 * - a field matches when any of its indexed values matches (arrays are flattened, nested and dotted
 *   keys are the same path); `not` is `must_not`, so a document without the field matches `not f:x`;
 * - `exists` needs one indexed value (ignored-above keywords and unparsable values do not count);
 *   on an object path it means any sub-field exists; on a flattened or geo_point field, any value
 *   below it (they are objects in the document);
 * - a flattened field matches a value on any of its leaf values, as a keyword; a key below it is
 *   a keyword field of its own (a range on one is an error: Elasticsearch needs both bounds);
 *   a geo_point's `lat`/`lon` are not fields;
 * - a field-less value is `multi_match` with `lenient: true` over every field of the document
 *   (including mapped multi-fields);
 * - a wildcard field name expands over the mapped fields, each searched as strictly as a field
 *   named literally (Kibana sends a non-lenient query per field, kibana#149920), except that an
 *   unparsable date matches nothing there (see `parsesLeniently` for why). When no mapped
 *   field matches, Kibana sends the pattern as a field name: `exists` and wildcard values
 *   (`query_string`) expand it over the index's fields (the document's own fields here, leniently),
 *   a term or range matches nothing;
 * - `path:{ q }` needs `q` to hold inside one object of `path`. A mapped nested field named outside
 *   its group is a `KqlCompileError`, as in Kibana; reached through a wildcard field name it is
 *   searched on its own (Kibana wraps it in a nested query).
 * A mapped field given a value its type cannot parse (`process.pid:abc`) throws `KqlCompileError`
 * when the matcher is created, because Elasticsearch rejects the whole query.
 * The matcher never throws on a document.
 */
import type { FieldSpec, FieldTypeMap } from '../ecs/field_types';
import type { KqlExists, KqlIs, KqlNested, KqlNode, KqlRange, KqlValue, KqlWildcard } from './ast';
import { flattenDocument, getObjectsAtPath } from '../es/document_fields';
import { KqlCompileError } from './kql_compile_error';
import {
  assertNoNestingProblems,
  createFieldResolver,
  fieldPatternRegExp,
  isFieldless,
  isSearchable,
  parsesLeniently,
} from './field_resolution';
import type { FieldOrigin, FieldResolver, ResolvedField } from './field_resolution';
import { ipKey } from '../es/ip_values';
import {
  checkWildcardType,
  compareCodePoints,
  isLoneWildcard,
  isMatchAnyWildcard,
  prepareRangeBound,
  prepareTerm,
  wildcardPattern,
} from './query_values';
import type { QueryValueOptions, RangeBound, TermMatch, ValueContext } from './query_values';
import { analyzeText } from '../es/text_analysis';
import { effectiveEsType, indexValueAs, valueKindOf } from '../es/value_coercion';
import type { IndexedValue } from '../es/value_coercion';

export type MatcherOptions = QueryValueOptions;

export type DocumentMatcher = (doc: Record<string, unknown>) => boolean;

type FlatDocument = ReadonlyMap<string, unknown[]>;

interface DocContext {
  readonly doc: unknown;
  readonly flat: FlatDocument;
}

type Predicate = (ctx: DocContext) => boolean;

/** Tests one field's raw values (as found in the document). */
type ValuesTest = (raws: readonly unknown[]) => boolean;

/** Builds a field's test; how the query reached the field decides how strictly values parse. */
type FieldTestFactory = (field: ResolvedField, origin: FieldOrigin) => ValuesTest;

/** What a wildcard field name matches when no mapped field does (see the header). */
type PatternFallback = 'nothing' | 'document fields';

interface Scope {
  readonly fields: FieldTypeMap;
  readonly resolver: FieldResolver;
  readonly options: MatcherOptions;
  /** `''` at the top, `path.` inside `path:{…}`. */
  readonly prefix: string;
  readonly nestedPath: string | undefined;
}

const ALWAYS: Predicate = () => true;
const NEVER: Predicate = () => false;
const NEVER_VALUES: ValuesTest = () => false;

/** Every value at `path` and below it (a flattened or geo_point field's values are objects). */
function subtreeValues(flat: FlatDocument, path: string): unknown[] {
  const childPrefix = `${path}.`;
  const out = [...(flat.get(path) ?? [])];
  for (const [key, raws] of flat) if (key.startsWith(childPrefix)) out.push(...raws);
  return out;
}

type ValuesReader = (flat: FlatDocument) => readonly unknown[];

function valuesReader(field: ResolvedField, scope: Scope): ValuesReader {
  const source = field.source.slice(scope.prefix.length);
  switch (field.kind) {
    case 'flattened':
    case 'geo_point':
      return (flat) => subtreeValues(flat, source);
    case 'value':
    case 'keyed':
    case 'dynamic':
      return (flat) => flat.get(source) ?? [];
    default:
      return () => [];
  }
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

/** Term test for values of one (mapped or dynamic) type. */
function termTestForType(
  value: KqlValue,
  esType: string,
  spec: FieldSpec | undefined,
  ctx: ValueContext
) {
  if (value.kind === 'wildcard') return wildcardTestForType(value, esType, spec, ctx);
  const term = prepareTerm(value, esType, ctx);
  if (term.kind === 'none') return (): boolean => false;
  return (raw: unknown): boolean => {
    const indexed = indexValueAs(raw, esType, spec);
    return indexed !== undefined && matchesTerm(term, indexed);
  };
}

function wildcardTestForType(
  value: KqlWildcard,
  esType: string,
  spec: FieldSpec | undefined,
  ctx: ValueContext
) {
  if (isMatchAnyWildcard(value))
    return (raw: unknown): boolean => indexValueAs(raw, esType, spec) !== undefined;
  if (!checkWildcardType(esType, ctx)) return (): boolean => false;
  const isText = valueKindOf(esType) === 'text';
  const pattern = wildcardPattern(value, isText);
  return (raw: unknown): boolean => {
    const indexed = indexValueAs(raw, esType, spec);
    if (typeof indexed !== 'string') return false;
    return isText
      ? analyzeText(indexed).some((token) => pattern.test(token))
      : pattern.test(indexed);
  };
}

/** Per-raw-value test: the mapped type, or (unmapped) the dynamic type of each value. */
function rawTermTest(
  value: KqlValue,
  spec: FieldSpec | undefined,
  ctx: ValueContext
): (raw: unknown) => boolean {
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
  if (!isSearchable(field)) return NEVER_VALUES;
  const test = rawTermTest(value, field.spec, ctx);
  return (raws) => raws.some(test);
}

/** Elasticsearch needs both bounds for a range on a key of a flattened field; KQL gives one. */
function keyedRangeTest(field: ResolvedField, ctx: ValueContext): ValuesTest {
  if (ctx.lenient) return NEVER_VALUES;
  throw new KqlCompileError(
    `a range on a key of a flattened field needs both bounds, which KQL cannot express (field "${field.name}")`
  );
}

function rangeValuesTest(node: KqlRange, field: ResolvedField, ctx: ValueContext): ValuesTest {
  if (!isSearchable(field)) return NEVER_VALUES;
  if (field.kind === 'keyed') return keyedRangeTest(field, ctx);
  const boundFor = (esType: string, lenient: boolean): RangeBound =>
    prepareRangeBound(node.value, node.operator, esType, { ...ctx, lenient });
  const mappedBound = field.spec ? boundFor(field.spec.type, ctx.lenient) : undefined;
  const isText = field.spec !== undefined && valueKindOf(field.spec.type) === 'text';
  return (raws) =>
    indexedValues(raws, field.spec).some((value) => {
      const bound = mappedBound ?? boundFor(effectiveEsType(value, undefined) ?? 'keyword', true);
      if (isText && typeof value === 'string' && bound.kind === 'text') {
        return analyzeText(value).some((token) =>
          satisfies(compareCodePoints(token, bound.value), node.operator)
        );
      }
      return satisfies(compareToBound(value, bound), node.operator);
    });
}

function existsValuesTest(field: ResolvedField): ValuesTest {
  if (!isSearchable(field)) return NEVER_VALUES;
  // Elasticsearch rejects a document whose geo_point it cannot parse, so any value there is indexed.
  if (field.kind === 'geo_point') return (raws) => raws.length > 0;
  return (raws) => indexedValues(raws, field.spec).length > 0;
}

function literalName(value: KqlValue): string | undefined {
  return value.kind === 'literal' && typeof value.value === 'string' ? value.value : undefined;
}

function fieldNameOf(value: KqlValue): string {
  if (value.kind === 'wildcard') return value.segments.join('*');
  return value.value === null ? 'null' : String(value.value);
}

function fieldPredicate(field: ResolvedField, scope: Scope, test: ValuesTest): Predicate {
  const read = valuesReader(field, scope);
  return (ctx) => test(read(ctx.flat));
}

/** A field named literally: a nested field outside its group is an error, as in Kibana. */
function resolveNamed(relativeName: string, scope: Scope): ResolvedField {
  const field = scope.resolver.resolve(scope.prefix + relativeName, scope.nestedPath, 'named');
  assertNoNestingProblems([field]);
  return field;
}

/** A field found in the document: searched if it can be, never an error. */
function resolveFound(relativeName: string, scope: Scope): ResolvedField {
  return scope.resolver.resolve(scope.prefix + relativeName, scope.nestedPath, 'document');
}

/**
 * Kibana sends one query per mapped field the pattern matches, each as strict as for a field named
 * literally, so a value one of them cannot parse fails the whole query in Elasticsearch.
 */
function mappedPatternPredicate(
  names: readonly string[],
  scope: Scope,
  factory: FieldTestFactory
): Predicate {
  const fields = names.map((name) => scope.resolver.resolve(name, scope.nestedPath, 'pattern'));
  assertNoNestingProblems(fields);
  const predicates = fields.map((field) => fieldPredicate(field, scope, factory(field, 'pattern')));
  return (ctx) => predicates.some((predicate) => predicate(ctx));
}

/**
 * No mapped field matches, and Elasticsearch expands the pattern over the index's fields (the
 * document's own fields here). Keys below a flattened field are not index fields, so they do not count.
 */
function documentPatternPredicate(
  pattern: KqlWildcard,
  scope: Scope,
  factory: FieldTestFactory
): Predicate {
  const regexp = fieldPatternRegExp(pattern, scope.prefix);
  const tests = new Map<string, ValuesTest>();
  const testFor = (relative: string): ValuesTest => {
    let test = tests.get(relative);
    if (!test) {
      const field = resolveFound(relative, scope);
      test = field.kind === 'keyed' ? NEVER_VALUES : factory(field, 'document');
      tests.set(relative, test);
    }
    return test;
  };
  return (ctx) => {
    for (const [relative, raws] of ctx.flat) {
      if (regexp.test(scope.prefix + relative) && testFor(relative)(raws)) return true;
    }
    return false;
  };
}

function patternFieldPredicate(
  pattern: KqlWildcard,
  scope: Scope,
  factory: FieldTestFactory,
  fallback: PatternFallback
): Predicate {
  const names = scope.resolver.expand(pattern, scope.prefix);
  if (names.length > 0) return mappedPatternPredicate(names, scope, factory);
  return fallback === 'document fields' ? documentPatternPredicate(pattern, scope, factory) : NEVER;
}

function fieldValuePredicate(
  fieldValue: KqlValue,
  scope: Scope,
  factory: FieldTestFactory,
  fallback: PatternFallback
): Predicate {
  if (fieldValue.kind === 'wildcard')
    return patternFieldPredicate(fieldValue, scope, factory, fallback);
  const field = resolveNamed(fieldNameOf(fieldValue), scope);
  return fieldPredicate(field, scope, factory(field, 'named'));
}

function valueContext(
  field: string,
  lenient: boolean,
  useTimeZone: boolean,
  scope: Scope
): ValueContext {
  return { field, lenient, useTimeZone, options: scope.options };
}

/** Field-less value: `multi_match` (lenient, no time_zone) over every field and multi-field. */
function fieldlessPredicate(value: KqlValue, scope: Scope): Predicate {
  const tests = new Map<string, ValuesTest>();
  const testFor = (relative: string): ValuesTest => {
    let test = tests.get(relative);
    if (test) return test;
    const fullName = scope.prefix + relative;
    // The raws are the document field's: its multi-fields are searched on the same values.
    const parts = [fullName, ...scope.resolver.catalog.multiFieldsOf(fullName)].map((name) =>
      termValuesTest(
        value,
        resolveFound(name.slice(scope.prefix.length), scope),
        valueContext(name, true, false, scope)
      )
    );
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
  if (node.field === null || isFieldless(node.field)) return fieldlessPredicate(node.value, scope);
  if (isLoneWildcard(node.value))
    return compileExists({ type: 'exists', field: node.field }, scope);
  // query_string (wildcard values) expands an unmapped pattern itself; match and term do not.
  const fallback: PatternFallback = node.value.kind === 'wildcard' ? 'document fields' : 'nothing';
  // An exact date is a range query (Kibana), a wildcard value a query_string.
  const isDateRange = node.value.kind === 'literal';
  return fieldValuePredicate(
    node.field,
    scope,
    (field, origin) => {
      const lenient = parsesLeniently(field, origin, isDateRange);
      return termValuesTest(node.value, field, valueContext(field.name, lenient, true, scope));
    },
    fallback
  );
}

function compileRange(node: KqlRange, scope: Scope): Predicate {
  return fieldValuePredicate(
    node.field,
    scope,
    (field, origin) =>
      rangeValuesTest(
        node,
        field,
        valueContext(field.name, parsesLeniently(field, origin, true), true, scope)
      ),
    'nothing'
  );
}

/**
 * `exists` on an object path: any field below it exists. Fields found in the document cover all
 * but geo_points given as objects, whose `lat`/`lon` are not fields: those are asked directly.
 */
function objectExistsPredicate(relativeName: string, scope: Scope): Predicate {
  const childPrefix = `${relativeName}.`;
  const geoPoints = scope.resolver.catalog.leafNames
    .filter((name) => name.startsWith(scope.prefix + childPrefix))
    .map((name) => resolveFound(name.slice(scope.prefix.length), scope))
    .filter((field) => field.kind === 'geo_point')
    .map((field) => fieldPredicate(field, scope, existsValuesTest(field)));
  const tests = new Map<string, ValuesTest>();
  const testFor = (relative: string): ValuesTest => {
    let test = tests.get(relative);
    if (!test) {
      test = existsValuesTest(resolveFound(relative, scope));
      tests.set(relative, test);
    }
    return test;
  };
  return (ctx) => {
    for (const [relative, raws] of ctx.flat) {
      if (relative.startsWith(childPrefix) && testFor(relative)(raws)) return true;
    }
    return geoPoints.some((predicate) => predicate(ctx));
  };
}

function compileExists(node: KqlExists, scope: Scope): Predicate {
  if (isLoneWildcard(node.field)) return ALWAYS;
  const factory: FieldTestFactory = (field) => existsValuesTest(field);
  if (node.field.kind === 'wildcard')
    return patternFieldPredicate(node.field, scope, factory, 'document fields');
  const name = fieldNameOf(node.field);
  const field = resolveNamed(name, scope);
  const leaf = fieldPredicate(field, scope, existsValuesTest(field));
  if (field.kind !== 'object' && field.kind !== 'dynamic') return leaf;
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
    getObjectsAtPath(ctx.doc, path).some((element) =>
      inner({ doc: element, flat: flattenDocument(element) })
    );
}

function compileNode(node: KqlNode, scope: Scope): Predicate {
  switch (node.type) {
    case 'match_all':
      return ALWAYS;
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
 * Elasticsearch would reject for these field types (or Kibana refuses to compile); the returned
 * function never throws.
 */
export function createMatcher(
  ast: KqlNode,
  fields: FieldTypeMap,
  options: MatcherOptions = {}
): DocumentMatcher {
  const scope: Scope = {
    fields,
    resolver: createFieldResolver(fields),
    options,
    prefix: '',
    nestedPath: undefined,
  };
  const predicate = compileNode(ast, scope);
  return (doc) => predicate({ doc, flat: flattenDocument(doc) });
}
