/**
 * A rule's term history, kept so that phase 2 ("was this term seen in the last 14 days?") reads a
 * small table instead of every matching event of the history window.
 *
 * For one term relation (index patterns, compiled query, new-terms fields, timestamp — whatever
 * changes its SQL changes its signature) a table holds, per term and hour bucket, the earliest time
 * the term occurred in that hour. A history range is answered from the buckets it covers whole plus
 * an exact scan of its two partial hours, so the answer equals a scan of the whole range.
 *
 * Events are only ever appended, each with a higher `_seq`, so a history is brought up to date by
 * folding in the events after the `_seq` it covers. Folding is idempotent (the table keeps minima,
 * duplicates change nothing), which is why a crash between appending rows and recording the new
 * `_seq` is harmless and no explicit transaction is needed on a connection other work shares.
 */
import { createHash } from 'crypto';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { TimeRange } from '../../new_terms/types';
import { EVENTS_TABLE, TERM_HISTORIES_TABLE } from './schema';
import { queryRows, toNumber } from './sql_values';

export const TERM_HISTORY_BUCKET_MS = 60 * 60 * 1000;
/** Histories not used recently are dropped beyond this many (rules edited, rules deleted). */
export const MAX_TERM_HISTORIES = 32;
/** Rows appended by folds beyond the compacted size (and this floor) trigger a compaction. */
export const MIN_ROWS_BEFORE_COMPACTION = 50_000;
/** `last_used` only orders evictions: rewriting it on every execution would cost a commit each time. */
const LAST_USED_RESOLUTION_MS = 60 * 60 * 1000;

/** The `_seq` of the last stored event; undefined to ask the table. */
export type LastSeqProvider = () => number | undefined;

/**
 * The events of one term relation, as SQL selecting `ts, v0…` (the same columns phase 2 reads),
 * restricted to `_seq` in (`after`, `upTo`]: the two bounds are its last two parameters.
 */
export interface SeqBoundedRelation {
  readonly sql: string;
  /** The relation's own parameters, without the two `_seq` bounds. */
  readonly params: readonly DuckDBValue[];
  readonly termCount: number;
}

/** Which part of a history range the buckets answer and which parts must be scanned. */
export interface BucketCover {
  /** First and last bucket number lying wholly inside the range (inclusive). */
  readonly firstBucket: number;
  readonly lastBucket: number;
  /** The partial hours at either end, scanned event by event. */
  readonly edges: readonly TimeRange[];
}

/**
 * Splits `[from, to]` (inclusive epoch ms) into whole buckets and the partial ones at the ends;
 * undefined when no bucket lies wholly inside (the range is then scanned as it is).
 */
export const bucketCover = (
  range: TimeRange,
  bucketMs: number = TERM_HISTORY_BUCKET_MS
): BucketCover | undefined => {
  const firstBucket = Math.ceil(range.from / bucketMs);
  const lastBucket = Math.floor((range.to + 1) / bucketMs) - 1;
  if (firstBucket > lastBucket) return undefined;
  const edges: TimeRange[] = [];
  const wholeFrom = firstBucket * bucketMs;
  const wholeTo = (lastBucket + 1) * bucketMs - 1;
  if (range.from < wholeFrom) edges.push({ from: range.from, to: wholeFrom - 1 });
  if (wholeTo < range.to) edges.push({ from: wholeTo + 1, to: range.to });
  return { firstBucket, lastBucket, edges };
};

/** `v0, v1, …`: the term columns of every relation phase 2 reads, events and histories alike. */
export const valueColumns = (count: number): string =>
  Array.from({ length: count }, (_, i) => `v${i}`).join(', ');

/** Bigints (DuckDB dates) are not JSON; they only need a stable spelling here. */
const stableJson = (value: unknown): string =>
  JSON.stringify(value, (_key, item: unknown) =>
    typeof item === 'bigint' ? `${item.toString()}n` : item
  );

export const relationSignature = (relation: SeqBoundedRelation): string =>
  createHash('sha256')
    .update(`${TERM_HISTORY_BUCKET_MS}\n${relation.sql}\n${stableJson(relation.params)}`)
    .digest('hex')
    .slice(0, 32);

const SIGNATURE = /^[0-9a-f]{32}$/;

/** The signature is hex (checked: it is also read back from the file), so the name is a plain identifier. */
const tableNameFor = (signature: string): string => {
  if (!SIGNATURE.test(signature))
    throw new Error(`not a term history signature: ${JSON.stringify(signature)}`);
  return `term_history_${signature}`;
};

interface HistoryEntry {
  readonly coveredSeq: number;
  readonly compactedRows: number;
  readonly appendedRows: number;
  readonly lastUsed: number;
}

export class TermHistories {
  /** Maintenance runs one at a time: two builds of one history must not overtake each other. */
  private maintenance: Promise<unknown> = Promise.resolve();
  /**
   * The registry as this process last wrote it. Only one process can open the store for writing,
   * so after the first read the file's rows change only through here.
   */
  private readonly entries = new Map<string, HistoryEntry>();

  constructor(
    private readonly connection: DuckDBConnection,
    private readonly lastSeqProvider: LastSeqProvider = () => undefined,
    private readonly now: () => number = Date.now,
    private readonly minRowsBeforeCompaction: number = MIN_ROWS_BEFORE_COMPACTION
  ) {}

  /** The table of `relation`'s history, built or brought up to the last stored event first. */
  current(relation: SeqBoundedRelation): Promise<string> {
    const run = this.maintenance.then(() => this.bringUpToDate(relation));
    this.maintenance = run.catch(() => undefined);
    return run;
  }

  private async bringUpToDate(relation: SeqBoundedRelation): Promise<string> {
    const signature = relationSignature(relation);
    const table = tableNameFor(signature);
    const lastSeq = await this.lastStoredSeq();
    const entry = await this.entry(signature);
    if (entry === undefined) {
      await this.build(relation, signature, table, lastSeq);
      await this.evictBeyondLimit(signature);
    } else if (entry.coveredSeq < lastSeq) {
      await this.fold(relation, signature, table, entry, lastSeq);
    } else if (this.now() - entry.lastUsed > LAST_USED_RESOLUTION_MS) {
      await this.record(signature, { ...entry, lastUsed: this.now() });
    }
    return table;
  }

  private async lastStoredSeq(): Promise<number> {
    const known = this.lastSeqProvider();
    if (known !== undefined) return known;
    const rows = await queryRows(
      this.connection,
      `SELECT CAST(coalesce(max(_seq), 0) AS DOUBLE) AS seq FROM ${EVENTS_TABLE}`
    );
    return toNumber(rows[0]?.seq ?? 0);
  }

  private async entry(signature: string): Promise<HistoryEntry | undefined> {
    const known = this.entries.get(signature);
    if (known !== undefined) return known;
    const rows = await queryRows(
      this.connection,
      `SELECT CAST(covered_seq AS DOUBLE) AS covered, CAST(compacted_rows AS DOUBLE) AS compacted,
              CAST(appended_rows AS DOUBLE) AS appended, CAST(last_used AS DOUBLE) AS last_used
         FROM ${TERM_HISTORIES_TABLE} WHERE signature = ?`,
      [signature]
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    const entry = {
      coveredSeq: toNumber(row.covered),
      compactedRows: toNumber(row.compacted),
      appendedRows: toNumber(row.appended),
      lastUsed: toNumber(row.last_used),
    };
    this.entries.set(signature, entry);
    return entry;
  }

  /** Writes an entry to the registry, then remembers it. */
  private async record(signature: string, entry: HistoryEntry): Promise<void> {
    await this.connection.run(
      `INSERT OR REPLACE INTO ${TERM_HISTORIES_TABLE} VALUES (?, ?, ?, ?, ?, ?)`,
      [
        signature,
        tableNameFor(signature),
        entry.coveredSeq,
        entry.compactedRows,
        entry.appendedRows,
        entry.lastUsed,
      ]
    );
    this.entries.set(signature, entry);
  }

  /** `SELECT v…, bucket, first_ts` over the relation's events with `_seq` in (after, upTo]. */
  private bucketMinima(relation: SeqBoundedRelation): string {
    const columns = valueColumns(relation.termCount);
    return `SELECT ${columns}, CAST(floor(ts / ${TERM_HISTORY_BUCKET_MS}.0) AS BIGINT) AS bucket, min(ts) AS first_ts
              FROM (${relation.sql}) GROUP BY ALL`;
  }

  private async build(
    relation: SeqBoundedRelation,
    signature: string,
    table: string,
    upTo: number
  ): Promise<void> {
    await this.connection.run(
      `CREATE OR REPLACE TABLE ${table} AS ${this.bucketMinima(relation)}`,
      [...relation.params, -1, upTo]
    );
    await this.record(signature, {
      coveredSeq: upTo,
      compactedRows: await this.rowCount(table),
      appendedRows: 0,
      lastUsed: this.now(),
    });
  }

  private async fold(
    relation: SeqBoundedRelation,
    signature: string,
    table: string,
    entry: HistoryEntry,
    upTo: number
  ): Promise<void> {
    const inserted = await this.connection.run(
      `INSERT INTO ${table} ${this.bucketMinima(relation)}`,
      [...relation.params, entry.coveredSeq, upTo]
    );
    const appended = entry.appendedRows + inserted.rowsChanged;
    if (appended > Math.max(entry.compactedRows, this.minRowsBeforeCompaction)) {
      await this.compact(relation.termCount, signature, table, upTo);
      return;
    }
    await this.record(signature, {
      ...entry,
      coveredSeq: upTo,
      appendedRows: appended,
      lastUsed: this.now(),
    });
  }

  private async compact(
    termCount: number,
    signature: string,
    table: string,
    coveredSeq: number
  ): Promise<void> {
    const columns = valueColumns(termCount);
    await this.connection.run(
      `CREATE OR REPLACE TABLE ${table} AS SELECT ${columns}, bucket, min(first_ts) AS first_ts FROM ${table} GROUP BY ALL`
    );
    await this.record(signature, {
      coveredSeq,
      compactedRows: await this.rowCount(table),
      appendedRows: 0,
      lastUsed: this.now(),
    });
  }

  private async rowCount(table: string): Promise<number> {
    const rows = await queryRows(
      this.connection,
      `SELECT CAST(count(*) AS DOUBLE) AS n FROM ${table}`
    );
    return toNumber(rows[0]?.n ?? 0);
  }

  /** Drops the least recently used histories beyond the limit, never `keep` (just built, about to be read). */
  private async evictBeyondLimit(keep: string): Promise<void> {
    const stale = await queryRows(
      this.connection,
      `SELECT signature FROM ${TERM_HISTORIES_TABLE} WHERE signature <> ? ORDER BY last_used DESC, signature OFFSET ?`,
      [keep, MAX_TERM_HISTORIES - 1]
    );
    for (const row of stale) {
      const signature = String(row.signature);
      // Registry first: a crash in between leaves an orphan table, never an entry without its table.
      await this.connection.run(`DELETE FROM ${TERM_HISTORIES_TABLE} WHERE signature = ?`, [
        signature,
      ]);
      this.entries.delete(signature);
      await this.connection.run(`DROP TABLE IF EXISTS ${tableNameFor(signature)}`);
    }
  }
}

/** Drops every term history (benchmarks measuring the first build; they are rebuilt on demand). */
export const dropTermHistories = async (connection: DuckDBConnection): Promise<void> => {
  const rows = await queryRows(connection, `SELECT signature FROM ${TERM_HISTORIES_TABLE}`);
  await connection.run(`DELETE FROM ${TERM_HISTORIES_TABLE}`);
  for (const row of rows)
    await connection.run(`DROP TABLE IF EXISTS ${tableNameFor(String(row.signature))}`);
};
