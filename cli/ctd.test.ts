/**
 * The `ctd` program itself: help, usage errors, and how `runCli` turns a command's outcome into
 * an exit code.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { runCtd } from '../test/helpers/cli_harness';
import { runCli } from './ctd';

const COMMANDS = ['rules', 'kql', 'ingest', 'scan', 'run', 'generate'];

describe('ctd', () => {
  it('--help lists every command and exits 0', async () => {
    const run = await runCtd(['--help']);
    expect(run.code).toBe(0);
    for (const command of COMMANDS) expect(run.out).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
  });

  it('an unknown command is a usage error: exit 1 and a message naming it', async () => {
    const run = await runCtd(['frobnicate']);
    expect(run.code).toBe(1);
    expect(run.err).toContain("unknown command 'frobnicate'");
  });

  it('an unknown option is a usage error too', async () => {
    const run = await runCtd(['rules', 'list', '--yaml']);
    expect(run.code).toBe(1);
    expect(run.err).toContain("unknown option '--yaml'");
  });

  it('generate writes the requested number of events as NDJSON', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-generate-'));
    try {
      const out = path.join(dir, 'events.ndjson');
      const run = await runCtd(['generate', '--out', out, '--events', '300', '--days', '3']);
      expect(run.code).toBe(0);
      expect(run.out).toMatch(
        new RegExp(`^wrote 300 events to ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} in `)
      );
      const lines = fs.readFileSync(out, 'utf8').trimEnd().split('\n');
      expect(lines).toHaveLength(300);
      for (const line of lines) expect(JSON.parse(line)).toHaveProperty('@timestamp');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('generate rejects a non-positive --events', async () => {
    const run = await runCtd([
      'generate',
      '--out',
      path.join(os.tmpdir(), 'never-written.ndjson'),
      '--events',
      '0',
    ]);
    expect(run.code).toBe(1);
    expect(run.err).toBe('--events must be a positive integer (got "0")');
  });

  // Commands signal "no match" / a failed rule with an exit code; in a long-lived process (tests,
  // a server embedding the CLI) a code left over from an earlier command must not leak into the
  // next one's result (cli/ctd.ts, runCli).
  it('a successful command after a "no match" still exits 0', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-exitcode-'));
    const io = { out: () => undefined, err: () => undefined };
    try {
      const doc = path.join(dir, 'doc.json');
      fs.writeFileSync(doc, '{"process":{"name":"bash"}}');
      expect(await runCli(['kql', 'test', 'process.name:sh', doc], io)).toBe(1);
      expect(await runCli(['rules', 'list'], io)).toBe(0);
    } finally {
      process.exitCode = undefined;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
