/**
 * Test helper: runs `ctd` in-process through `runCli` with captured output, or — where only a real
 * process will do (stdin, the process exit code) — as a child `node` running the TypeScript
 * sources through `register_ts.js`. Neither needs `npm run build`.
 */
import { spawn, type ChildProcessByStdio } from 'child_process';
import type { Readable } from 'stream';
import path from 'path';
import { runCli } from '../../cli/ctd';

export interface CliRun {
  readonly code: number;
  /** Everything written to the `out` stream, one write per line. */
  readonly out: string;
  readonly err: string;
}

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CTD_ENTRY = path.join(REPO_ROOT, 'cli', 'ctd.ts');
const REGISTER_TS = path.join(REPO_ROOT, 'test', 'helpers', 'register_ts.js');

/**
 * `ctd <args>` in this process. Commands report "no match" / failures through the global
 * `process.exitCode`, which `runCli` reads back; it is cleared before and after each run so one
 * run cannot leak its code into the next (or into jest's own exit code). Progress lines go to the
 * real stderr (not through the CLI's io), so they are silenced here.
 */
export const runCtd = async (args: readonly string[]): Promise<CliRun> => {
  const out: string[] = [];
  const err: string[] = [];
  const silenceProgress = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  process.exitCode = undefined;
  try {
    const code = await runCli(args, {
      out: (text) => out.push(text),
      err: (text) => err.push(text),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    process.exitCode = undefined;
    silenceProgress.mockRestore();
  }
};

/**
 * `ctd <args>` as a running child process (TypeScript sources compiled on the fly), for tests that
 * must signal it or watch it; stdout is discarded (an unread pipe would stall the child).
 */
export const startCtdProcess = (
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env
): ChildProcessByStdio<null, null, Readable> =>
  spawn(process.execPath, ['-r', REGISTER_TS, CTD_ENTRY, ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });

/** `ctd <args>` as a child process (TypeScript sources compiled on the fly), with `stdin` piped in. */
export const spawnCtd = (
  args: readonly string[],
  stdin = '',
  env: NodeJS.ProcessEnv = process.env
): Promise<CliRun> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', REGISTER_TS, CTD_ENTRY, ...args], {
      cwd: REPO_ROOT,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code: code ?? -1,
        out: Buffer.concat(out).toString('utf8').trimEnd(),
        err: Buffer.concat(err).toString('utf8').trimEnd(),
      })
    );
    child.stdin.end(stdin);
  });
