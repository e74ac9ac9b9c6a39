import { BENCH_PARTS, parseCount, parseCounts, selectParts } from './options';

describe('parseCount', () => {
  it('reads plain, grouped and suffixed counts', () => {
    expect(parseCount('20000', '--events')).toBe(20_000);
    expect(parseCount('1,000,000', '--events')).toBe(1_000_000);
    expect(parseCount('1_000_000', '--events')).toBe(1_000_000);
    expect(parseCount('20k', '--events')).toBe(20_000);
    expect(parseCount('1M', '--events')).toBe(1_000_000);
    expect(parseCount('2.5m', '--events')).toBe(2_500_000);
  });

  it('refuses what is not a positive whole number, naming the flag', () => {
    for (const bad of ['0', '-1', '1.5', 'abc', '', '1g', '0.0001k']) {
      expect(() => parseCount(bad, '--runs')).toThrow(/--runs/);
    }
  });
});

describe('parseCounts', () => {
  it('keeps the order given and drops repeats and empty items', () => {
    expect(parseCounts('1M, 20k,,1000000', '--events')).toEqual([1_000_000, 20_000]);
  });
});

describe('selectParts', () => {
  it('runs every part by default', () => {
    expect([...selectParts(undefined, undefined)]).toEqual([...BENCH_PARTS]);
  });

  it('keeps only the parts --only names, minus those --skip names', () => {
    expect([...selectParts('execute, KQL', undefined)]).toEqual(['execute', 'kql']);
    expect([...selectParts(undefined, 'ingest,api')]).toEqual([
      'execute',
      'replay',
      'kql',
      'floors',
      'scan',
    ]);
    expect([...selectParts('scan,ingest,floors', undefined)]).toEqual(['scan', 'ingest', 'floors']);
    expect([...selectParts('ingest,execute', 'ingest')]).toEqual(['execute']);
  });

  it('refuses unknown parts and a selection that leaves nothing', () => {
    expect(() => selectParts('ingest,search', undefined)).toThrow(/--only .*"search"/);
    expect(() => selectParts(undefined, 'nope')).toThrow(/--skip/);
    expect(() => selectParts('api', 'api')).toThrow(/nothing to run/);
  });
});
