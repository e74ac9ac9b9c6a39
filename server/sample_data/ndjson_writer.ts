/**
 * Streams events to a file or a writable stream as NDJSON. Lines are batched into chunks (one
 * `write` per chunk, not per event) and writing pauses on backpressure until `drain`, so memory
 * stays flat for any number of events.
 */

import { createWriteStream } from 'fs';
import type { Writable } from 'stream';

import type { EcsEvent } from './defend_event';

/** Large enough to amortise `write` calls, small enough to keep memory flat. */
const DEFAULT_CHUNK_BYTES = 256 * 1024;
const FILE_HIGH_WATER_MARK = 1024 * 1024;

export interface NdjsonWriteOptions {
  /** Approximate size of each `write` (UTF-16 code units; close enough to bytes for ASCII data). */
  readonly chunkSize?: number;
  /** End a caller-supplied stream when done (files opened by path are always closed). Default false. */
  readonly endStream?: boolean;
}

export interface NdjsonWriteResult {
  readonly events: number;
  /** UTF-8 bytes written. */
  readonly bytes: number;
}

const waitForDrainOrError = (stream: Writable): Promise<void> =>
  new Promise((resolve, reject) => {
    const onDrain = (): void => {
      stream.off('error', onError);
      resolve();
    };
    const onError = (error: Error): void => {
      stream.off('drain', onDrain);
      reject(error);
    };
    stream.once('drain', onDrain);
    stream.once('error', onError);
  });

/** For files we opened, waits for 'close' so the descriptor is released before the caller reads the file. */
const finish = (stream: Writable, untilClosed: boolean): Promise<void> =>
  new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.once(untilClosed ? 'close' : 'finish', () => resolve());
    stream.end();
  });

/** Writes one chunk, waiting for `drain` when the stream's buffer is full. */
const writeChunk = async (stream: Writable, chunk: string): Promise<number> => {
  if (!stream.write(chunk)) {
    await waitForDrainOrError(stream);
  }
  return Buffer.byteLength(chunk);
};

/** Writes `events` (any iterable, typically `generateEvents(...)`) one JSON document per line. */
export const writeNdjson = async (
  events: Iterable<EcsEvent>,
  target: string | Writable,
  options: NdjsonWriteOptions = {}
): Promise<NdjsonWriteResult> => {
  const ownsStream = typeof target === 'string';
  const stream: Writable = ownsStream
    ? createWriteStream(target, { highWaterMark: FILE_HIGH_WATER_MARK })
    : target;
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_BYTES;
  // Asserted, not annotated: TypeScript does not see the listener assign it and would narrow it to
  // null for good, making each `throw failure` below a throw of `never`.
  let failure = null as Error | null;
  // A stream error between writes would otherwise go unnoticed until the next drain wait.
  const onError = (error: Error): void => {
    failure = error;
  };
  stream.on('error', onError);
  let count = 0;
  let bytes = 0;
  let chunk = '';
  try {
    for (const event of events) {
      chunk += `${JSON.stringify(event)}\n`;
      count++;
      if (chunk.length >= chunkSize) {
        bytes += await writeChunk(stream, chunk);
        chunk = '';
      }
      if (failure !== null) {
        throw failure;
      }
    }
    if (chunk.length > 0) {
      bytes += await writeChunk(stream, chunk);
    }
    if (ownsStream || options.endStream === true) {
      await finish(stream, ownsStream);
    }
  } catch (error) {
    if (ownsStream) {
      stream.destroy();
    }
    throw error;
  } finally {
    stream.off('error', onError);
  }
  if (failure !== null) {
    throw failure;
  }
  return { events: count, bytes };
};
