/** What the soak's triage must read back: each triaged alert's status, and the contradictions seen. */

export type TriageStatus = 'open' | 'acknowledged' | 'closed';

const MAX_MISMATCH_SAMPLES = 20;

/** The status each triaged alert must have, and every contradiction seen. */
export class TriageLedger {
  readonly expected = new Map<string, TriageStatus>();
  private mismatchCount = 0;
  readonly mismatchSamples: string[] = [];
  triaged = 0;

  statusOf(id: string): TriageStatus {
    return this.expected.get(id) ?? 'open';
  }

  mismatch(what: string): void {
    this.mismatchCount++;
    if (this.mismatchSamples.length < MAX_MISMATCH_SAMPLES) this.mismatchSamples.push(what);
  }

  get mismatches(): number {
    return this.mismatchCount;
  }
}
