/**
 * NDJSON ingest into a real Elasticsearch (test/elasticsearch/README.md), checked against the
 * embedded store's ingest of the same files: same rejected lines and reasons, same (index, _id).
 * Every test writes to indices and a template named after this run, removed afterwards; templates
 * use a priority of their own so they never clash with another suite's on the shared cluster.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { errors, type Client } from '@elastic/elasticsearch';
import { describeWithElasticsearch, esTestUrl } from '../../../test/elasticsearch/es_test_env';
import { ecsFieldTypes } from '../../../common/ecs/ecs_field_types';
import type { FieldTypeMap } from '../../../common/ecs/field_types';
import {
  fileInput,
  MAX_REPORTED_REJECTIONS,
  type IngestProgress,
  type IngestSummary,
} from '../../ingest/ingest_ndjson';
import { INTERNAL_ERROR_REASON, type InternalLineError } from '../../ingest/line_guard';
import { EmbeddedStore } from '../duckdb/embedded_store';
import { queryRows } from '../duckdb/sql_values';
import {
  ingestNdjsonToElasticsearch,
  MAX_BULK_ATTEMPTS,
  type EsIngestOptions,
} from './bulk_ingest';
import { EsIngestError } from './es_ingest_error';
import { DEFAULT_TEMPLATE_PRIORITY } from './ecs_mappings';
import { createEsClient } from './es_client';

const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures');
const BAD_LINES = path.join(FIXTURES, 'bad_lines.ndjson');
const DEFEND_EXAMPLES = path.join(FIXTURES, 'defend_examples.ndjson');
const GOOD_LINE_NUMBERS = [1, 2, 7, 13];
const BAD_LINE_NUMBERS = [3, 4, 5, 8, 9, 11, 12];
const DEFEND_NAMESPACE = '"namespace":"default"';
/** Lowercase and unique per run: index names, namespaces and template names derive from it. */
const RUN = `${process.pid}-${Date.now()}`;
const TEST_TEMPLATE_PRIORITY = DEFAULT_TEMPLATE_PRIORITY + 17;
const TIMESTAMP = '2025-03-12T10:00:00.000Z';

interface ParsedHit {
  _index: string;
  _id: string;
  _seq_no?: number;
}

let sequence = 0;
const uniqueName = (label: string): string => `ctd-bulk-${RUN}-${++sequence}-${label}`;

describeWithElasticsearch('ingestNdjsonToElasticsearch', () => {
  let client: Client;
  let workDir: string;
  let templateName: string;
  /** Index names each test wrote to, deleted after it. */
  let indices: string[];

  beforeAll(() => {
    client = createEsClient({ url: esTestUrl() });
  });
  afterAll(() => client.close());

  beforeEach(() => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-bulk-'));
    templateName = uniqueName('template');
    indices = [];
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    fs.rmSync(workDir, { recursive: true, force: true });
    if (indices.length > 0)
      await client.indices.delete({ index: indices, ignore_unavailable: true });
    await client.indices.deleteIndexTemplate({ name: templateName }, { ignore: [404] });
  });

  /** Options of a test: its own template, covering exactly the indices it writes. */
  const testOptions = (extra: EsIngestOptions = {}): EsIngestOptions => ({
    templateName,
    templatePatterns: [],
    templatePriority: TEST_TEMPLATE_PRIORITY,
    ...extra,
  });

  const newIndex = (label: string): string => {
    const index = uniqueName(label);
    indices.push(index);
    return index;
  };

  /**
   * A fixture whose Defend events go to a namespace of their own (`logs-endpoint.events.process-<ns>`),
   * every other byte (BOM, CRLF, blank and bad lines) unchanged.
   */
  const fixtureInOwnNamespace = (fixture: string): { file: string; index: string } => {
    const namespace = uniqueName('ns');
    const index = `logs-endpoint.events.process-${namespace}`;
    indices.push(index);
    const text = fs
      .readFileSync(fixture)
      .toString('latin1')
      .split(DEFEND_NAMESPACE)
      .join(`"namespace":"${namespace}"`);
    const file = path.join(workDir, path.basename(fixture));
    fs.writeFileSync(file, Buffer.from(text, 'latin1'));
    return { file, index };
  };

  const writeLines = (name: string, lines: readonly string[]): string => {
    const file = path.join(workDir, name);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  };

  const ingest = (
    files: readonly string[],
    options: EsIngestOptions = {}
  ): Promise<IngestSummary> =>
    ingestNdjsonToElasticsearch(client, files.map(fileInput), testOptions(options));

  const embeddedIngest = async (
    files: readonly string[],
    defaultIndex?: string
  ): Promise<{ summary: IngestSummary; keys: string[] }> => {
    const store = await EmbeddedStore.open();
    try {
      const summary = await store.ingest(
        files.map(fileInput),
        defaultIndex ? { defaultIndex } : {}
      );
      const rows = await queryRows(store.database.connection, 'SELECT _index, _id FROM events');
      return {
        summary,
        keys: rows.map((row) => `${String(row._index)} ${String(row._id)}`).sort(),
      };
    } finally {
      store.close();
    }
  };

  const hitsOf = async (index: string): Promise<ParsedHit[]> => {
    const response = await client.search({
      index,
      size: 10_000,
      seq_no_primary_term: true,
      _source: false,
      query: { match_all: {} },
    });
    return response.hits.hits.map((hit) => ({
      _index: hit._index,
      _id: hit._id ?? '',
      _seq_no: hit._seq_no,
    }));
  };

  const docCount = async (index: string): Promise<number> => (await client.count({ index })).count;

  const event = (fields: Record<string, unknown>): string =>
    JSON.stringify({ '@timestamp': TIMESTAMP, ...fields });

  /** Calls the real transport except for the bulk requests `handle` answers itself (undefined: pass through). */
  const interceptBulk = (
    handle: (call: number, body: string) => Promise<unknown> | undefined
  ): string[] => {
    const bodies: string[] = [];
    const transport = client.transport;
    const original = transport.request.bind(transport);
    const intercept = (
      params: Parameters<typeof original>[0],
      options?: Parameters<typeof original>[1]
    ): Promise<unknown> => {
      if (params.path !== '/_bulk' || typeof params.bulkBody !== 'string')
        return original(params, options);
      bodies.push(params.bulkBody);
      return handle(bodies.length, params.bulkBody) ?? original(params, options);
    };
    jest.spyOn(transport, 'request').mockImplementation(intercept);
    return bodies;
  };

  const responseError = (status: number, type: string): Error =>
    new errors.ResponseError({
      body: { error: { type, reason: 'test overload' }, status },
      statusCode: status,
      headers: {},
      warnings: null,
      meta: {
        context: null,
        name: 'test',
        request: { params: { method: 'POST', path: '/_bulk' }, options: {}, id: 1 },
        connection: null,
        attempts: 0,
        aborted: false,
      },
    });

  it('stores the good lines of the bad-lines fixture and rejects the same lines for the same reasons as the embedded store', async () => {
    const { file, index } = fixtureInOwnNamespace(BAD_LINES);
    const summary = await ingest([file]);
    const embedded = await embeddedIngest([file]);

    expect(summary).toMatchObject({
      files: [file],
      linesRead: 11,
      blankLines: 2,
      stored: 4,
      duplicates: 0,
      rejectedCount: 7,
    });
    expect(summary.rejected.map((rejection) => rejection.line)).toEqual(BAD_LINE_NUMBERS);
    expect(summary.rejected).toEqual(embedded.summary.rejected);
    expect(summary.bytesRead).toBe(fs.statSync(file).size);
    expect(await docCount(index)).toBe(GOOD_LINE_NUMBERS.length);
  });

  it('stores nothing new when the same file is ingested again: every good line is a duplicate', async () => {
    const { file, index } = fixtureInOwnNamespace(BAD_LINES);
    await ingest([file]);
    const again = await ingest([file]);
    expect(again).toMatchObject({ stored: 0, duplicates: 4, rejectedCount: 7 });
    expect(again.rejected.map((rejection) => rejection.line)).toEqual(BAD_LINE_NUMBERS);
    expect(await docCount(index)).toBe(4);
  });

  it('gives every event the same _index and _id as the embedded store (event.id, exported hit, content hash)', async () => {
    const { file: examples, index: defendIndex } = fixtureInOwnNamespace(DEFEND_EXAMPLES);
    const defaultIndex = newIndex('default');
    const hitIndex = newIndex('hits');
    const mixed = writeLines('mixed.ndjson', [
      event({ message: 'no event.id: a content hash' }),
      event({ message: 'another one', process: { name: 'sh' } }),
      JSON.stringify({
        _index: hitIndex,
        _id: 'exported-1',
        _source: { '@timestamp': TIMESTAMP, message: 'hit' },
      }),
      JSON.stringify({
        _index: hitIndex,
        _id: 'exported-2',
        _source: { '@timestamp': TIMESTAMP, event: { id: 'ignored' } },
      }),
    ]);
    const summary = await ingest([examples, mixed], { defaultIndex });
    const embedded = await embeddedIngest([examples, mixed], defaultIndex);

    expect(summary.stored).toBe(16);
    expect(embedded.summary.stored).toBe(16);
    const esHits = [
      ...(await hitsOf(defendIndex)),
      ...(await hitsOf(defaultIndex)),
      ...(await hitsOf(hitIndex)),
    ];
    expect(esHits.map((hit) => `${hit._index} ${hit._id}`).sort()).toEqual(embedded.keys);
  });

  it('stores each document byte for byte as the line holds it', async () => {
    const index = newIndex('bytes');
    const line = `{ "@timestamp" : "${TIMESTAMP}", "event": {"id": "exact-1"}, "n": 1.50, "big": 1e2, "z": "\\u00e9", "a": 1 }`;
    const file = writeLines('bytes.ndjson', [line]);
    await ingest([file], { defaultIndex: index });
    const response = await fetch(`${esTestUrl() ?? ''}/${index}/_source/exact-1`);
    expect(await response.text()).toBe(line);
  });

  /** An index whose `ctd_test.level` an earlier ingest made a keyword: an object there is refused by ES alone. */
  const indexWithKeywordLevel = async (label: string): Promise<string> => {
    const index = newIndex(label);
    await ingest(
      [
        writeLines(`${label}-first.ndjson`, [
          event({ event: { id: `${label}-first` }, ctd_test: { level: 'high' } }),
        ]),
      ],
      { defaultIndex: index }
    );
    return index;
  };

  it('reports an event ES refuses with its line number and ES reason, in line order with the preparer rejections', async () => {
    const index = await indexWithKeywordLevel('refused');
    const file = writeLines('refused.ndjson', [
      event({ event: { id: 'good-1' } }),
      JSON.stringify({ _index: index, _id: 'x'.repeat(600), _source: { '@timestamp': TIMESTAMP } }),
      '{"@timestamp":',
      event({ event: { id: 'conflict' }, ctd_test: { level: { score: 3 } } }),
      event({ event: { id: 'good-2' } }),
    ]);
    const summary = await ingest([file], { defaultIndex: index });

    expect(summary).toMatchObject({ stored: 2, duplicates: 0, rejectedCount: 3 });
    expect(summary.rejected.map((rejection) => [rejection.file, rejection.line])).toEqual([
      [file, 2],
      [file, 3],
      [file, 4],
    ]);
    expect(summary.rejected[0]?.reason).toBe(
      `id ["${'x'.repeat(56)}...] is too long, must be no longer than 512 bytes but was: 600`
    );
    expect(summary.rejected[1]?.reason).toMatch(/^malformed JSON: /);
    expect(summary.rejected[2]?.reason).toMatch(
      /^document_parsing_exception: .*failed to parse field \[ctd_test\.level\]/
    );
  });

  // The embedded store once stored such a hit under its `_index` as is; both stores now
  // refuse it with the reason ES gives for a bulk create into that name (index_names.ts).
  it("refuses a hit whose _index ES would refuse as an index name, with ES's reason, before sending it", async () => {
    const index = newIndex('names');
    const file = writeLines('names.ndjson', [
      JSON.stringify({ _index: 'Upper-Case', _id: 'upper', _source: { '@timestamp': TIMESTAMP } }),
      JSON.stringify({
        _index: '../../../etc/passwd',
        _id: 'path',
        _source: { '@timestamp': TIMESTAMP },
      }),
      event({ event: { id: 'good' } }),
    ]);
    const summary = await ingest([file], { defaultIndex: index });

    expect(summary.rejected.map((rejection) => [rejection.line, rejection.reason])).toEqual([
      [1, 'Invalid index name [Upper-Case], must be lowercase'],
      [
        2,
        `Invalid index name [../../../etc/passwd], must not contain the following characters [' ','"','*',',','/','<','>','?','\\','|']`,
      ],
    ]);
    expect(summary.stored).toBe(1);
    expect(await client.indices.exists({ index: 'upper-case' })).toBe(false);
  });

  // The bulk ingest prepares lines under the same guard as the embedded store, so a
  // step that throws rejects only its line, with the same line number and reason in both stores.
  it('rejects a line whose preparation throws and stores the rest, logging the error once with its stack', async () => {
    const index = newIndex('guard');
    const ecs = ecsFieldTypes();
    const throwing: FieldTypeMap = {
      names: () => ecs.names(),
      get: (field) => {
        if (field === 'custom.boom') throw new TypeError('injected failure in a preparation step');
        return ecs.get(field);
      },
    };
    const file = writeLines('guard.ndjson', [
      event({ event: { id: 'g-1' } }),
      event({ event: { id: 'g-2' }, custom: { boom: 1 } }),
      event({ event: { id: 'g-3' } }),
      event({ event: { id: 'g-4' }, custom: { boom: 2 } }),
      event({ event: { id: 'g-5' } }),
    ]);
    const logged: InternalLineError[] = [];
    const summary = await ingest([file], {
      defaultIndex: index,
      fieldTypes: throwing,
      onInternalError: (failure) => logged.push(failure),
    });

    const reason = `${INTERNAL_ERROR_REASON}: TypeError: injected failure in a preparation step`;
    expect(summary.rejected).toEqual([
      { file, line: 2, reason },
      { file, line: 4, reason },
    ]);
    expect(summary).toMatchObject({ stored: 3, rejectedCount: 2 });
    expect((await hitsOf(index)).map((hit) => hit._id).sort()).toEqual(['g-1', 'g-3', 'g-5']);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ file, line: 2 });
    expect(String((logged[0]?.error as Error).stack)).toMatch(
      /^TypeError: injected failure in a preparation step\n\s+at /
    );
  });

  it('keeps the first rejections in line order when ES and preparer rejections interleave past the reporting cap', async () => {
    const index = await indexWithKeywordLevel('interleaved');
    const lines = Array.from({ length: MAX_REPORTED_REJECTIONS + 200 }, (_, i) =>
      i % 2 === 0 ? '{' : event({ event: { id: `n-${i}` }, ctd_test: { level: { score: i } } })
    );
    const file = writeLines('interleaved.ndjson', lines);
    const summary = await ingest([file], { maxBatchEvents: 64, defaultIndex: index });

    expect(summary).toMatchObject({ stored: 0, rejectedCount: lines.length });
    expect(summary.rejected.map((rejection) => rejection.line)).toEqual(
      Array.from({ length: MAX_REPORTED_REJECTIONS }, (_, i) => i + 1)
    );
  });

  it('reports a mapping conflict with an earlier ingest (which the preparer cannot know of) as ES states it', async () => {
    const index = newIndex('conflict');
    const first = writeLines('first.ndjson', [
      event({ event: { id: 'c-1' }, ctd_test: { level: 'high' } }),
    ]);
    const second = writeLines('second.ndjson', [
      event({ event: { id: 'c-2' } }),
      event({ event: { id: 'c-3' }, ctd_test: { level: { score: 3 } } }),
    ]);
    await ingest([first], { defaultIndex: index });
    const summary = await ingest([second], { defaultIndex: index });

    expect(summary).toMatchObject({ stored: 1, rejectedCount: 1 });
    expect(summary.rejected).toEqual([
      {
        file: second,
        line: 2,
        reason: expect.stringMatching(
          /^document_parsing_exception: .*failed to parse field \[ctd_test\.level\] of type \[keyword\]/
        ) as unknown,
      },
    ]);
    expect(await docCount(index)).toBe(2);
  });

  it('writes documents in file order (_seq_no follows line order) in batches bounded by count and by bytes', async () => {
    const index = newIndex('order');
    const ids = Array.from(
      { length: 1_500 },
      (_, i) => `order-${String(1_500 - i).padStart(4, '0')}`
    );
    const file = writeLines(
      'order.ndjson',
      ids.map((id) => event({ event: { id }, message: 'x'.repeat(messageLength(id)) }))
    );
    const maxBatchBytes = 40_000;
    const bodies = interceptBulk(() => undefined);
    const summary = await ingest([file], {
      defaultIndex: index,
      maxBatchEvents: 400,
      maxBatchBytes,
    });

    expect(summary.stored).toBe(ids.length);
    expect(bodies.length).toBeGreaterThan(Math.ceil(ids.length / 400));
    for (const body of bodies) {
      expect(Buffer.byteLength(body)).toBeLessThanOrEqual(maxBatchBytes);
      expect(body.split('\n').length - 1).toBeLessThanOrEqual(2 * 400);
    }
    const bySeqNo = (await hitsOf(index)).sort((a, b) => (a._seq_no ?? 0) - (b._seq_no ?? 0));
    expect(bySeqNo.map((hit) => hit._id)).toEqual(ids);
  });

  it('puts the events template with ECS types, adding the indices the data creates but not existing ones', async () => {
    const existing = newIndex('existing');
    await client.indices.create({ index: existing });
    const created = newIndex('created');
    const file = writeLines('template.ndjson', [
      event({
        event: { id: 't-1' },
        process: { pid: 42, command_line: 'sh -c id' },
        host: { ip: ['10.0.0.1'] },
      }),
      JSON.stringify({ _index: existing, _id: 't-2', _source: { '@timestamp': TIMESTAMP } }),
    ]);
    await ingest([file], { defaultIndex: created, templatePatterns: ['ctd-bulk-never-used-*'] });

    const template = await client.indices.getIndexTemplate({ name: templateName });
    expect(template.index_templates[0]?.index_template.index_patterns).toEqual([
      'ctd-bulk-never-used-*',
      created,
    ]);
    const fields = await client.indices.getFieldMapping({
      index: created,
      fields: ['process.pid', 'process.command_line', 'host.ip'],
    });
    const mapping = fields[created]?.mappings ?? {};
    const typeOf = (field: string): unknown =>
      Object.values(mapping[field]?.mapping ?? {})[0]?.type;
    expect([typeOf('process.pid'), typeOf('process.command_line'), typeOf('host.ip')]).toEqual([
      'long',
      'keyword',
      'ip',
    ]);
  });

  it('puts no template with template: false (the index gets dynamic mapping)', async () => {
    const index = newIndex('notemplate');
    const file = writeLines('plain.ndjson', [
      event({ event: { id: 'p-1' }, process: { pid: 42 } }),
    ]);
    await ingest([file], { defaultIndex: index, template: false });
    await expect(client.indices.getIndexTemplate({ name: templateName })).rejects.toThrow(
      /resource_not_found|index_template_missing/
    );
    const fields = await client.indices.getFieldMapping({ index, fields: ['process.pid'] });
    expect(Object.values(fields[index]?.mappings['process.pid']?.mapping ?? {})[0]?.type).toBe(
      'long'
    );
  });

  it('aborts when a bulk request fails, saying what was committed; a re-run completes without duplicating', async () => {
    const index = newIndex('abort');
    const file = writeLines(
      'abort.ndjson',
      Array.from({ length: 10 }, (_, i) => event({ event: { id: `a-${i + 1}` } }))
    );
    interceptBulk((call) =>
      call === 2 ? Promise.reject(new errors.ConnectionError('socket hang up')) : undefined
    );

    const failure = ingest([file], { defaultIndex: index, maxBatchEvents: 4 });
    await expect(failure).rejects.toThrow(EsIngestError);
    await expect(failure).rejects.toThrow(
      new RegExp(
        `aborted at ${escapeRegExp(file)} lines 5-8: bulk request failed: socket hang up\\. 4 event\\(s\\) were committed before the failure \\(4 stored, 0 already present\\)`
      )
    );
    jest.restoreAllMocks();
    await client.indices.refresh({ index });
    expect(await docCount(index)).toBe(4);

    const rerun = await ingest([file], { defaultIndex: index, maxBatchEvents: 4 });
    expect(rerun).toMatchObject({ stored: 6, duplicates: 4 });
    expect(await docCount(index)).toBe(10);
  });

  it('retries a request or items ES refuses as overloaded (429) and keeps every event', async () => {
    const index = newIndex('retry');
    const file = writeLines(
      'retry.ndjson',
      Array.from({ length: 6 }, (_, i) => event({ event: { id: `r-${i + 1}` } }))
    );
    const overloadedItems = (body: string): Promise<unknown> => {
      const operations = body.split('\n').filter(Boolean).length / 2;
      const item = {
        create: {
          status: 429,
          error: { type: 'es_rejected_execution_exception', reason: 'queue full' },
        },
      };
      return Promise.resolve({ items: Array.from({ length: operations }, () => item) });
    };
    const bodies = interceptBulk((call, body) => {
      if (call === 1) return Promise.reject(responseError(429, 'circuit_breaking_exception'));
      return call === 2 ? overloadedItems(body) : undefined;
    });
    const summary = await ingest([file], { defaultIndex: index, retryDelayMs: 1 });

    expect(bodies).toHaveLength(3);
    expect(summary).toMatchObject({ stored: 6, duplicates: 0, rejectedCount: 0 });
    expect(await docCount(index)).toBe(6);
  });

  it('aborts when ES stays overloaded, having stored none of the batch', async () => {
    const index = newIndex('overloaded');
    const file = writeLines('overloaded.ndjson', [event({ event: { id: 'o-1' } })]);
    const bodies = interceptBulk(() =>
      Promise.reject(responseError(429, 'es_rejected_execution_exception'))
    );
    await expect(ingest([file], { defaultIndex: index, retryDelayMs: 1 })).rejects.toThrow(
      /at .*overloaded\.ndjson line 1: Elasticsearch still overloaded after 5 attempts .*Nothing was committed before the failure; the 1 unconfirmed event\(s\) were not stored\./
    );
    expect(bodies).toHaveLength(MAX_BULK_ATTEMPTS);
  });

  it('reports progress after each batch and at the end of each file', async () => {
    const index = newIndex('progress');
    const file = writeLines(
      'progress.ndjson',
      Array.from({ length: 5 }, (_, i) => event({ event: { id: `p-${i + 1}` } }))
    );
    const progress: IngestProgress[] = [];
    await ingest([file], {
      defaultIndex: index,
      maxBatchEvents: 2,
      onProgress: (p) => progress.push(p),
    });
    expect(progress.map((p) => p.stored)).toEqual([2, 4, 5]);
    expect(progress[progress.length - 1]).toMatchObject({
      file,
      linesRead: 5,
      bytesRead: fs.statSync(file).size,
    });
  });

  it('stores every good line read before an input fails, and fails the ingest', async () => {
    const index = newIndex('broken');
    const lines = Array.from({ length: 6 }, (_, i) => event({ event: { id: `b-${i + 1}` } }));
    async function* failingChunks(): AsyncGenerator<Uint8Array> {
      yield new TextEncoder().encode(`${lines.join('\n')}\n`);
      throw new Error('connection reset while uploading');
    }
    const input = { name: 'broken.ndjson', chunks: failingChunks(), totalBytes: 2 ** 20 };
    // One full batch of 4 and 2 lines of the next when the input fails.
    await expect(
      ingestNdjsonToElasticsearch(
        client,
        [input],
        testOptions({ defaultIndex: index, maxBatchEvents: 4 })
      )
    ).rejects.toThrow('connection reset while uploading');
    await client.indices.refresh({ index });
    expect((await client.count({ index })).count).toBe(6);
  });
});

/** Message length varying by line, so batches split on bytes at different counts. */
function messageLength(id: string): number {
  return 20 + (Number(id.slice(-4)) % 50);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
