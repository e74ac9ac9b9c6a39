/** `ctd ingest <file.ndjson>...`: stream events into the embedded store. */
import type { Command } from 'commander';
import { fileInput, type IngestSummary } from '../../server/ingest/ingest_ndjson';
import { EmbeddedStore } from '../../server/stores/duckdb/embedded_store';
import { collectNdjsonFiles } from '../files';
import { formatCount, formatDuration, ProgressLine } from '../output';
import { dataDirOption, type CliIo } from '../cli_io';

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
    lines.push(`  ... and ${formatCount(summary.rejectedCount - MAX_LISTED_REJECTIONS)} more (use --json for the full list)`);
  }
  return lines.join('\n');
};

export const ingestFiles = async (store: EmbeddedStore, paths: readonly string[], showProgress: boolean): Promise<IngestSummary> => {
  const files = collectNdjsonFiles(paths);
  const progress = new ProgressLine();
  const summary = await store.ingest(files.map(fileInput), {
    onProgress: showProgress
      ? (p) => progress.update(p.totalBytes === 0 ? 1 : p.bytesRead / p.totalBytes, `${p.file}: ${formatCount(p.linesRead)} lines, ${formatCount(p.stored)} stored`)
      : undefined,
  });
  progress.done();
  return summary;
};

export const registerIngestCommand = (program: Command, io: CliIo): void => {
  dataDirOption(
    program
      .command('ingest <files...>')
      .description('load NDJSON events (files or directories) into the embedded store')
      .option('--json', 'print the summary as JSON')
  ).action(async (paths: string[], options: { dataDir: string; json?: boolean }) => {
    const store = await EmbeddedStore.open(options.dataDir);
    try {
      const summary = await ingestFiles(store, paths, !options.json);
      io.out(options.json ? JSON.stringify(summary, null, 2) : formatIngestSummary(summary));
    } finally {
      store.close();
    }
  });
};
