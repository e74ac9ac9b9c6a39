/**
 * `ctd ingest` driven through the real CLI into a temporary data directory, with the fixture of
 * bad lines (test/fixtures/README.md: good 1, 2, 7, 13; bad 3, 4, 5, 8, 9, 11, 12; blank 6, 10).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { IngestSummary } from '../../server/ingest/ingest_ndjson';
import { EmbeddedStore } from '../../server/stores/duckdb/embedded_store';
import { runCtd } from '../../test/helpers/cli_harness';

const FIXTURES = path.resolve(__dirname, '..', '..', 'test', 'fixtures');
const BAD_LINES = path.join(FIXTURES, 'bad_lines.ndjson');
const DEFEND_EXAMPLES = path.join(FIXTURES, 'defend_examples.ndjson');

const GOOD_LINES = 4;
const BAD_LINE_NUMBERS = [3, 4, 5, 8, 9, 11, 12];
const BLANK_LINES = 2;
/** Lines holding something: everything but the blank ones. */
const NON_BLANK_LINES = 13 - BLANK_LINES;
const DEFEND_EXAMPLE_EVENTS = 12;

const storedEvents = async (dataDir: string): Promise<number> => {
  const store = await EmbeddedStore.open(dataDir);
  try {
    return await store.eventCount();
  } finally {
    store.close();
  }
};

/** Line number and reason of each `  rejected <file>:<line>: <reason>` line of the summary. */
const rejectionsIn = (summary: string, file: string): Array<{ line: number; reason: string }> =>
  summary
    .split('\n')
    .filter((line) => line.startsWith(`  rejected ${file}:`))
    .map((line) => {
      const rest = line.slice(`  rejected ${file}:`.length);
      const colon = rest.indexOf(': ');
      return { line: Number(rest.slice(0, colon)), reason: rest.slice(colon + 2) };
    });

describe('ctd ingest', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-ingest-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('stores the good lines of the bad-lines fixture and lists every rejected line with its reason', async () => {
    const run = await runCtd(['ingest', BAD_LINES, '--data-dir', dataDir]);
    expect(run.code).toBe(0);
    const lines = run.out.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^read ${NON_BLANK_LINES} lines from 1 file\\(s\\) in `));
    expect(lines[1]).toBe(
      `stored ${GOOD_LINES}, duplicates 0, rejected ${BAD_LINE_NUMBERS.length}, blank lines skipped ${BLANK_LINES}`
    );
    const rejections = rejectionsIn(run.out, BAD_LINES);
    expect(rejections.map((rejection) => rejection.line)).toEqual(BAD_LINE_NUMBERS);
    expect(rejections.map((rejection) => rejection.reason)).toEqual([
      expect.stringMatching(/^malformed JSON: /),
      'not a JSON object (found array)',
      'not a JSON object (found number)',
      'unparseable @timestamp "yesterday"',
      'not a JSON object (found null)',
      'not a JSON object (found string)',
      'missing @timestamp',
    ]);
    expect(await storedEvents(dataDir)).toBe(GOOD_LINES);
  });

  it('stores nothing new when the same file is ingested again and counts the good lines as duplicates', async () => {
    await runCtd(['ingest', BAD_LINES, '--data-dir', dataDir]);
    const again = await runCtd(['ingest', BAD_LINES, '--data-dir', dataDir]);
    expect(again.code).toBe(0);
    expect(again.out.split('\n')[1]).toBe(
      `stored 0, duplicates ${GOOD_LINES}, rejected ${BAD_LINE_NUMBERS.length}, blank lines skipped ${BLANK_LINES}`
    );
    expect(rejectionsIn(again.out, BAD_LINES).map((rejection) => rejection.line)).toEqual(
      BAD_LINE_NUMBERS
    );
    expect(await storedEvents(dataDir)).toBe(GOOD_LINES);
  });

  it('prints the summary as JSON with --json', async () => {
    const run = await runCtd(['ingest', BAD_LINES, '--data-dir', dataDir, '--json']);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.out) as IngestSummary;
    expect(summary).toMatchObject({
      files: [BAD_LINES],
      linesRead: NON_BLANK_LINES,
      blankLines: BLANK_LINES,
      stored: GOOD_LINES,
      duplicates: 0,
      rejectedCount: BAD_LINE_NUMBERS.length,
    });
    expect(summary.rejected.map((rejection) => [rejection.file, rejection.line])).toEqual(
      BAD_LINE_NUMBERS.map((line) => [BAD_LINES, line])
    );
  });

  it('ingests every *.ndjson / *.json file of a directory, in name order, and skips other files', async () => {
    const inputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-ingest-input-'));
    try {
      fs.copyFileSync(DEFEND_EXAMPLES, path.join(inputDir, 'a_examples.ndjson'));
      fs.copyFileSync(BAD_LINES, path.join(inputDir, 'b_bad.json'));
      fs.writeFileSync(path.join(inputDir, 'notes.txt'), 'not events\n');
      const run = await runCtd(['ingest', inputDir, '--data-dir', dataDir, '--json']);
      expect(run.code).toBe(0);
      const summary = JSON.parse(run.out) as IngestSummary;
      expect(summary.files).toEqual([
        path.join(inputDir, 'a_examples.ndjson'),
        path.join(inputDir, 'b_bad.json'),
      ]);
      // The good lines of bad_lines.ndjson are examples 1, 5, 2 (without event.ingested) and 8;
      // 1, 5 and 8 are byte-identical to lines of the examples file, example 2 without
      // event.ingested has the same event.id, so all four are duplicates of stored events.
      expect(summary.stored).toBe(DEFEND_EXAMPLE_EVENTS);
      expect(summary.duplicates).toBe(GOOD_LINES);
      expect(summary.rejected.map((rejection) => rejection.line)).toEqual(BAD_LINE_NUMBERS);
      expect(await storedEvents(dataDir)).toBe(DEFEND_EXAMPLE_EVENTS);
    } finally {
      fs.rmSync(inputDir, { recursive: true, force: true });
    }
  });

  it('fails with exit 1 naming a path that does not exist', async () => {
    const missing = path.join(dataDir, 'nope.ndjson');
    const run = await runCtd(['ingest', missing, '--data-dir', dataDir]);
    expect(run.code).toBe(1);
    expect(run.err).toBe(`No such file or directory: ${missing}`);
  });
});
