/**
 * Date math (`now-14d`, `now/d`, ISO-8601 `2024-01-01T00:00:00Z||-1d`) and schedule durations (`5m`)
 * as Kibana's detection engine understands them. Rule validation and the executor both go through
 * here so "valid" means the same thing everywhere. Browser-safe: no Node APIs.
 */
import dateMath from '@elastic/datemath';
import moment from 'moment';

export type DateMathResult<T> = { ok: true; value: T } | { ok: false; error: string };

const NOW = 'now';
const ANCHOR_SEPARATOR = '||';

/**
 * Parses a date-math expression against `now`. `roundUp` rounds `/unit` to the end of the unit
 * (what Kibana does for the `to` end of a range).
 */
export const parseDateMath = (expr: string, now: Date, roundUp = false): DateMathResult<Date> => {
  const invalid = (): DateMathResult<Date> => ({
    ok: false,
    error: `'${expr}' is not valid date math (expected e.g. "now-14d", "now/d" or an ISO-8601 timestamp)`,
  });
  const trimmed = expr.trim();
  if (trimmed.length === 0 || trimmed !== expr) return invalid();
  if (!hasValidAnchor(expr)) return invalid();
  const parsed = dateMath.parse(expr, { forceNow: now, roundUp });
  if (parsed === undefined || !parsed.isValid()) return invalid();
  return { ok: true, value: parsed.toDate() };
};

export const isValidDateMath = (expr: string): boolean => parseDateMath(expr, new Date()).ok;

/**
 * @elastic/datemath hands a non-`now` anchor to `moment(string)`, which accepts almost anything
 * through a deprecated fallback (and logs a warning). Kibana documents ISO-8601 only, so check the
 * anchor strictly first.
 */
const hasValidAnchor = (expr: string): boolean => {
  if (expr.startsWith(NOW)) return true;
  const separatorAt = expr.indexOf(ANCHOR_SEPARATOR);
  const anchor = separatorAt === -1 ? expr : expr.substring(0, separatorAt);
  return moment(anchor, moment.ISO_8601, true).isValid();
};

const MS_PER_UNIT = {
  s: 1000,
  m: 60 * 1000,
  h: 60 * 60 * 1000,
  d: 24 * 60 * 60 * 1000,
} as const;

type DurationUnit = keyof typeof MS_PER_UNIT;

/** Same shape the alerting framework accepts for `schedule.interval`: a positive integer and one unit. */
const DURATION_PATTERN = /^([1-9][0-9]*)([smhd])$/;

const isDurationUnit = (unit: string): unit is DurationUnit => unit in MS_PER_UNIT;

/** `'5m'` → 300000. Supports s, m, h, d. */
export const parseDuration = (expr: string): DateMathResult<number> => {
  const match = DURATION_PATTERN.exec(expr);
  const amount = match?.[1];
  const unit = match?.[2];
  if (amount === undefined || unit === undefined || !isDurationUnit(unit)) {
    return {
      ok: false,
      error: `'${expr}' is not a valid duration (expected a positive integer followed by s, m, h or d, e.g. "5m")`,
    };
  }
  const ms = Number(amount) * MS_PER_UNIT[unit];
  if (!Number.isSafeInteger(ms)) {
    return { ok: false, error: `'${expr}' is too large a duration` };
  }
  return { ok: true, value: ms };
};

export const isValidDuration = (expr: string): boolean => parseDuration(expr).ok;
