/**
 * `ctd ingest --es <url>` driven through the real CLI into the test cluster, with the fixture of
 * bad lines (test/fixtures/README.md: good 1, 2, 7, 13; bad 3, 4, 5, 8, 9, 11, 12; blank 6, 10).
 * The fixture's Defend events are moved to a namespace of this run
 * (`logs-endpoint.events.process-<ns>`), so the CLI's own defaults (template name and patterns)
 * are exercised while each test's data stays its own.
 */
import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';
import type { Client } from '@elastic/elasticsearch';
import { describeWithElasticsearch, esTestUrl } from '../../test/elasticsearch/es_test_env';
import { runCtd } from '../../test/helpers/cli_harness';
import type { IngestSummary } from '../../server/ingest/ingest_ndjson';
import { EVENTS_TEMPLATE_NAME } from '../../server/stores/elasticsearch/bulk_ingest';
import { createEsClient } from '../../server/stores/elasticsearch/es_client';
import { PASSWORD_ON_COMMAND_LINE_WARNING } from '../es_options';

const BAD_LINES = path.resolve(__dirname, '..', '..', 'test', 'fixtures', 'bad_lines.ndjson');
const GOOD_LINES = 4;
const BAD_LINE_NUMBERS = [3, 4, 5, 8, 9, 11, 12];
const BLANK_LINES = 2;
const RUN = `${process.pid}-${Date.now()}`;

let sequence = 0;

/** A port nothing listens on: bound by us, then released. */
const closedPort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

const rejectedLines = (output: string, file: string): number[] =>
  output
    .split('\n')
    .filter((line) => line.startsWith(`  rejected ${file}:`))
    .map((line) => Number(line.slice(`  rejected ${file}:`.length).split(':')[0]));

describeWithElasticsearch('ctd ingest --es', () => {
  let client: Client;
  let url: string;
  let workDir: string;
  let file: string;
  let index: string;

  beforeAll(() => {
    url = esTestUrl() ?? '';
    client = createEsClient({ url });
  });
  afterAll(async () => {
    // The CLI puts its template under the shared default name; it must not outlive this suite.
    await client.indices.deleteIndexTemplate({ name: EVENTS_TEMPLATE_NAME }, { ignore: [404] });
    await client.close();
  });

  beforeEach(() => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-ingest-es-'));
    const namespace = `ctd-cli-${RUN}-${++sequence}`;
    index = `logs-endpoint.events.process-${namespace}`;
    file = path.join(workDir, 'bad_lines.ndjson');
    const text = fs
      .readFileSync(BAD_LINES)
      .toString('latin1')
      .split('"namespace":"default"')
      .join(`"namespace":"${namespace}"`);
    fs.writeFileSync(file, Buffer.from(text, 'latin1'));
  });
  afterEach(async () => {
    fs.rmSync(workDir, { recursive: true, force: true });
    await client.indices.delete({ index, ignore_unavailable: true });
  });

  const docCount = async (): Promise<number> => (await client.count({ index })).count;

  it('stores the good lines in Elasticsearch and prints the same summary as the embedded ingest', async () => {
    const run = await runCtd(['ingest', '--es', url, file]);
    expect(run.code).toBe(0);
    expect(run.err).toBe('');
    const lines = run.out.split('\n');
    expect(lines[0]).toMatch(/^read 11 lines from 1 file\(s\) in /);
    expect(lines[1]).toBe(
      `stored ${GOOD_LINES}, duplicates 0, rejected ${BAD_LINE_NUMBERS.length}, blank lines skipped ${BLANK_LINES}`
    );
    expect(rejectedLines(run.out, file)).toEqual(BAD_LINE_NUMBERS);
    expect(await docCount()).toBe(GOOD_LINES);
    const template = await client.indices.getIndexTemplate({ name: EVENTS_TEMPLATE_NAME });
    expect(template.index_templates[0]?.index_template.index_patterns).toEqual([
      'logs-endpoint.events.*',
    ]);
  });

  it('stores nothing new when the same file is ingested again', async () => {
    await runCtd(['ingest', '--es', url, file]);
    const again = await runCtd(['ingest', '--es', url, file]);
    expect(again.code).toBe(0);
    expect(again.out.split('\n')[1]).toBe(
      `stored 0, duplicates ${GOOD_LINES}, rejected ${BAD_LINE_NUMBERS.length}, blank lines skipped ${BLANK_LINES}`
    );
    expect(await docCount()).toBe(GOOD_LINES);
  });

  it('prints the summary as JSON with --json', async () => {
    const run = await runCtd(['ingest', file, '--es', url, '--json']);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.out) as IngestSummary;
    expect(summary).toMatchObject({
      files: [file],
      linesRead: 11,
      blankLines: BLANK_LINES,
      stored: GOOD_LINES,
      rejectedCount: 7,
    });
    expect(summary.rejected.map((rejection) => rejection.line)).toEqual(BAD_LINE_NUMBERS);
  });

  it('warns that a password on the command line is visible to other users', async () => {
    // The test cluster runs without security, so it ignores the credentials.
    const run = await runCtd([
      'ingest',
      '--es',
      url,
      '--es-username',
      'elastic',
      '--es-password',
      'changeme',
      file,
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(run.err).toBe(PASSWORD_ON_COMMAND_LINE_WARNING);
    expect(run.err).not.toContain('changeme');
  });

  it('fails with exit 1 and says nothing was committed when the cluster cannot be reached', async () => {
    const unreachable = `http://127.0.0.1:${await closedPort()}`;
    const run = await runCtd(['ingest', '--es', unreachable, file]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      new RegExp(
        `^Elasticsearch ingest aborted at .*bad_lines\\.ndjson lines 1-13: could not put index template ${EVENTS_TEMPLATE_NAME}: .*` +
          'Nothing was committed before the failure; the 4 unconfirmed event\\(s\\) were not stored\\.'
      )
    );
  });

  it('rejects a connection flag without --es and a malformed --es URL', async () => {
    const stray = await runCtd(['ingest', '--es-api-key', 'abc', file]);
    expect([stray.code, stray.err]).toEqual([1, '--es-api-key needs --es <url>']);
    const malformed = await runCtd(['ingest', '--es', 'localhost:9200', file]);
    expect(malformed.code).toBe(1);
    expect(malformed.err).toMatch(/^--es must be an http:\/\/ or https:\/\/ URL/);
  });
});
