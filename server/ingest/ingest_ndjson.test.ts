/**
 * NDJSON ingest into the real embedded store (in-memory DuckDB): every bad line is reported with
 * its line number and its own reason while the good lines around it are stored, blank lines are
 * skipped, and an event already stored — in this batch, an earlier batch or an earlier ingest — is
 * counted as a duplicate, never stored twice.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { ecsFieldTypes } from '../../common/ecs/ecs_field_types';
import type { FieldTypeMap } from '../../common/ecs/field_types';
import { EmbeddedStore } from '../stores/duckdb/embedded_store';
import { queryRows } from '../stores/duckdb/sql_values';
import {
  fileInput,
  MAX_REPORTED_REJECTIONS,
  type IngestInput,
  type IngestProgress,
  type IngestSummary,
} from './ingest_ndjson';
import { INTERNAL_ERROR_REASON } from './line_guard';
import { DEFAULT_EVENT_INDEX } from './prepare_event';
import { chunksInput } from '../../test/helpers/text_input';

const BAD_LINES = path.resolve(__dirname, '..', '..', 'test', 'fixtures', 'bad_lines.ndjson');
const TIMESTAMP = '2025-03-12T10:15:42.123Z';

const encoder = new TextEncoder();

/** An input made of text and raw byte parts, delivered as one chunk per part. */
const inputOf = (name: string, ...parts: Array<string | number[]>): IngestInput => {
  const chunks = parts.map((part) =>
    typeof part === 'string' ? encoder.encode(part) : Uint8Array.from(part)
  );
  return chunksInput(name, chunks);
};

const eventLine = (fields: Record<string, unknown> = {}): string =>
  JSON.stringify({ '@timestamp': TIMESTAMP, ...fields });

const linesOf = (...lines: string[]): string => `${lines.join('\n')}\n`;

interface StoredRow {
  readonly index: string;
  readonly id: string;
  readonly source: string;
}

const storedRows = async (store: EmbeddedStore): Promise<StoredRow[]> =>
  (
    await queryRows(
      store.database.connection,
      'SELECT _index, _id, _source FROM events ORDER BY _seq'
    )
  ).map((row) => ({
    index: String(row._index),
    id: String(row._id),
    source: String(row._source),
  }));

const rejectedLines = (summary: IngestSummary): Array<[number, string]> =>
  summary.rejected.map((rejection) => [rejection.line, rejection.reason]);

describe('ingest into the embedded store', () => {
  let store: EmbeddedStore;
  beforeEach(async () => {
    store = await EmbeddedStore.open();
  });
  afterEach(() => store.close());

  describe('the bad-lines fixture (CRLF, BOM, no final newline)', () => {
    const fixtureLines = fs
      .readFileSync(BAD_LINES, 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    const GOOD = [1, 2, 7, 13];
    const eventIdOfLine = (line: number): string =>
      (JSON.parse(fixtureLines[line - 1] ?? '') as { event: { id: string } }).event.id;

    it('stores lines 1, 2, 7 and 13, rejects 3, 4, 5, 8, 9, 11 and 12 each with its reason, skips 6 and 10', async () => {
      const summary = await store.ingest([fileInput(BAD_LINES)]);
      expect(summary).toMatchObject({
        files: [BAD_LINES],
        linesRead: 11,
        blankLines: 2,
        stored: 4,
        duplicates: 0,
        rejectedCount: 7,
      });
      expect(rejectedLines(summary)).toEqual([
        [3, expect.stringMatching(/^malformed JSON: /)],
        [4, 'not a JSON object (found array)'],
        [5, 'not a JSON object (found number)'],
        [8, 'unparseable @timestamp "yesterday"'],
        [9, 'not a JSON object (found null)'],
        [11, 'not a JSON object (found string)'],
        [12, 'missing @timestamp'],
      ]);
      expect(summary.rejected.every((rejection) => rejection.file === BAD_LINES)).toBe(true);

      const rows = await storedRows(store);
      // Every good line carries an event.id and a complete logs-endpoint data_stream.
      expect(rows.map((row) => row.id)).toEqual(GOOD.map(eventIdOfLine));
      expect(rows.every((row) => row.index === 'logs-endpoint.events.process-default')).toBe(true);
      // The BOM and the CRs are not part of what is stored.
      expect(rows.map((row) => row.source)).toEqual(GOOD.map((line) => fixtureLines[line - 1]));
      expect(rows.some((row) => row.source.includes('\r') || row.source.startsWith('\uFEFF'))).toBe(
        false
      );
    });

    it('stores nothing the second time and counts the four good lines as duplicates', async () => {
      await store.ingest([fileInput(BAD_LINES)]);
      const again = await store.ingest([fileInput(BAD_LINES)]);
      expect(again).toMatchObject({ stored: 0, duplicates: 4, rejectedCount: 7, blankLines: 2 });
      expect(await store.eventCount()).toBe(4);
    });

    // A last line without a newline has no terminator byte to count (this file has no final
    // newline): the summary's byte count, and its MB/s, must equal the file's size.
    it('counts exactly the bytes of the file', async () => {
      const summary = await store.ingest([fileInput(BAD_LINES)]);
      expect(summary.bytesRead).toBe(fs.statSync(BAD_LINES).size);
    });
  });

  it('gives every kind of bad line its own reason and keeps every good line around them', async () => {
    const text = (line: string) => `${line}\n`;
    const summary = await store.ingest(
      [
        inputOf(
          'mixed.ndjson',
          text(eventLine({ event: { id: 'good-1' } })),
          text('{"@timestamp":'),
          text('[1]'),
          text('"x"'),
          text(eventLine({ event: { id: 'good-5' }, custom: { depth: 1 } })),
          text(JSON.stringify({ event: { id: 'no-time' } })),
          text(JSON.stringify({ '@timestamp': 'not a date', event: { id: 'bad-time' } })),
          text(eventLine({ event: { id: 'conflict' }, custom: 'flat' })),
          '{"@timestamp":"2025-03-12T10:15:42.123Z","user":{"name":"',
          [0xc3, 0x28],
          text('"}}'),
          eventLine({ event: { id: 'good-10' } })
        ),
      ],
      // One event per batch: the conflicting line meets a field the store has already written.
      { batchSize: 1 }
    );
    expect(rejectedLines(summary)).toEqual([
      [2, expect.stringMatching(/^malformed JSON: /)],
      [3, 'not a JSON object (found array)'],
      [4, 'not a JSON object (found string)'],
      [6, 'missing @timestamp'],
      [7, 'unparseable @timestamp "not a date"'],
      [8, 'field custom holds a value but other events store fields below it'],
      [9, 'invalid UTF-8'],
    ]);
    expect((await storedRows(store)).map((row) => row.id)).toEqual(['good-1', 'good-5', 'good-10']);
    expect(summary).toMatchObject({ linesRead: 10, stored: 3, rejectedCount: 7, blankLines: 0 });
  });

  it('detects the object/value conflict inside one batch, in either order', async () => {
    const summary = await store.ingest([
      inputOf(
        'conflicts.ndjson',
        linesOf(
          eventLine({ event: { id: 'obj-first' }, a: { inner: 1 } }),
          eventLine({ event: { id: 'value-second' }, a: 'flat' }),
          eventLine({ event: { id: 'value-first' }, b: 'flat' }),
          eventLine({ event: { id: 'obj-second' }, b: { inner: 1 } })
        )
      ),
    ]);
    expect(rejectedLines(summary)).toEqual([
      [2, 'field a holds a value but other events store fields below it'],
      [4, 'field b is mapped as keyword but holds an object (b.inner)'],
    ]);
    expect((await storedRows(store)).map((row) => row.id)).toEqual(['obj-first', 'value-first']);
  });

  it('does not count blank or whitespace-only lines as read or rejected', async () => {
    const summary = await store.ingest([
      inputOf(
        'blanks.ndjson',
        `\n${eventLine({ event: { id: 'a' } })}\n   \n\t\r\n\r\n${eventLine({ event: { id: 'b' } })}\n\n`
      ),
    ]);
    expect(summary).toMatchObject({
      linesRead: 2,
      blankLines: 5,
      stored: 2,
      rejectedCount: 0,
      rejected: [],
    });
  });

  it('stores an event repeated inside one batch once, and one repeated across batches once', async () => {
    const line = eventLine({ event: { id: 'repeat' } });
    const inOneBatch = await store.ingest([inputOf('one.ndjson', linesOf(line, line, line))]);
    expect(inOneBatch).toMatchObject({ stored: 1, duplicates: 2 });

    const other = eventLine({ event: { id: 'other' } });
    const acrossBatches = await store.ingest([inputOf('two.ndjson', linesOf(other, other))], {
      batchSize: 1,
    });
    expect(acrossBatches).toMatchObject({ stored: 1, duplicates: 1 });
    expect(await store.eventCount()).toBe(2);
  });

  it('identifies events by content when they have no id: same line, same event; a changed line, a new event', async () => {
    const line = eventLine({ process: { name: 'bash' } });
    const first = await store.ingest([inputOf('a.ndjson', linesOf(line, line))]);
    expect(first).toMatchObject({ stored: 1, duplicates: 1 });
    const again = await store.ingest([
      inputOf('b.ndjson', linesOf(line, eventLine({ process: { name: 'sh' } }))),
    ]);
    expect(again).toMatchObject({ stored: 1, duplicates: 1 });
  });

  it('keys duplicates by (index, id): the same event.id in two data streams is two events', async () => {
    const inStream = (namespace: string) =>
      eventLine({
        event: { id: 'shared' },
        data_stream: { type: 'logs', dataset: 'endpoint.events.process', namespace },
      });
    const summary = await store.ingest([
      inputOf('streams.ndjson', linesOf(inStream('default'), inStream('prod'), inStream('prod'))),
    ]);
    expect(summary).toMatchObject({ stored: 2, duplicates: 1 });
    expect((await storedRows(store)).map((row) => [row.index, row.id])).toEqual([
      ['logs-endpoint.events.process-default', 'shared'],
      ['logs-endpoint.events.process-prod', 'shared'],
    ]);
  });

  it('stores Elasticsearch hits under their _index and _id, with _source as the document', async () => {
    const source = { '@timestamp': TIMESTAMP, event: { id: 'evt-9' } };
    await store.ingest([
      inputOf(
        'hits.ndjson',
        linesOf(
          JSON.stringify({
            _index: '.ds-logs-endpoint.events.process-default-000001',
            _id: 'hit-1',
            _source: source,
          }),
          JSON.stringify({ _source: { ...source, event: { id: 'evt-10' } } }),
          eventLine({ event: { id: 'bare' }, data_stream: { type: 'logs', dataset: 'x' } })
        )
      ),
    ]);
    expect(await storedRows(store)).toEqual([
      {
        index: '.ds-logs-endpoint.events.process-default-000001',
        id: 'hit-1',
        source: JSON.stringify(source),
      },
      {
        index: DEFAULT_EVENT_INDEX,
        id: 'evt-10',
        source: JSON.stringify({ ...source, event: { id: 'evt-10' } }),
      },
      // data_stream without a namespace does not name an index.
      {
        index: DEFAULT_EVENT_INDEX,
        id: 'bare',
        source: eventLine({ event: { id: 'bare' }, data_stream: { type: 'logs', dataset: 'x' } }),
      },
    ]);
  });

  it('uses the defaultIndex option for events that name no index', async () => {
    await store.ingest([inputOf('x.ndjson', eventLine({ event: { id: 'e' } }))], {
      defaultIndex: 'logs-custom-default',
    });
    expect((await storedRows(store)).map((row) => row.index)).toEqual(['logs-custom-default']);
  });

  it('numbers lines per file and names the file of each rejection', async () => {
    const summary = await store.ingest([
      inputOf('first.ndjson', linesOf(eventLine({ event: { id: '1' } }), 'oops')),
      inputOf('second.ndjson', linesOf('42', eventLine({ event: { id: '2' } }), 'null')),
    ]);
    expect(summary.files).toEqual(['first.ndjson', 'second.ndjson']);
    expect(summary.rejected.map((rejection) => `${rejection.file}:${rejection.line}`)).toEqual([
      'first.ndjson:2',
      'second.ndjson:1',
      'second.ndjson:3',
    ]);
    expect(summary.stored).toBe(2);
  });

  it(`keeps the first ${MAX_REPORTED_REJECTIONS} rejections in full and counts the rest`, async () => {
    const badLines = MAX_REPORTED_REJECTIONS + 5;
    const summary = await store.ingest([
      inputOf('broken.ndjson', linesOf(...Array.from({ length: badLines }, () => '[]'))),
    ]);
    expect(summary.rejectedCount).toBe(badLines);
    expect(summary.rejected).toHaveLength(MAX_REPORTED_REJECTIONS);
    expect(summary.rejected[MAX_REPORTED_REJECTIONS - 1]?.line).toBe(MAX_REPORTED_REJECTIONS);
  });

  it('reports progress at commits, ending at the full size of the input', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => eventLine({ event: { id: `p${i}` } }));
    const input = inputOf('progress.ndjson', linesOf(...lines));
    const reports: IngestProgress[] = [];
    const summary = await store.ingest([input], {
      batchSize: 2,
      commitEvery: 4,
      onProgress: (progress) => reports.push(progress),
    });
    // A report follows each commit (batches prepared meanwhile are written after it) and the end of the file.
    const stored = reports.map((report) => report.stored);
    expect(stored.length).toBeGreaterThan(2);
    expect(stored).toEqual([...stored].sort((a, b) => a - b));
    expect(new Set(stored).size).toBe(stored.length);
    expect(reports.at(-1)).toMatchObject({
      file: 'progress.ndjson',
      bytesRead: input.totalBytes,
      totalBytes: input.totalBytes,
      linesRead: 40,
      stored: 40,
    });
    expect(summary.bytesRead).toBe(input.totalBytes);
  });

  it('stores every good line read before an input fails, committed, and fails the ingest', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-ingest-fail-'));
    try {
      const fileStore = await EmbeddedStore.open(dataDir);
      const lines = Array.from({ length: 6 }, (_, i) => eventLine({ event: { id: `f${i}` } }));
      async function* failingChunks(): AsyncGenerator<Uint8Array> {
        yield encoder.encode(linesOf(...lines));
        throw new Error('connection reset while uploading');
      }
      const input: IngestInput = {
        name: 'broken.ndjson',
        chunks: failingChunks(),
        totalBytes: 2 ** 20,
      };
      // One full batch of 4 and 2 lines of the next; no commit is due before the failure.
      await expect(fileStore.ingest([input], { batchSize: 4, commitEvery: 100 })).rejects.toThrow(
        'connection reset while uploading'
      );
      fileStore.close();
      const reopened = await EmbeddedStore.open(dataDir);
      try {
        expect(await reopened.eventCount()).toBe(6);
      } finally {
        reopened.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  // A line nested 100,000 deep overflowed the stack in the duplicate-key
  // check; nothing guarded the line, so `ctd ingest` exited 70 and every later good line (1,145 of
  // a 1,276-line file, the deep line at 72) was neither stored nor reported.
  it('rejects a line nested 100,000 deep at line 72 of 1,276 and stores every other line', async () => {
    const deepLine = 72;
    const lines = Array.from({ length: 1_276 }, (_, i) =>
      i + 1 === deepLine
        ? `{"@timestamp":"${TIMESTAMP}","a":${'['.repeat(100_000)}1${']'.repeat(100_000)}}`
        : eventLine({ event: { id: `line-${i + 1}` } })
    );
    const summary = await store.ingest([inputOf('deep.ndjson', linesOf(...lines))]);
    expect(rejectedLines(summary)).toEqual([
      [
        deepLine,
        'Document nesting depth (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`)',
      ],
    ]);
    expect(summary).toMatchObject({ linesRead: 1_276, stored: 1_275 });
    expect(await store.eventCount()).toBe(1_275);
  });
});

describe('the line guard in the embedded store', () => {
  /** ECS, except that looking up `custom.boom` throws: a step of preparation failing as a bug would. */
  const throwingFieldTypes = (): FieldTypeMap => {
    const ecs = ecsFieldTypes();
    return {
      names: () => ecs.names(),
      get: (field) => {
        if (field === 'custom.boom') throw new TypeError('injected failure in a preparation step');
        return ecs.get(field);
      },
    };
  };

  it('rejects a line whose preparation throws, with its line number and a short reason, and stores every other line', async () => {
    const store = await EmbeddedStore.open(undefined, throwingFieldTypes());
    try {
      const lines = Array.from({ length: 50 }, (_, i) =>
        eventLine({
          event: { id: `g-${i + 1}` },
          custom: i % 10 === 4 ? { tag: 'x', boom: 1 } : { tag: 'y' },
        })
      );
      const summary = await store.ingest([inputOf('boom.ndjson', linesOf(...lines))], {
        batchSize: 7,
      });
      const reason = `${INTERNAL_ERROR_REASON}: TypeError: injected failure in a preparation step`;
      expect(rejectedLines(summary)).toEqual([5, 15, 25, 35, 45].map((line) => [line, reason]));
      expect(summary).toMatchObject({ linesRead: 50, stored: 45, rejectedCount: 5 });
      const ids = (await storedRows(store)).map((row) => row.id);
      expect(ids).toEqual(lines.map((_, i) => `g-${i + 1}`).filter((_, i) => i % 10 !== 4));
    } finally {
      store.close();
    }
  });
});
