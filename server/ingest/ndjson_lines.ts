/**
 * Splits an NDJSON byte stream into lines without ever holding more than one chunk plus one
 * partial line, so memory stays flat however large the file. Works on bytes (not decoded text) so
 * one line with invalid UTF-8 is reported on its own instead of corrupting its neighbours.
 * Handles a UTF-8 byte-order mark on the first line and CRLF line endings.
 */
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

export type NdjsonLine =
  | { readonly lineNumber: number; readonly text: string; readonly bytes: number }
  | { readonly lineNumber: number; readonly error: string; readonly bytes: number };

const decoder = new TextDecoder('utf-8', { fatal: true });

const startsWithBom = (line: Uint8Array): boolean =>
  line.length >= UTF8_BOM.length && UTF8_BOM.every((byte, i) => line[i] === byte);

/** `terminated`: the line ended with a newline (the last line of a file may not). */
const decodeLine = (raw: Uint8Array, lineNumber: number, terminated: boolean): NdjsonLine => {
  const bytes = raw.length + (terminated ? 1 : 0);
  let line = raw;
  if (lineNumber === 1 && startsWithBom(line)) line = line.subarray(UTF8_BOM.length);
  if (line.length > 0 && line[line.length - 1] === CARRIAGE_RETURN)
    line = line.subarray(0, line.length - 1);
  try {
    return { lineNumber, text: decoder.decode(line), bytes };
  } catch {
    return { lineNumber, error: 'invalid UTF-8', bytes };
  }
};

/** The parts of a line that spans chunks, joined once its end is found. */
class PartialLine {
  private parts: Uint8Array[] = [];
  private length = 0;

  get isEmpty(): boolean {
    return this.length === 0;
  }

  /** Keeps `part` (copied: a view would pin its whole chunk in memory). */
  add(part: Uint8Array): void {
    if (part.length === 0) return;
    this.parts.push(part.slice());
    this.length += part.length;
  }

  /**
   * The kept parts followed by `tail`, as one array; empties the line. Joining once at the end
   * keeps a line of many chunks linear: joining at every chunk copied a 20 MB line ~300 times.
   */
  take(tail: Uint8Array): Uint8Array {
    if (this.length === 0) return tail;
    const joined = new Uint8Array(this.length + tail.length);
    let at = 0;
    for (const part of this.parts) {
      joined.set(part, at);
      at += part.length;
    }
    joined.set(tail, at);
    this.parts = [];
    this.length = 0;
    return joined;
  }
}

/**
 * The lines of `region`, whole lines cut from a file (see line_regions.ts), numbered from
 * `firstLineNumber`: each ends with a newline except the last when `endsWithNewline` is false (a
 * file's unterminated last line). Read exactly as readNdjsonLines reads them.
 */
export function* linesOfRegion(
  region: Uint8Array,
  firstLineNumber: number,
  endsWithNewline: boolean
): Generator<NdjsonLine> {
  let lineNumber = firstLineNumber;
  let start = 0;
  let newline = region.indexOf(NEWLINE, start);
  while (newline !== -1) {
    yield decodeLine(region.subarray(start, newline), lineNumber++, true);
    start = newline + 1;
    newline = region.indexOf(NEWLINE, start);
  }
  if (!endsWithNewline && start < region.length)
    yield decodeLine(region.subarray(start), lineNumber, false);
}

export async function* readNdjsonLines(
  chunks: AsyncIterable<Uint8Array>
): AsyncGenerator<NdjsonLine> {
  const partial = new PartialLine();
  let lineNumber = 0;
  for await (const chunk of chunks) {
    let start = 0;
    let newline = chunk.indexOf(NEWLINE, start);
    while (newline !== -1) {
      lineNumber++;
      yield decodeLine(partial.take(chunk.subarray(start, newline)), lineNumber, true);
      start = newline + 1;
      newline = chunk.indexOf(NEWLINE, start);
    }
    partial.add(chunk.subarray(start));
  }
  if (!partial.isEmpty) {
    lineNumber++;
    yield decodeLine(partial.take(new Uint8Array(0)), lineNumber, false);
  }
}
