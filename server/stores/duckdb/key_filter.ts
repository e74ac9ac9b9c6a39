/**
 * A Bloom filter of the event keys stored in `events`, so an ingest batch looks up only the few
 * keys that might already be stored instead of scanning the key column for every batch. A key the
 * filter rules out is certainly new; a flagged key is checked exactly by the writer. False
 * positives only cost a lookup, so the filter may hold keys that were never stored (a failed
 * append) or are gone.
 *
 * Bit positions use double hashing on the key's low 64 bits (event keys are SHA-256 digests, so
 * every slice is uniform): position i = (low32 + i × (high32 | 1)) mod bitCount. The same formula
 * runs in SQL to build the filter from the table in one aggregate, and in JS to test and add keys;
 * the layout of the bits is DuckDB's BIT layout (a padding byte, then bits from the most
 * significant), so the aggregate's bytes are used as they are.
 */
/* eslint-disable no-bitwise -- a Bloom filter: key halves, bit positions and byte masks */
import type { DuckDBConnection } from '@duckdb/node-api';
import { DuckDBBitValue } from '@duckdb/node-api';
import { EVENTS_TABLE } from './schema';
import { queryRows, toNumber } from './sql_values';

/** ~0.01 % false positives at 20 bits per key with 10 hashes; 40 bits per key right after growth. */
const HASH_COUNT = 10;
const MIN_BITS_PER_KEY = 20;
const DEFAULT_MIN_BIT_COUNT = 2 ** 20;
/** Positions stay exact in doubles and in BIT aggregates below this. */
const MAX_BIT_COUNT = 2 ** 32;
const LOW_32_BITS = 0xffffffffn;
const BIT_VALUE_HEADER_BYTES = 1;

export interface KeyFilterOptions {
  /** The smallest filter built (a power of two); tests make it small to exercise growth. */
  readonly minBitCount?: number;
}

const nextPowerOfTwo = (value: number): number => 2 ** Math.ceil(Math.log2(Math.max(1, value)));

const bitCountFor = (keyCount: number, minBitCount: number): number =>
  Math.min(MAX_BIT_COUNT, Math.max(minBitCount, nextPowerOfTwo(keyCount * MIN_BITS_PER_KEY)));

/** SQL for one key's position for hash i; must agree with `positionsOf`. */
const positionSql = (bitCount: number): string =>
  `CAST(((_key & ${LOW_32_BITS}) + h * (((_key >> 32) & ${LOW_32_BITS}) | 1)) % ${bitCount} AS UBIGINT)`;

export class StoredKeyFilter {
  private constructor(
    private readonly bits: Uint8Array,
    private readonly padding: number,
    readonly bitCount: number,
    private keyCount: number
  ) {}

  /** Builds the filter from every key in `events`: 20–40 bits per stored key. */
  static async load(
    connection: DuckDBConnection,
    options: KeyFilterOptions = {}
  ): Promise<StoredKeyFilter> {
    const countRows = await queryRows(
      connection,
      `SELECT CAST(count(*) AS DOUBLE) AS n FROM ${EVENTS_TABLE}`
    );
    const keyCount = toNumber(countRows[0]?.n ?? 0);
    const bitCount = bitCountFor(
      keyCount,
      nextPowerOfTwo(options.minBitCount ?? DEFAULT_MIN_BIT_COUNT)
    );
    if (keyCount === 0) return StoredKeyFilter.empty(bitCount);
    const reader = await connection.runAndReadAll(
      `SELECT bitstring_agg(${positionSql(bitCount)}, 0, ${bitCount - 1}) AS b FROM ${EVENTS_TABLE}, range(${HASH_COUNT}) AS hashes(h)`
    );
    const [value] = reader.getRows()[0] ?? [];
    if (!(value instanceof DuckDBBitValue)) return StoredKeyFilter.empty(bitCount);
    return new StoredKeyFilter(value.data, value.padding(), bitCount, keyCount);
  }

  private static empty(bitCount: number): StoredKeyFilter {
    return new StoredKeyFilter(
      new Uint8Array(BIT_VALUE_HEADER_BYTES + bitCount / 8),
      0,
      bitCount,
      0
    );
  }

  /** True when the filter holds more keys than its size is meant for: rebuild it with `load`. */
  get isOverfull(): boolean {
    return this.bitCount < MAX_BIT_COUNT && this.keyCount * MIN_BITS_PER_KEY > this.bitCount;
  }

  /** Whether both filters have the same size and the same bits set. */
  equals(other: StoredKeyFilter): boolean {
    if (other.bitCount !== this.bitCount) return false;
    for (let position = 0; position < this.bitCount; position += 1) {
      if (this.isSet(position) !== other.isSet(position)) return false;
    }
    return true;
  }

  mightContain(key: bigint): boolean {
    return this.positionsOf(key).every((position) => this.isSet(position));
  }

  add(key: bigint): void {
    for (const position of this.positionsOf(key)) this.set(position);
    this.keyCount += 1;
  }

  private positionsOf(key: bigint): number[] {
    const low = Number(key & LOW_32_BITS);
    const high = Number((key >> 32n) & LOW_32_BITS);
    // `| 1` would go through int32 in JS; an odd step keeps the positions distinct.
    const step = high % 2 === 0 ? high + 1 : high;
    return Array.from({ length: HASH_COUNT }, (_, hash) => (low + hash * step) % this.bitCount);
  }

  private byteAndMask(position: number): [number, number] {
    const offset = position + this.padding;
    return [BIT_VALUE_HEADER_BYTES + Math.floor(offset / 8), 1 << (7 - (offset % 8))];
  }

  private isSet(position: number): boolean {
    const [byte, mask] = this.byteAndMask(position);
    return ((this.bits[byte] ?? 0) & mask) !== 0;
  }

  private set(position: number): void {
    const [byte, mask] = this.byteAndMask(position);
    this.bits[byte] = (this.bits[byte] ?? 0) | mask;
  }
}
