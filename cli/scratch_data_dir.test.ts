import fs from 'fs';
import os from 'os';
import path from 'path';
import { createScratchDataDir, SCRATCH_DIR_PREFIX, withScratchDataDir } from './scratch_data_dir';

describe('scratch data directories', () => {
  let parent: string;
  beforeEach(() => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-scratch-test-'));
  });
  afterEach(() => fs.rmSync(parent, { recursive: true, force: true }));

  it('gives a fresh directory and removes it with what was written there', async () => {
    let seen = '';
    const result = await withScratchDataDir(async (dir) => {
      seen = dir;
      expect(path.basename(dir).startsWith(SCRATCH_DIR_PREFIX)).toBe(true);
      fs.writeFileSync(path.join(dir, 'ctd.duckdb'), 'x');
      return 42;
    }, parent);
    expect(result).toBe(42);
    expect(fs.existsSync(seen)).toBe(false);
    expect(fs.readdirSync(parent)).toEqual([]);
  });

  it('removes it when the work fails, and the error is the work’s', async () => {
    await expect(
      withScratchDataDir(async (dir) => {
        fs.mkdirSync(path.join(dir, 'nested'));
        throw new Error('ingest failed');
      }, parent)
    ).rejects.toThrow('ingest failed');
    expect(fs.readdirSync(parent)).toEqual([]);
  });

  it('removes it at process exit if nobody did, and stops watching once removed', () => {
    const watched = ['exit', 'SIGINT', 'SIGTERM'] as const;
    const before = watched.map((event) => process.listenerCount(event));
    const scratch = createScratchDataDir(parent);
    expect(watched.map((event) => process.listenerCount(event))).toEqual(
      before.map((count) => count + 1)
    );
    process.listeners('exit').at(-1)?.call(process, 0);
    expect(fs.existsSync(scratch.path)).toBe(false);
    scratch.remove();
    expect(watched.map((event) => process.listenerCount(event))).toEqual(before);
  });
});
