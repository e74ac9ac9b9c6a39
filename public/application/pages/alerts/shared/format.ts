/** Display formatting shared by the alerts and investigation pages (local time, Kibana's default pattern). */
import moment from 'moment';

export const DATE_FORMAT = 'MMM D, YYYY @ HH:mm:ss.SSS';

/** An ISO string or epoch ms as a local time; anything else as text; nothing as an em dash. */
export const formatTime = (value: unknown): string => {
  if (typeof value !== 'string' && typeof value !== 'number') return '—';
  const parsed = moment(value);
  return parsed.isValid() ? parsed.format(DATE_FORMAT) : String(value);
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
