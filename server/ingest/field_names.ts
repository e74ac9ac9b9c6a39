/**
 * Field names Elasticsearch refuses whatever the mapping: empty, only dots, or with an empty or
 * whitespace-only part between dots. Elasticsearch checks a key when it reads it, before it maps
 * anything below it, so the raw-line walk (line_structure.ts) asks here for every key it meets.
 */
import { quoted } from './reasons';

const DOT = '.';
/** What JavaScript's trim() removes: a key starting or ending with it may have a blank part. */
const TRIMMED = /\s/;

/** Whether `key` can have a problem at all: the common key (`name`, `pid`) is ruled out without splitting it. */
export const mayBeBadFieldName = (key: string): boolean =>
  key.length === 0 ||
  key.includes(DOT) ||
  TRIMMED.test(key.charAt(0)) ||
  TRIMMED.test(key.charAt(key.length - 1));

/** Our reason for a field name Elasticsearch refuses; undefined when it accepts it. */
export const fieldNameProblem = (field: string): string | undefined => {
  if (field.length === 0) return 'field name cannot be an empty string';
  const segments = field.split(DOT);
  if (segments.every((segment) => segment.length === 0))
    return `field name [${quoted(field)}] cannot contain only dots`;
  if (segments.some((segment) => segment.trim().length === 0)) {
    return `field name [${quoted(field)}] cannot contain an empty or whitespace-only part`;
  }
  return undefined;
};
