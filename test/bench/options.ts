/** The benchmark's command-line values: sizes, counts and which parts to run. */

/**
 * The parts of a benchmark run, in the order the report prints them (floors and scan, added last,
 * print together as the last section so the earlier sections keep their numbers).
 */
export const BENCH_PARTS = ['ingest', 'execute', 'replay', 'kql', 'api', 'floors', 'scan'] as const;
export type BenchPart = (typeof BENCH_PARTS)[number];

const SUFFIXES: Readonly<Record<string, number>> = { '': 1, k: 1_000, m: 1_000_000 };

/** `20000`, `20k`, `1M`, `1,000,000`, `1_000_000` → a positive integer. */
export const parseCount = (text: string, name: string): number => {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim().replace(/[,_]/g, ''));
  const multiplier = match ? SUFFIXES[(match[2] ?? '').toLowerCase()] : undefined;
  const value = match && multiplier !== undefined ? Number(match[1]) * multiplier : NaN;
  if (!Number.isInteger(value) || value < 1)
    throw new Error(
      `${name} takes a positive whole number such as 20000, 20k or 1M (got "${text}")`
    );
  return value;
};

/** A comma-separated list of counts, in the order given, without repeats. */
export const parseCounts = (text: string, name: string): number[] => [
  ...new Set(
    text
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0)
      .map((item) => parseCount(item, name))
  ),
];

const isPart = (value: string): value is BenchPart =>
  (BENCH_PARTS as readonly string[]).includes(value);

const partList = (text: string, flag: string): BenchPart[] =>
  text
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item.length > 0)
    .map((item) => {
      if (!isPart(item))
        throw new Error(`${flag} takes parts among ${BENCH_PARTS.join(', ')} (got "${item}")`);
      return item;
    });

/** The parts to run: those `--only` names (default all), minus those `--skip` names. */
export const selectParts = (
  only: string | undefined,
  skip: string | undefined
): ReadonlySet<BenchPart> => {
  const chosen = only === undefined ? [...BENCH_PARTS] : partList(only, '--only');
  const skipped = new Set(skip === undefined ? [] : partList(skip, '--skip'));
  const parts = new Set(chosen.filter((part) => !skipped.has(part)));
  if (parts.size === 0) throw new Error('nothing to run: --only/--skip leave no part');
  return parts;
};
