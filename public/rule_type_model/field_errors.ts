/**
 * Which validation messages a field shows. A field left at its empty starting value shows none
 * until the user has touched it (Kibana's rule forms behave alike); a filled field always shows
 * its messages, so an edited rule's problems are visible at once.
 */
import type { ParamErrors } from './validate_params';

export const isFilled = (value: unknown): boolean => {
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) return value.length > 0;
  return typeof value === 'number' || typeof value === 'boolean';
};

export const visibleErrors = (
  errors: ParamErrors,
  key: string,
  value: unknown,
  touched: ReadonlySet<string>
): string[] => (touched.has(key) || isFilled(value) ? (errors[key] ?? []) : []);

/** Messages for params the current form shows no field for (`key: message`), e.g. a misspelt key. */
export const unplacedErrors = (errors: ParamErrors, placedKeys: readonly string[]): string[] =>
  Object.entries(errors)
    .filter(([key]) => !placedKeys.includes(key))
    .flatMap(([key, messages]) => messages.map((message) => `${key}: ${message}`));
