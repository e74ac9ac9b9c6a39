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
  if (line.length > 0 && line[line.length - 1] === CARRIAGE_RETURN) line = line.subarray(0, line.length - 1);
  try {
    return { lineNumber, text: decoder.decode(line), bytes };
  } catch {
    return { lineNumber, error: 'invalid UTF-8', bytes };
  }
};

/** Joins the carried-over partial line with the start of the next chunk. */
const concat = (head: Uint8Array, tail: Uint8Array): Uint8Array => {
  if (head.length === 0) return tail;
  const joined = new Uint8Array(head.length + tail.length);
  joined.set(head, 0);
  joined.set(tail, head.length);
  return joined;
};

export async function* readNdjsonLines(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<NdjsonLine> {
  let pending: Uint8Array = new Uint8Array(0);
  let lineNumber = 0;
  for await (const chunk of chunks) {
    const buffer = concat(pending, chunk);
    let start = 0;
    let newline = buffer.indexOf(NEWLINE, start);
    while (newline !== -1) {
      lineNumber++;
      yield decodeLine(buffer.subarray(start, newline), lineNumber, true);
      start = newline + 1;
      newline = buffer.indexOf(NEWLINE, start);
    }
    // Copy the remainder: keeping a view would pin the whole chunk in memory.
    pending = buffer.slice(start);
  }
  if (pending.length > 0) {
    lineNumber++;
    yield decodeLine(pending, lineNumber, false);
  }
}
