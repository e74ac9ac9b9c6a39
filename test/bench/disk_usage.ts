/** How much disk a store takes: the bytes of every file under its directory. */
import fs from 'fs';
import path from 'path';

export const directoryBytes = (dir: string): number =>
  fs.readdirSync(dir, { withFileTypes: true }).reduce((total, entry) => {
    const entryPath = path.join(dir, entry.name);
    if (entry.isDirectory()) return total + directoryBytes(entryPath);
    return entry.isFile() ? total + fs.statSync(entryPath).size : total;
  }, 0);
