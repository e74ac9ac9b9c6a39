/**
 * Differential test: for every query of the corpus, the documents Elasticsearch finds with the DSL
 * our compiler produces must be exactly the documents the in-process matcher accepts. Elasticsearch
 * is the reference (the matcher exists to answer what it answers).
 *
 * Known disagreements are bugs in common/kql found by this test, not yet fixed: each is listed with
 * its diagnosis and runs as `it.failing`, so it turns red once fixed (then move it out of the list).
 */
import { Client } from '@elastic/elasticsearch';
import { ecsFieldTypes } from '../../common/ecs/ecs_field_types';
import { effectiveFieldTypes } from '../../server/stores/elasticsearch/ecs_mappings';
import { describeWithElasticsearch, esTestUrl } from '../elasticsearch/es_test_env';
import {
  createDifferentialIndex,
  describeDisagreement,
  esOutcomes,
  matcherOutcome,
  type Comparison,
} from './differential_runner';
import { corpusKey, kqlCorpus } from './kql_corpus';
import { testDocuments } from './kql_documents';

const MIN_CORPUS_SIZE = 200;
/** Share of queries that must find at least one document, so the corpus is not all misses. */
const MIN_SHARE_MATCHING_SOME = 0.3;
/** Share that must split the documents (none, or some but not all), so it is not all `*:*`. */
const MIN_SHARE_SELECTIVE = 0.2;
const SETUP_TIMEOUT_MS = 120_000;

// Diagnoses of the known disagreements, one per cause (the fix each needs is in common/kql).

/** Unmapped strings are keywords with ignore_above 1024 (the template's dynamic template). */
const DYNAMIC_IGNORE_ABOVE =
  'the matcher indexes unmapped strings of any length; the dynamic template stops at ignore_above 1024 ' +
  '(value_coercion.ts indexKeyword: apply 1024 when spec is undefined)';

/** geo_point and flattened values are objects; ES indexes them, the matcher sees no leaf value. */
const OBJECT_VALUED_EXISTS =
  'exists on a geo_point/flattened field whose value is an object: ES finds it, the matcher does not ' +
  '(matcher.ts compileExists: treat these types like object paths)';

const FLATTENED_TERM =
  'a term on a flattened field searches all its leaf values in ES; the matcher rejects the query ' +
  '(query_values.ts prepareTerm: flattened → keyword over every value under the path)';

const NESTED_VIA_FIELD_PATTERN =
  'Kibana (and our DSL) wraps nested fields reached through a wildcard field name in a nested query; ' +
  'the matcher makes them unsearchable (matcher.ts patternFieldPredicate/resolveField)';

const NESTED_OUTSIDE_GROUP =
  'the DSL compiler rejects a nested field outside its nested group (as Kibana does); ' +
  'the matcher silently matches nothing (matcher.ts resolveField: throw the same KqlCompileError)';

const LENIENT_FIELD_PATTERN =
  'Kibana (and our DSL) sends a non-lenient match/range to every field a wildcard field name expands to, ' +
  'so ES rejects a value one of them cannot parse; the matcher is lenient there ' +
  '(matcher.ts patternFieldPredicate: factory(field, false) for mapped fields)';

const UNMAPPED_FIELD_PATTERN =
  'the matcher expands a wildcard field name over the document’s unmapped fields; the DSL (like Kibana) ' +
  'expands over the field map only and else sends the pattern as a field name, which match/range ' +
  'do not expand, so ES matches nothing (matcher.ts patternFieldPredicate: no ctx.flat loop for is/range)';

const UNMAPPED_PATTERN_QUERY_STRING =
  'with no mapped field matching, ES query_string expands the pattern itself over the index mapping, ' +
  'non-leniently, and fails on the dynamically mapped double custom.count; the matcher is lenient ' +
  '(it cannot know dynamic fields absent from the field map: pass _field_caps types)';

/** Corpus key → diagnosis. */
const KNOWN_DISAGREEMENTS: Readonly<Record<string, string>> = {
  'custom.note:*': DYNAMIC_IGNORE_ABOVE,
  'source.geo.location:*': OBJECT_VALUED_EXISTS,
  'process.elf.imports:*': OBJECT_VALUED_EXISTS,
  'process.elf.imports:libc.so.6': FLATTENED_TERM,
  'threat.enrichments.matched.*:source.ip': NESTED_VIA_FIELD_PATTERN,
  'threat.enrichments.indicator.type:file': NESTED_OUTSIDE_GROUP,
  'process.parent.*:sudo': LENIENT_FIELD_PATTERN,
  'process.entry_leader.entry_meta.*:container': LENIENT_FIELD_PATTERN,
  'user.*:root': LENIENT_FIELD_PATTERN,
  'process.*:bash': LENIENT_FIELD_PATTERN,
  'labels.*:prod': UNMAPPED_FIELD_PATTERN,
  'custom.*:alpha': UNMAPPED_FIELD_PATTERN,
  'custom.* > 4': UNMAPPED_FIELD_PATTERN,
  'custom.*:al*': UNMAPPED_PATTERN_QUERY_STRING,
};

const corpus = kqlCorpus();
const documents = testDocuments();
// Random, so runs sharing one cluster never collide.
const INDEX = `ctd-kql-differential-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;

describeWithElasticsearch('KQL: Elasticsearch DSL hits vs the in-process matcher', () => {
  const fieldTypes = effectiveFieldTypes(ecsFieldTypes());
  const comparisons = new Map<string, Comparison>();
  let client: Client;

  beforeAll(async () => {
    client = new Client({ node: esTestUrl() ?? '' });
    await createDifferentialIndex(client, INDEX, ecsFieldTypes(), documents);
    const esResults = await esOutcomes(client, INDEX, corpus, fieldTypes, documents.length);
    corpus.forEach((query, position) => {
      const es = esResults[position] ?? { kind: 'rejected', reason: 'missing' };
      comparisons.set(corpusKey(query), { query, es, matcher: matcherOutcome(query, fieldTypes, documents) });
    });
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await client.indices.delete({ index: INDEX }, { ignore: [404] });
    await client.close();
  });

  it(`has at least ${MIN_CORPUS_SIZE} queries and a document set that exercises them`, () => {
    expect(corpus.length).toBeGreaterThanOrEqual(MIN_CORPUS_SIZE);
    const esHits = [...comparisons.values()].flatMap(({ es }) => (es.kind === 'hits' ? [es.ids.size] : []));
    const matchingSome = esHits.filter((size) => size > 0).length;
    const selective = esHits.filter((size) => size < documents.length).length;
    expect(matchingSome / corpus.length).toBeGreaterThanOrEqual(MIN_SHARE_MATCHING_SOME);
    expect(selective / corpus.length).toBeGreaterThanOrEqual(MIN_SHARE_SELECTIVE);
  });

  it('has no stale known disagreements', () => {
    const keys = new Set(corpus.map(corpusKey));
    expect(Object.keys(KNOWN_DISAGREEMENTS).filter((key) => !keys.has(key))).toEqual([]);
  });

  describe.each(corpus.map((query) => [corpusKey(query)]))('%s', (key) => {
    const agree = (): void => {
      const comparison = comparisons.get(key);
      if (comparison === undefined) throw new Error(`no result for ${key}`);
      const disagreement = describeDisagreement(comparison);
      if (disagreement !== undefined) throw new Error(disagreement);
    };
    if (Object.hasOwn(KNOWN_DISAGREEMENTS, key)) it.failing(`known disagreement: ${KNOWN_DISAGREEMENTS[key]}`, agree);
    else it('finds the same documents', agree);
  });
});
