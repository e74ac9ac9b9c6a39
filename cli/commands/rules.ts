/**
 * `ctd rules list|show|install|enable|disable|import|export`: the prebuilt rule catalog, installed
 * rules, and rules moved in and out in Kibana's formats.
 */
import fs from 'fs';
import type { Command } from 'commander';
import path from 'path';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import type { NewTermsRuleDefinition } from '../../common/rules/rule_schema';
import { kibanaExportNdjson } from '../../common/rules/kibana_rule_export';
import type { RuleImportResult } from '../../common/api/api_types';
import { EmbeddedRuleService } from '../../server/standalone/embedded_rule_service';
import { openStore } from '../../server/stores/open_store';
import { prebuiltCatalog, storeCatalog, type RuleCatalog } from '../../server/rules/rule_catalog';
import { DATABASE_FILE_NAME } from '../../server/stores/duckdb/database';
import type { RuleImportOutcome, RuleSource } from '../../server/stores/store_contract';
import { readRuleFileContent } from '../rule_files';
import { formatTable } from '../output';
import { CliError } from '../cli_error';
import { dataDirOption, type CliIo } from '../cli_io';

const SOURCE_LABELS: Readonly<Record<RuleSource, string>> = {
  prebuilt: 'prebuilt',
  user: 'custom',
};

/**
 * Runs `read` over the rules the store at `dataDir` knows (prebuilt and custom); where no store
 * exists yet, over the prebuilt rules, without creating one.
 */
const withCatalog = async <T>(
  dataDir: string,
  read: (catalog: RuleCatalog) => Promise<T>
): Promise<T> => {
  if (!fs.existsSync(path.join(dataDir, DATABASE_FILE_NAME))) return read(prebuiltCatalog());
  const store = await openStore({ kind: 'embedded', dataDir });
  try {
    return await read(storeCatalog(store.rules));
  } finally {
    store.close();
  }
};

const IMPORT_VERBS: Readonly<Record<Exclude<RuleImportOutcome, 'conflict'>, string>> = {
  created: 'imported',
  updated: 'replaced',
};

const IMPORT_FAILURES: ReadonlySet<RuleImportResult['status']> = new Set(['invalid', 'conflict']);

const EXCEPTION_KINDS: Readonly<Record<'exception_list' | 'exception_item', string>> = {
  exception_list: 'exception list',
  exception_item: 'exception item',
};

/** One line's outcome: what was stored on stdout, what was not (and why) on stderr. */
const reportImport = (io: CliIo, file: string, result: RuleImportResult): void => {
  const { status, line } = result;
  const what =
    result.kind === 'rule'
      ? (result.rule_id ?? '')
      : `${EXCEPTION_KINDS[result.kind]} ${result.exception_id ?? ''}`;
  if (status === 'created' || status === 'updated') {
    io.out(`${IMPORT_VERBS[status]} ${what}`);
    return;
  }
  if (status === 'skipped') {
    io.err(`${file}:${line}: skipped ${result.messages.join(' ')}`);
    return;
  }
  const where = what === '' ? `${file}:${line}` : `${file}:${line} (${what})`;
  for (const message of result.messages) io.err(`${where}: ${message}`);
};

const tactics = (rule: NewTermsRuleDefinition): string =>
  rule.threat.map((threat) => `${threat.tactic.id} ${threat.tactic.name}`).join(', ');

const techniques = (rule: NewTermsRuleDefinition): string =>
  rule.threat
    .flatMap((threat) => threat.technique ?? [])
    .flatMap((technique) => [technique.id, ...(technique.subtechnique ?? []).map((sub) => sub.id)])
    .join(', ');

export const describeRule = (rule: NewTermsRuleDefinition): string =>
  [
    `${rule.name}  (${rule.rule_id}, version ${rule.version})`,
    '',
    rule.description,
    '',
    `Severity:            ${rule.severity} (risk ${rule.risk_score})`,
    `Type:                ${rule.type}, language ${rule.language}`,
    `Index:               ${rule.index.join(', ')}`,
    `Query:               ${rule.query.trim().replace(/\n/g, '\n                     ')}`,
    `New terms fields:    ${rule.new_terms_fields.join(', ')}`,
    `History window:      ${rule.history_window_start} .. now`,
    `Schedule:            every ${rule.interval}, searching ${rule.from} .. ${rule.to}`,
    `Max alerts per run:  ${rule.max_signals}`,
    `Timestamp override:  ${rule.timestamp_override ?? '(none)'}`,
    `MITRE ATT&CK:        ${tactics(rule)}; ${techniques(rule)}`,
    `Tags:                ${rule.tags.join(', ')}`,
    `Author / license:    ${rule.author.join(', ')} / ${rule.license ?? ''}`,
  ].join('\n');

export const registerRulesCommands = (program: Command, io: CliIo): void => {
  const rules = program
    .command('rules')
    .description('prebuilt and custom rules: list, show, install, enable, import, export');

  dataDirOption(
    rules
      .command('list')
      .description('list the prebuilt rules, and the custom rules of the store at --data-dir')
      .option('--json', 'print JSON')
  ).action(async (options: { json?: boolean; dataDir: string }) => {
    const listed = await withCatalog(options.dataDir, (catalog) => catalog.list());
    if (options.json) {
      io.out(
        JSON.stringify(
          listed.map(({ source, definition }) => ({ source, ...definition })),
          null,
          2
        )
      );
      return;
    }
    io.out(
      formatTable(
        ['RULE ID', 'NAME', 'SOURCE', 'SEVERITY', 'RISK', 'NEW TERMS', 'HISTORY', 'TACTICS'],
        listed.map(({ source, definition: rule }) => [
          rule.rule_id,
          rule.name,
          SOURCE_LABELS[source],
          rule.severity,
          String(rule.risk_score),
          rule.new_terms_fields.join(','),
          rule.history_window_start,
          tactics(rule),
        ])
      )
    );
  });

  dataDirOption(
    rules
      .command('show <rule_id>')
      .description('show every field of one rule, prebuilt or custom')
      .option('--json', 'print JSON')
  ).action(async (ruleId: string, options: { json?: boolean; dataDir: string }) => {
    const found = await withCatalog(options.dataDir, (catalog) => catalog.get(ruleId));
    if (found === undefined) {
      throw new CliError(`No rule with rule_id ${ruleId}. Run \`ctd rules list\` to see them.`);
    }
    io.out(
      options.json ? JSON.stringify(found.definition, null, 2) : describeRule(found.definition)
    );
  });

  dataDirOption(
    rules
      .command('install')
      .description('install the prebuilt rules into the store (disabled unless --enable)')
      .option('--enable', 'enable them too')
  ).action(async (options: { dataDir: string; enable?: boolean }) => {
    const store = await openStore({ kind: 'embedded', dataDir: options.dataDir });
    try {
      const ruleStore = store.rules;
      for (const rule of PREBUILT_RULES) {
        const installed = await ruleStore.install(rule, options.enable === true, new Date());
        if (options.enable) await ruleStore.setEnabled(rule.rule_id, true);
        io.out(
          `installed ${rule.rule_id}  ${rule.name}  (${options.enable || installed.enabled ? 'enabled' : 'disabled'})`
        );
      }
    } finally {
      store.close();
    }
  });

  for (const [name, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    dataDirOption(
      rules.command(`${name} <rule_id>`).description(`${name} an installed rule`)
    ).action(async (ruleId: string, options: { dataDir: string }) => {
      const store = await openStore({ kind: 'embedded', dataDir: options.dataDir });
      try {
        const changed = await store.rules.setEnabled(ruleId, enabled);
        if (!changed)
          throw new CliError(`Rule ${ruleId} is not installed. Run \`ctd rules install\` first.`);
        io.out(`${name}d ${ruleId}`);
      } finally {
        store.close();
      }
    });
  }

  dataDirOption(
    rules
      .command('import <file>')
      .description(
        "store new_terms rules from Kibana's rule JSON or export NDJSON, or a detection-rules .toml (disabled unless --enable)"
      )
      .option('--enable', 'enable the rules it creates')
      .option(
        '--overwrite',
        "replace installed rules with the same rule_id (as Kibana's import ?overwrite=true)"
      )
  ).action(
    async (file: string, options: { dataDir: string; enable?: boolean; overwrite?: boolean }) => {
      const content = readRuleFileContent(file);
      const store = await openStore({ kind: 'embedded', dataDir: options.dataDir });
      let results: readonly RuleImportResult[];
      try {
        results = await new EmbeddedRuleService(store).importFile(
          { name: file, content },
          { overwrite: options.overwrite === true, enable: options.enable === true }
        );
      } finally {
        store.close();
      }
      for (const result of results) reportImport(io, file, result);
      const failed = results.filter((result) => IMPORT_FAILURES.has(result.status));
      const rulesFailed = failed.filter((result) => result.kind === 'rule').length;
      const exceptionsFailed = failed.length - rulesFailed;
      if (failed.length > 0)
        throw new CliError(
          `${rulesFailed} rule(s)${exceptionsFailed > 0 ? ` and ${exceptionsFailed} exception(s)` : ''} in ${file} were not imported`
        );
    }
  );

  dataDirOption(
    rules
      .command('export')
      .description(
        "write the installed rules as Kibana's rule export (NDJSON), for Security → Rules → Import"
      )
      .option('--out <file>', 'write to this file instead of standard output')
  ).action(async (options: { dataDir: string; out?: string }) => {
    const store = await openStore({ kind: 'embedded', dataDir: options.dataDir });
    let text: string;
    let count: number;
    try {
      const installed = await store.rules.list();
      count = installed.length;
      text = kibanaExportNdjson(installed, await store.exceptions.all());
    } finally {
      store.close();
    }
    if (options.out === undefined) {
      io.out(text.trimEnd());
      return;
    }
    fs.writeFileSync(options.out, text);
    io.err(`exported ${count} rule(s) to ${options.out}`);
  });
};
