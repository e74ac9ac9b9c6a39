/** `ctd ingest <file.ndjson>...`: stream events into the embedded store, or an Elasticsearch cluster with `--es`. */
import { errors } from '@elastic/elasticsearch';
import type { Command } from 'commander';
import {
  fileInput,
  type IngestProgress,
  type IngestSummary,
} from '../../server/ingest/ingest_ndjson';
import { describeEsError } from '../../server/stores/elasticsearch/bulk_ingest';
import { EsIngestError } from '../../server/stores/elasticsearch/es_ingest_error';
import { EsConnectionError } from '../../server/stores/elasticsearch/es_client';
import { openStore } from '../../server/stores/open_store';
import { defaultWorkersFor, workersFrom, workersOption } from '../worker_option';
import type { EventIngest } from '../../server/stores/store_contract';
import { collectNdjsonFiles } from '../files';
import { formatCount, formatDuration, ProgressLine } from '../output';
import { CliError } from '../cli_error';
import { dataDirOption, type CliIo } from '../cli_io';
import { esClientFrom, esOptions, type EsCliOptions } from '../es_options';

const MAX_LISTED_REJECTIONS = 20;

export const formatIngestSummary = (summary: IngestSummary): string => {
  const seconds = Math.max(summary.durationMs, 1) / 1000;
  const lines = [
    `read ${formatCount(summary.linesRead)} lines from ${summary.files.length} file(s) in ${formatDuration(summary.durationMs)}` +
      ` (${formatCount(Math.round(summary.linesRead / seconds))} events/s, ${(summary.bytesRead / 1e6 / seconds).toFixed(1)} MB/s)`,
    `stored ${formatCount(summary.stored)}, duplicates ${formatCount(summary.duplicates)}, rejected ${formatCount(summary.rejectedCount)}` +
      (summary.blankLines > 0 ? `, blank lines skipped ${formatCount(summary.blankLines)}` : ''),
  ];
  for (const rejection of summary.rejected.slice(0, MAX_LISTED_REJECTIONS)) {
    lines.push(`  rejected ${rejection.file}:${rejection.line}: ${rejection.reason}`);
  }
  if (summary.rejectedCount > MAX_LISTED_REJECTIONS) {
    lines.push(
      `  ... and ${formatCount(summary.rejectedCount - MAX_LISTED_REJECTIONS)} more (use --json for the full list)`
    );
  }
  return lines.join('\n');
};

const progressUpdater =
  (progress: ProgressLine) =>
  (p: IngestProgress): void =>
    progress.update(
      p.totalBytes === 0 ? 1 : p.bytesRead / p.totalBytes,
      `${p.file}: ${formatCount(p.linesRead)} lines, ${formatCount(p.stored)} stored`
    );

/**
 * Ingests NDJSON files and directories into a store with a progress line; a cluster's failures
 * (unreachable, refused, aborted mid-way) end as user errors.
 */
export const ingestFiles = async (
  store: EventIngest,
  paths: readonly string[],
  options: { readonly showProgress: boolean; readonly workers: number | undefined }
): Promise<IngestSummary> => {
  const inputs = collectNdjsonFiles(paths).map(fileInput);
  const workers = options.workers ?? defaultWorkersFor(inputs.map((input) => input.totalBytes));
  const progress = new ProgressLine();
  try {
    return await store.ingest(inputs, {
      onProgress: options.showProgress ? progressUpdater(progress) : undefined,
      workers,
    });
  } catch (error) {
    if (error instanceof EsIngestError || error instanceof EsConnectionError)
      throw new CliError(error.message);
    if (error instanceof errors.ElasticsearchClientError)
      throw new CliError(`Elasticsearch: ${describeEsError(error)}`);
    throw error;
  } finally {
    progress.done();
  }
};

type IngestCliOptions = {
  readonly dataDir: string;
  readonly json?: boolean;
  readonly workers?: string;
} & EsCliOptions;

export const registerIngestCommand = (program: Command, io: CliIo): void => {
  esOptions(
    dataDirOption(
      workersOption(
        program
          .command('ingest <files...>')
          .description(
            'load NDJSON events (files or directories) into the embedded store, or into Elasticsearch with --es'
          )
          .option('--json', 'print the summary as JSON')
      )
    )
  ).action(async (paths: string[], options: IngestCliOptions) => {
    const workers = workersFrom(options);
    const client = esClientFrom(options, io);
    const store = await openStore(
      client ? { kind: 'elasticsearch', client } : { kind: 'embedded', dataDir: options.dataDir }
    );
    try {
      const summary = await ingestFiles(store, paths, { showProgress: !options.json, workers });
      io.out(options.json ? JSON.stringify(summary, null, 2) : formatIngestSummary(summary));
    } finally {
      await store.close();
    }
  });
};
