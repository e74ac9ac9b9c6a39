import { ecsFieldTypes } from '../../../common/ecs/ecs_field_types';
import type { FieldSpec } from '../../../common/ecs/field_types';
import { InternalErrorLog } from '../internal_error_log';
import { GuardedPreparer } from '../line_guard';
import type { IngestInput } from '../ingest_ndjson';
import { EventPreparer, type KnownFields } from '../prepare_event';
import { newTally, preparedLines, type IngestTally, type PreparedLine } from '../prepared_lines';
import { parallelPreparedLines } from './parallel_prepared_lines';
import { PreparePool } from './prepare_pool';
import { textInput } from '../../../test/helpers/text_input';

const NEW_STORE: KnownFields = {
  esTypeOf: () => undefined,
  isObjectPath: () => false,
  snapshot: () => ({ types: [], objectPaths: [] }),
};

const fieldSpecs = (): FieldSpec[] => {
  const types = ecsFieldTypes();
  return [...types.names()].flatMap((name) => types.get(name) ?? []);
};

const newPool = (): PreparePool =>
  new PreparePool(
    {
      fieldSpecs: fieldSpecs(),
      defaultIndex: undefined,
      known: { types: [], objectPaths: [] },
      valueFields: [],
    },
    2
  );

const event = (at: number, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ '@timestamp': '2026-01-01T00:00:00Z', event: { id: `e${at}` }, ...extra });

const inputOf = (text: string): IngestInput => textInput('lines.ndjson', text);

interface Collected {
  readonly events: Array<{ readonly line: number; readonly id: string; readonly source: string }>;
  readonly rejected: Array<readonly [number, string]>;
  readonly tally: IngestTally;
}

type Reject = (line: number, reason: string) => void;

/** What `lines` yields and rejects; `started` runs once the first line is out. */
const collect = async (
  lines: (tally: IngestTally, reject: Reject) => AsyncGenerator<PreparedLine>,
  started?: () => Promise<void>
): Promise<Collected> => {
  const tally = newTally();
  const rejected: Array<readonly [number, string]> = [];
  const events: Array<{ readonly line: number; readonly id: string; readonly source: string }> = [];
  for await (const { lineNumber, event: prepared } of lines(tally, (line, reason) =>
    rejected.push([line, reason])
  )) {
    events.push({ line: lineNumber, id: prepared.id, source: prepared.sourceText });
    if (events.length === 1) await started?.();
  }
  return { events, rejected, tally };
};

const serially = (text: string): Promise<Collected> =>
  collect((tally, reject) =>
    preparedLines(
      inputOf(text),
      new GuardedPreparer(new EventPreparer(ecsFieldTypes(), NEW_STORE)),
      tally,
      reject
    )
  );

const inPool = (
  text: string,
  pool: PreparePool,
  started?: () => Promise<void>
): Promise<Collected> =>
  collect(
    (tally, reject) =>
      parallelPreparedLines(inputOf(text), pool, {
        tally,
        reject,
        errors: new InternalErrorLog(),
        known: NEW_STORE,
        regionBytes: 64,
      }),
    started
  );

/** The pool's worker threads (private: only this test ends them from outside). */
const threadsOf = (
  pool: PreparePool
): ReadonlyArray<{ readonly thread: { terminate(): Promise<number> } }> =>
  // eslint-disable-next-line dot-notation -- bracket access is how a test reaches a private member
  pool['workers'];

describe('PreparePool', () => {
  // Every seventh line puts a string where the earlier lines made custom.n a number (double).
  const lines = Array.from({ length: 40 }, (_, at) =>
    at % 7 === 3 ? event(at, { custom: { n: 'a' } }) : event(at, { custom: { n: at } })
  ).join('\n');

  it('prepares what one thread prepares, in order', async () => {
    const pool = newPool();
    try {
      const serial = await serially(lines);
      expect(serial.events).toHaveLength(34);
      expect(serial.rejected[0]).toEqual([4, 'field custom.n of type double cannot hold "a"']);
      expect(await inPool(lines, pool)).toEqual(serial);
    } finally {
      await pool.close();
    }
  });

  it('loses no line when its workers end mid-way: their regions are prepared again, at last on this thread', async () => {
    const pool = newPool();
    try {
      const parallel = await inPool(lines, pool, async () => {
        await Promise.all(threadsOf(pool).map(({ thread }) => thread.terminate()));
      });
      expect(pool.window).toBe(1);
      expect(parallel).toEqual(await serially(lines));
    } finally {
      await pool.close();
    }
  });
});
