/**
 * Elasticsearch's total-fields limit: the embedded store refuses the event
 * that would take its index beyond the Elasticsearch store's `index.mapping.total_fields.limit`
 * (10,000: the template's 3,407 ECS fields, then 6,593 more), with Elasticsearch's reason and its
 * count of new fields, keeps the good events before and after it, counts each index on its own,
 * and remembers the counts across a reopen. The same file through the real Elasticsearch is
 * refused on the same lines with the same reason.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Client } from '@elastic/elasticsearch';
import type { IngestInput, IngestSummary } from '../../server/ingest/ingest_ndjson';
import { EmbeddedStore } from '../../server/stores/duckdb/embedded_store';
import { queryRows } from '../../server/stores/duckdb/sql_values';
import {
  ingestNdjsonToElasticsearch,
  type EsIngestOptions,
} from '../../server/stores/elasticsearch/bulk_ingest';
import {
  DEFAULT_TEMPLATE_PRIORITY,
  TOTAL_FIELDS_LIMIT,
} from '../../server/stores/elasticsearch/ecs_mappings';
import { createEsClient } from '../../server/stores/elasticsearch/es_client';
import { describeWithElasticsearch, esTestUrl } from '../elasticsearch/es_test_env';
import { textInput } from '../helpers/text_input';

/** What Elasticsearch 8.19 counts for an index made from the ECS events template (verified on the node). */
const TEMPLATE_FIELDS = 3_407;
const ROOM = TOTAL_FIELDS_LIMIT - TEMPLATE_FIELDS;
const WIDE = 2_000;
const LIMIT_TIMEOUT_MS = 120_000;
const TIMESTAMP = '2025-03-10T12:00:00.000Z';

/** Elasticsearch's reason, as the node words it (caused_by of its document_parsing_exception). */
const limitReason = (newFields: number): string =>
  `Limit of total fields [${TOTAL_FIELDS_LIMIT}] has been exceeded while adding new fields [${newFields}]`;

/** An exported hit: index and id given, as `ctd ingest` reads them. `group` adds one object and `width` keyword fields. */
const hit = (index: string, id: string, group?: string, width = 0): string => {
  const fields: Record<string, string> = {};
  for (let i = 0; i < width; i++) fields[`f_${i}`] = `v${i}`;
  const source =
    group === undefined
      ? { '@timestamp': TIMESTAMP, event: { id } }
      : { '@timestamp': TIMESTAMP, event: { id }, [group]: fields };
  return JSON.stringify({ _index: index, _id: id, _source: source });
};

/**
 * Three groups of 2,001 fields leave 590 of the index's room. Line 5 needs 601 and is refused when
 * its 591st new field (the object, then 590 leaves) would cross; line 6 fills the room exactly;
 * line 7's one new field is refused; the other index has room of its own.
 */
const limitFile = (index: string, otherIndex: string): string[] => {
  const remaining = ROOM - 3 * (WIDE + 1);
  return [
    hit(index, 'plain-1'),
    hit(index, 'wide-1', 'g1', WIDE),
    hit(index, 'wide-2', 'g2', WIDE),
    hit(index, 'wide-3', 'g3', WIDE),
    hit(index, 'over-1', 'g4', remaining + 10),
    hit(index, 'exact-1', 'g5', remaining - 1),
    hit(index, 'over-2', 'g6', 1),
    hit(index, 'plain-2'),
    hit(otherIndex, 'other-1', 'g1', WIDE),
  ];
};
const REFUSED = [
  { line: 5, newFields: ROOM - 3 * (WIDE + 1) + 1, id: 'over-1' },
  { line: 7, newFields: 1, id: 'over-2' },
];

const inputOf = (lines: readonly string[]): IngestInput =>
  textInput('wide.ndjson', lines.join('\n'));

const refusedLines = (summary: IngestSummary): number[] =>
  summary.rejected.map((rejection) => rejection.line);

describe("the embedded store enforces Elasticsearch's total-fields limit per index", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-field-limit-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(
    'refuses the event that would cross the limit with its reason, and keeps every other',
    async () => {
      const store = await EmbeddedStore.open(dir);
      try {
        expect(store.fieldLimit.templateFieldCount).toBe(TEMPLATE_FIELDS);
        const summary = await store.ingest([inputOf(limitFile('logs-limit-a', 'logs-limit-b'))]);
        expect(summary.rejected).toEqual(
          REFUSED.map(({ line, newFields }) => ({
            file: 'wide.ndjson',
            line,
            reason: limitReason(newFields),
          }))
        );
        expect(summary.stored).toBe(7);
        expect(store.fieldLimit.fieldCount('logs-limit-a')).toBe(TOTAL_FIELDS_LIMIT);
        expect(store.fieldLimit.fieldCount('logs-limit-b')).toBe(TEMPLATE_FIELDS + WIDE + 1);
        const rows = await queryRows(
          store.database.connection,
          'SELECT _id FROM events ORDER BY _id'
        );
        expect(rows.map((row) => String(row._id))).toEqual([
          'exact-1',
          'other-1',
          'plain-1',
          'plain-2',
          'wide-1',
          'wide-2',
          'wide-3',
        ]);
      } finally {
        store.close();
      }
      // The counts are the store's: after a reopen the full index still takes no new field.
      const reopened = await EmbeddedStore.open(dir);
      try {
        expect(reopened.fieldLimit.fieldCount('logs-limit-a')).toBe(TOTAL_FIELDS_LIMIT);
        const again = await reopened.ingest([
          inputOf([hit('logs-limit-a', 'late-1', 'g7', 2), hit('logs-limit-a', 'plain-3')]),
        ]);
        expect(again.rejected).toEqual([{ file: 'wide.ndjson', line: 1, reason: limitReason(1) }]);
        expect(again.stored).toBe(1);
      } finally {
        reopened.close();
      }
    },
    LIMIT_TIMEOUT_MS
  );

  it('counts objects, dotted keys and empty objects, not nulls or keys below a flattened field', async () => {
    const store = await EmbeddedStore.open();
    try {
      const index = 'logs-limit-shapes';
      const event = {
        '@timestamp': TIMESTAMP,
        event: { id: 'shapes-1' },
        // an object with only nulls (1), an empty object (1), a dotted key (x, x.y, x.y.z: 3), an array of objects (o, o.p, o.q: 3)
        only_nulls: { a: null },
        empty: {},
        'x.y.z': 'v',
        o: [{ p: 'v' }, { p: 'w', q: 'u' }],
        // null and empty arrays add nothing; a flattened field's keys add nothing
        n: null,
        e: [],
        process: { elf: { imports: { any: { depth: 'v' } } } },
      };
      const summary = await store.ingest([
        inputOf([JSON.stringify({ _index: index, _id: 'shapes-1', _source: event })]),
      ]);
      expect(summary.rejected).toEqual([]);
      expect(store.fieldLimit.fieldCount(index)).toBe(TEMPLATE_FIELDS + 8);
    } finally {
      store.close();
    }
  });
});

describeWithElasticsearch('the same file through Elasticsearch', () => {
  const suffix = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  const index = `ctd-field-limit-a-${suffix}`;
  const otherIndex = `ctd-field-limit-b-${suffix}`;
  const templateName = `ctd-field-limit-${suffix}`;
  const options: EsIngestOptions = {
    templateName,
    templatePatterns: [],
    templatePriority: DEFAULT_TEMPLATE_PRIORITY + 29,
  };
  let client: Client;

  beforeAll(() => {
    client = createEsClient({ url: esTestUrl() });
  });
  afterAll(async () => {
    await client.indices.delete({ index: [index, otherIndex] }, { ignore: [404] });
    await client.indices.deleteIndexTemplate({ name: templateName }, { ignore: [404] });
    await client.close();
  });

  it(
    'refuses the same lines with the same reason',
    async () => {
      const lines = limitFile(index, otherIndex);
      const summary = await ingestNdjsonToElasticsearch(client, [inputOf(lines)], options);
      expect(refusedLines(summary)).toEqual(REFUSED.map(({ line }) => line));
      summary.rejected.forEach((rejection, at) =>
        expect(rejection.reason).toContain(limitReason(REFUSED[at]?.newFields ?? 0))
      );
      expect(summary.stored).toBe(7);

      const embedded = await EmbeddedStore.open();
      try {
        const own = await embedded.ingest([inputOf(lines)]);
        expect(refusedLines(own)).toEqual(refusedLines(summary));
      } finally {
        embedded.close();
      }
    },
    LIMIT_TIMEOUT_MS
  );
});
