/** `ctd run [--at <time>]`: one scheduled execution of every enabled rule over the store. */
import type { Client } from '@elastic/elasticsearch';
import type { Command } from 'commander';
import type { AlertSink, NewTermsEventSource } from '../../server/new_terms/types';
import { EsAlertStore } from '../../server/stores/elasticsearch/alert_store';
import { EsEventSource } from '../../server/stores/elasticsearch/event_source';
import { esClientFrom, esOptions, type EsCliOptions } from '../es_options';
import { EmbeddedRuleService } from '../../server/standalone/embedded_rule_service';
import { EmbeddedStore } from '../../server/stores/duckdb/embedded_store';
import { DuckDbRuleStore } from '../../server/stores/duckdb/rule_store';
import { CliError } from '../cli_error';
import { CliExit } from '../cli_exit';
import { dataDirOption, type CliIo } from '../cli_io';
import { formatCount, formatDuration } from '../output';

const parseAt = (value: string | undefined): Date => {
  if (value === undefined) return new Date();
  const at = new Date(value);
  if (Number.isNaN(at.getTime()))
    throw new CliError(`--at must be an ISO 8601 time, e.g. 2025-03-12T10:15:00Z (got "${value}")`);
  return at;
};

/** Where executions read events and write alerts: the embedded store, or the cluster `--es` names. */
interface RunTarget {
  readonly source: NewTermsEventSource;
  sinkFor(spaceId: string): Promise<AlertSink>;
}

const elasticsearchTarget = (client: Client): RunTarget => {
  const sinks = new Map<string, Promise<EsAlertStore>>();
  return {
    source: new EsEventSource(client),
    sinkFor: (spaceId) => {
      let sink = sinks.get(spaceId);
      if (sink === undefined) {
        sink = EsAlertStore.open(client, spaceId);
        sinks.set(spaceId, sink);
      }
      return sink;
    },
  };
};

export const registerRunCommand = (program: Command, io: CliIo): void => {
  esOptions(
    dataDirOption(
      program
        .command('run')
        .description(
          'run every enabled rule once, as its schedule would now (or at --at); installed rules live in --data-dir, ' +
            'events and alerts there too or, with --es, in Elasticsearch'
        )
        .option('--at <time>', 'the execution start time (ISO 8601); default now')
        .option('--json', 'print the execution results as JSON')
    )
  ).action(async (options: { dataDir: string; at?: string; json?: boolean } & EsCliOptions) => {
    const startedAt = parseAt(options.at);
    const client = esClientFrom(options, io);
    const store = await EmbeddedStore.open(options.dataDir);
    const target: RunTarget = client
      ? elasticsearchTarget(client)
      : { source: store.events, sinkFor: async () => store.alerts };
    try {
      const rules = new EmbeddedRuleService(store);
      const enabled = (await new DuckDbRuleStore(store.database.connection).list()).filter(
        (rule) => rule.enabled
      );
      if (enabled.length === 0) {
        throw new CliError(
          'No enabled rules. Run `ctd rules install --enable` (or `ctd rules enable <rule_id>`) first.'
        );
      }
      const results = [];
      for (const rule of enabled) {
        const result = await rules.execute(rule, startedAt, {
          source: target.source,
          sink: await target.sinkFor(rule.spaceId),
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
      await client?.close();
    }
  });
};
