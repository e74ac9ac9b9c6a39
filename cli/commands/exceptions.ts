/**
 * `ctd exceptions list|import|export`: the exception lists and items of the embedded store, in
 * Kibana's format. Rules name lists in their `exceptions_list`; every execution of such a rule
 * leaves out the events the lists' items describe.
 */
import fs from 'fs';
import type { Command } from 'commander';
import { writeExceptionFile } from '../../common/exceptions/exception_file';
import { itemBelongsTo, type ExceptionSet } from '../../common/exceptions/exception_schema';
import { readRuleFileExceptions } from '../../common/rules/kibana_rule_file';
import { importExceptionEntries } from '../../server/rules/exception_import';
import { openStore } from '../../server/stores/open_store';
import type { InstalledRule } from '../../server/stores/store_contract';
import { CliError } from '../cli_error';
import { dataDirOption, type CliIo } from '../cli_io';
import { formatTable } from '../output';
import { readRuleFileContent } from '../rule_files';

/** Each list with its item count and the rules that name it. */
const listRows = (exceptions: ExceptionSet, rules: readonly InstalledRule[]): string[][] =>
  exceptions.lists.map((list) => [
    list.list_id,
    list.namespace_type,
    list.name,
    String(exceptions.items.filter((item) => itemBelongsTo(item, list)).length),
    rules
      .filter((rule) =>
        (rule.definition.exceptions_list ?? []).some((reference) => itemBelongsTo(list, reference))
      )
      .map((rule) => rule.definition.rule_id)
      .join(', '),
  ]);

export const registerExceptionsCommands = (program: Command, io: CliIo): void => {
  const exceptions = program
    .command('exceptions')
    .description("rule exception lists and items, in Kibana's format");

  dataDirOption(
    exceptions
      .command('list')
      .description('list the stored exception lists')
      .option('--json', 'print JSON')
  ).action(async (options: { dataDir: string; json?: boolean }) => {
    const store = await openStore({ kind: 'embedded', dataDir: options.dataDir });
    try {
      const stored = await store.exceptions.all();
      if (options.json) {
        io.out(JSON.stringify(stored, null, 2));
        return;
      }
      io.out(
        formatTable(
          ['LIST ID', 'NAMESPACE', 'NAME', 'ITEMS', 'NAMED BY'],
          listRows(stored, await store.rules.list())
        )
      );
    } finally {
      store.close();
    }
  });

  dataDirOption(
    exceptions
      .command('import <file>')
      .description(
        'store the exception lists and items of a Kibana exception export or rule export (other lines are ignored)'
      )
      .option('--overwrite', 'replace stored lists and items with the same ids')
  ).action(async (file: string, options: { dataDir: string; overwrite?: boolean }) => {
    const entries = readRuleFileExceptions(readRuleFileContent(file));
    if (entries.length === 0) throw new CliError(`No exception list or item in ${file}`);
    const store = await openStore({ kind: 'embedded', dataDir: options.dataDir });
    let failed = 0;
    try {
      for (const result of await importExceptionEntries(
        store.exceptions,
        entries,
        options.overwrite === true
      )) {
        const what = `${result.kind === 'exception_list' ? 'list' : 'item'} ${result.id ?? ''}`;
        if (result.status === 'created' || result.status === 'updated') {
          io.out(`${result.status === 'created' ? 'imported' : 'replaced'} ${what}`);
          continue;
        }
        failed++;
        for (const message of result.messages)
          io.err(`${file}:${result.line} (${what}): ${message}`);
      }
    } finally {
      store.close();
    }
    if (failed > 0) throw new CliError(`${failed} exception(s) in ${file} were not imported`);
  });

  dataDirOption(
    exceptions
      .command('export')
      .description("write every stored list and its items as Kibana's exception export (NDJSON)")
      .option('--out <file>', 'write to this file instead of standard output')
  ).action(async (options: { dataDir: string; out?: string }) => {
    const store = await openStore({ kind: 'embedded', dataDir: options.dataDir });
    let text: string;
    try {
      const stored = await store.exceptions.all();
      text = writeExceptionFile(stored.lists, stored.items);
    } finally {
      store.close();
    }
    if (options.out === undefined) io.out(text.trimEnd());
    else {
      fs.writeFileSync(options.out, text);
      io.err(`exported the exception lists to ${options.out}`);
    }
  });
};
