/**
 * Bad NDJSON through the real ingest: every bad line is reported with its line number
 * and a reason, every good line is stored (the store is queried to prove it), and the counts add
 * up: linesRead = stored + duplicates + rejected, blank lines counted apart. First into the
 * embedded store (in-memory DuckDB), then (ES-backed describe) through the Elasticsearch bulk
 * ingest, compared with the embedded store line for line.
 */
import type { Client } from '@elastic/elasticsearch';
import fc from 'fast-check';
import type { IngestSummary } from '../../server/ingest/ingest_ndjson';
import { EmbeddedStore } from '../../server/stores/duckdb/embedded_store';
import { queryRows } from '../../server/stores/duckdb/sql_values';
import {
  ingestNdjsonToElasticsearch,
  type EsIngestOptions,
} from '../../server/stores/elasticsearch/bulk_ingest';
import { DEFAULT_TEMPLATE_PRIORITY } from '../../server/stores/elasticsearch/ecs_mappings';
import { createEsClient } from '../../server/stores/elasticsearch/es_client';
import { describeWithElasticsearch, esTestUrl } from '../elasticsearch/es_test_env';
import {
  BAD_LINE_KINDS,
  POISONING_LINE_KINDS,
  eventJson,
  expectedIngest,
  fileChunks,
  plannedFile,
  type BadLineKind,
  type PlannedFile,
} from './arbitraries';
import { EXTREME_BAD_LINE_KINDS } from './extreme_lines';
import { chunksInput, textInput } from '../helpers/text_input';

const INGEST_RUNS = 60;
const ES_INGEST_RUNS = 15;
const ONE_MB = 1024 * 1024;
const TWENTY_MB = 20 * ONE_MB;
/** A rejection reason is one line for a terminal, however large the line it describes. */
const MAX_REASON_LENGTH = 300;
/** Generous for 2 × 20 MB on a shared machine: the point is "bounded", not fast. */
const HUGE_LINE_TIMEOUT_MS = 60_000;
const SETUP_TIMEOUT_MS = 120_000;

const encoder = new TextEncoder();

const storedIds = async (store: EmbeddedStore): Promise<string[]> =>
  (await queryRows(store.database.connection, 'SELECT _id FROM events ORDER BY _id')).map((row) =>
    String(row._id)
  );

const rejectedLineNumbers = (summary: IngestSummary): number[] =>
  summary.rejected.map((rejection) => rejection.line);

/** The invariant every summary keeps. */
const expectCountsAddUp = (summary: IngestSummary): void => {
  expect(summary.linesRead).toBe(summary.stored + summary.duplicates + summary.rejectedCount);
  expect(summary.rejected).toHaveLength(summary.rejectedCount);
  for (const rejection of summary.rejected)
    expect(rejection.reason.length).toBeLessThanOrEqual(MAX_REASON_LENGTH);
};

/** Opens a fresh in-memory store, runs `body`, always closes it. */
const withStore = async <T>(body: (store: EmbeddedStore) => Promise<T>): Promise<T> => {
  const store = await EmbeddedStore.open();
  try {
    return await body(store);
  } finally {
    store.close();
  }
};

const ingestPlanned = (store: EmbeddedStore, file: PlannedFile): Promise<IngestSummary> =>
  store.ingest([chunksInput('planned.ndjson', fileChunks(file))], { batchSize: file.batchSize });

/** Lines joined with `\n`, as bytes (bad lines may hold bytes that are not UTF-8). */
const joinLines = (lines: ReadonlyArray<string | Uint8Array>): Uint8Array => {
  const bytes = lines.map((line) => (typeof line === 'string' ? encoder.encode(line) : line));
  return Uint8Array.from(
    bytes.flatMap((line, index) => [...line, ...(index < bytes.length - 1 ? [0x0a] : [])])
  );
};

/** Good, bad, good, bad, good: the bad kind twice, on lines 2 and 4. */
const sandwich = (kind: BadLineKind, prefix: string): Uint8Array =>
  joinLines([
    eventJson(`${prefix}-1`),
    kind.bytes(`${prefix}-2`),
    eventJson(`${prefix}-3`),
    kind.bytes(`${prefix}-4`),
    eventJson(`${prefix}-5`),
  ]);

describe('ingest of bad NDJSON into the embedded store', () => {
  it.each(BAD_LINE_KINDS.map((kind) => [kind.name, kind]))(
    '%s: rejected with its line number and reason, the good lines around it stored',
    async (_name, kind) => {
      await withStore(async (store) => {
        // One event per batch: a bad line between two batches must not disturb either.
        const summary = await store.ingest(
          [chunksInput('sandwich.ndjson', [sandwich(kind, 'k')])],
          {
            batchSize: 1,
          }
        );
        expect(rejectedLineNumbers(summary)).toEqual([2, 4]);
        for (const rejection of summary.rejected) expect(rejection.reason).toMatch(kind.reason);
        expect(await storedIds(store)).toEqual(['k-1', 'k-3', 'k-5']);
        expect(summary).toMatchObject({
          linesRead: 5,
          stored: 3,
          duplicates: 0,
          rejectedCount: 2,
          blankLines: 0,
        });
        expectCountsAddUp(summary);
      });
    }
  );

  it('handles a BOM, CRLF, blank and whitespace lines, duplicates and no final newline, fed one byte per chunk', async () => {
    const lines = [
      eventJson('a'),
      '',
      '   ',
      eventJson('b'),
      '\t',
      eventJson('a'),
      '{"@timestamp":',
      eventJson('c', { process: { name: 'line\r\nbreak' } }),
      '\ufeff',
      eventJson('d'),
    ];
    const bytes = encoder.encode(`\ufeff${lines.join('\r\n')}`);
    const oneBytePerChunk = Array.from(bytes, (byte) => Uint8Array.of(byte));
    await withStore(async (store) => {
      const summary = await store.ingest([chunksInput('crlf.ndjson', oneBytePerChunk)], {
        batchSize: 2,
      });
      expect(rejectedLineNumbers(summary)).toEqual([7]);
      // A BOM in the middle of a file is whitespace to the reader: a blank line, not an error.
      expect(summary).toMatchObject({
        linesRead: 6,
        blankLines: 4,
        stored: 4,
        duplicates: 1,
        rejectedCount: 1,
      });
      expect(summary.bytesRead).toBe(bytes.length);
      expect(await storedIds(store)).toEqual(['a', 'b', 'c', 'd']);
      const sources = await queryRows(
        store.database.connection,
        'SELECT _source FROM events ORDER BY _id'
      );
      expect(sources.map((row) => String(row._source))).toEqual([
        eventJson('a'),
        eventJson('b'),
        lines[7],
        eventJson('d'),
      ]);
      expectCountsAddUp(summary);
    });
  });

  it(
    'stores a 20 MB event, rejects a 20 MB malformed line with a short reason, and keeps the lines around them',
    async () => {
      const blob = 'x'.repeat(TWENTY_MB);
      const huge = eventJson('huge', { custom: { blob } });
      const text = [eventJson('before'), huge, `{"@timestamp":"${blob}`, eventJson('after')].join(
        '\n'
      );
      await withStore(async (store) => {
        // 1 MB chunks, as `fileInput` reads files.
        const bytes = encoder.encode(text);
        const chunks: Uint8Array[] = [];
        for (let start = 0; start < bytes.length; start += ONE_MB)
          chunks.push(bytes.subarray(start, start + ONE_MB));
        const summary = await store.ingest([chunksInput('huge.ndjson', chunks)]);
        expect(rejectedLineNumbers(summary)).toEqual([3]);
        expect(summary.rejected[0]?.reason).toMatch(/^malformed JSON: /);
        expect(await storedIds(store)).toEqual(['after', 'before', 'huge']);
        const stored = await queryRows(
          store.database.connection,
          `SELECT length(_source) AS n FROM events WHERE _id = 'huge'`
        );
        expect(Number(stored[0]?.n)).toBe(huge.length);
        expectCountsAddUp(summary);
      });
    },
    HUGE_LINE_TIMEOUT_MS
  );

  it(`rejects exactly the bad lines of any mix and stores exactly the good ones (${INGEST_RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        plannedFile({ idPrefix: 'p', badKinds: [...BAD_LINE_KINDS, ...EXTREME_BAD_LINE_KINDS] }),
        async (file) => {
          const expected = expectedIngest(file);
          await withStore(async (store) => {
            const summary = await ingestPlanned(store, file);
            expect(rejectedLineNumbers(summary)).toEqual(expected.rejectedLines);
            expect(await storedIds(store)).toEqual(expected.storedIds);
            expect(summary).toMatchObject({
              linesRead: expected.linesRead,
              blankLines: expected.blankLines,
              stored: expected.storedIds.length,
              duplicates: expected.duplicates,
            });
            expectCountsAddUp(summary);
          });
        }
      ),
      { numRuns: INGEST_RUNS }
    );
  });

  // A rejected line must leave no mapping behind (server/ingest/prepare_event.ts): the preparer
  // notes the dynamic types and object paths of a line's unmapped fields while it checks the
  // line, and keeps them only if the whole line is accepted, as Elasticsearch never applies the
  // mapping update of a document it refuses. Otherwise a later good line using the same field
  // would be rejected ("field custom.tag holds a value but other events store fields below it" /
  // "field custom is mapped as keyword but holds an object") or typed after the rejected line
  // (custom.n as keyword); both stores share the preparer, so both would refuse it.
  it.each(POISONING_LINE_KINDS.map((kind) => [kind.name, kind]))(
    'a rejected line (%s) does not get a later good line rejected',
    async (_name, kind) => {
      const text = [
        new TextDecoder().decode(kind.bytes('poison')),
        eventJson('good', { custom: { tag: 'alpha' } }),
      ].join('\n');
      await withStore(async (store) => {
        const summary = await store.ingest([textInput('poison.ndjson', text)]);
        expect(rejectedLineNumbers(summary)).toEqual([1]);
        expect(await storedIds(store)).toEqual(['good']);
      });
    }
  );

  it(`rejects exactly the bad lines of any mix that includes such lines (${INGEST_RUNS} runs)`, async () => {
    const badKinds = [...BAD_LINE_KINDS, ...POISONING_LINE_KINDS, ...EXTREME_BAD_LINE_KINDS];
    await fc.assert(
      fc.asyncProperty(plannedFile({ idPrefix: 'q', badKinds, tags: true }), async (file) => {
        const expected = expectedIngest(file);
        await withStore(async (store) => {
          const summary = await ingestPlanned(store, file);
          expect(rejectedLineNumbers(summary)).toEqual(expected.rejectedLines);
          expect(await storedIds(store)).toEqual(expected.storedIds);
        });
      }),
      { numRuns: INGEST_RUNS }
    );
  });

  it('a rejected line does not choose the type of an unmapped field for the good lines after it', async () => {
    const text = [
      eventJson('poison', { custom: { n: 'text' }, process: { pid: 'abc' } }),
      eventJson('good', { custom: { n: 5 } }),
    ].join('\n');
    await withStore(async (store) => {
      await store.ingest([textInput('typed.ndjson', text)]);
      // Elasticsearch maps a JSON number to double (ecs_mappings.ts dynamic templates).
      expect(store.catalog.column('custom.n')?.esType).toBe('double');
    });
  });

  // `process.name: {}` — an object where a keyword is mapped — flattens to nothing
  // (common/es/document_fields.ts), so the preparer checks for it explicitly: Elasticsearch
  // refuses the document ("Expected text … but found START_OBJECT", see the comparison below), and
  // so must we, with the "is mapped as keyword but holds an object" reason.
  it('rejects an empty object where a keyword is mapped (process.name: {})', async () => {
    const text = [
      eventJson('before'),
      eventJson('empty-object', { process: { name: {} } }),
      eventJson('after'),
    ].join('\n');
    await withStore(async (store) => {
      const summary = await store.ingest([textInput('empty.ndjson', text)]);
      expect(rejectedLineNumbers(summary)).toEqual([2]);
      expect(await storedIds(store)).toEqual(['after', 'before']);
    });
  });

  // A number too large for a double (1e400 parses to Infinity, which JSON.stringify writes as
  // "null") must be named in the reason as sent, not as "cannot hold null".
  it('names the value it refuses: 1e400 is not "null"', async () => {
    const text = `{"@timestamp":"2025-03-12T10:15:42.123Z","event":{"id":"inf"},"process":{"pid":1e400}}`;
    await withStore(async (store) => {
      const summary = await store.ingest([textInput('inf.ndjson', text)]);
      expect(summary.rejected[0]?.reason).not.toMatch(/cannot hold null$/);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Elasticsearch

/**
 * Lines Elasticsearch refuses that the embedded store's preparer accepts (found by comparing the
 * two stores). Each is BUG-level drift from prepare_event.ts's promise that its rules "are
 * Elasticsearch's": the embedded store keeps events an Elasticsearch cluster would never hold.
 */
const ES_ONLY_REJECTIONS: ReadonlyArray<[string, string, string]> = [
  // JSON.parse keeps the last value; ES (Jackson, strict duplicate detection) refuses the document.
  [
    'duplicate keys',
    '{"@timestamp":"2025-03-12T10:15:42.123Z","event":{"id":"E"},"process":{"name":"a","name":"b"}}',
    'Duplicate field',
  ],
  // flattenDocument drops empty objects; ES refuses an object for a keyword field.
  ['an empty object for a keyword', eventJson('E', { process: { name: {} } }), 'START_OBJECT'],
  // Beyond a long's range: 2^63 parses to the same double as the long maximum 2^63-1, so only
  // the number's text tells them apart (long_values.ts).
  [
    'a long out of range',
    '{"@timestamp":"2025-03-12T10:15:42.123Z","event":{"id":"E"},"process":{"pid":9223372036854775808}}',
    'out of range',
  ],
  // value_coercion.parseNumericText trims; ES does not.
  ['a number with spaces', eventJson('E', { process: { pid: ' 12 ' } }), 'For input string'],
  // index.mapping.depth.limit is 20.
  [
    'objects nested 22 deep',
    eventJson('E', { a: JSON.parse(`${'{"b":'.repeat(21)}1${'}'.repeat(21)}`) as unknown }),
    'Limit of mapping depth',
  ],
  ['an empty field name', eventJson('E', { '': 1 }), 'field name cannot be an empty string'],
  [
    'an empty path segment',
    eventJson('E', { 'a..b': 1 }),
    'field name cannot contain only whitespace',
  ],
  ['a field name of dots', eventJson('E', { '.': 1 }), 'field name cannot contain only dots'],
];

describeWithElasticsearch(
  'ingest of bad NDJSON through the Elasticsearch bulk ingest, compared with the embedded store',
  () => {
    const suffix = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
    const index = `ctd-reliability-ingest-${suffix}`;
    const templateName = `ctd-reliability-ingest-${suffix}`;
    // A priority of its own so the template never clashes with another suite's on the shared cluster.
    const options: EsIngestOptions = {
      defaultIndex: index,
      templateName,
      templatePatterns: [],
      templatePriority: DEFAULT_TEMPLATE_PRIORITY + 23,
    };
    let client: Client;

    beforeAll(() => {
      client = createEsClient({ url: esTestUrl() });
    });
    afterAll(async () => {
      await client.indices.delete({ index }, { ignore: [404] });
      await client.indices.deleteIndexTemplate({ name: templateName }, { ignore: [404] });
      await client.close();
    });

    /** Event ids Elasticsearch holds for one run (ids carry the run's prefix). */
    const esIds = async (prefix: string): Promise<string[]> => {
      // A run of only bad lines never creates the index: nothing stored.
      if (!(await client.indices.exists({ index }))) return [];
      const response = await client.search({
        index,
        size: 10_000,
        _source: false,
        query: { prefix: { 'event.id': `${prefix}-` } },
      });
      return response.hits.hits.map((hit) => hit._id ?? '').sort();
    };

    /**
     * Each property run (and each shrink) starts from an empty index; the mapping stays, as in
     * production. Deleted by id: the test cluster has no reindex module, so no _delete_by_query.
     */
    const emptyIndex = async (): Promise<void> => {
      if (!(await client.indices.exists({ index }))) return;
      const response = await client.search({
        index,
        size: 10_000,
        _source: false,
        query: { match_all: {} },
      });
      const ids = response.hits.hits.map((hit) => hit._id ?? '');
      if (ids.length === 0) return;
      await client.bulk({
        operations: ids.map((id) => ({ delete: { _index: index, _id: id } })),
        refresh: true,
      });
    };

    const embeddedIngest = (
      chunks: readonly Uint8Array[],
      batchSize?: number
    ): Promise<{ summary: IngestSummary; ids: string[] }> =>
      withStore(async (store) => {
        const summary = await store.ingest(
          [chunksInput('same.ndjson', chunks)],
          batchSize === undefined ? {} : { batchSize }
        );
        return { summary, ids: await storedIds(store) };
      });

    it('rejects every bad line kind on the same line with the same reason, and stores the same events', async () => {
      const kinds = [...BAD_LINE_KINDS, ...EXTREME_BAD_LINE_KINDS];
      const chunk = [
        joinLines(
          kinds.flatMap((kind, position) => [
            eventJson(`kinds-${position}-good`),
            kind.bytes(`kinds-${position}-bad`),
          ])
        ),
      ];
      const es = await ingestNdjsonToElasticsearch(
        client,
        [chunksInput('kinds.ndjson', chunk)],
        options
      );
      const embedded = await embeddedIngest(chunk);
      expect(es.rejected.map((rejection) => [rejection.line, rejection.reason])).toEqual(
        embedded.summary.rejected.map((rejection) => [rejection.line, rejection.reason])
      );
      expect(await esIds('kinds')).toEqual(embedded.ids);
      expect(embedded.ids).toHaveLength(kinds.length);
      for (const rejection of es.rejected)
        expect(rejection.reason).toMatch(kinds[rejection.line / 2 - 1]?.reason ?? /^$/);
      expectCountsAddUp(es);
    });

    describe('lines Elasticsearch refuses', () => {
      const outcomes = new Map<string, { es: boolean; embedded: boolean }>();
      /** Events of the one good line that creates the index for the raw lines (stored or already there). */
      let goodEvents = 0;
      beforeAll(async () => {
        const good = await ingestNdjsonToElasticsearch(
          client,
          [textInput('good.ndjson', eventJson('refused-good'))],
          options
        );
        goodEvents = good.stored + good.duplicates;
        const lines = ES_ONLY_REJECTIONS.map(([, line], position) =>
          line.replace('"E"', JSON.stringify(`refused-${position}`))
        );
        const text = lines.join('\n');
        const es = await ingestNdjsonToElasticsearch(
          client,
          [textInput('refused.ndjson', text)],
          options
        );
        const embedded = await embeddedIngest([encoder.encode(text)]);
        ES_ONLY_REJECTIONS.forEach(([name], position) => {
          outcomes.set(name, {
            es: es.rejected.some((rejection) => rejection.line === position + 1),
            embedded: embedded.summary.rejected.some(
              (rejection) => rejection.line === position + 1
            ),
          });
        });
      }, SETUP_TIMEOUT_MS);

      // The bulk ingest prepares lines with the embedded store's preparer, so a line it refuses
      // never reaches Elasticsearch: its reason is ours.
      it.each(ES_ONLY_REJECTIONS.map(([name]) => [name]))('%s: rejected by both stores', (name) => {
        expect(outcomes.get(name)).toMatchObject({ es: true, embedded: true });
      });

      // What the preparer mirrors: each line sent as it is, past our preparer, into the same index
      // (mapped by our template, created by the good event), is refused by Elasticsearch itself.
      it.each(ES_ONLY_REJECTIONS.map(([name, line, reason]) => [name, line, reason]))(
        '%s: Elasticsearch itself refuses the raw line',
        async (_name, line, reason) => {
          expect(goodEvents).toBe(1);
          const raw = line.replace(
            '"E"',
            JSON.stringify(`raw-${Math.random().toString(36).slice(2, 10)}`)
          );
          const request = { method: 'POST', path: `/${index}/_doc`, body: raw };
          const sent = client.transport.request(request, {
            headers: { 'content-type': 'application/json' },
          });
          await expect(sent).rejects.toThrow(reason);
        }
      );
    });

    it(`rejects exactly the bad lines of any mix and stores the same events as the embedded store (${ES_INGEST_RUNS} runs)`, async () => {
      await fc.assert(
        // With the extreme lines too, which used to stop both ingests.
        fc.asyncProperty(
          plannedFile({
            idPrefix: 'es',
            maxLines: 20,
            badKinds: [...BAD_LINE_KINDS, ...EXTREME_BAD_LINE_KINDS],
          }),
          async (file) => {
            await emptyIndex();
            const expected = expectedIngest(file);
            const chunks = fileChunks(file);
            const es = await ingestNdjsonToElasticsearch(
              client,
              [chunksInput('planned.ndjson', chunks)],
              { ...options, maxBatchEvents: file.batchSize }
            );
            const embedded = await embeddedIngest(chunks, file.batchSize);
            expect(rejectedLineNumbers(es)).toEqual(expected.rejectedLines);
            expect(await esIds('es')).toEqual(expected.storedIds);
            expect(es).toMatchObject({
              linesRead: expected.linesRead,
              blankLines: expected.blankLines,
              duplicates: expected.duplicates,
            });
            expect(rejectedLineNumbers(es)).toEqual(rejectedLineNumbers(embedded.summary));
            expect(embedded.ids).toEqual(expected.storedIds);
            expectCountsAddUp(es);
          }
        ),
        { numRuns: ES_INGEST_RUNS }
      );
    });
  }
);
