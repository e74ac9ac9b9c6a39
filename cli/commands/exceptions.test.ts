/**
 * `ctd exceptions list|import|export|add|remove` through the real CLI and embedded store: the
 * export fixture's exception list in, listed with the rule naming it, Kibana's conflict message on
 * a second import, and Kibana's exception export out, which imports again; items added to an
 * installed prebuilt rule's default list, and items and lists removed (a list also from the rules
 * naming it).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { collectExceptions, readExceptionFile } from '../../common/exceptions/exception_file';
import type {
  ExceptionList,
  ExceptionListItem,
  ExceptionSet,
} from '../../common/exceptions/exception_schema';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import type { NewTermsRuleDefinition } from '../../common/rules/rule_schema';
import { runCtd } from '../../test/helpers/cli_harness';
import { KIBANA_EXPORT_FILE } from '../../test/helpers/rule_fixtures';

describe('ctd exceptions', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-exceptions-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("imports a rule export's exception list, lists it with the rule naming it, and exports it", async () => {
    const imported = await runCtd([
      'exceptions',
      'import',
      KIBANA_EXPORT_FILE,
      '--data-dir',
      dataDir,
    ]);
    expect(imported.code).toBe(0);
    expect(imported.out.split('\n')).toEqual([
      'imported list container-allowlist',
      'imported item runc-parent',
    ]);
    await runCtd(['rules', 'import', KIBANA_EXPORT_FILE, '--overwrite', '--data-dir', dataDir]);
    const listed = await runCtd(['exceptions', 'list', '--data-dir', dataDir]);
    const [header, , row] = listed.out.split('\n');
    expect(header).toMatch(/^LIST ID\s+NAMESPACE\s+NAME\s+ITEMS\s+NAMED BY$/);
    expect(row).toMatch(/^container-allowlist\s+single\s+.+\s+1\s+container-shell-parent$/);

    const again = await runCtd(['exceptions', 'import', KIBANA_EXPORT_FILE, '--data-dir', dataDir]);
    expect(again.code).toBe(1);
    expect(again.err).toContain(
      'Found that list_id: "container-allowlist" already exists. Import of list_id: "container-allowlist" skipped.'
    );

    const out = path.join(dataDir, 'exceptions.ndjson');
    expect((await runCtd(['exceptions', 'export', '--out', out, '--data-dir', dataDir])).code).toBe(
      0
    );
    const written = collectExceptions(readExceptionFile(fs.readFileSync(out, 'utf8')));
    expect(written.lists.map((list) => list.list_id)).toEqual(['container-allowlist']);
    expect(written.items.map((item) => item.item_id)).toEqual(['runc-parent']);
    const other = path.join(dataDir, 'other');
    expect((await runCtd(['exceptions', 'import', out, '--data-dir', other])).code).toBe(0);
  });

  it('says so when a file holds no exception list or item', async () => {
    const file = path.join(dataDir, 'empty.ndjson');
    fs.writeFileSync(file, '{"exported_count":0}\n');
    const run = await runCtd(['exceptions', 'import', file, '--data-dir', dataDir]);
    expect(run.code).toBe(1);
    expect(run.err).toContain(`No exception list or item in ${file}`);
  });
});

describe('ctd exceptions add|remove', () => {
  const rule = PREBUILT_RULES.find((each) => each.rule_id !== '');
  if (rule === undefined) throw new Error('no prebuilt rule');
  const ruleId = rule.rule_id;
  let dataDir: string;
  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-exceptions-'));
    expect((await runCtd(['rules', 'install', '--data-dir', dataDir])).code).toBe(0);
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const stored = async (): Promise<ExceptionSet> => {
    const listed = await runCtd(['exceptions', 'list', '--json', '--data-dir', dataDir]);
    expect(listed.code).toBe(0);
    return JSON.parse(listed.out) as ExceptionSet;
  };

  /** The one stored list. */
  const onlyList = async (): Promise<ExceptionList> => {
    const { lists } = await stored();
    expect(lists).toHaveLength(1);
    const [list] = lists;
    if (list === undefined) throw new Error('no list stored');
    return list;
  };

  const shownRule = async (): Promise<NewTermsRuleDefinition> => {
    const shown = await runCtd(['rules', 'show', ruleId, '--json', '--data-dir', dataDir]);
    expect(shown.code).toBe(0);
    return JSON.parse(shown.out) as NewTermsRuleDefinition;
  };

  const add = (...args: string[]) =>
    runCtd(['exceptions', 'add', ruleId, ...args, '--data-dir', dataDir]);

  it("adds items to the rule's default list, created named by the rule and then reused", async () => {
    const first = await add('--entry', 'process.name=bash', '--item-id', 'bash-ok');
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    const list = await onlyList();
    expect(first.out).toBe(`added item bash-ok to list ${list.list_id} of rule ${ruleId}`);
    expect(list).toMatchObject({
      type: 'rule_default',
      name: `Exceptions for rule - ${rule.name}`,
      namespace_type: 'single',
    });
    const table = await runCtd(['exceptions', 'list', '--data-dir', dataDir]);
    expect(table.out.split('\n')[2]).toMatch(
      new RegExp(`^${list.list_id}\\s+single\\s+Exceptions for rule - .+\\s+1\\s+${ruleId}$`)
    );
    expect((await stored()).items).toEqual([
      expect.objectContaining({
        item_id: 'bash-ok',
        list_id: list.list_id,
        name: `Exception for ${ruleId}`,
        description: '',
        entries: [{ type: 'match', field: 'process.name', value: 'bash', operator: 'included' }],
      }),
    ]);
    expect((await shownRule()).exceptions_list).toEqual([
      { id: list.id, list_id: list.list_id, type: 'rule_default', namespace_type: 'single' },
    ]);

    const second = await add(
      '--entry',
      'process.args in ["-c","a=b, c"]',
      'container.id:exists',
      '--entry',
      'process.executable!=~/usr/*',
      '--name',
      'shell with args',
      '--description',
      'known good',
      '--comment',
      'ticket 42',
      '--expire',
      '2030-01-01T00:00:00Z',
      '--json'
    );
    expect(second.code).toBe(0);
    const item = JSON.parse(second.out) as ExceptionListItem;
    expect(item).toMatchObject({
      list_id: list.list_id,
      name: 'shell with args',
      description: 'known good',
      expire_time: '2030-01-01T00:00:00Z',
      comments: [expect.objectContaining({ comment: 'ticket 42' })],
      entries: [
        {
          type: 'match_any',
          field: 'process.args',
          value: ['-c', 'a=b, c'],
          operator: 'included',
        },
        { type: 'exists', field: 'container.id', operator: 'included' },
        {
          type: 'wildcard',
          field: 'process.executable',
          value: '/usr/*',
          operator: 'excluded',
        },
      ],
    });
    const after = await stored();
    expect(after.lists.map((each) => each.list_id)).toEqual([list.list_id]);
    expect(after.items.map((each) => each.item_id).sort()).toEqual(
      ['bash-ok', item.item_id].sort()
    );
    expect((await shownRule()).exceptions_list).toHaveLength(1);
  });

  it("refuses an item_id already stored with Kibana's message", async () => {
    expect((await add('--entry', 'a=b', '--item-id', 'taken')).code).toBe(0);
    const again = await add('--entry', 'c=d', '--item-id', 'taken');
    expect(again.code).toBe(1);
    expect(again.err).toBe('exception list item id: "taken" already exists');
    expect((await stored()).items).toHaveLength(1);
  });

  it('refuses an --entry it cannot read or the schema refuses, naming it, and stores nothing', async () => {
    const unreadable = await add('--entry', 'process.name bash');
    expect(unreadable.code).toBe(1);
    expect(unreadable.err).toBe(
      '--entry "process.name bash": write field=value, field!=value, field=~pattern, field!=~pattern, field:exists, field:!exists, field in [json], field not in [json]'
    );
    const empty = await add('--entry', 'process.name=');
    expect(empty.code).toBe(1);
    expect(empty.err).toBe('--entry "process.name=": value: No empty strings allowed');
    const expire = await add('--entry', 'a=b', '--expire', '2030-01-01');
    expect(expire.code).toBe(1);
    expect(expire.err).toContain('--expire "2030-01-01": Invalid ISO datetime');
    const missing = await add();
    expect(missing.code).not.toBe(0);
    expect(missing.err).toContain("required option '--entry <entry...>' not specified");
    expect(await stored()).toEqual({ lists: [], items: [] });
  });

  it('refuses a rule that is not installed', async () => {
    const run = await runCtd([
      'exceptions',
      'add',
      'no-such-rule',
      '--entry',
      'a=b',
      '--data-dir',
      dataDir,
    ]);
    expect(run.code).toBe(1);
    expect(run.err).toBe('Rule no-such-rule is not installed; install it first');
    expect(await stored()).toEqual({ lists: [], items: [] });
  });

  it("removes an item, and says so with Kibana's message when there is none", async () => {
    await add('--entry', 'a=b', '--item-id', 'one');
    await add('--entry', 'c=d', '--item-id', 'two');
    const removed = await runCtd(['exceptions', 'remove', 'one', '--data-dir', dataDir]);
    expect(removed.code).toBe(0);
    expect(removed.out).toBe('removed item one');
    expect((await stored()).items.map((item) => item.item_id)).toEqual(['two']);

    const again = await runCtd(['exceptions', 'remove', 'one', '--data-dir', dataDir]);
    expect(again.code).toBe(1);
    expect(again.err).toBe('exception list item item_id: "one" does not exist');
    const otherNamespace = await runCtd([
      'exceptions',
      'remove',
      'two',
      '--namespace',
      'agnostic',
      '--data-dir',
      dataDir,
    ]);
    expect(otherNamespace.code).toBe(1);
    expect(otherNamespace.err).toBe('exception list item item_id: "two" does not exist');
    expect((await stored()).items).toHaveLength(1);
  });

  it('removes a list with its items and takes it out of the rule naming it', async () => {
    await add('--entry', 'a=b');
    await add('--entry', 'c=d');
    const list = await onlyList();
    const removed = await runCtd([
      'exceptions',
      'remove',
      '--list',
      list.list_id,
      '--data-dir',
      dataDir,
    ]);
    expect(removed.code).toBe(0);
    expect(removed.out).toBe(`removed list ${list.list_id} (detached from ${ruleId})`);
    expect(await stored()).toEqual({ lists: [], items: [] });
    expect((await shownRule()).exceptions_list).toEqual([]);

    const again = await runCtd([
      'exceptions',
      'remove',
      '--list',
      list.list_id,
      '--data-dir',
      dataDir,
    ]);
    expect(again.code).toBe(1);
    expect(again.err).toBe(`exception list list_id: "${list.list_id}" does not exist`);

    // A new default list is made on the next add.
    expect((await add('--entry', 'e=f')).code).toBe(0);
    const next = await onlyList();
    expect(next.list_id).not.toBe(list.list_id);
    expect((await shownRule()).exceptions_list).toEqual([
      expect.objectContaining({ list_id: next.list_id }),
    ]);
  });

  it('takes exactly one of an item_id or --list', async () => {
    for (const args of [[], ['one', '--list', 'two']]) {
      const run = await runCtd(['exceptions', 'remove', ...args, '--data-dir', dataDir]);
      expect(run.code).toBe(1);
      expect(run.err).toBe('Give exactly one of an item_id or --list <list_id>');
    }
  });
});
