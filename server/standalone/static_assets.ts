/**
 * How the standalone server sends the UI's files: compressed when the browser accepts it (Brotli,
 * else gzip), and cached by the browser for as long as they cannot change. esbuild names every
 * chunk and asset after a hash of its content, so those are cached for a year and never asked for
 * again; the few files with fixed names (index.html, app.js, app.css) must be checked on each load
 * and answer 304 when unchanged.
 */
import fs from 'fs';
import path from 'path';
import { promisify } from 'util';
import zlib from 'zlib';

export type ContentEncoding = 'br' | 'gzip' | 'identity';

/** esbuild's `[name]-[hash]`: eight base-32 characters before the extension(s). */
const HASHED_NAME = /-[A-Z2-7]{8}\.[a-z0-9.]+$/;
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;
export const IMMUTABLE_CACHE_CONTROL = `public, max-age=${ONE_YEAR_SECONDS}, immutable`;
/** Kept, but checked with the server before each use. */
export const REVALIDATE_CACHE_CONTROL = 'no-cache';

const COMPRESSIBLE_EXTENSIONS: ReadonlySet<string> = new Set([
  '.html',
  '.js',
  '.css',
  '.map',
  '.json',
  '.svg',
  '.txt',
]);
/** Below this a compressed body saves less than its headers cost. */
const MIN_COMPRESSIBLE_BYTES = 1024;
/** Brotli quality: 11 takes seconds on the app's entry; 6 is within a few percent in milliseconds. */
const BROTLI_QUALITY = 6;
/** Compressed bodies kept in memory; the UI's files compress to about 1.5 MB in all. */
const MAX_CACHED_BYTES = 64 * 1024 * 1024;

/** Whether the browser may keep `file` (a path under the UI directory) without asking again. */
export const isImmutableAsset = (file: string): boolean => HASHED_NAME.test(path.basename(file));

interface AcceptedCoding {
  readonly coding: string;
  readonly quality: number;
}

const parseAcceptEncoding = (header: string): AcceptedCoding[] =>
  header
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const [coding = '', ...params] = part.split(';').map((piece) => piece.trim());
      const q = params.find((param) => /^q=/i.test(param));
      const quality = q === undefined ? 1 : Number(q.slice(2));
      return { coding: coding.toLowerCase(), quality: Number.isFinite(quality) ? quality : 0 };
    });

/** The quality the header gives `coding` (RFC 9110 §12.5.3: `*` covers codings not named). */
const qualityOf = (accepted: readonly AcceptedCoding[], coding: string): number => {
  const named = accepted.find((entry) => entry.coding === coding);
  if (named) return named.quality;
  return accepted.find((entry) => entry.coding === '*')?.quality ?? 0;
};

/** The encoding to send for an `Accept-Encoding` header: Brotli, else gzip, else none. */
export const negotiateEncoding = (header: string | undefined): ContentEncoding => {
  if (header === undefined) return 'identity';
  const accepted = parseAcceptEncoding(header);
  const br = qualityOf(accepted, 'br');
  const gzip = qualityOf(accepted, 'gzip');
  if (br > 0 && br >= gzip) return 'br';
  if (gzip > 0) return 'gzip';
  return 'identity';
};

const brotliCompress = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** On libuv's thread pool: a cache miss (tens of milliseconds on the app's entry) leaves the event loop free. */
const compress = (body: Buffer, encoding: Exclude<ContentEncoding, 'identity'>): Promise<Buffer> =>
  encoding === 'br'
    ? brotliCompress(body, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      })
    : gzip(body);

export interface AssetResponse {
  readonly status: 200 | 304;
  readonly headers: Readonly<Record<string, string>>;
  /** Absent for 304 (and sent by the caller only for GET). */
  readonly body?: Buffer;
}

/** Whether an `If-None-Match` header names `etag` (weak comparison, RFC 9110 §13.1.2). */
const matchesEtag = (header: string | undefined, etag: string): boolean => {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string): string => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
};

export class StaticAssets {
  /** Insertion-ordered, so the first key is the least recently used. */
  private readonly compressed = new Map<string, Buffer>();
  private cachedBytes = 0;
  /** Compressions under way: requests for the same body while one runs wait for it. */
  private readonly compressing = new Map<string, Promise<Buffer>>();

  constructor(private readonly contentTypes: Readonly<Record<string, string>>) {}

  /** The response for `file` (an existing file under the UI directory) and the request's headers. */
  async respond(
    file: string,
    requestHeaders: Readonly<Record<string, string | undefined>>
  ): Promise<AssetResponse> {
    const stat = await fs.promises.stat(file);
    const extension = path.extname(file);
    const encoding =
      COMPRESSIBLE_EXTENSIONS.has(extension) && stat.size >= MIN_COMPRESSIBLE_BYTES
        ? negotiateEncoding(requestHeaders['accept-encoding'])
        : 'identity';
    const version = `${stat.size.toString(16)}-${Math.trunc(stat.mtimeMs).toString(16)}`;
    // Each encoding is its own representation, so it gets its own validator.
    const etag = `"${version}${encoding === 'identity' ? '' : `-${encoding}`}"`;
    const headers: Record<string, string> = {
      'content-type': this.contentTypes[extension] ?? 'application/octet-stream',
      'cache-control': isImmutableAsset(file) ? IMMUTABLE_CACHE_CONTROL : REVALIDATE_CACHE_CONTROL,
      etag,
      vary: 'Accept-Encoding',
    };
    if (matchesEtag(requestHeaders['if-none-match'], etag)) return { status: 304, headers };
    if (encoding === 'identity')
      return { status: 200, headers, body: await fs.promises.readFile(file) };
    const body = await this.compressedBody(
      `${file}\u0000${version}\u0000${encoding}`,
      file,
      encoding
    );
    return { status: 200, headers: { ...headers, 'content-encoding': encoding }, body };
  }

  /** From the cache (keyed by file, version and encoding), else read and compressed once. */
  private compressedBody(
    key: string,
    file: string,
    encoding: Exclude<ContentEncoding, 'identity'>
  ): Promise<Buffer> {
    const cached = this.compressed.get(key);
    if (cached !== undefined) {
      this.compressed.delete(key);
      this.compressed.set(key, cached);
      return Promise.resolve(cached);
    }
    const running = this.compressing.get(key);
    if (running !== undefined) return running;
    const compression = fs.promises
      .readFile(file)
      .then((body) => compress(body, encoding))
      .then((body) => {
        this.remember(key, body);
        return body;
      })
      .finally(() => this.compressing.delete(key));
    this.compressing.set(key, compression);
    return compression;
  }

  private remember(key: string, body: Buffer): void {
    if (body.length > MAX_CACHED_BYTES) return;
    this.compressed.set(key, body);
    this.cachedBytes += body.length;
    for (const [oldest, value] of this.compressed) {
      if (this.cachedBytes <= MAX_CACHED_BYTES) break;
      this.compressed.delete(oldest);
      this.cachedBytes -= value.length;
    }
  }
}
