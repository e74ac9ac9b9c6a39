/**
 * `ctd kql translate|test` driven through the real CLI: exit codes 0 / 1 / 2, documents from a
 * file and from stdin, syntax errors pointing at the offending character.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { runCtd, spawnCtd } from '../../test/helpers/cli_harness';
import { EXIT_NO_MATCH, EXIT_SYNTAX_ERROR } from './kql';

const INTERACTIVE_BASH = {
  '@timestamp': '2025-03-12T10:15:42.123Z',
  process: { name: 'bash', pid: 4242, interactive: true, args: ['bash', '-i'] },
  user: { name: 'root' },
};

/** Every clause of `kind` (`term`, `range`, ...) anywhere in a query DSL tree. */
const clausesOf = (dsl: unknown, kind: string): unknown[] => {
  if (Array.isArray(dsl)) return dsl.flatMap((item) => clausesOf(item, kind));
  if (typeof dsl !== 'object' || dsl === null) return [];
  return Object.entries(dsl as Record<string, unknown>).flatMap(([key, value]) =>
    key === kind ? [value] : clausesOf(value, kind)
  );
};

describe('ctd kql test', () => {
  let dir: string;
  let docFile: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-kql-'));
    docFile = path.join(dir, 'event.json');
    fs.writeFileSync(docFile, JSON.stringify(INTERACTIVE_BASH));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const writeDoc = (name: string, content: string): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };

  it('prints "match" and exits 0 when the document from a file matches', async () => {
    const run = await runCtd([
      'kql',
      'test',
      'process.name:bash and process.interactive:true',
      docFile,
    ]);
    expect(run).toMatchObject({ code: 0, out: 'match', err: '' });
  });

  it('prints "no match" and exits 1 when it does not', async () => {
    const run = await runCtd(['kql', 'test', 'process.name:sh or user.name:alice', docFile]);
    expect(run).toMatchObject({ code: EXIT_NO_MATCH, out: 'no match' });
    expect(EXIT_NO_MATCH).toBe(1);
  });

  it('matches array values element by element and numeric ranges by value', async () => {
    expect((await runCtd(['kql', 'test', 'process.args:"-i"', docFile])).code).toBe(0);
    expect(
      (await runCtd(['kql', 'test', 'process.pid >= 4242 and process.pid < 4243', docFile])).code
    ).toBe(0);
    expect((await runCtd(['kql', 'test', 'process.pid > 4242', docFile])).code).toBe(1);
  });

  it('exits 2 on a syntax error with its line and column, the query and a caret under the error column', async () => {
    const query = 'process.name:(';
    const run = await runCtd(['kql', 'test', query, docFile]);
    expect(run.code).toBe(EXIT_SYNTAX_ERROR);
    expect(EXIT_SYNTAX_ERROR).toBe(2);
    expect(run.out).toBe('');
    const [message, echoed, caret] = run.err.split('\n');
    expect(message).toMatch(/^line 1, column 15: Expected .* but end of input found\.$/);
    expect(echoed).toBe(query);
    // The error is at the end of input: column 15, so the caret follows 14 spaces.
    expect(caret).toBe(`${' '.repeat(query.length)}^`);
  });

  it('points the caret at an unexpected character in the middle of a query', async () => {
    const query = 'process.name:bash and )';
    const run = await runCtd(['kql', 'test', query, docFile]);
    expect(run.code).toBe(2);
    const lines = run.err.split('\n');
    expect(lines[0]).toContain('")" found');
    expect(lines[2]).toBe(`${' '.repeat(query.indexOf(')'))}^`);
  });

  it('shows only the offending line of a multi-line query, with the caret under its column', async () => {
    const query = 'process.name:bash and\nuser.name:(';
    const run = await runCtd(['kql', 'test', query, docFile]);
    expect(run.code).toBe(2);
    const [message, echoed, caret] = run.err.split('\n');
    expect(message).toMatch(/^line 2, column 12: /);
    expect(echoed).toBe('user.name:(');
    expect(caret).toBe(`${' '.repeat('user.name:('.length)}^`);
  });

  it('reports the syntax error before looking at the document', async () => {
    const run = await runCtd(['kql', 'test', 'a:(', path.join(dir, 'does-not-exist.json')]);
    expect(run.code).toBe(2);
    expect(run.err).toContain('end of input');
  });

  it('exits 2 when the document cannot be read, is not JSON, or is not one object', async () => {
    const missing = path.join(dir, 'missing.json');
    const notJson = writeDoc('not_json.json', '{"process":');
    const array = writeDoc('array.json', '[{"process":{"name":"bash"}}]');
    const scalar = writeDoc('scalar.json', '"bash"');

    const unreadable = await runCtd(['kql', 'test', 'process.name:bash', missing]);
    expect(unreadable).toMatchObject({ code: 2, out: '' });
    expect(unreadable.err).toContain(`Cannot read ${missing}`);

    const invalid = await runCtd(['kql', 'test', 'process.name:bash', notJson]);
    expect(invalid.code).toBe(2);
    expect(invalid.err).toContain(`${notJson} is not valid JSON`);

    for (const file of [array, scalar]) {
      const run = await runCtd(['kql', 'test', 'process.name:bash', file]);
      expect(run.code).toBe(2);
      expect(run.err).toBe(`${file} must hold one JSON object (an event)`);
    }
  });

  it('reads the document from stdin with "-" (real process: exit code 0 on match)', async () => {
    const run = await spawnCtd(
      ['kql', 'test', 'user.name:root', '-'],
      JSON.stringify(INTERACTIVE_BASH)
    );
    expect(run).toEqual({ code: 0, out: 'match', err: '' });
  });

  it('exits 1 from a real process when the stdin document does not match', async () => {
    const run = await spawnCtd(
      ['kql', 'test', 'user.name:alice', '-'],
      JSON.stringify(INTERACTIVE_BASH)
    );
    expect(run).toEqual({ code: 1, out: 'no match', err: '' });
  });

  it('exits 2 from a real process on a syntax error', async () => {
    const run = await spawnCtd(['kql', 'test', 'process.name:(', '-'], '{}');
    expect(run.code).toBe(2);
    expect(run.err.split('\n')[1]).toBe('process.name:(');
  });
});

describe('ctd kql translate', () => {
  it('prints the query DSL as JSON: a keyword match becomes a term query', async () => {
    const run = await runCtd(['kql', 'translate', 'process.name:bash']);
    expect(run.code).toBe(0);
    const dsl: unknown = JSON.parse(run.out);
    expect(clausesOf(dsl, 'term')).toEqual([{ 'process.name': { value: 'bash' } }]);
  });

  it('translates a range on a numeric field and a negation', async () => {
    const run = await runCtd(['kql', 'translate', 'process.pid > 100 and not user.name:root']);
    expect(run.code).toBe(0);
    const dsl: unknown = JSON.parse(run.out);
    // KQL keeps range values as the text typed (Kibana sends "100" and lets Elasticsearch coerce).
    expect(clausesOf(dsl, 'range')).toEqual([{ 'process.pid': { gt: '100' } }]);
    const [negated] = clausesOf(dsl, 'must_not');
    expect(clausesOf(negated, 'term')).toEqual([{ 'user.name': { value: 'root' } }]);
  });

  it('exits 2 with the caret on a syntax error', async () => {
    const run = await runCtd(['kql', 'translate', 'process.name:(']);
    expect(run.code).toBe(2);
    expect(run.out).toBe('');
    expect(run.err.split('\n').slice(1)).toEqual(['process.name:(', `${' '.repeat(14)}^`]);
  });
});
