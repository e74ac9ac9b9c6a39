import fs from 'fs';
import os from 'os';
import path from 'path';
import { directoryBytes } from './disk_usage';

describe('directoryBytes', () => {
  it('adds up the files of a directory and its subdirectories', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-disk-usage-'));
    try {
      fs.writeFileSync(path.join(dir, 'a'), 'x'.repeat(10));
      fs.mkdirSync(path.join(dir, 'sub'));
      fs.writeFileSync(path.join(dir, 'sub', 'b'), 'y'.repeat(5));
      expect(directoryBytes(dir)).toBe(15);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
