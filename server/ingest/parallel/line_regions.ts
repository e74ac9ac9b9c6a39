/**
 * Cuts an NDJSON byte stream into regions of whole lines, each in its own buffer so that it can be
 * handed to a worker thread without a copy. A line never spans two regions; a line longer than the
 * target makes its region as long as itself. Lines are decoded later, region by region, by
 * `linesOfRegion` (ndjson_lines.ts), exactly as `readNdjsonLines` decodes a stream.
 */
const NEWLINE = 0x0a;

export interface LineRegion {
  readonly bytes: Uint8Array<ArrayBuffer>;
  /** The number of the region's first line in its input (1-based). */
  readonly firstLineNumber: number;
  /** Lines that begin in the region. */
  readonly lineCount: number;
  /** False only for a region ending with an input's unterminated last line. */
  readonly endsWithNewline: boolean;
}

const newlinesIn = (bytes: Uint8Array): number => {
  let count = 0;
  for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) count++;
  return count;
};

/** Joins parts into one buffer of its own. */
const joined = (parts: readonly Uint8Array[], length: number): Uint8Array<ArrayBuffer> => {
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
};

export async function* lineRegions(
  chunks: AsyncIterable<Uint8Array>,
  targetBytes: number
): AsyncGenerator<LineRegion> {
  let parts: Uint8Array[] = [];
  let length = 0;
  let nextLine = 1;
  const take = (endsWithNewline: boolean): LineRegion => {
    const bytes = joined(parts, length);
    const newlines = newlinesIn(bytes);
    const region = {
      bytes,
      firstLineNumber: nextLine,
      lineCount: newlines + (endsWithNewline ? 0 : 1),
      endsWithNewline,
    };
    nextLine += newlines;
    parts = [];
    length = 0;
    return region;
  };
  const iterator = chunks[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<Uint8Array>;
    try {
      next = await iterator.next();
    } catch (error) {
      // The whole lines read before the stream failed are kept, as a stream read line by line keeps them.
      const read = joined(parts, length);
      const end = read.lastIndexOf(NEWLINE) + 1;
      if (end > 0) {
        parts = [read.subarray(0, end)];
        length = end;
        yield take(true);
      }
      throw error;
    }
    if (next.done === true) break;
    const chunk = next.value;
    const lastNewline = chunk.lastIndexOf(NEWLINE);
    if (lastNewline === -1) {
      // Copied: a view would pin the stream's whole chunk.
      parts.push(chunk.slice());
      length += chunk.length;
      continue;
    }
    const head = chunk.subarray(0, lastNewline + 1);
    length += head.length;
    if (length >= targetBytes) {
      // take() copies at once, so a view of the chunk does.
      parts.push(head);
      yield take(true);
    } else parts.push(head.slice());
    const rest = chunk.subarray(lastNewline + 1);
    if (rest.length > 0) {
      parts.push(rest.slice());
      length += rest.length;
    }
  }
  if (length > 0) yield take(parts[parts.length - 1]?.at(-1) === NEWLINE);
}
