/**
 * `ctd scan <file|dir>...`: replays each rule's schedule over the given events and prints the
 * alerts the rules would have raised. Events go into a throw-away in-memory store unless
 * `--data-dir` names a persistent one.
 */
import type { Command } from 'commander';
import { ALERT_NEW_TERMS, ALERT_ORIGINAL_TIME, ALERT_RULE_RULE_ID } from '../../common/alerts/field_names';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import { parseDuration } from '../../common/rules/date_math';
import { getFieldValues } from '../../common/kql/document_fields';
import { DEFAULT_SPACE_ID } from '../../server/new_terms/rule_instance';
import { replayRule, type RuleReplaySummary, type Warmup } from '../../server/scan/replay_schedule';
import { EmbeddedStore } from '../../server/stores/duckdb/embedded_store';
import type { StoredAlert } from '../../server/stores/duckdb/alert_store';
import { CliError, type CliIo } from '../cli_io';
import { formatCount, formatDuration, formatTable, ProgressLine } from '../output';
import { formatIngestSummary, ingestFiles } from './ingest';

const parseWarmup = (value: string): Warmup => {
  if (value === 'auto') return 'auto';
  if (value === '0') return 0;
  const parsed = parseDuration(value);
  if (!parsed.ok) throw new CliError(`--warmup must be "auto", 0 or a duration like 7d or 12h (${parsed.error})`);
  return parsed.value;
};

const text = (alert: StoredAlert, field: string): string => {
  const value = getFieldValues(alert.document, field)[0];
  return value === undefined ? '' : String(value);
};

const alertRows = (alerts: readonly StoredAlert[]): string[][] =>
  alerts.map((alert) => [
    text(alert, ALERT_ORIGINAL_TIME),
    text(alert, 'kibana.alert.rule.name'),
    text(alert, 'kibana.alert.severity'),
    text(alert, 'host.name'),
    text(alert, 'container.id').slice(0, 12),
    JSON.stringify(alert.document[ALERT_NEW_TERMS] ?? []),
  ]);

const summaryLine = (summary: RuleReplaySummary): string => {
  if (summary.scheduleStart === null || summary.scheduleEnd === null) {
    return `${summary.ruleName}: no events with the rule's timestamp field, nothing to replay`;
  }
  return (
    `${summary.ruleName}: ${formatCount(summary.alertIds.length)} alert(s); ` +
    `${formatCount(summary.scheduledExecutions)} executions every interval from ` +
    `${new Date(summary.scheduleStart).toISOString()} to ${new Date(summary.scheduleEnd).toISOString()} ` +
    `(${formatCount(summary.executedWindows)} windows held matching events; warm-up ${formatDuration(summary.warmupMs)}) ` +
    `in ${formatDuration(summary.durationMs)}`
  );
};

export const registerScanCommand = (program: Command, io: CliIo): void => {
  program
    .command('scan <paths...>')
    .description("replay each rule's schedule over NDJSON events and print the alerts")
    .option('--rule <rule_id>', 'only this rule')
    .option('--warmup <duration>', 'history-only period at the start of the data: auto, 0, or e.g. 7d', 'auto')
    .option('--data-dir <dir>', 'keep events and alerts in this store (default: in memory)')
    .option('--json', 'print alerts and summaries as JSON')
    .action(async (paths: string[], options: { rule?: string; warmup: string; dataDir?: string; json?: boolean }) => {
      const rules = PREBUILT_RULES.filter((rule) => options.rule === undefined || rule.rule_id === options.rule);
      if (rules.length === 0) throw new CliError(`No prebuilt rule with rule_id ${options.rule ?? ''}`);
      const warmup = parseWarmup(options.warmup);
      const store = await EmbeddedStore.open(options.dataDir);
      try {
        const ingest = await ingestFiles(store, paths, !options.json);
        if (!options.json) io.err(formatIngestSummary(ingest));
        const summaries: RuleReplaySummary[] = [];
        for (const definition of rules) {
          const progress = new ProgressLine();
          const summary = await replayRule(
            store,
            { uuid: definition.rule_id, spaceId: DEFAULT_SPACE_ID, definition },
            {
              warmup,
              onProgress: options.json ? undefined : (p) => progress.update(p.done / p.total, `${definition.name}`),
            }
          );
          progress.done();
          summaries.push(summary);
        }
        const alerts = (await store.alerts.list()).filter((alert) =>
          rules.some((rule) => rule.rule_id === alert.document[ALERT_RULE_RULE_ID])
        );
        if (options.json) {
          io.out(JSON.stringify({ ingest, rules: summaries, alerts: alerts.map((alert) => alert.document) }, null, 2));
          return;
        }
        io.out(formatTable(['EVENT TIME', 'RULE', 'SEVERITY', 'HOST', 'CONTAINER', 'NEW TERMS'], alertRows(alerts)));
        io.out('');
        for (const summary of summaries) {
          io.out(summaryLine(summary));
          for (const warning of summary.warnings) io.out(`  warning: ${warning}`);
          for (const error of summary.errors) io.out(`  error: ${error}`);
        }
      } finally {
        store.close();
      }
    });
};
