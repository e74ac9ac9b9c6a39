/** `ctd run [--at <time>]`: one scheduled execution of every enabled rule over the store. */
import type { Client } from '@elastic/elasticsearch';
import type { Command } from 'commander';
import { esClientFrom, esOptions, type EsCliOptions } from '../es_options';
import { EmbeddedRuleService } from '../../server/standalone/embedded_rule_service';
import { openStore } from '../../server/stores/open_store';
import type { Store } from '../../server/stores/store_contract';
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

/**
 * Where executions read events and write alerts: the store holding the installed rules, or the
 * cluster `--es` names (one store per Kibana space, as each space has its own alerts index).
 */
const targetsOn = (
  client: Client | undefined,
  rulesStore: Store
): ((spaceId: string) => Promise<Store>) => {
  if (client === undefined) return () => Promise.resolve(rulesStore);
  const stores = new Map<string, Promise<Store>>();
  return (spaceId) => {
    let store = stores.get(spaceId);
    if (store === undefined) {
      store = openStore({ kind: 'elasticsearch', client, spaceId });
      stores.set(spaceId, store);
    }
    return store;
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
    const store = await openStore({ kind: 'embedded', dataDir: options.dataDir });
    const targetFor = targetsOn(client, store);
    try {
      const rules = new EmbeddedRuleService(store);
      const enabled = (await store.rules.list()).filter((rule) => rule.enabled);
      if (enabled.length === 0) {
        throw new CliError(
          'No enabled rules. Run `ctd rules install --enable` (or `ctd rules enable <rule_id>`) first.'
        );
      }
      const results = [];
      for (const rule of enabled) {
        const target = await targetFor(rule.spaceId);
        const result = await rules.execute(rule, startedAt, {
          source: target.events,
          sink: target.alerts,
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
