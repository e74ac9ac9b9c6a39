/**
 * The rejected lines an ingest reports, in line order and at most `limit` of them (a broken file
 * must not exhaust memory). Lines the preparer refuses are known as they are read; lines a store
 * refuses only once their batch is written, so the preparer's wait for that batch and the two
 * lists are merged in line order.
 */
import type { RejectedLine } from './ingest_ndjson';

/** Two line-ordered lists of one file's rejections as one ordered list, at most `limit` long. */
export const mergeByLine = (
  a: readonly RejectedLine[],
  b: readonly RejectedLine[],
  limit: number
): RejectedLine[] => {
  const merged: RejectedLine[] = [];
  let i = 0;
  let j = 0;
  for (;;) {
    const nextA = a[i];
    const nextB = b[j];
    if (merged.length >= limit || (nextA === undefined && nextB === undefined)) break;
    if (nextA !== undefined && (nextB === undefined || nextA.line <= nextB.line)) {
      merged.push(nextA);
      i++;
    } else if (nextB !== undefined) {
      merged.push(nextB);
      j++;
    }
  }
  return merged;
};

export class RejectedLines {
  private readonly settled: RejectedLine[] = [];
  private pending: RejectedLine[] = [];

  constructor(private readonly limit: number) {}

  /** The reported rejections so far, in line order. */
  get list(): readonly RejectedLine[] {
    return this.settled;
  }

  /** A line the preparer refused, held until the batch around it is written. */
  add(rejection: RejectedLine): void {
    // Capped like the final list: whatever lies beyond the cap in line order is never reported.
    if (this.settled.length + this.pending.length < this.limit) this.pending.push(rejection);
  }

  /** The current batch is written: its refused lines (line order) join the preparer's. */
  settle(refusedByStore: readonly RejectedLine[]): void {
    const room = this.limit - this.settled.length;
    this.settled.push(...mergeByLine(this.pending, refusedByStore, room));
    this.pending = [];
  }
}
