import fc from 'fast-check';
import { linesOfRegion, readNdjsonLines, type NdjsonLine } from '../ndjson_lines';
import { lineRegions, type LineRegion } from './line_regions';

async function* streamOf(chunks: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield chunk;
}

const cut = (bytes: Uint8Array, sizes: readonly number[]): Uint8Array[] => {
  const chunks: Uint8Array[] = [];
  for (let start = 0, turn = 0; start < bytes.length; turn++) {
    const size = sizes[turn % sizes.length] ?? bytes.length;
    chunks.push(bytes.slice(start, start + size));
    start += size;
  }
  return chunks;
};

const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
};

/** Bytes rich in what line splitting must get right: newlines, CRs, a BOM, invalid UTF-8. */
const awkwardBytes = fc
  .array(
    fc.oneof(
      fc.constantFrom(0x0a, 0x0d, 0xef, 0xbb, 0xbf, 0xff, 0xc3, 0x20, 0x7b),
      fc.integer({ min: 0, max: 255 })
    ),
    { maxLength: 300 }
  )
  .map((bytes) => Uint8Array.from(bytes));

/** The chunks, then a failure of the stream (a connection reset, a read error). */
async function* failingAfter(chunks: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield chunk;
  throw new Error('read failed');
}

/** Every item before the iterable throws, and what it threw. */
const collectUntilFailure = async <T>(
  items: AsyncIterable<T>
): Promise<{ readonly items: T[]; readonly failure: unknown }> => {
  const out: T[] = [];
  try {
    for await (const item of items) out.push(item);
  } catch (failure) {
    return { items: out, failure };
  }
  return { items: out, failure: undefined };
};

/** The lines the regions hold, read back in order. */
const linesIn = (regions: readonly LineRegion[]): NdjsonLine[] =>
  regions.flatMap((region) => [
    ...linesOfRegion(region.bytes, region.firstLineNumber, region.endsWithNewline),
  ]);

/** Random streams: the bytes, the chunk sizes they arrive in, and a region target. */
const streamCases = [
  awkwardBytes,
  fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 4 }),
  fc.integer({ min: 1, max: 128 }),
] as const;

describe('lineRegions', () => {
  it('cuts a stream into regions whose lines are exactly the stream lines, numbered alike', async () => {
    await fc.assert(
      fc.asyncProperty(...streamCases, async (bytes, sizes, target) => {
        const expected = await collect(readNdjsonLines(streamOf(cut(bytes, sizes))));
        const regions = await collect(lineRegions(streamOf(cut(bytes, sizes)), target));
        expect(linesIn(regions)).toEqual(expected);
        expect(regions.reduce((sum, region) => sum + region.lineCount, 0)).toBe(expected.length);
        expect(regions.reduce((sum, region) => sum + region.bytes.length, 0)).toBe(bytes.length);
      }),
      { numRuns: 500 }
    );
  });

  it('keeps every whole line read before the stream fails, as the line reader does, then fails', async () => {
    await fc.assert(
      fc.asyncProperty(...streamCases, async (bytes, sizes, target) => {
        const expected = await collectUntilFailure(
          readNdjsonLines(failingAfter(cut(bytes, sizes)))
        );
        const regions = await collectUntilFailure(
          lineRegions(failingAfter(cut(bytes, sizes)), target)
        );
        expect(linesIn(regions.items)).toEqual(expected.items);
        expect(regions.failure).toEqual(new Error('read failed'));
      }),
      { numRuns: 300 }
    );
  });

  it('keeps a line longer than the target whole, in a region of its own size', async () => {
    const long = `${'x'.repeat(1000)}\n`;
    const bytes = new TextEncoder().encode(`a\n${long}b`);
    const regions = await collect(lineRegions(streamOf(cut(bytes, [7])), 16));
    expect(regions.map((region) => [region.firstLineNumber, region.lineCount])).toEqual([
      [1, 2],
      [3, 1],
    ]);
    expect(regions[1]?.endsWithNewline).toBe(false);
  });
});
