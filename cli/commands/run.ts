/** `ctd run [--at <time>]`: one scheduled execution of every enabled rule over the store. */
import { randomUUID } from 'crypto';
import type { Command } from 'commander';
import { runNewTermsRule } from '../../server/new_terms/run_new_terms_rule';
import { EmbeddedStore } from '../../server/stores/duckdb/embedded_store';
import { DuckDbRuleStore } from '../../server/stores/duckdb/rule_store';
import { CliError, CliExit, dataDirOption, type CliIo } from '../cli_io';
import { formatCount, formatDuration } from '../output';

const parseAt = (value: string | undefined): Date => {
  if (value === undefined) return new Date();
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new CliError(`--at must be an ISO 8601 time, e.g. 2025-03-12T10:15:00Z (got "${value}")`);
  return at;
};

export const registerRunCommand = (program: Command, io: CliIo): void => {
  dataDirOption(
    program
      .command('run')
      .description('run every enabled rule once, as its schedule would now (or at --at)')
      .option('--at <time>', 'the execution start time (ISO 8601); default now')
      .option('--json', 'print the execution results as JSON')
  ).action(async (options: { dataDir: string; at?: string; json?: boolean }) => {
    const startedAt = parseAt(options.at);
    const store = await EmbeddedStore.open(options.dataDir);
    try {
      const ruleStore = new DuckDbRuleStore(store.database.connection);
      const enabled = (await ruleStore.list()).filter((rule) => rule.enabled);
      if (enabled.length === 0) {
        throw new CliError('No enabled rules. Run `ctd rules install --enable` (or `ctd rules enable <rule_id>`) first.');
      }
      const results = [];
      for (const rule of enabled) {
        const executionId = randomUUID();
        const previous = rule.previousStartedAt === null || rule.previousStartedAt >= startedAt.getTime() ? null : new Date(rule.previousStartedAt);
        const result = await runNewTermsRule({
          rule,
          source: store.events,
          sink: store.alerts,
          startedAt,
          previousStartedAt: previous,
          executionId,
        });
        await ruleStore.recordExecution({
          rule,
          executionId,
          startedAt,
          status: result.status,
          alertsCreated: result.createdAlertIds.length,
          durationMs: result.durationMs,
          message: [...result.errors, ...result.warnings].join(' ') || null,
        });
        results.push({ rule_id: rule.definition.rule_id, name: rule.definition.name, ...result });
        if (!options.json) {
          io.out(
            `${rule.definition.name}: ${result.status}, ${formatCount(result.createdAlertIds.length)} new alert(s), ` +
              `${formatCount(result.termsEvaluated)} terms evaluated over ${result.windows.length} window(s) in ${formatDuration(result.durationMs)}`
          );
          for (const warning of result.warnings) io.out(`  warning: ${warning}`);
          for (const error of result.errors) io.out(`  error: ${error}`);
        }
      }
      if (options.json) io.out(JSON.stringify(results, null, 2));
      if (results.some((result) => result.status === 'failed')) throw new CliExit(1);
    } finally {
      store.close();
    }
  });
};
