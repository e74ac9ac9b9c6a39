/**
 * Dates as an Elasticsearch `date` field (default format `strict_date_optional_time||epoch_millis`,
 * millisecond resolution) parses them, for indexing and for queries.
 *
 * Query-side rules mirrored from Elasticsearch:
 * - a bound that is rounded up (`lte`, `gt`, and the upper end of an exact-date `is`) fills the
 *   components the text leaves out with month 01, day 01, 23:59:59.999 (Elasticsearch's documented
 *   "missing date components" defaults); one rounded down fills 01-01T00:00:00.000. So
 *   `@timestamp:2025-03-12` covers the whole day and `@timestamp:"2025-03-12T10:15:42"` the second.
 * - `now…` and `<date>||…` date math (`+1d`, `-2h`, `/d`) via `@elastic/datemath`; the anchor of
 *   `<date>||` is never rounded up, rounding (`/d`) goes up to the unit's last millisecond when the
 *   bound is rounded up.
 * - A text without an offset is in the query's `time_zone` (Kibana's `dateFormatTZ`), documents
 *   without an offset are UTC. Date-math rounding uses that zone's UTC offset at the anchor instant
 *   (approximation: a rounding that crosses a DST change is off by the DST shift).
 * - A 4-digit number is a year (strict_date_optional_time wins over epoch_millis); other digit
 *   strings are epoch milliseconds.
 */
import datemath from '@elastic/datemath';
import moment from 'moment';

export interface DateParseOptions {
  /** Fill missing components with their maximum (see module comment). */
  readonly roundUp?: boolean;
  /** IANA zone, `UTC`/`Zulu`/`Z`, a `±HH:mm` offset, or `Browser` (the runtime's zone). Default UTC. */
  readonly timeZone?: string;
  /** What `now` means. Default: the current time. */
  readonly now?: Date;
}

const MS_PER_MINUTE = 60_000;
const ISO_DATE =
  /^([+-]?\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/;
const EPOCH_MILLIS = /^[+-]?\d+(?:\.\d+)?$/;
const YEAR_ONLY = /^\d{4}$/;
const UTC_NAMES = new Set([
  'UTC',
  'Z',
  'ZULU',
  'GMT',
  'ETC/UTC',
  'ETC/GMT',
  'ETC/ZULU',
  'UCT',
  'UNIVERSAL',
]);
const FIXED_OFFSET = /^([+-])(\d{2}):?(\d{2})$/;

function fixedOffsetMinutes(text: string): number | undefined {
  if (text === 'Z') return 0;
  const match = /^([+-])(\d{2})(?::?(\d{2}))?$/.exec(text);
  if (!match) return undefined;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? '0');
  const sign = match[1] === '-' ? -1 : 1;
  return sign * (hours * 60 + minutes);
}

function resolveZoneName(timeZone: string | undefined): string | undefined {
  if (timeZone === undefined || timeZone === '') return undefined;
  if (timeZone === 'Browser') return Intl.DateTimeFormat().resolvedOptions().timeZone;
  return timeZone;
}

/** The zone's offset from UTC in minutes at `instantMs`; undefined for an unknown zone. */
export function zoneOffsetMinutes(
  timeZone: string | undefined,
  instantMs: number
): number | undefined {
  const zone = resolveZoneName(timeZone);
  if (zone === undefined || UTC_NAMES.has(zone.toUpperCase())) return 0;
  const fixed = FIXED_OFFSET.exec(zone);
  if (fixed) return fixedOffsetMinutes(zone);
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      timeZoneName: 'longOffset',
    }).formatToParts(new Date(instantMs));
    const name = parts.find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
    return name === 'GMT' ? 0 : fixedOffsetMinutes(name.replace('GMT', ''));
  } catch {
    return undefined;
  }
}

/** Converts wall-clock milliseconds in `timeZone` to a UTC instant (two-pass, DST-aware). */
function localToUtc(localMs: number, timeZone: string | undefined): number | undefined {
  const first = zoneOffsetMinutes(timeZone, localMs);
  if (first === undefined) return undefined;
  const guess = localMs - first * MS_PER_MINUTE;
  const second = zoneOffsetMinutes(timeZone, guess) ?? first;
  return localMs - second * MS_PER_MINUTE;
}

function fractionToMillis(fraction: string | undefined, roundUp: boolean): number {
  if (fraction === undefined) return roundUp ? 999 : 0;
  return Number(fraction.padEnd(3, '0').slice(0, 3));
}

function isValidCalendarDate(year: number, month: number, day: number): boolean {
  const probe = new Date(Date.UTC(year, month - 1, day));
  probe.setUTCFullYear(year);
  return probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

function parseIsoDate(
  text: string,
  roundUp: boolean,
  timeZone: string | undefined
): number | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const [, yearText, monthText, dayText, hourText, minuteText, secondText, fraction, offset] =
    match;
  const year = Number(yearText);
  const month = monthText === undefined ? 1 : Number(monthText);
  const day = dayText === undefined ? 1 : Number(dayText);
  const fill = (value: string | undefined, max: number): number =>
    value === undefined ? (roundUp ? max : 0) : Number(value);
  const hour = fill(hourText, 23);
  const minute = fill(minuteText, 59);
  const second = fill(secondText, 59);
  if (month < 1 || month > 12 || !isValidCalendarDate(year, month, day)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const wall = new Date(
    Date.UTC(2000, month - 1, day, hour, minute, second, fractionToMillis(fraction, roundUp))
  );
  wall.setUTCFullYear(year);
  const wallMs = wall.getTime();
  if (offset !== undefined) {
    const minutes = fixedOffsetMinutes(offset);
    return minutes === undefined ? undefined : wallMs - minutes * MS_PER_MINUTE;
  }
  return localToUtc(wallMs, timeZone);
}

function parseEpochMillis(text: string): number | undefined {
  const value = Number(text);
  return Number.isFinite(value) ? Math.floor(value) : undefined;
}

/** Parses one date text (no date math): ISO-8601 (strict_date_optional_time) or epoch millis. */
export function parseDateText(text: string, options: DateParseOptions = {}): number | undefined {
  const trimmed = text.trim();
  if (EPOCH_MILLIS.test(trimmed) && !YEAR_ONLY.test(trimmed)) return parseEpochMillis(trimmed);
  return parseIsoDate(trimmed, options.roundUp === true, options.timeZone);
}

/** A moment factory fixed to one UTC offset, so datemath rounds (`/d`) in the query's zone. */
function momentAtOffset(offsetMinutes: number): typeof moment {
  const factory = ((input?: moment.MomentInput) =>
    moment(input).utcOffset(offsetMinutes)) as unknown as typeof moment;
  factory.isMoment = moment.isMoment;
  return factory;
}

function applyMath(anchorMs: number, math: string, options: DateParseOptions): number | undefined {
  if (math === '') return anchorMs;
  const offset = zoneOffsetMinutes(options.timeZone, anchorMs);
  if (offset === undefined) return undefined;
  const result = datemath.parse(`now${math}`, {
    roundUp: options.roundUp === true,
    forceNow: new Date(anchorMs),
    momentInstance: momentAtOffset(offset),
  });
  return result?.isValid() ? result.valueOf() : undefined;
}

/** Parses a query date: date math (`now-1d/d`, `2025-03-12||+1M`) or a date text. Epoch ms. */
export function parseDateMath(text: string, options: DateParseOptions = {}): number | undefined {
  const trimmed = text.trim();
  if (trimmed.startsWith('now')) {
    const now = options.now ?? new Date();
    return applyMath(now.getTime(), trimmed.slice('now'.length), options);
  }
  const anchorEnd = trimmed.indexOf('||');
  if (anchorEnd < 0) return parseDateText(trimmed, options);
  const anchor = parseDateText(trimmed.slice(0, anchorEnd), { ...options, roundUp: false });
  return anchor === undefined
    ? undefined
    : applyMath(anchor, trimmed.slice(anchorEnd + 2), options);
}

/** How a raw JSON value of a `date` field is indexed (epoch ms), or undefined when ES would reject it. */
export function indexDate(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? Math.floor(raw) : undefined;
  if (typeof raw === 'string')
    return canonicalUtcMillis(raw) ?? parseDateText(raw, { timeZone: 'UTC' });
  return undefined;
}

const CHAR_0 = 48;
const DIGITS_SHORT = 'YYYY-MM-DDTHH:MM:SSZ'.length;
const DIGITS_WITH_MILLIS = 'YYYY-MM-DDTHH:MM:SS.sssZ'.length;
/** Below this a year would need the general parser: `Date.UTC` reads years 0–99 as 1900–1999. */
const FIRST_FOUR_DIGIT_YEAR = 1000;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number the digits at [start, start + count) spell, or -1 when one is not a digit. */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let at = start; at < start + count; at++) {
    const digit = text.charCodeAt(at) - CHAR_0;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

const isLeapYear = (year: number): boolean =>
  (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

const daysIn = (year: number, month: number): number =>
  month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);

/**
 * `YYYY-MM-DDTHH:MM:SS[.sss]Z`, the form Defend writes every date in, read by character codes:
 * the general parser's regular expression and Date objects took a tenth of an ingest's line
 * preparation. Any other text, and any value out of range, is left to the general parser
 * (undefined here), which therefore decides every case this does not accept.
 */
export function canonicalUtcMillis(text: string): number | undefined {
  const withMillis = text.length === DIGITS_WITH_MILLIS;
  if (!withMillis && text.length !== DIGITS_SHORT) return undefined;
  if (
    text[4] !== '-' ||
    text[7] !== '-' ||
    text[10] !== 'T' ||
    text[13] !== ':' ||
    text[16] !== ':' ||
    text[text.length - 1] !== 'Z' ||
    (withMillis && text[19] !== '.')
  )
    return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  const millis = withMillis ? digitsAt(text, 20, 3) : 0;
  if (year < FIRST_FOUR_DIGIT_YEAR || month < 1 || month > 12 || day < 1) return undefined;
  if (day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59 || millis < 0)
    return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second, millis);
}
