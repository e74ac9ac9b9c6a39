/**
 * How the routes read numbers, times and ids from a request. Each value is bounded to the ranges
 * in common/api/request_bounds.ts, so nothing a store cannot bind (or a `Date` cannot hold)
 * reaches a handler: outside them the request gets a 400 naming the parameter and its range.
 * Messages quote at most MAX_QUOTED_CHARS of what was sent.
 */
import { z } from 'zod';
import { parseDuration } from '../../common/rules/date_math';
import { hasLoneSurrogate } from '../unicode_text';
import {
  MAX_ALERT_ID_BYTES,
  MAX_HISTOGRAM_INTERVAL_MS,
  MAX_INSTANT_MS,
  MIN_HISTOGRAM_INTERVAL_MS,
  MIN_INSTANT_MS,
} from '../../common/api/request_bounds';

/** Longest part of a refused value an error message repeats (a 1 MB value is not echoed back). */
export const MAX_QUOTED_CHARS = 64;

const KIND_NAMES: Readonly<Record<string, string>> = {
  object: 'an object',
  undefined: 'nothing',
  boolean: 'a boolean',
};

/** What a non-text value was, for a message. */
const kindOf = (value: unknown): string => {
  if (Array.isArray(value)) return 'a list';
  if (value === null || typeof value === 'number') return String(value);
  return KIND_NAMES[typeof value] ?? `a ${typeof value}`;
};

/** A refused value for a message: text JSON-quoted and cut to MAX_QUOTED_CHARS, other values by kind. */
export const quoted = (value: unknown): string =>
  typeof value === 'string'
    ? JSON.stringify(
        value.length > MAX_QUOTED_CHARS ? `${value.slice(0, MAX_QUOTED_CHARS)}…` : value
      )
    : kindOf(value);

const DECIMAL_DIGITS = /^\d+$/;
const EPOCH_MS = /^-?\d+$/;
/** Calendar date, optionally with a time and zone: the ISO 8601 forms `Date.parse` reads the same everywhere. */
const ISO_8601 =
  /^[+-]?\d{4,6}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

const INSTANT_RANGE = `${new Date(MIN_INSTANT_MS).toISOString()} to ${new Date(MAX_INSTANT_MS).toISOString()} (epoch ms ${MIN_INSTANT_MS} to ${MAX_INSTANT_MS})`;
const INTERVAL_RANGE = `${MIN_HISTOGRAM_INTERVAL_MS}ms to ${MAX_HISTOGRAM_INTERVAL_MS / 86_400_000}d (${MAX_HISTOGRAM_INTERVAL_MS} ms)`;

const within = (value: number, min: number, max: number): boolean =>
  Number.isSafeInteger(value) && value >= min && value <= max;

const instantMs = (value: unknown): number => {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return Number.NaN;
  if (EPOCH_MS.test(value)) return Number(value);
  return ISO_8601.test(value) ? Date.parse(value) : Number.NaN;
};

/** An instant: ISO 8601 or whole epoch milliseconds, within the range a `Date` holds. */
export const instant = (name: string) =>
  z.unknown().transform((value, ctx): number => {
    const ms = instantMs(value);
    if (within(ms, MIN_INSTANT_MS, MAX_INSTANT_MS)) return ms;
    ctx.addIssue({
      code: 'custom',
      message: `${name} must be a time from ${INSTANT_RANGE}, in ISO 8601 or whole epoch milliseconds (got ${quoted(value)})`,
    });
    return z.NEVER;
  });

/** A whole number in decimal (a query string's text, or a JSON number) from `min` to `max`. */
export const wholeNumber = (name: string, min: number, max: number) =>
  z.unknown().transform((value, ctx): number => {
    const number =
      typeof value === 'number'
        ? value
        : typeof value === 'string' && DECIMAL_DIGITS.test(value)
          ? Number(value)
          : Number.NaN;
    if (within(number, min, max)) return number;
    const message = !Number.isInteger(number)
      ? `${name} must be a whole number from ${min} to ${max}`
      : number < min
        ? `${name} is at least ${min}`
        : `${name} is at most ${max}`;
    ctx.addIssue({ code: 'custom', message: `${message} (got ${quoted(value)})` });
    return z.NEVER;
  });

const intervalMs = (value: unknown): number => {
  if (typeof value !== 'string') return Number.NaN;
  if (DECIMAL_DIGITS.test(value)) return Number(value);
  const parsed = parseDuration(value);
  return parsed.ok ? parsed.value : Number.NaN;
};

/** A histogram interval: milliseconds, or a duration such as `30m`, within the histogram bounds. */
export const histogramInterval = (name: string) =>
  z.unknown().transform((value, ctx): number => {
    const ms = intervalMs(value);
    if (within(ms, MIN_HISTOGRAM_INTERVAL_MS, MAX_HISTOGRAM_INTERVAL_MS)) return ms;
    ctx.addIssue({
      code: 'custom',
      message: `${name} must be from ${INTERVAL_RANGE}, in milliseconds or a duration such as 30m or 1h (got ${quoted(value)})`,
    });
    return z.NEVER;
  });

const durationText = (ms: number): string =>
  ms % 86_400_000 === 0
    ? `${ms / 86_400_000}d`
    : ms % 3_600_000 === 0
      ? `${ms / 3_600_000}h`
      : `${ms / 60_000}m`;

/**
 * A duration such as `5m`, `1h` or `7d` (a positive whole number and s, m, h or d) from `min` to
 * `max` ms; the handler gets it as given and in ms.
 */
export const duration = (name: string, min: number, max: number) =>
  z.unknown().transform((value, ctx): { readonly text: string; readonly ms: number } => {
    const parsed = typeof value === 'string' ? parseDuration(value) : undefined;
    if (typeof value === 'string' && parsed?.ok === true && within(parsed.value, min, max))
      return { text: value, ms: parsed.value };
    ctx.addIssue({
      code: 'custom',
      message: `${name} must be a duration from ${durationText(min)} to ${durationText(max)}, such as 5m, 1h or 24h (got ${quoted(value)})`,
    });
    return z.NEVER;
  });

const idProblem = (name: string, value: string, limit: string): string | undefined => {
  if (value.length === 0) return `${name} must not be empty`;
  if (hasLoneSurrogate(value))
    return `${name} must be well-formed Unicode text (it holds a lone surrogate)`;
  const bytes = Buffer.byteLength(value, 'utf8');
  return bytes > MAX_ALERT_ID_BYTES
    ? `${name} is at most ${MAX_ALERT_ID_BYTES} bytes${limit} (got ${bytes})`
    : undefined;
};

const idText = (name: string, limit: string) =>
  z.unknown().transform((value, ctx): string => {
    const problem =
      typeof value === 'string'
        ? idProblem(name, value, limit)
        : `${name} must be a string (got ${quoted(value)})`;
    if (typeof value === 'string' && problem === undefined) return value;
    ctx.addIssue({ code: 'custom', message: problem ?? name });
    return z.NEVER;
  });

/** An alert id: text that could be an Elasticsearch `_id` (well-formed, 1 to MAX_ALERT_ID_BYTES bytes). */
export const alertId = (name: string) => idText(name, ", an Elasticsearch _id's limit");

/**
 * A rule_id: any text, as Kibana's detection rules take it (imported rules are not UUIDs), within
 * the bounds of an id (well-formed, 1 to MAX_ALERT_ID_BYTES bytes).
 */
export const ruleId = (name: string) => idText(name, '');

/** What is wrong with a rule_id, or undefined when it is one. */
export const ruleIdProblem = (name: string, value: string): string | undefined =>
  idProblem(name, value, '');

/** `a,b,c` in a query string → a list of allowed values. */
export const commaList = <T extends string>(allowed: readonly T[], name: string) =>
  z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item.length > 0)
    )
    .pipe(
      z.array(
        z.enum(allowed as [T, ...T[]], { error: `${name} must be one of ${allowed.join(', ')}` })
      )
    );
