/**
 * `ctd scan --es` against the real test cluster prints the same alerts as `ctd scan` on the
 * embedded store for the same generated events, and a second scan of the stored events (no
 * files) neither loses nor duplicates any.
 */
import type { Client } from '@elastic/elasticsearch';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { createEsClient } from '../../server/stores/elasticsearch/es_client';
import { generateEvents } from '../../server/sample_data/generate';
import { describeWithElasticsearch, esTestUrl } from '../../test/elasticsearch/es_test_env';
import { runCtd } from '../../test/helpers/cli_harness';

const SAMPLE = { totalEvents: 2_000, seed: 11 } as const;
const NAMESPACE = `scanes${Date.now().toString(36)}`;
const INDEX = `logs-endpoint.events.process-${NAMESPACE}`;

interface ScanJson {
  readonly alerts: ReadonlyArray<Record<string, unknown>>;
}

const scanJson = async (args: readonly string[]): Promise<ScanJson> => {
  const run = await runCtd(['scan', ...args, '--json']);
  if (run.code !== 0) throw new Error(`ctd scan ${args.join(' ')} exited ${run.code}: ${run.err}`);
  return JSON.parse(run.out) as ScanJson;
};

describeWithElasticsearch('ctd scan --es', () => {
  let dir: string;
  let sampleFile: string;
  let client: Client;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-scan-es-'));
    sampleFile = path.join(dir, 'sample.ndjson');
    // A namespace of its own, so this test's index is not shared with other suites on the cluster.
    const events = [...generateEvents(SAMPLE)].map((event) => ({
      ...event,
      data_stream: { type: 'logs', dataset: 'endpoint.events.process', namespace: NAMESPACE },
    }));
    fs.writeFileSync(sampleFile, events.map((event) => JSON.stringify(event)).join('\n') + '\n');
    client = createEsClient({ url: esTestUrl() });
  });

  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await client.indices.delete({
      index: `*${NAMESPACE}*`,
      ignore_unavailable: true,
      allow_no_indices: true,
    });
    await client.close();
  });

  it('raises the same alerts as the embedded store, and rescanning the cluster adds none', async () => {
    const scope = ['--index', INDEX, '--space', NAMESPACE];
    const embedded = await scanJson([sampleFile, ...scope]);
    const elastic = await scanJson([sampleFile, ...scope, '--es', esTestUrl() ?? '']);
    expect(embedded.alerts.length).toBeGreaterThan(0);
    expect(elastic.alerts).toEqual(embedded.alerts);

    const rescan = await scanJson([...scope, '--es', esTestUrl() ?? '']);
    expect(rescan.alerts).toEqual(embedded.alerts);
  });

  it('refuses --es together with --data-dir, and a scan with nothing to read', async () => {
    const both = await runCtd(['scan', sampleFile, '--es', esTestUrl() ?? '', '--data-dir', dir]);
    expect(both.code).toBe(1);
    expect(both.err).toContain('--data-dir and --es choose different stores');
    const nothing = await runCtd(['scan']);
    expect(nothing.code).toBe(1);
    expect(nothing.err).toContain('Nothing to scan');
  });
});
