/**
 * Index names Elasticsearch refuses to create. An exported hit's `_index` (or a `data_stream.*`
 * triple) comes from the data: `../../../etc/passwd` or `Logs` would be kept by the embedded store
 * but refused by Elasticsearch, so both stores refuse the line with Elasticsearch's reason.
 *
 * Rules, their order and wording as Elasticsearch 8.19 answers a bulk `create` into such a name
 * (tried on the test cluster; each combination of two faults showed which check comes first):
 * forbidden characters, empty, `#`, `:`, first character, byte length, `.`/`..`, lower case.
 */
import { quoted } from './reasons';

/** Characters no index name may hold, in the order Elasticsearch lists them. */
const FORBIDDEN_CHARACTERS: readonly string[] = [' ', '"', '*', ',', '/', '<', '>', '?', '\\', '|'];
const FORBIDDEN_LIST = `[${FORBIDDEN_CHARACTERS.map((character) => `'${character}'`).join(',')}]`;
const FORBIDDEN_FIRST_CHARACTERS = new Set(['_', '-', '+']);
/** Elasticsearch's MAX_INDEX_NAME_BYTES, counted in UTF-8. */
export const MAX_INDEX_NAME_BYTES = 255;

const invalid = (name: string, problem: string): string =>
  `Invalid index name [${quoted(name)}], ${problem}`;

const problemOf = (name: string): string | undefined => {
  if (FORBIDDEN_CHARACTERS.some((character) => name.includes(character))) {
    return `must not contain the following characters ${FORBIDDEN_LIST}`;
  }
  if (name.length === 0) return 'must not be empty';
  if (name.includes('#')) return "must not contain '#'";
  if (name.includes(':')) return "must not contain ':'";
  if (FORBIDDEN_FIRST_CHARACTERS.has(name.charAt(0))) return "must not start with '_', '-', or '+'";
  const bytes = Buffer.byteLength(name);
  if (bytes > MAX_INDEX_NAME_BYTES)
    return `index name is too long, (${bytes} > ${MAX_INDEX_NAME_BYTES})`;
  if (name === '.' || name === '..') return "must not be '.' or '..'";
  if (name.toLowerCase() !== name) return 'must be lowercase';
  return undefined;
};

/** Elasticsearch's reason for refusing `name` as an index name; undefined when it would create it. */
export const indexNameProblem = (name: string): string | undefined => {
  const problem = problemOf(name);
  return problem === undefined ? undefined : invalid(name, problem);
};
