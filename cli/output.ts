/** Terminal output helpers: aligned tables, durations and a progress line for long work. */
export type Writer = (text: string) => void;

export const formatTable = (
  headers: readonly string[],
  rows: ReadonlyArray<readonly string[]>
): string => {
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length))
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join(
    '\n'
  );
};

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const formatDuration = (ms: number): string => {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 2 * HOUR_MS) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 2 * DAY_MS) return `${(ms / HOUR_MS).toFixed(1)} h`;
  return `${(ms / DAY_MS).toFixed(1)} d`;
};

export const formatCount = (n: number): string => n.toLocaleString('en-US');

const BAR_WIDTH = 30;
const NON_TTY_INTERVAL_MS = 5000;

/** A progress line on stderr: redrawn in place on a terminal, one line every few seconds otherwise. */
export class ProgressLine {
  private lastPrint = 0;
  private drawn = false;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  update(fraction: number, detail: string): void {
    const now = Date.now();
    const clamped = Math.min(Math.max(fraction, 0), 1);
    const filled = Math.round(clamped * BAR_WIDTH);
    const text = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${(clamped * 100).toFixed(0).padStart(3)}% ${detail}`;
    if (this.stream.isTTY) {
      this.stream.write(`\r${text}\u001b[K`);
      this.drawn = true;
    } else if (now - this.lastPrint >= NON_TTY_INTERVAL_MS) {
      this.stream.write(`${text}\n`);
      this.lastPrint = now;
    }
  }

  done(): void {
    if (this.drawn) this.stream.write('\n');
    this.drawn = false;
  }
}
