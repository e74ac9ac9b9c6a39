/**
 * `ctd exceptions list|import|export|add|remove`: the exception lists and items of the embedded
 * store, in Kibana's format. Rules name lists in their `exceptions_list`; every execution of such a
 * rule leaves out the events the lists' items describe.
 */
import fs from 'fs';
import os from 'os';
import { Option, type Command } from 'commander';
import { writeExceptionFile } from '../../common/exceptions/exception_file';
import {
  itemBelongsTo,
  namespaceType,
  type ExceptionSet,
  type NamespaceType,
} from '../../common/exceptions/exception_schema';
import { readRuleFileExceptions } from '../../common/rules/kibana_rule_file';
import { importExceptionEntries } from '../../server/rules/exception_import';
import {
  addRuleExceptionItems,
  itemIdExistsMessage,
  type Author,
} from '../../server/rules/rule_default_exceptions';
import { openStore } from '../../server/stores/open_store';
import type { InstalledRule, StoreWithRules } from '../../server/stores/store_contract';
import { CliError } from '../cli_error';
import { dataDirOption, type CliIo } from '../cli_io';
import { ruleExceptionItemFromText } from '../exception_entry_text';
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

/** Who adds an item, as Kibana stamps it: the OS user here ('ctd' where there is none). */
const currentAuthor = (): Author => {
  let user: string;
  try {
    user = os.userInfo().username;
  } catch {
    user = 'ctd';
  }
  return { user, now: new Date() };
};

/** Kibana's 404 messages of the lists plugin (`getErrorMessageExceptionListItem` / `…List`). */
const itemMissingMessage = (itemId: string): string =>
  `exception list item item_id: "${itemId}" does not exist`;
const listMissingMessage = (listId: string): string =>
  `exception list list_id: "${listId}" does not exist`;

/**
 * Deletes a list and its items, and takes it out of every installed rule's `exceptions_list`, as
 * deleting a list in Kibana detaches it from the rules; the rule_ids it was taken from.
 */
const removeListFromStore = async (
  store: StoreWithRules,
  listId: string,
  namespace: NamespaceType
): Promise<string[]> => {
  if (!(await store.exceptions.removeList(listId, namespace)))
    throw new CliError(listMissingMessage(listId));
  const detached: string[] = [];
  const removed = { list_id: listId, namespace_type: namespace };
  for (const rule of await store.rules.list()) {
    const references = rule.definition.exceptions_list ?? [];
    const kept = references.filter((reference) => !itemBelongsTo(reference, removed));
    if (kept.length === references.length) continue;
    await store.rules.setExceptionsList(rule.definition.rule_id, kept);
    detached.push(rule.definition.rule_id);
  }
  return detached;
};

interface AddOptions {
  readonly dataDir: string;
  readonly entry: string[];
  readonly name?: string;
  readonly description?: string;
  readonly comment?: string;
  readonly expire?: string;
  readonly itemId?: string;
  readonly json?: boolean;
}

interface RemoveOptions {
  readonly dataDir: string;
  readonly list?: string;
  readonly namespace: NamespaceType;
}

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

  dataDirOption(
    exceptions
      .command('add <rule_id>')
      .description(
        "add an exception item to an installed rule, in the rule's default exception list (created on first use), as Kibana's Add rule exception does"
      )
      .requiredOption(
        '--entry <entry...>',
        'one entry of the item (repeatable; all must match): field=value, field!=value, field=~pattern, field!=~pattern, field:exists, field:!exists, field in [json], field not in [json]'
      )
      .option('--name <name>', 'the item name (default: Exception for <rule_id>)')
      .option('--description <text>', 'the item description')
      .option('--comment <text>', 'a comment on the item')
      .option(
        '--expire <datetime>',
        'when the item stops applying (ISO 8601 in UTC, e.g. 2030-01-01T00:00:00Z)'
      )
      .option('--item-id <id>', 'the item_id (default: a random UUID)')
      .option('--json', 'print the created item as JSON')
  ).action(async (ruleId: string, options: AddOptions) => {
    const item = ruleExceptionItemFromText({
      ruleId,
      entries: options.entry,
      name: options.name,
      description: options.description,
      comment: options.comment,
      expire: options.expire,
      itemId: options.itemId,
    });
    const store = await openStore({ kind: 'embedded', dataDir: options.dataDir });
    try {
      const added = await addRuleExceptionItems(
        { rules: store.rules, exceptions: store.exceptions },
        ruleId,
        [item],
        currentAuthor()
      );
      if (added === undefined)
        throw new CliError(`Rule ${ruleId} is not installed; install it first`);
      if ('conflict' in added) throw new CliError(itemIdExistsMessage(added.conflict));
      for (const created of added.items)
        io.out(
          options.json
            ? JSON.stringify(created, null, 2)
            : `added item ${created.item_id} to list ${added.list.list_id} of rule ${ruleId}`
        );
    } finally {
      store.close();
    }
  });

  dataDirOption(
    exceptions
      .command('remove [item_id]')
      .description(
        "delete an exception item, or with --list a whole list and its items, taking it out of every rule's exceptions_list"
      )
      .option('--list <list_id>', 'delete this list instead of an item')
      .addOption(
        new Option('--namespace <namespace>', 'the namespace of the item or list')
          .choices(namespaceType.options)
          .default('single')
      )
  ).action(async (itemId: string | undefined, options: RemoveOptions) => {
    const listId = options.list;
    if ((itemId === undefined) === (listId === undefined))
      throw new CliError('Give exactly one of an item_id or --list <list_id>');
    const store = await openStore({ kind: 'embedded', dataDir: options.dataDir });
    try {
      if (listId !== undefined) {
        const detached = await removeListFromStore(store, listId, options.namespace);
        io.out(
          `removed list ${listId}${detached.length === 0 ? '' : ` (detached from ${detached.join(', ')})`}`
        );
      } else if (itemId !== undefined) {
        if (!(await store.exceptions.removeItem(itemId, options.namespace)))
          throw new CliError(itemMissingMessage(itemId));
        io.out(`removed item ${itemId}`);
      }
    } finally {
      store.close();
    }
  });
};
