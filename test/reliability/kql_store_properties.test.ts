/**
 * Property tests across the KQL backends: generated valid queries select the same
 * documents in the in-process matcher (the reference), in SQL on a real embedded DuckDB store
 * loaded through NDJSON ingest, and (ES-backed describe) in Elasticsearch with the DSL; and hostile
 * values never change the structure of the SQL or the DSL: they travel as parameters / JSON data.
 *
 * A query both sides refuse (`KqlCompileError`, or Elasticsearch rejecting the search) counts as
 * agreement; any other exception is a failure. Documents are generated once from a fixed seed, so
 * a failing query seed replays against the same data.
 */
import { Client } from '@elastic/elasticsearch';
import type { QueryDslQueryContainer } from '@elastic/elasticsearch/lib/api/types';
import fc from 'fast-check';
import { ecsFieldTypes } from '../../common/ecs/ecs_field_types';
import type { FieldTypeMap } from '../../common/ecs/field_types';
import type { KqlNode } from '../../common/kql/ast';
import { KqlCompileError } from '../../common/kql/kql_compile_error';
import { createMatcher } from '../../common/kql/matcher';
import { fromKueryExpression, MAX_NESTING_DEPTH, parseKql } from '../../common/kql/parse';
import type { SqlFragment } from '../../server/stores/duckdb/sql_schema';
import { buildEsQuery } from '../../common/kql/to_dsl';
import { compileKqlToSql } from '../../server/stores/duckdb/kql_to_sql';
import { EmbeddedStore } from '../../server/stores/duckdb/embedded_store';
import { indexedFieldTypes } from '../../server/stores/duckdb/field_catalog';
import { queryRows } from '../../server/stores/duckdb/sql_values';
import { effectiveFieldTypes } from '../../server/stores/elasticsearch/ecs_mappings';
import { createDifferentialIndex } from '../differential/differential_runner';
import { describeWithElasticsearch, esTestUrl } from '../elasticsearch/es_test_env';
import { ingestText } from '../helpers/memory_store';
import {
  HOSTILE_VALUES,
  generatedDocuments,
  hostileValue,
  quoteKql,
  validQuery,
  type GeneratedDocument,
} from './arbitraries';

const DOCUMENT_COUNT = 60;
const SQL_RUNS = 200;
const ES_RUNS = 100;
const INJECTION_RUNS = 200;
/** Most generated queries must split the documents, or agreement would prove little. */
const MIN_SHARE_SELECTIVE = 0.5;
/** Refusals agree trivially; most generated queries must run. */
const MAX_SHARE_REJECTED = 0.2;
const SETUP_TIMEOUT_MS = 120_000;
/** Deeper than DuckDB's max_expression_depth (1000) allows for the SQL, shallower than the parser's limit. */
const SQL_DEEP_NESTING = 1_500;
/** A marker no generated value equals: the DSL of a hostile value is this DSL with the marker replaced. */
const MARKER = 'MARKER-5e1f0c';
const BENIGN = 'benign';

type Outcome =
  | { readonly kind: 'ids'; readonly ids: readonly string[] }
  | { readonly kind: 'rejected'; readonly reason: string };

const rejectedBy = (error: unknown): Outcome => {
  // Only a clean refusal counts; anything else is a crash the property must report.
  if (error instanceof KqlCompileError) return { kind: 'rejected', reason: error.message };
  throw error;
};

const matcherOutcome = (
  ast: KqlNode,
  fields: FieldTypeMap,
  documents: readonly GeneratedDocument[]
): Outcome => {
  try {
    const matches = createMatcher(ast, fields);
    return {
      kind: 'ids',
      ids: documents
        .filter((doc) => matches(doc.source))
        .map((doc) => doc.id)
        .sort(),
    };
  } catch (error) {
    return rejectedBy(error);
  }
};

/** Both refuse, or both select the same ids; the message says which side differs. */
const expectAgreement = (
  query: string,
  reference: Outcome,
  other: Outcome,
  otherName: string
): void => {
  if (reference.kind === 'rejected' && other.kind === 'rejected') return;
  const describe = (outcome: Outcome): string =>
    outcome.kind === 'rejected' ? `rejected (${outcome.reason})` : outcome.ids.join(', ') || '-';
  if (JSON.stringify(reference) !== JSON.stringify(other)) {
    throw new Error(
      `KQL: ${query}\nmatcher:  ${describe(reference)}\n${otherName}: ${describe(other)}`
    );
  }
};

/** How the reference answered the generated queries: agreement on all-or-nothing answers proves little. */
interface OutcomeTally {
  runs: number;
  selective: number;
  rejected: number;
}

const newTally = (): OutcomeTally => ({ runs: 0, selective: 0, rejected: 0 });

const countOutcome = (tally: OutcomeTally, outcome: Outcome, documentCount: number): void => {
  tally.runs++;
  if (outcome.kind === 'rejected') tally.rejected++;
  else if (outcome.ids.length > 0 && outcome.ids.length < documentCount) tally.selective++;
};

/** Read after a clean pass only (the shrinker reruns the property on failure). */
const expectMeaningful = (tally: OutcomeTally): void => {
  expect(tally.selective / tally.runs).toBeGreaterThanOrEqual(MIN_SHARE_SELECTIVE);
  expect(tally.rejected / tally.runs).toBeLessThanOrEqual(MAX_SHARE_REJECTED);
};

const toNdjson = (documents: readonly GeneratedDocument[]): string =>
  documents.map((doc) => JSON.stringify(doc.source)).join('\n');

// ---------------------------------------------------------------------------------------------
// The embedded store

interface SqlStore {
  readonly store: EmbeddedStore;
  compile(ast: KqlNode): SqlFragment;
  select(fragment: SqlFragment): Promise<string[]>;
  outcome(ast: KqlNode): Promise<Outcome>;
}

/** A fresh in-memory store with the documents ingested as NDJSON, as `ctd ingest` would. */
const openSqlStore = async (documents: readonly GeneratedDocument[]): Promise<SqlStore> => {
  const store = await EmbeddedStore.open();
  const summary = await ingestText(store, toNdjson(documents));
  if (summary.stored !== documents.length) {
    throw new Error(
      `ingest stored ${summary.stored} of ${documents.length}: ${JSON.stringify(summary.rejected)}`
    );
  }
  // The mapping the events were indexed with, as the store's own lookups compile against it.
  const compile = (ast: KqlNode): SqlFragment =>
    compileKqlToSql(ast, store.catalog, {
      fields: indexedFieldTypes(store.catalog, store.fieldTypes),
    });
  const select = async (fragment: SqlFragment): Promise<string[]> => {
    const sql = `SELECT _id FROM events WHERE ${fragment.sql} ORDER BY _id`;
    const rows = await queryRows(store.database.connection, sql, fragment.params);
    return rows.map((row) => String(row._id));
  };
  const outcome = async (ast: KqlNode): Promise<Outcome> => {
    let fragment: SqlFragment;
    try {
      fragment = compile(ast);
    } catch (error) {
      return rejectedBy(error);
    }
    return { kind: 'ids', ids: await select(fragment) };
  };
  return { store, compile, select, outcome };
};

/** Tables and their row counts: what a successful injection would change. */
const tableCounts = async (store: EmbeddedStore): Promise<Record<string, number>> => {
  const rows = await queryRows(
    store.database.connection,
    'SELECT table_name, estimated_size FROM duckdb_tables() ORDER BY table_name'
  );
  const counts: Record<string, number> = {};
  for (const row of rows) {
    const name = String(row.table_name);
    const counted = await queryRows(
      store.database.connection,
      `SELECT CAST(count(*) AS DOUBLE) AS n FROM "${name.replace(/"/g, '""')}"`
    );
    counts[name] = Number(counted[0]?.n ?? 0);
  }
  return counts;
};

/** Documents holding each known hostile value, so injection queries have something to find. */
const hostileDocuments = (): GeneratedDocument[] =>
  HOSTILE_VALUES.map((value, index) => {
    const id = `hostile-${String(index).padStart(2, '0')}`;
    return {
      id,
      source: {
        '@timestamp': '2025-03-12T10:00:00.000Z',
        event: { id },
        process: { name: value, executable: value },
      },
    };
  });

/** A term carries the value itself; a wildcard carries it inside its LIKE pattern (`\\ % _` escaped). */
const carriesValue = (params: SqlFragment['params'], value: string): boolean => {
  const likeEscaped = value.replace(/[\\%_]/g, (ch) => `\\${ch}`);
  return params.some(
    (param) => param === value || (typeof param === 'string' && param === `%${likeEscaped}%`)
  );
};

const isNodeOf = (field: string, value: string): KqlNode =>
  fromKueryExpression(`${field}:${quoteKql(value)}`);
/** `field:*value*` as a tree: the value's characters are literal, whatever they are. */
const containsNode = (field: string, value: string): KqlNode => ({
  type: 'is',
  field: { kind: 'literal', value: field, quoted: false },
  value: { kind: 'wildcard', segments: ['', value, ''] },
});
/** The query shapes a hostile value is tried in. */
const HOSTILE_SHAPES: ReadonlyArray<[string, (value: string) => KqlNode]> = [
  ['keyword term', (value) => isNodeOf('process.name', value)],
  ['keyword wildcard', (value) => containsNode('process.name', value)],
  ['keyword range', (value) => fromKueryExpression(`process.name >= ${quoteKql(value)}`)],
  [
    'value list',
    (value) => fromKueryExpression(`user.name:(${quoteKql(value)} or ${quoteKql(BENIGN)})`),
  ],
  ['negated term', (value) => fromKueryExpression(`not process.executable:${quoteKql(value)}`)],
];

describe('KQL on the embedded store (DuckDB) vs the matcher', () => {
  const documents = generatedDocuments(DOCUMENT_COUNT, { text: false });
  const fields = ecsFieldTypes();
  let sql: SqlStore;
  beforeAll(async () => {
    sql = await openSqlStore([...documents, ...hostileDocuments()]);
  }, SETUP_TIMEOUT_MS);
  afterAll(() => sql.store.close());
  const allDocuments = (): GeneratedDocument[] => [...documents, ...hostileDocuments()];

  it(`selects exactly the matcher's documents for generated queries (${SQL_RUNS} runs)`, async () => {
    const tally = newTally();
    await fc.assert(
      fc.asyncProperty(
        validQuery({ text: false, cidr: false, multiFields: false }),
        async (query) => {
          const ast = fromKueryExpression(query);
          const reference = matcherOutcome(ast, fields, allDocuments());
          expectAgreement(query, reference, await sql.outcome(ast), 'SQL    ');
          countOutcome(tally, reference, allDocuments().length);
        }
      ),
      { numRuns: SQL_RUNS }
    );
    expectMeaningful(tally);
  });

  it(`keeps every hostile value out of the SQL text: same SQL as a benign value, the value a parameter (${INJECTION_RUNS} runs)`, () => {
    fc.assert(
      fc.property(hostileValue, fc.constantFrom(...HOSTILE_SHAPES), (value, [name, shape]) => {
        // `**` is an existence test, a different query on purpose.
        fc.pre(!(name === 'keyword wildcard' && value === ''));
        const hostile = sql.compile(shape(value));
        const benign = sql.compile(shape(BENIGN));
        expect(hostile.sql).toBe(benign.sql);
        expect(hostile.params).toHaveLength(benign.params.length);
        expect(carriesValue(hostile.params, value)).toBe(true);
      }),
      { numRuns: INJECTION_RUNS }
    );
  });

  it(`runs hostile values on DuckDB without error, tables intact, the same documents as the matcher (${INJECTION_RUNS} runs)`, async () => {
    const before = await tableCounts(sql.store);
    await fc.assert(
      fc.asyncProperty(
        hostileValue,
        fc.constantFrom(...HOSTILE_SHAPES),
        async (value, [name, shape]) => {
          const ast = shape(value);
          expectAgreement(
            `${name} ${JSON.stringify(value)}`,
            matcherOutcome(ast, fields, allDocuments()),
            await sql.outcome(ast),
            'SQL    '
          );
        }
      ),
      { numRuns: INJECTION_RUNS }
    );
    expect(await tableCounts(sql.store)).toEqual(before);
  });

  it.each(HOSTILE_VALUES.map((value) => [JSON.stringify(value), value]))(
    'finds exactly the documents holding %s',
    async (_label, value) => {
      const holding = allDocuments().filter((doc) => {
        const name =
          (doc.source.process as { name?: unknown } | undefined)?.name ??
          doc.source['process.name'];
        return Array.isArray(name) ? name.includes(value) : name === value;
      });
      expect(holding.length).toBeGreaterThanOrEqual(1);
      expect(await sql.select(sql.compile(isNodeOf('process.name', value)))).toEqual(
        holding.map((doc) => doc.id).sort()
      );
    }
  );
});

describe('KQL on the embedded store: gaps found by the properties', () => {
  const documents = generatedDocuments(DOCUMENT_COUNT, { text: true });
  const fields = ecsFieldTypes();
  let sql: SqlStore;
  beforeAll(async () => {
    sql = await openSqlStore(documents);
  }, SETUP_TIMEOUT_MS);
  afterAll(() => sql.store.close());

  // Text and match_only_text fields need the token column server/stores/duckdb/kql_to_sql.ts reads
  // (`<column>_tokens`, filled with encodeAnalyzedText; the store's catalog marks `has_tokens`).
  // Without it every query on such a field (`message:hello`, a phrase, a wildcard) fails on the
  // embedded store, and so does every field-less query (`hello`, even `bash`) once one stored
  // event has a `message`.
  it.each(['message:hello', 'message:"brave new"', 'message:wor*', 'hello'])(
    'answers %s as the matcher does',
    async (query) => {
      const ast = fromKueryExpression(query);
      expectAgreement(
        query,
        matcherOutcome(ast, fields, documents),
        await sql.outcome(ast),
        'SQL    '
      );
    }
  );

  // Mapped multi-fields (`user.name.text`, `process.command_line.text`, …) must be stored too:
  // to_sql compiles a field without a column to FALSE, so a query reaching one — by name, or a
  // field-less value (`bash` finds user.name "Bash" through user.name.text) — would silently miss
  // events Elasticsearch and the matcher find. The generated-query property found this (seed
  // -882003792, counterexample `(not (bash)) and (process.interactive:true)`, doc-014).
  describe('queries reaching a text multi-field', () => {
    const extra: GeneratedDocument = {
      id: 'multi-field',
      source: {
        '@timestamp': '2025-03-12T10:00:00.000Z',
        event: { id: 'multi-field' },
        process: { command_line: 'bash -c id' },
        user: { name: 'Bash' },
      },
    };
    // Without text fields, so the field-less query is not refused for the reason above.
    const withoutText = [...generatedDocuments(DOCUMENT_COUNT, { text: false }), extra];
    let plain: SqlStore;
    beforeAll(async () => {
      plain = await openSqlStore(withoutText);
    });
    afterAll(() => plain.store.close());
    it.each(['process.command_line.text:bash', 'bash', 'not bash'])(
      'answers %s as the matcher does',
      async (query) => {
        const ast = fromKueryExpression(query);
        expectAgreement(
          query,
          matcherOutcome(ast, fields, withoutText),
          await plain.outcome(ast),
          'SQL    '
        );
      }
    );
  });

  // SQL nests one level per `not (…)` and DuckDB refuses expressions deeper than 1000 with a raw
  // parser error; the parser's MAX_NESTING_DEPTH refuses such a query first, with a position.
  it(`refuses a query nested ${SQL_DEEP_NESTING} deep with a positioned error, and runs one at the limit`, async () => {
    const nested = (depth: number): string =>
      `${'not ('.repeat(depth)}process.name:bash${')'.repeat(depth)}`;
    const refused = parseKql(nested(SQL_DEEP_NESTING));
    expect(refused.ok).toBe(false);
    // The caret goes to the innermost expression (and/or/not nodes carry no position).
    if (!refused.ok)
      expect(refused.error).toMatchObject({
        line: 1,
        column: SQL_DEEP_NESTING * 'not ('.length + 1,
      });
    const ast = fromKueryExpression(nested(MAX_NESTING_DEPTH - 1));
    expectAgreement(
      `not (… ${MAX_NESTING_DEPTH - 1} deep`,
      matcherOutcome(ast, fields, documents),
      await sql.outcome(ast),
      'SQL    '
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Elasticsearch

describeWithElasticsearch('KQL on Elasticsearch (DSL) vs the matcher', () => {
  // Random, so runs sharing one cluster never collide.
  const index = `ctd-kql-properties-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  const documents = [...generatedDocuments(DOCUMENT_COUNT, { text: true }), ...hostileDocuments()];
  // The types the test cluster's index really has (wildcard → keyword, match_only_text → text).
  const fields = effectiveFieldTypes(ecsFieldTypes());
  let client: Client;

  beforeAll(async () => {
    client = new Client({ node: esTestUrl() ?? '' });
    await createDifferentialIndex(client, index, ecsFieldTypes(), documents);
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await client.indices.delete({ index }, { ignore: [404] });
    await client.close();
  });

  const esOutcome = async (ast: KqlNode): Promise<Outcome> => {
    let query: QueryDslQueryContainer;
    try {
      query = buildEsQuery(ast, fields) as QueryDslQueryContainer;
    } catch (error) {
      return rejectedBy(error);
    }
    try {
      const response = await client.search({
        index,
        query,
        size: documents.length,
        _source: false,
      });
      return { kind: 'ids', ids: response.hits.hits.map((hit) => hit._id ?? '').sort() };
    } catch (error) {
      return {
        kind: 'rejected',
        reason: error instanceof Error ? error.message.slice(0, 300) : String(error),
      };
    }
  };

  it(`finds exactly the matcher's documents for generated queries, text fields and CIDR included (${ES_RUNS} runs)`, async () => {
    const tally = newTally();
    await fc.assert(
      fc.asyncProperty(validQuery({ text: true, cidr: true, multiFields: true }), async (query) => {
        const ast = fromKueryExpression(query);
        const reference = matcherOutcome(ast, fields, documents);
        expectAgreement(query, reference, await esOutcome(ast), 'ES     ');
        countOutcome(tally, reference, documents.length);
      }),
      { numRuns: ES_RUNS }
    );
    expectMeaningful(tally);
  });

  it(`carries hostile values as JSON data: the DSL is the benign one with the value in its place (${INJECTION_RUNS} runs)`, () => {
    const substitute = (node: unknown, from: string, to: string): unknown => {
      if (node === from) return to;
      if (Array.isArray(node)) return node.map((child) => substitute(child, from, to));
      if (typeof node !== 'object' || node === null) return node;
      return Object.fromEntries(
        Object.entries(node).map(([key, child]) => [key, substitute(child, from, to)])
      );
    };
    const termShapes = HOSTILE_SHAPES.filter(([name]) => name !== 'keyword wildcard');
    fc.assert(
      fc.property(hostileValue, fc.constantFrom(...termShapes), (value, [, shape]) => {
        const dsl = buildEsQuery(shape(value), fields);
        expect(dsl).toEqual(substitute(buildEsQuery(shape(MARKER), fields), MARKER, value));
        // Serialised and read back it is the same data: no value can close a string or an object.
        expect(JSON.parse(JSON.stringify(dsl))).toEqual(dsl);
      }),
      { numRuns: INJECTION_RUNS }
    );
  });

  it(`searches hostile values on Elasticsearch with the matcher's results (${ES_RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileValue,
        fc.constantFrom(...HOSTILE_SHAPES),
        async (value, [name, shape]) => {
          const ast = shape(value);
          expectAgreement(
            `${name} ${JSON.stringify(value)}`,
            matcherOutcome(ast, fields, documents),
            await esOutcome(ast),
            'ES     '
          );
        }
      ),
      { numRuns: ES_RUNS }
    );
  });
});
