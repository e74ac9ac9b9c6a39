/**
 * Display formatting shared by every page: times in the browser's time zone in Kibana's default
 * `dateFormat` (MMM D, YYYY @ HH:mm:ss.SSS). Written without moment so the Rules page, part of the
 * first load, can use it too.
 */

export const DATE_FORMAT = 'MMM D, YYYY @ HH:mm:ss.SSS';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** A date without a time is that day's local midnight (as moment reads it), not UTC's. */
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

const parseTime = (value: string | number): Date => {
  if (typeof value === 'number') return new Date(value);
  const dateOnly = DATE_ONLY.exec(value);
  return dateOnly
    ? new Date(Number(dateOnly[1]), Number(dateOnly[2]) - 1, Number(dateOnly[3]))
    : new Date(value);
};

/** An ISO string or epoch ms as a local time; anything else as text; nothing as an em dash. */
export const formatTime = (value: unknown): string => {
  if (typeof value !== 'string' && typeof value !== 'number') return '—';
  const date = parseTime(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return (
    `${MONTHS[date.getMonth()] ?? ''} ${date.getDate()}, ${date.getFullYear()} @ ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`
  );
};

/** A raw field value (scalars, arrays, objects) as one line of text. */
export const formatValue = (value: unknown): string => {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    default:
      // An object: the values are JSON, which holds no symbols or functions.
      return JSON.stringify(value);
  }
};

/** `open` → `Open`, `false_positive` → `False positive`. */
export const humanize = (value: string): string => {
  const spaced = value.replace(/_/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
};

/** Container ids are 64 hex characters; like `docker ps`, show the first 12. */
export const shortContainerId = (id: string): string =>
  /^[0-9a-f]{64}$/i.test(id) ? id.slice(0, 12) : id;
