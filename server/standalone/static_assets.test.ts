import fs from 'fs';
import os from 'os';
import path from 'path';
import zlib from 'zlib';
import {
  IMMUTABLE_CACHE_CONTROL,
  REVALIDATE_CACHE_CONTROL,
  StaticAssets,
  isImmutableAsset,
  negotiateEncoding,
} from './static_assets';

describe('negotiateEncoding', () => {
  it('prefers Brotli, then gzip, and sends nothing encoded without the header', () => {
    expect(negotiateEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(negotiateEncoding('gzip, deflate')).toBe('gzip');
    expect(negotiateEncoding('deflate')).toBe('identity');
    expect(negotiateEncoding(undefined)).toBe('identity');
    expect(negotiateEncoding('')).toBe('identity');
  });

  it('follows the qualities: q=0 refuses a coding, a higher q wins, * covers the rest', () => {
    expect(negotiateEncoding('br;q=0, gzip')).toBe('gzip');
    expect(negotiateEncoding('br;q=0.5, gzip;q=0.8')).toBe('gzip');
    expect(negotiateEncoding('BR;Q=1')).toBe('br');
    expect(negotiateEncoding('*')).toBe('br');
    expect(negotiateEncoding('*;q=0')).toBe('identity');
    expect(negotiateEncoding('gzip;q=bogus')).toBe('identity');
  });
});

describe('isImmutableAsset', () => {
  it("recognises esbuild's content-hashed names only", () => {
    expect(isImmutableAsset('/ui/chunks/alerts_page-KZZPXLCB.js')).toBe(true);
    expect(isImmutableAsset('/ui/chunks/alerts_page-KZZPXLCB.js.map')).toBe(true);
    expect(isImmutableAsset('/ui/app.js')).toBe(false);
    expect(isImmutableAsset('/ui/index.html')).toBe(false);
    expect(isImmutableAsset('/ui/chunks/my-page.js')).toBe(false);
  });
});

describe('StaticAssets', () => {
  let dir: string;
  const assets = new StaticAssets({ '.js': 'text/javascript', '.png': 'image/png' });
  const script = 'export const greeting = "hello, container";\n'.repeat(200);

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-assets-'));
    fs.writeFileSync(path.join(dir, 'app.js'), script);
    fs.writeFileSync(path.join(dir, 'page-ABCDEFGH.js'), script);
    fs.writeFileSync(path.join(dir, 'tiny.js'), 'x');
    fs.writeFileSync(path.join(dir, 'logo.png'), Buffer.alloc(4096, 7));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('compresses what the browser accepts, and the body decompresses to the file', async () => {
    const file = path.join(dir, 'app.js');
    const br = await assets.respond(file, { 'accept-encoding': 'gzip, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(br.body ?? Buffer.alloc(0)).toString()).toBe(script);
    expect(br.body?.length).toBeLessThan(script.length / 10);
    const gzip = await assets.respond(file, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.body ?? Buffer.alloc(0)).toString()).toBe(script);
    const plain = await assets.respond(file, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body?.toString()).toBe(script);
    expect(new Set([br.headers.etag, gzip.headers.etag, plain.headers.etag]).size).toBe(3);
    expect(br.headers.vary).toBe('Accept-Encoding');
  });

  it('leaves tiny and already-compressed files as they are', async () => {
    const tiny = await assets.respond(path.join(dir, 'tiny.js'), { 'accept-encoding': 'br' });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    const png = await assets.respond(path.join(dir, 'logo.png'), { 'accept-encoding': 'br' });
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.headers['content-type']).toBe('image/png');
  });

  it('caches hashed files for a year, and has the others revalidated with a 304', async () => {
    const hashed = await assets.respond(path.join(dir, 'page-ABCDEFGH.js'), {});
    expect(hashed.headers['cache-control']).toBe(IMMUTABLE_CACHE_CONTROL);
    const file = path.join(dir, 'app.js');
    const first = await assets.respond(file, { 'accept-encoding': 'br' });
    expect(first.headers['cache-control']).toBe(REVALIDATE_CACHE_CONTROL);
    const again = await assets.respond(file, {
      'accept-encoding': 'br',
      'if-none-match': `W/"nope", ${first.headers.etag ?? ''}`,
    });
    expect(again.status).toBe(304);
    expect(again.body).toBeUndefined();
    expect(again.headers).toMatchObject({
      etag: first.headers.etag,
      'cache-control': REVALIDATE_CACHE_CONTROL,
      vary: 'Accept-Encoding',
    });
    const otherEncoding = await assets.respond(file, {
      'accept-encoding': 'gzip',
      'if-none-match': first.headers.etag,
    });
    expect(otherEncoding.status).toBe(200);
  });

  it('sends the new file once it changed', async () => {
    const file = path.join(dir, 'changing.js');
    fs.writeFileSync(file, script);
    const before = await assets.respond(file, { 'accept-encoding': 'br' });
    fs.writeFileSync(file, `${script}// more\n`);
    const after = await assets.respond(file, {
      'accept-encoding': 'br',
      'if-none-match': before.headers.etag,
    });
    expect(after.status).toBe(200);
    expect(zlib.brotliDecompressSync(after.body ?? Buffer.alloc(0)).toString()).toContain(
      '// more'
    );
  });

  it('compresses a body once for requests that arrive while it is being compressed', async () => {
    const file = path.join(dir, 'shared.js');
    fs.writeFileSync(file, script);
    const [first, second] = await Promise.all([
      assets.respond(file, { 'accept-encoding': 'gzip' }),
      assets.respond(file, { 'accept-encoding': 'gzip' }),
    ]);
    expect(first.body).toBeDefined();
    expect(second.body).toBe(first.body);
    expect(zlib.gunzipSync(second.body ?? Buffer.alloc(0)).toString()).toBe(script);
  });
});
