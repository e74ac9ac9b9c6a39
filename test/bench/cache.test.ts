import fs from 'fs';
import os from 'os';
import path from 'path';
import {
  fingerprintOf,
  isCached,
  markerMatches,
  markerPathFor,
  readMarker,
  removeCached,
  writeMarker,
} from './cache';

describe('the work-directory cache', () => {
  let dir: string;
  let file: string;
  let store: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-bench-cache-'));
    file = path.join(dir, 'events-10.ndjson');
    fs.writeFileSync(file, '{"a":1}\n');
    store = path.join(dir, 'store-10');
    fs.mkdirSync(store);
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('trusts a directory only once its marker names the same kind, count and source file', () => {
    const source = fingerprintOf(file);
    expect(isCached(store, { kind: 'embedded-store', count: 10, source })).toBe(false);
    writeMarker(
      store,
      { kind: 'embedded-store', count: 10, source, details: { stored: 10 } },
      new Date('2026-01-02T03:04:05Z')
    );
    expect(readMarker(store)).toEqual({
      kind: 'embedded-store',
      count: 10,
      source,
      details: { stored: 10 },
      createdAt: '2026-01-02T03:04:05.000Z',
    });
    expect(isCached(store, { kind: 'embedded-store', count: 10, source })).toBe(true);
    expect(isCached(store, { kind: 'embedded-store', count: 20, source })).toBe(false);
    expect(isCached(store, { kind: 'synthetic-alerts', count: 10 })).toBe(false);
  });

  it('stops trusting it when the source file changes', () => {
    writeMarker(store, { kind: 'embedded-store', count: 10, source: fingerprintOf(file) });
    fs.appendFileSync(file, '{"a":2}\n');
    expect(
      isCached(store, { kind: 'embedded-store', count: 10, source: fingerprintOf(file) })
    ).toBe(false);
  });

  it('never trusts a marker without its directory, or a marker it cannot read', () => {
    writeMarker(store, { kind: 'synthetic-alerts', count: 5 });
    fs.rmSync(store, { recursive: true });
    expect(isCached(store, { kind: 'synthetic-alerts', count: 5 })).toBe(false);
    fs.writeFileSync(markerPathFor(store), '{not json');
    expect(readMarker(store)).toBeUndefined();
    expect(markerMatches(undefined, { kind: 'synthetic-alerts', count: 5 })).toBe(false);
  });

  it('removes the directory and its marker together', () => {
    writeMarker(store, { kind: 'synthetic-alerts', count: 5 });
    removeCached(store);
    expect(fs.existsSync(store)).toBe(false);
    expect(fs.existsSync(markerPathFor(store))).toBe(false);
  });
});
