import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Writable } from 'stream';

import type { EcsEvent } from './defend_event';
import { writeNdjson } from './ndjson_writer';

const events = (count: number): EcsEvent[] =>
  Array.from({ length: count }, (_, index) => ({
    '@timestamp': `2025-03-12T00:00:00.${String(index % 1000).padStart(3, '0')}Z`,
    n: index,
  }));

/** A sink that accepts little at a time and drains slowly, to force backpressure. */
class SlowSink extends Writable {
  readonly chunks: string[] = [];
  maxPending = 0;

  constructor() {
    super({ highWaterMark: 64 });
  }

  override _write(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: (error?: Error | null) => void
  ): void {
    this.chunks.push(chunk.toString('utf8'));
    this.maxPending = Math.max(this.maxPending, this.writableLength);
    setImmediate(callback);
  }
}

describe('writeNdjson', () => {
  it('writes one JSON document per line to a file and reports counts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ctd-ndjson-'));
    try {
      const file = join(dir, 'out.ndjson');
      const result = await writeNdjson(events(1000), file, { chunkSize: 512 });
      const text = readFileSync(file, 'utf8');
      expect(result).toEqual({ events: 1000, bytes: Buffer.byteLength(text) });
      const lines = text.split('\n');
      expect(lines.pop()).toBe('');
      expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual(events(1000));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('waits for drain instead of buffering everything in a slow stream', async () => {
    const sink = new SlowSink();
    const result = await writeNdjson(events(2000), sink, { chunkSize: 256, endStream: true });
    expect(result.events).toBe(2000);
    // With backpressure honoured, at most one chunk beyond the high-water mark is ever pending.
    expect(sink.maxPending).toBeLessThan(1024);
    expect(sink.chunks.join('').trimEnd().split('\n')).toHaveLength(2000);
  });

  it('leaves a caller stream open unless asked to end it', async () => {
    const sink = new SlowSink();
    await writeNdjson(events(3), sink);
    expect(sink.writableEnded).toBe(false);
    sink.end();
  });

  it('rejects when the stream fails', async () => {
    const failing = new Writable({
      write: (_chunk, _encoding, callback) => callback(new Error('disk full')),
    });
    await expect(writeNdjson(events(10_000), failing, { chunkSize: 128 })).rejects.toThrow(
      'disk full'
    );
  });
});
