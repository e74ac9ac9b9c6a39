/**
 * `ctd run [--at <time>]`: one scheduled execution of every enabled rule over the store, or, with
 * `--rules <file>`, of the rules in that file (not installed; no run history).
 */
import type { Client } from '@elastic/elasticsearch';
import type { Command } from 'commander';
import { esClientFrom, esOptions, type EsCliOptions } from '../es_options';
import type { AlertDocument } from '../../common/alerts/alert_document';
import type { NewTermsRuleDefinition } from '../../common/rules/rule_schema';
import { DEFAULT_SPACE_ID } from '../../server/new_terms/rule_instance';
import {
  runNewTermsRule,
  type RuleExecutionResult,
} from '../../server/new_terms/run_new_terms_rule';
import { resolveRuleExceptions } from '../../server/new_terms/rule_exceptions';
import { EmbeddedRuleService } from '../../server/standalone/embedded_rule_service';
import { openStore } from '../../server/stores/open_store';
import type { Store, StoreWithRules } from '../../server/stores/store_contract';
import { CliError } from '../cli_error';
import { CliExit } from '../cli_exit';
import { dataDirOption, type CliIo } from '../cli_io';
import { formatCount, formatDuration } from '../output';
import { loadRuleFile, type RuleFile } from '../rule_files';

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

interface RunOptions extends EsCliOptions {
  readonly dataDir: string;
  readonly at?: string;
  readonly rules?: string;
  readonly json?: boolean;
}

interface RuleRun {
  readonly definition: NewTermsRuleDefinition;
  readonly result: RuleExecutionResult;
  /** With --rules: the alerts the execution created, as stored. */
  readonly alerts?: readonly AlertDocument[];
}

const printRun = (io: CliIo, { definition, result }: RuleRun): void => {
  io.out(
    `${definition.name}: ${result.status}, ${formatCount(result.createdAlertIds.length)} new alert(s), ` +
      `${formatCount(result.termsEvaluated)} terms evaluated over ${result.windows.length} window(s) in ${formatDuration(result.durationMs)}`
  );
  for (const warning of result.warnings) io.out(`  warning: ${warning}`);
  for (const error of result.errors) io.out(`  error: ${error}`);
};

/** The stored documents of the alerts one execution created, in the order the store sorts them. */
const createdAlerts = async (store: Store, ids: readonly string[]): Promise<AlertDocument[]> => {
  if (ids.length === 0) return [];
  const { alerts } = await store.alertQueries.search({
    filter: { ids },
    page: 0,
    perPage: ids.length,
    sortField: 'original_time',
    sortOrder: 'asc',
  });
  return [...alerts];
};

/** One execution of each enabled installed rule, recorded in its run history. */
const runInstalled = async (
  store: StoreWithRules,
  targetFor: (spaceId: string) => Promise<Store>,
  startedAt: Date
): Promise<RuleRun[]> => {
  const service = new EmbeddedRuleService(store);
  const enabled = (await store.rules.list()).filter((rule) => rule.enabled);
  if (enabled.length === 0) {
    throw new CliError(
      'No enabled rules. Run `ctd rules install --enable` (or `ctd rules enable <rule_id>`) first, or give --rules <file>.'
    );
  }
  const runs: RuleRun[] = [];
  for (const rule of enabled) {
    const target = await targetFor(rule.spaceId);
    const result = await service.execute(rule, startedAt, {
      source: target.events,
      sink: target.alerts,
    });
    runs.push({ definition: rule.definition, result });
  }
  return runs;
};

/**
 * One execution of each rule of the file, as its first: no previous run, so no gap catch-up. The
 * exception lists the file carries apply to the rules that name them.
 */
const runFromFile = async (
  { definitions, exceptions }: RuleFile,
  target: Store,
  startedAt: Date
): Promise<RuleRun[]> => {
  const runs: RuleRun[] = [];
  for (const definition of definitions) {
    const result = await runNewTermsRule({
      rule: { uuid: definition.rule_id, spaceId: DEFAULT_SPACE_ID, definition },
      source: target.events,
      sink: target.alerts,
      startedAt,
      previousStartedAt: null,
      executionId: globalThis.crypto.randomUUID(),
      exceptions: resolveRuleExceptions(definition, exceptions, startedAt),
    });
    runs.push({ definition, result, alerts: await createdAlerts(target, result.createdAlertIds) });
  }
  return runs;
};

const jsonOf = (runs: readonly RuleRun[]): unknown =>
  runs.map(({ definition, result, alerts }) => ({
    rule_id: definition.rule_id,
    name: definition.name,
    ...result,
    ...(alerts === undefined ? {} : { alerts }),
  }));

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
        .option(
          '--rules <file>',
          "run these rules instead of the installed ones: Kibana's rule JSON or export NDJSON, or a detection-rules .toml"
        )
        .option(
          '--json',
          'print the execution results as JSON (with --rules, the alert documents too)'
        )
    )
  ).action(async (options: RunOptions) => {
    const startedAt = parseAt(options.at);
    const fileRules = options.rules === undefined ? undefined : loadRuleFile(options.rules, io);
    const client = esClientFrom(options, io);
    const store = await openStore({ kind: 'embedded', dataDir: options.dataDir });
    const targetFor = targetsOn(client, store);
    try {
      const runs =
        fileRules === undefined
          ? await runInstalled(store, targetFor, startedAt)
          : await runFromFile(fileRules, await targetFor(DEFAULT_SPACE_ID), startedAt);
      if (options.json) io.out(JSON.stringify(jsonOf(runs), null, 2));
      else for (const run of runs) printRun(io, run);
      if (runs.some((run) => run.result.status === 'failed')) throw new CliExit(1);
    } finally {
      store.close();
      await client?.close();
    }
  });
};
