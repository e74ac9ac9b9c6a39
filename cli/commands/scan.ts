/**
 * `ctd scan [file|dir]...`: replays each rule's schedule over the given events and prints the
 * alerts the rules would have raised. Events go into a throw-away store (a file in a scratch
 * directory under the OS temp directory, removed when the scan ends) unless `--data-dir` names a
 * persistent one, or into an Elasticsearch cluster with `--es` (then the replay runs there, and
 * without paths it scans what the cluster already holds).
 */
import type { Client } from '@elastic/elasticsearch';
import type { Command } from 'commander';
import type { AlertDocument } from '../../common/alerts/alert_document';
import { ALERT_NEW_TERMS, ALERT_ORIGINAL_TIME } from '../../common/alerts/field_names';
import { parseDuration } from '../../common/rules/date_math';
import { getFieldValues } from '../../common/es/document_fields';
import { DEFAULT_SPACE_ID } from '../../server/new_terms/rule_instance';
import type { NewTermsRuleDefinition } from '../../common/rules/rule_schema';
import {
  replayRule,
  type ReplayStore,
  type RuleReplaySummary,
  type Warmup,
} from '../../server/replay/replay_schedule';
import { prebuiltCatalog, storeCatalog } from '../../server/rules/rule_catalog';
import { openStore } from '../../server/stores/open_store';
import type { Store } from '../../server/stores/store_contract';
import { storedText } from '../../server/stores/stored_text';
import { CliError } from '../cli_error';
import { withScratchDataDir } from '../scratch_data_dir';
import { StoreWriteError } from '../../server/stores/duckdb/store_write_error';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import { scanIndexedFields } from '../../server/replay/scan_indexed_fields';
import type { IndexedFieldFilter } from '../../server/stores/duckdb/field_catalog';
import { loadRuleFile, type RuleFile } from '../rule_files';
import type { ExceptionSet } from '../../server/new_terms/rule_exceptions';
import type { CliIo } from '../cli_io';
import { esClientFrom, esOptions, type EsCliOptions } from '../es_options';
import { formatCount, formatDuration, formatTable, ProgressLine } from '../output';
import { formatIngestSummary, ingestFiles } from './ingest';
import { workersFrom, workersOption } from '../worker_option';

const parseWarmup = (value: string): Warmup => {
  if (value === 'auto') return 'auto';
  if (value === '0') return 0;
  const parsed = parseDuration(value);
  if (!parsed.ok)
    throw new CliError(`--warmup must be "auto", 0 or a duration like 7d or 12h (${parsed.error})`);
  return parsed.value;
};

const text = (alert: AlertDocument, field: string): string => {
  const value = getFieldValues(alert, field)[0];
  return value === undefined ? '' : storedText(value);
};

const alertRows = (alerts: readonly AlertDocument[]): string[][] =>
  alerts.map((alert) => [
    text(alert, ALERT_ORIGINAL_TIME),
    text(alert, 'kibana.alert.rule.name'),
    text(alert, 'kibana.alert.severity'),
    text(alert, 'host.name'),
    text(alert, 'container.id').slice(0, 12),
    JSON.stringify(alert[ALERT_NEW_TERMS] ?? []),
  ]);

const summaryLine = (summary: RuleReplaySummary): string => {
  if (summary.scheduleStart === null || summary.scheduleEnd === null) {
    return `${summary.ruleName}: no events with the rule's timestamp field, nothing to replay`;
  }
  return (
    `${summary.ruleName}: ${formatCount(summary.alertIds.length)} alert(s); ` +
    `${formatCount(summary.scheduledExecutions)} executions every interval from ` +
    `${new Date(summary.scheduleStart).toISOString()} to ${new Date(summary.scheduleEnd).toISOString()} ` +
    `(${formatCount(summary.executedWindows)} executed, the others could not raise an alert; warm-up ${formatDuration(summary.warmupMs)}) ` +
    `in ${formatDuration(summary.durationMs)}`
  );
};

interface ScanOptions extends EsCliOptions {
  readonly rules?: string;
  readonly rule?: string;
  readonly index?: string;
  readonly space: string;
  readonly warmup: string;
  readonly dataDir?: string;
  readonly json?: boolean;
  readonly workers?: string;
}

const replayAll = async (
  store: ReplayStore,
  rules: readonly NewTermsRuleDefinition[],
  options: {
    readonly warmup: Warmup;
    readonly spaceId: string;
    readonly quiet: boolean;
    readonly exceptions?: ExceptionSet;
  }
): Promise<RuleReplaySummary[]> => {
  const { warmup, spaceId, quiet, exceptions } = options;
  const summaries: RuleReplaySummary[] = [];
  for (const definition of rules) {
    const progress = new ProgressLine();
    const summary = await replayRule(
      store,
      { uuid: definition.rule_id, spaceId, definition },
      {
        warmup,
        ...(exceptions === undefined ? {} : { exceptions }),
        onProgress: quiet
          ? undefined
          : (p) => progress.update(p.done / p.total, `${definition.name}`),
      }
    );
    progress.done();
    summaries.push(summary);
  }
  return summaries;
};

/** The exceptions the replayed rules may name: the rule file's, or the store's for its own rules. */
const exceptionsFor = async (
  fileRules: RuleFile | undefined,
  store: Store
): Promise<{ exceptions?: ExceptionSet }> => {
  if (fileRules !== undefined) return { exceptions: fileRules.exceptions };
  return store.exceptions === undefined ? {} : { exceptions: await store.exceptions.all() };
};

/**
 * The rules to replay: the catalog's (prebuilt, and the store's user rules) or those of --rules
 * (one with --rule), searching --index instead of their own patterns when given.
 */
const selectRules = (
  options: ScanOptions,
  candidates: readonly NewTermsRuleDefinition[]
): NewTermsRuleDefinition[] => {
  const rules = candidates.filter(
    (rule) => options.rule === undefined || rule.rule_id === options.rule
  );
  if (rules.length === 0) {
    const where = options.rules === undefined ? 'rule in the catalog' : `rule in ${options.rules}`;
    throw new CliError(`No ${where} with rule_id ${options.rule ?? ''}`);
  }
  const index = options.index
    ?.split(',')
    .map((pattern) => pattern.trim())
    .filter((pattern) => pattern.length > 0);
  if (index === undefined) return rules;
  if (index.length === 0) throw new CliError('--index needs at least one index pattern');
  return rules.map((rule) => ({ ...rule, index }));
};

/**
 * A scratch store holds no rules or exceptions of its own: the scan replays the prebuilt rules or
 * those of --rules, so its columns can be limited to the fields they search.
 */
const scratchStore = (request: ScanRequest, dataDir: string): ScanStore => {
  const definitions = request.fileRules?.definitions ?? PREBUILT_RULES;
  const indexes = scanIndexedFields(
    selectRules(request.options, definitions),
    request.fileRules?.exceptions
  );
  return { dataDir, ...(indexes === undefined ? {} : { indexes }) };
};

/** Nothing of a scratch store is kept, so the ingest's "run it again" advice does not apply. */
const scratchWriteError = (error: StoreWriteError): CliError =>
  new CliError(
    `The scan could not store the events in its scratch store: ${error.reason}. Nothing was kept; free space or memory (CTD_MEMORY_LIMIT), set TMPDIR elsewhere, or scan into a store of your own with --data-dir <dir>.`
  );

const printReport = (
  io: CliIo,
  alerts: readonly AlertDocument[],
  summaries: readonly RuleReplaySummary[]
): void => {
  io.out(
    formatTable(
      ['EVENT TIME', 'RULE', 'SEVERITY', 'HOST', 'CONTAINER', 'NEW TERMS'],
      alertRows(alerts)
    )
  );
  io.out('');
  for (const summary of summaries) {
    io.out(summaryLine(summary));
    for (const warning of summary.warnings) io.out(`  warning: ${warning}`);
    for (const error of summary.errors) io.out(`  error: ${error}`);
  }
};

/** Ingests `paths` (if any) into the chosen store, replays the rules and prints what they raised. */
interface ScanRequest {
  readonly paths: readonly string[];
  readonly options: ScanOptions;
  readonly fileRules: RuleFile | undefined;
  readonly warmup: Warmup;
  readonly client: Client | undefined;
  readonly workers: number | undefined;
}

interface ScanStore {
  readonly dataDir: string | undefined;
  /** The fields a scratch store gives columns (scan_indexed_fields.ts); all when absent. */
  readonly indexes?: IndexedFieldFilter;
}

const scanInto = async (io: CliIo, request: ScanRequest, target: ScanStore): Promise<void> => {
  const { paths, options, fileRules, warmup, client, workers } = request;
  const { dataDir, indexes } = target;
  const store = await openStore(
    client
      ? { kind: 'elasticsearch', client, spaceId: options.space }
      : { kind: 'embedded', dataDir, ...(indexes === undefined ? {} : { indexes }) }
  );
  try {
    const catalog = store.rules === undefined ? prebuiltCatalog() : storeCatalog(store.rules);
    const rules = selectRules(
      options,
      fileRules?.definitions ?? (await catalog.list()).map((rule) => rule.definition)
    );
    const ingest =
      paths.length > 0
        ? await ingestFiles(store, paths, { showProgress: !options.json, workers })
        : undefined;
    if (ingest && !options.json) io.err(formatIngestSummary(ingest));
    const summaries = await replayAll(store, rules, {
      warmup,
      spaceId: options.space,
      quiet: options.json === true,
      ...(await exceptionsFor(fileRules, store)),
    });
    const alerts = await store.alerts.alertsOfRules(rules.map((rule) => rule.rule_id));
    if (options.json) io.out(JSON.stringify({ ingest, rules: summaries, alerts }, null, 2));
    else printReport(io, alerts, summaries);
  } finally {
    await store.close();
  }
};

export const registerScanCommand = (program: Command, io: CliIo): void => {
  esOptions(
    workersOption(
      program
        .command('scan [paths...]')
        .description(
          "replay each rule's schedule over NDJSON events (or, with --data-dir/--es, the stored ones) and print the alerts"
        )
        .option(
          '--rules <file>',
          "replay these rules instead of the prebuilt ones: Kibana's rule JSON or export NDJSON, or a detection-rules .toml"
        )
        .option('--rule <rule_id>', 'only this rule')
        .option(
          '--index <patterns>',
          "search these index patterns (comma-separated) instead of each rule's own"
        )
        .option(
          '--space <id>',
          'the Kibana space the alerts belong to (alert ids and, with --es, the alerts index)',
          DEFAULT_SPACE_ID
        )
        .option(
          '--warmup <duration>',
          'history-only period at the start of the data: auto, 0, or e.g. 7d',
          'auto'
        )
        .option(
          '--data-dir <dir>',
          'keep events and alerts in this store (default: a scratch store in the temp directory, removed after)'
        )
        .option('--json', 'print alerts and summaries as JSON')
    )
  ).action(async (paths: string[], options: ScanOptions) => {
    const fileRules = options.rules === undefined ? undefined : loadRuleFile(options.rules, io);
    const warmup = parseWarmup(options.warmup);
    const workers = workersFrom(options);
    const client = esClientFrom(options, io);
    if (client && options.dataDir !== undefined)
      throw new CliError('--data-dir and --es choose different stores; give one');
    if (paths.length === 0 && client === undefined && options.dataDir === undefined) {
      throw new CliError(
        'Nothing to scan: give NDJSON files or directories, or scan stored events with --data-dir or --es'
      );
    }
    const request = { paths, options, fileRules, warmup, client, workers };
    if (client !== undefined || options.dataDir !== undefined)
      await scanInto(io, request, { dataDir: options.dataDir });
    else
      await withScratchDataDir((dataDir) =>
        scanInto(io, request, scratchStore(request, dataDir)).catch((error: unknown) => {
          throw error instanceof StoreWriteError ? scratchWriteError(error) : error;
        })
      );
  });
};
