/**
 * Differential test: for every query of the corpus, the documents Elasticsearch finds with the DSL
 * our compiler produces must be exactly the documents the in-process matcher accepts. Elasticsearch
 * is the reference (the matcher exists to answer what it answers).
 *
 * Known disagreements are listed with their diagnosis and run as `it.failing`, so each turns red
 * once it agrees (then move it out of the list). A query both sides reject counts as agreement:
 * Elasticsearch rejects some queries Kibana compiles (a wildcard field name over fields of types the
 * value cannot be, kibana#149920), and the matcher must reject them too.
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

// Diagnoses of the known disagreements (none is a bug in common/kql: each is a limit of what the
// matcher can know, documented where the matcher decides it).

/**
 * `custom.*:al*` (no mapped field matches): Kibana sends the pattern itself to query_string, which
 * Elasticsearch expands over every field of the index's mapping, dynamic ones included, and parses
 * non-leniently, so it fails on `custom.count`, a double dynamically mapped from another document.
 * The matcher sees one document and the field map it is given, so it cannot know that field exists.
 * The remedy is the caller's: give the matcher the index's real field types (`_field_caps`), which
 * include dynamic fields; then the pattern expands over mapped fields and the matcher rejects too.
 */
const UNMAPPED_PATTERN_QUERY_STRING =
  'with no mapped field matching, ES query_string expands the pattern itself over the index mapping, ' +
  'non-leniently, and fails on the dynamically mapped double custom.count; the matcher cannot know ' +
  'dynamic fields absent from its field map (callers pass _field_caps types)';

/** Corpus key → diagnosis. */
const KNOWN_DISAGREEMENTS: Readonly<Record<string, string>> = {
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
      comparisons.set(corpusKey(query), {
        query,
        es,
        matcher: matcherOutcome(query, fieldTypes, documents),
      });
    });
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await client.indices.delete({ index: INDEX }, { ignore: [404] });
    await client.close();
  });

  it(`has at least ${MIN_CORPUS_SIZE} queries and a document set that exercises them`, () => {
    expect(corpus.length).toBeGreaterThanOrEqual(MIN_CORPUS_SIZE);
    const esHits = [...comparisons.values()].flatMap(({ es }) =>
      es.kind === 'hits' ? [es.ids.size] : []
    );
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
    if (Object.hasOwn(KNOWN_DISAGREEMENTS, key))
      it.failing(`known disagreement: ${KNOWN_DISAGREEMENTS[key]}`, agree);
    else it('finds the same documents', agree);
  });
});
