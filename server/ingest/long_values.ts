/**
 * Whole numbers too long for a double to tell apart. JSON.parse reads 9223372036854775807 (the
 * largest long) and 9223372036854775808 (one past it) as the same double, so a long field's range
 * check needs the number's text. Elasticsearch refuses the second ("out of range").
 *
 * Every number past the range that the double check lets through reads as the double at the
 * range's edge (±2^63 for long, 2^64 for unsigned_long), so the line's text is walked only when a
 * long field holds such a value: never for ordinary events. The walk finds every whole number of
 * 19 or more digits — bare, or a string holding just the number (Elasticsearch coerces numeric
 * strings) — with the field path it sits at.
 */
import { jsonTokens } from './json_text';

/** The doubles an out-of-range whole number can read as and still pass the double check. */
const EDGE_DOUBLES: Readonly<Record<string, readonly number[]>> = {
  long: [2 ** 63, -(2 ** 63)],
  unsigned_long: [2 ** 64],
};
const WHOLE_NUMBER = /^-?\d{19,}$/;
/** More digits than any bound below has (2^64 has 20): outside without parsing a BigInt of a million digits. */
const MAX_RANGE_DIGITS = 20;

const RANGES: Readonly<Record<string, readonly [bigint, bigint]>> = {
  long: [-(2n ** 63n), 2n ** 63n - 1n],
  unsigned_long: [0n, 2n ** 64n - 1n],
};

interface Frame {
  /** Dotted path of the object or array (arrays add no segment, as in flattened documents). */
  readonly path: string;
  readonly isObject: boolean;
  key?: string;
}

const joinPath = (parent: string, key: string): string =>
  parent === '' ? key : `${parent}.${key}`;

/** The path a value token takes in the innermost open container. */
const valuePath = (frame: Frame | undefined): string | undefined => {
  if (frame === undefined) return undefined;
  if (!frame.isObject) return frame.path;
  return frame.key === undefined ? undefined : joinPath(frame.path, frame.key);
};

const numberText = (token: string): string | undefined => {
  const text = token.startsWith('"') ? (JSON.parse(token) as string) : token;
  return WHOLE_NUMBER.test(text) ? text : undefined;
};

/** Field path → the long whole numbers written there, for a valid JSON object line. */
const longNumbersByPath = (text: string): Map<string, string[]> => {
  const found = new Map<string, string[]>();
  const open: Frame[] = [];
  let expectingKey = false;
  for (const token of jsonTokens(text)) {
    const frame = open[open.length - 1];
    if (token === '{' || token === '[') {
      open.push({ path: valuePath(frame) ?? '', isObject: token === '{' });
      expectingKey = token === '{';
    } else if (token === '}' || token === ']') {
      open.pop();
    } else if (token === ',') {
      expectingKey = frame?.isObject === true;
    } else if (token !== ':') {
      if (expectingKey && frame !== undefined) {
        frame.key = JSON.parse(token) as string;
        expectingKey = false;
        continue;
      }
      const path = valuePath(frame);
      const number = numberText(token);
      if (path === undefined || number === undefined) continue;
      const numbers = found.get(path);
      if (numbers === undefined) found.set(path, [number]);
      else numbers.push(number);
    }
  }
  return found;
};

export interface LongRangeProblem {
  readonly field: string;
  readonly esType: string;
  readonly text: string;
}

export interface TypedValues {
  readonly field: string;
  readonly esType: string;
  readonly values: readonly unknown[];
}

const isOutside = (number: string, [min, max]: readonly [bigint, bigint]): boolean => {
  const digits = number.replace(/^-?0*/, '');
  if (digits.length > MAX_RANGE_DIGITS) return true;
  const value = BigInt(number);
  return value < min || value > max;
};

const atRangeEdge = ({ esType, values }: TypedValues): boolean =>
  EDGE_DOUBLES[esType]?.some((edge) => values.includes(edge)) ?? false;

/**
 * The first whole number in `text` outside the range of its field's type, given the line's
 * prepared fields. `pathPrefix` is stripped from paths (a search hit's "_source.").
 */
export const longOutOfRange = (
  text: string,
  fields: readonly TypedValues[],
  pathPrefix = ''
): LongRangeProblem | undefined => {
  if (!fields.some(atRangeEdge)) return undefined;
  // A map, not a search per path: a line may hold 100,000 fields.
  const esTypes = new Map(fields.map((prepared) => [prepared.field, prepared.esType]));
  const esTypeOf = (field: string): string | undefined => esTypes.get(field);
  for (const [path, numbers] of longNumbersByPath(text)) {
    if (!path.startsWith(pathPrefix)) continue;
    const field = path.slice(pathPrefix.length);
    const esType = esTypeOf(field);
    const range = esType === undefined ? undefined : RANGES[esType];
    if (esType === undefined || range === undefined) continue;
    const outside = numbers.find((number) => isOutside(number, range));
    if (outside !== undefined) return { field, esType, text: outside };
  }
  return undefined;
};
