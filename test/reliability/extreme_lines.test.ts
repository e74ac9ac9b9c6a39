/**
 * No single line can stop an ingest. Lines of extreme shape — 100,000 nested arrays,
 * objects 50,000 deep, 200 KB dotted keys, multi-megabyte strings, numbers past a double, keys a
 * JavaScript program trips on, invalid UTF-8, `_index` names Elasticsearch refuses — among good
 * lines, through the real CLI (a child process, and in process for the property runs) and through
 * the standalone server's upload API; then (ES-backed) through the Elasticsearch bulk ingest,
 * which must reject the same lines for the same reasons, and on the node itself, which must
 * refuse each such line too. Every good line is stored exactly once, every bad line reported with
 * its line number and a reason of at most 300 characters, `ctd ingest` exits 0 and the upload
 * answers 200 with the summary.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Client } from '@elastic/elasticsearch';
import fc from 'fast-check';
import type { IngestInput, IngestSummary } from '../../server/ingest/ingest_ndjson';
import { indexNameProblem } from '../../server/ingest/index_names';
import { MAX_QUOTED_LENGTH, MAX_REASON_LENGTH } from '../../server/ingest/reasons';
import { UPLOAD_PATH } from '../../server/standalone/http_server';
import { silentLog } from '../../server/standalone/server_log';
import {
  startStandaloneServer,
  type StandaloneServer,
} from '../../server/standalone/standalone_server';
import { EmbeddedStore } from '../../server/stores/duckdb/embedded_store';
import { queryRows } from '../../server/stores/duckdb/sql_values';
import {
  ingestNdjsonToElasticsearch,
  type EsIngestOptions,
} from '../../server/stores/elasticsearch/bulk_ingest';
import { DEFAULT_TEMPLATE_PRIORITY } from '../../server/stores/elasticsearch/ecs_mappings';
import { createEsClient } from '../../server/stores/elasticsearch/es_client';
import { describeWithElasticsearch, esTestUrl } from '../elasticsearch/es_test_env';
import { runCtd, spawnCtd } from '../helpers/cli_harness';
import {
  describeLine,
  expectedSummary,
  extremeCatalog,
  extremeFilePlan,
  fileOf,
  goodLine,
  INDEX_CASES,
  planLines,
  type ExtremeLine,
} from './extreme_lines';

/** The "done when": a 1,000-line file holding one line of every extreme shape. */
const FILE_LINES = 1_000;
const CLI_RUNS = 15;
const API_RUNS = 10;
const ES_RUNS = 6;
/** The node keeps each document: its copy of the file has 1 MB where the others have 5 MB. */
const ES_FILE_SCALE = 0.2;
/** Tens of megabytes through a child process or the node on a shared machine: bounded, not fast. */
const FILE_TIMEOUT_MS = 240_000;
const PROPERTY_TIMEOUT_MS = 240_000;
/** Ingest reads in 1 MB chunks, as `fileInput` reads files. */
const CHUNK_BYTES = 1024 * 1024;

/** The catalog's lines spread evenly among good lines, `FILE_LINES` in all (`big` scales its 5 MB lines). */
const fixedFile = (idPrefix: string, big = 1): ExtremeLine[] => {
  const extremes = extremeCatalog(idPrefix, big);
  const lines: ExtremeLine[] = [];
  const every = FILE_LINES / extremes.length;
  for (let number = 1; number <= FILE_LINES; number++) {
    const extreme = Math.floor((number - 1) / every);
    const isSlot = (number - 1) % every < 1 && extremes[extreme] !== undefined;
    lines.push(
      isSlot ? (extremes[extreme] as ExtremeLine) : goodLine(`${idPrefix}-good-${number}`)
    );
  }
  expect(lines.filter((line) => line.name !== 'good')).toHaveLength(extremes.length);
  return lines;
};

const rejectionsOf = (summary: IngestSummary): Array<[number, string]> =>
  summary.rejected.map(({ line, reason }) => [line, reason]);

/** What every ingest of `lines` must report, whichever way it went in. */
const expectIngestOf = (lines: readonly ExtremeLine[], summary: IngestSummary): void => {
  const expected = expectedSummary(lines);
  const expectedReasons = new Map(expected.rejected.map(({ line, reason }) => [line, reason]));
  // Each rejected line with its shape's name, and each line expected rejected but not: readable failures.
  const unexpected = summary.rejected
    .filter(({ line, reason }) => !(expectedReasons.get(line)?.test(reason) ?? false))
    .map(
      ({ line, reason }) =>
        `${describeLine(lines[line - 1] as ExtremeLine, line)} rejected: ${reason}`
    );
  const reported = new Set(summary.rejected.map(({ line }) => line));
  const missing = expected.rejected
    .filter(({ line }) => !reported.has(line))
    .map(({ line }) => `${describeLine(lines[line - 1] as ExtremeLine, line)} not rejected`);
  expect([...unexpected, ...missing]).toEqual([]);
  expect(summary.rejected.map(({ line }) => line)).toEqual(
    expected.rejected.map(({ line }) => line)
  );
  for (const { reason } of summary.rejected)
    expect(reason.length).toBeLessThanOrEqual(MAX_REASON_LENGTH);
  expect(summary).toMatchObject({
    linesRead: expected.linesRead,
    blankLines: expected.blankLines,
    stored: expected.storedIds.length,
    duplicates: 0,
    rejectedCount: expected.rejected.length,
  });
};

const sorted = (ids: readonly string[]): string[] => [...ids].sort();

const storedIdsIn = async (store: EmbeddedStore, prefix: string): Promise<string[]> => {
  const rows = await queryRows(store.database.connection, 'SELECT _id FROM events');
  return sorted(rows.map((row) => String(row._id)).filter((id) => id.startsWith(prefix)));
};

const withDirectory = async <T>(body: (dir: string) => Promise<T>): Promise<T> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-extreme-'));
  try {
    return await body(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

const storedIdsInDirectory = async (dataDir: string, prefix: string): Promise<string[]> => {
  const store = await EmbeddedStore.open(dataDir);
  try {
    return await storedIdsIn(store, prefix);
  } finally {
    store.close();
  }
};

/** `ctd ingest --json` in this process (the property runs: no compile per run). */
const ingestWithCli = async (
  lines: readonly ExtremeLine[],
  prefix: string
): Promise<{ code: number; summary: IngestSummary; ids: string[] }> =>
  withDirectory(async (dir) => {
    const file = path.join(dir, 'extreme.ndjson');
    fs.writeFileSync(file, fileOf(lines));
    const dataDir = path.join(dir, 'data');
    const run = await runCtd(['ingest', file, '--data-dir', dataDir, '--json']);
    return {
      code: run.code,
      summary: JSON.parse(run.out) as IngestSummary,
      ids: await storedIdsInDirectory(dataDir, prefix),
    };
  });

describe('no single line can stop an ingest', () => {
  let server: StandaloneServer;
  let serverDir: string;

  beforeAll(async () => {
    serverDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-extreme-server-'));
    const uiDir = path.join(serverDir, 'ui');
    fs.mkdirSync(uiDir);
    fs.writeFileSync(path.join(uiDir, 'index.html'), '<!doctype html><div id="root"></div>');
    server = await startStandaloneServer({
      dataDir: path.join(serverDir, 'data'),
      port: 0,
      uiDir,
      sampleData: false,
      schedulerTickMs: 1e9,
      log: silentLog(),
    });
  }, 120_000);

  afterAll(async () => {
    await server.close();
    fs.rmSync(serverDir, { recursive: true, force: true });
  });

  const upload = async (
    lines: readonly ExtremeLine[]
  ): Promise<{ status: number; summary: IngestSummary }> => {
    const response = await fetch(`${server.url}${UPLOAD_PATH}?name=extreme.ndjson`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', 'kbn-xsrf': 'true' },
      body: new Uint8Array(fileOf(lines)),
    });
    return { status: response.status, summary: (await response.json()) as IngestSummary };
  };

  describe(`a ${FILE_LINES}-line file holding one line of every extreme shape`, () => {
    it(
      'through `ctd ingest` as a child process: exit 0, every good line stored once, every bad line reported',
      async () => {
        const prefix = 'cli-file-';
        const lines = fixedFile('cli-file');
        await withDirectory(async (dir) => {
          const file = path.join(dir, 'extreme.ndjson');
          fs.writeFileSync(file, fileOf(lines));
          const dataDir = path.join(dir, 'data');
          const run = await spawnCtd(['ingest', file, '--data-dir', dataDir, '--json']);
          expect(run.err).not.toMatch(/\n\s+at /);
          expect(run.code).toBe(0);
          expectIngestOf(lines, JSON.parse(run.out) as IngestSummary);
          expect(await storedIdsInDirectory(dataDir, prefix)).toEqual(
            expectedSummary(lines).storedIds
          );
          // The human summary lists the first rejections with their line numbers, one short line each.
          const human = await runCtd(['ingest', file, '--data-dir', dataDir]);
          expect(human.code).toBe(0);
          for (const listed of human.out
            .split('\n')
            .filter((line) => line.startsWith('  rejected ')))
            expect(listed.length).toBeLessThan(400);
        });
      },
      FILE_TIMEOUT_MS
    );

    it(
      'through the upload API: 200 with the summary, every good line stored once, every bad line reported',
      async () => {
        const prefix = 'api-file-';
        const lines = fixedFile('api-file');
        const { status, summary } = await upload(lines);
        expect(status).toBe(200);
        expectIngestOf(lines, summary);
        expect(await storedIdsIn(server.store, prefix)).toEqual(expectedSummary(lines).storedIds);
      },
      FILE_TIMEOUT_MS
    );
  });

  describe('extreme lines at random positions among good lines (property)', () => {
    it(
      `through \`ctd ingest\` (${CLI_RUNS} runs)`,
      async () => {
        let run = 0;
        await fc.assert(
          fc.asyncProperty(extremeFilePlan(), async (plan) => {
            const prefix = `cli-p${++run}-`;
            const lines = planLines(plan, prefix);
            const result = await ingestWithCli(lines, prefix);
            expect(result.code).toBe(0);
            expectIngestOf(lines, result.summary);
            expect(result.ids).toEqual(expectedSummary(lines).storedIds);
          }),
          { numRuns: CLI_RUNS }
        );
      },
      PROPERTY_TIMEOUT_MS
    );

    it(
      `through the upload API, into one store that keeps every run (${API_RUNS} runs)`,
      async () => {
        let run = 0;
        await fc.assert(
          fc.asyncProperty(extremeFilePlan(), async (plan) => {
            const prefix = `api-p${++run}-`;
            const lines = planLines(plan, prefix);
            const { status, summary } = await upload(lines);
            expect(status).toBe(200);
            expectIngestOf(lines, summary);
            expect(await storedIdsIn(server.store, prefix)).toEqual(
              expectedSummary(lines).storedIds
            );
          }),
          { numRuns: API_RUNS }
        );
      },
      PROPERTY_TIMEOUT_MS
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Elasticsearch

const inputOf = (name: string, bytes: Uint8Array): IngestInput => {
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (let start = 0; start < bytes.length; start += CHUNK_BYTES)
      yield bytes.subarray(start, start + CHUNK_BYTES);
  }
  return { name, chunks: chunks(), totalBytes: bytes.length };
};

const embeddedIngest = async (
  lines: readonly ExtremeLine[],
  prefix: string
): Promise<{ summary: IngestSummary; ids: string[] }> => {
  const store = await EmbeddedStore.open();
  try {
    const summary = await store.ingest([inputOf('extreme.ndjson', fileOf(lines))]);
    return { summary, ids: await storedIdsIn(store, prefix) };
  } finally {
    store.close();
  }
};

describeWithElasticsearch(
  'extreme lines through the Elasticsearch bulk ingest and on the node itself',
  () => {
    const suffix = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
    const index = `ctd-extreme-${suffix}`;
    const templateName = `ctd-extreme-${suffix}`;
    /** Indices the hits of the catalog name that ES accepts (removed afterwards). */
    const hitIndices = INDEX_CASES.filter((indexCase) => indexCase.problem === undefined).map(
      (indexCase) => indexCase.index
    );
    const options: EsIngestOptions = {
      defaultIndex: index,
      templateName,
      templatePatterns: [],
      templatePriority: DEFAULT_TEMPLATE_PRIORITY + 29,
    };
    let client: Client;

    beforeAll(() => {
      client = createEsClient({ url: esTestUrl() });
    });
    afterAll(async () => {
      await client.indices.delete({ index: [index, ...hitIndices], ignore_unavailable: true });
      await client.indices.deleteIndexTemplate({ name: templateName }, { ignore: [404] });
      await client.close();
    });

    /** Ids stored in the test's indices that start with `prefix` (every run's ids have their own). */
    const esIds = async (prefix: string): Promise<string[]> => {
      await client.indices.refresh({ index: [index, ...hitIndices], ignore_unavailable: true });
      const response = await client.search({
        index: [index, ...hitIndices],
        ignore_unavailable: true,
        size: 10_000,
        _source: false,
        query: { match_all: {} },
      });
      return sorted(
        response.hits.hits.map((hit) => hit._id ?? '').filter((id) => id.startsWith(prefix))
      );
    };

    const compareStores = async (lines: readonly ExtremeLine[], prefix: string): Promise<void> => {
      const es = await ingestNdjsonToElasticsearch(
        client,
        [inputOf('extreme.ndjson', fileOf(lines))],
        options
      );
      const embedded = await embeddedIngest(lines, prefix);
      expectIngestOf(lines, es);
      expect(rejectionsOf(es)).toEqual(rejectionsOf(embedded.summary));
      expect(await esIds(prefix)).toEqual(expectedSummary(lines).storedIds);
      expect(embedded.ids).toEqual(expectedSummary(lines).storedIds);
    };

    it(
      `rejects the same lines of the ${FILE_LINES}-line file for the same reasons as the embedded store, and stores the same events`,
      async () => {
        await compareStores(fixedFile('es-file', ES_FILE_SCALE), 'es-file-');
      },
      FILE_TIMEOUT_MS
    );

    // What the preparer mirrors: each such line, sent past it, is refused by Elasticsearch itself.
    describe('Elasticsearch itself refuses every line we reject for its shape', () => {
      const catalog = extremeCatalog('es-raw', 0.01);

      it.each(catalog.flatMap((line) => (line.es?.send === 'document' ? [[line.name, line]] : [])))(
        '%s',
        async (_name, line) => {
          const es = line.es;
          if (es?.send !== 'document') throw new Error('not a document check');
          // The index exists (the file above created it) with our template's mapping.
          const sent = client.transport.request(
            {
              method: 'POST',
              path: `/${index}/_doc`,
              body: Buffer.from(line.bytes).toString('utf8'),
            },
            { headers: { 'content-type': 'application/json' } }
          );
          await expect(sent).rejects.toThrow(es.reason);
        },
        60_000
      );

      it('refuses each _index we reject with exactly our reason', async () => {
        const names = INDEX_CASES.filter((indexCase) => indexCase.problem !== undefined).map(
          (indexCase) => indexCase.index
        );
        const body = names
          .flatMap((name) => [
            JSON.stringify({ create: { _index: name, _id: 'x' } }),
            JSON.stringify({ '@timestamp': '2025-03-12T10:15:42.123Z' }),
          ])
          .join('\n');
        const response = await client.transport.request<{
          items: Array<Record<string, { error?: { reason?: string } }>>;
        }>({
          method: 'POST',
          path: '/_bulk',
          querystring: { filter_path: 'items.*.error.reason' },
          bulkBody: `${body}\n`,
        });
        const reasons = response.items.map((item) => Object.values(item)[0]?.error?.reason ?? '');
        // Ours quotes at most MAX_QUOTED_LENGTH characters of the name; the rest of the reason is ES's own.
        const comparable = (reason: string, at: number): string =>
          (names[at] ?? '').length <= MAX_QUOTED_LENGTH
            ? reason
            : reason.slice(reason.indexOf('], '));
        expect(reasons.map(comparable)).toEqual(
          names.map((name) => indexNameProblem(name) ?? '').map(comparable)
        );
      });
    });

    it(
      `rejects the same lines of random files as the embedded store (${ES_RUNS} runs)`,
      async () => {
        let run = 0;
        await fc.assert(
          fc.asyncProperty(extremeFilePlan(), async (plan) => {
            const prefix = `es-p${++run}-`;
            await compareStores(planLines(plan, prefix), prefix);
          }),
          { numRuns: ES_RUNS }
        );
      },
      PROPERTY_TIMEOUT_MS
    );
  }
);
