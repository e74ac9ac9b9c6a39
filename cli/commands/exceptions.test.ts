/**
 * `ctd exceptions list|import|export` through the real CLI and embedded store: the export
 * fixture's exception list in, listed with the rule naming it, Kibana's conflict message on a
 * second import, and Kibana's exception export out, which imports again.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { collectExceptions, readExceptionFile } from '../../common/exceptions/exception_file';
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
