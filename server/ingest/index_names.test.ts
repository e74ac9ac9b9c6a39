import { indexNameProblem } from './index_names';

const FORBIDDEN = `must not contain the following characters [' ','"','*',',','/','<','>','?','\\','|']`;

// Each expectation is what Elasticsearch 8.19 answered for a bulk `create` into that name (the
// ES-backed suite in test/reliability/extreme_lines.test.ts checks them against the node again).
describe('indexNameProblem', () => {
  it.each([
    ['../../../etc/passwd', FORBIDDEN],
    ['a b', FORBIDDEN],
    ['a,b', FORBIDDEN],
    ['a\\b', FORBIDDEN],
    ['a|b', FORBIDDEN],
    ['', 'must not be empty'],
    ['a#b', "must not contain '#'"],
    ['a:b', "must not contain ':'"],
    ['_hidden', "must not start with '_', '-', or '+'"],
    ['-dash', "must not start with '_', '-', or '+'"],
    ['+plus', "must not start with '_', '-', or '+'"],
    ['.', "must not be '.' or '..'"],
    ['..', "must not be '.' or '..'"],
    ['Logs', 'must be lowercase'],
    ['x'.repeat(256), 'index name is too long, (256 > 255)'],
    ['é'.repeat(128), 'index name is too long, (256 > 255)'],
  ])('refuses %j: %s', (name, problem) => {
    expect(indexNameProblem(name)).toMatch(
      new RegExp(`^Invalid index name \\[.*\\], ${problem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)
    );
  });

  it.each([
    ['logs-endpoint.events.process-default'],
    ['.ds-like'],
    ['x'.repeat(255)],
    ['a\u0000b'],
    ['a\tb'],
    ['日本'],
  ])('accepts %j', (name) => {
    expect(indexNameProblem(name)).toBeUndefined();
  });

  it('checks in Elasticsearch’s order when a name breaks several rules', () => {
    expect(indexNameProblem('A b')).toContain(FORBIDDEN);
    expect(indexNameProblem('a:#')).toContain("must not contain '#'");
    expect(indexNameProblem('_a:')).toContain("must not contain ':'");
    expect(indexNameProblem(`_${'x'.repeat(300)}`)).toContain(
      "must not start with '_', '-', or '+'"
    );
    expect(indexNameProblem(`A${'x'.repeat(300)}`)).toContain(
      'index name is too long, (301 > 255)'
    );
    expect(indexNameProblem('_UP')).toContain("must not start with '_', '-', or '+'");
  });

  it('quotes a name of 200 KB in a bounded reason', () => {
    const reason = indexNameProblem('x'.repeat(200_000)) ?? '';
    expect(reason).toMatch(
      /^Invalid index name \[x+\.\.\.\(200000 characters\)\.\.\.x+\], index name is too long, \(200000 > 255\)$/
    );
    expect(reason.length).toBeLessThan(200);
  });
});
