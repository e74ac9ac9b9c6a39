/** Expands the paths given on the command line: files as they are, directories to their *.ndjson / *.json files. */
import fs from 'fs';
import path from 'path';
import { CliError } from './cli_error';

const NDJSON_EXTENSIONS = new Set(['.ndjson', '.jsonl', '.json']);

export const collectNdjsonFiles = (paths: readonly string[]): string[] =>
  paths.flatMap((given) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch {
      throw new CliError(`No such file or directory: ${given}`);
    }
    if (!stat.isDirectory()) return [given];
    return fs
      .readdirSync(given)
      .filter((name) => NDJSON_EXTENSIONS.has(path.extname(name)))
      .sort()
      .map((name) => path.join(given, name));
  });
