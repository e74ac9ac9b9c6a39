/**
 * The few `@kbn/config-schema` behaviours the host's route checks need, with config-schema's
 * error texts: a check returns a failure (path + message, or a union's failed alternatives) and
 * `failureMessage` renders it as config-schema's `ValidationError` does.
 * Kibana: src/platform/packages/shared/kbn-config-schema/src/errors/validation_error.ts (extractMessage),
 * src/platform/packages/shared/kbn-config-schema/src/types/*.ts (per-type messages).
 */

export type SchemaPath = ReadonlyArray<string | number>;

export interface SchemaFailure {
  readonly path: SchemaPath;
  readonly message: string;
  /** Set for a union (`schema.oneOf`): each alternative's failure. */
  readonly alternatives?: readonly SchemaFailure[];
}

export type SchemaCheck = (value: unknown, path: SchemaPath) => SchemaFailure | undefined;

/** type-detect's name of a value, as config-schema prints it ("but got [Object]"). */
export const detectType = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'Array';
  if (typeof value === 'object') return 'Object';
  return typeof value;
};

/** `[a.b]: message`, a union's alternatives listed below it, indented one space per level. */
export const failureMessage = (failure: SchemaFailure, level = 0): string => {
  const alternatives = failure.alternatives ?? [];
  const message =
    alternatives.length === 0
      ? failure.message
      : `${failure.message}\n${alternatives.map((child) => `${' '.repeat(level)}- ${failureMessage(child, level + 1)}`).join('\n')}`;
  return failure.path.length === 0 ? message : `[${failure.path.join('.')}]: ${message}`;
};

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const fail = (path: SchemaPath, message: string): SchemaFailure => ({ path, message });

export const stringCheck: SchemaCheck = (value, path) =>
  typeof value === 'string'
    ? undefined
    : fail(path, `expected value of type [string] but got [${detectType(value)}]`);

export const literalCheck =
  (expected: string | boolean): SchemaCheck =>
  (value, path) =>
    value === expected ? undefined : fail(path, `expected value to equal [${String(expected)}]`);

/** `schema.never()`: the key must be absent. */
export const neverCheck: SchemaCheck = (value, path) =>
  value === undefined ? undefined : fail(path, "a value wasn't expected to be present");

export const maybeCheck =
  (check: SchemaCheck): SchemaCheck =>
  (value, path) =>
    value === undefined ? undefined : check(value, path);

/** `schema.arrayOf(item, { minSize, validate })`: items first, then size, then the custom rule. */
export const arrayCheck =
  (
    item: SchemaCheck,
    options: {
      readonly minSize?: number;
      readonly validate?: (value: readonly unknown[]) => string | undefined;
    } = {}
  ): SchemaCheck =>
  (value, path) => {
    if (!Array.isArray(value))
      return fail(path, `expected value of type [array] but got [${detectType(value)}]`);
    for (const [index, entry] of value.entries()) {
      const failure = item(entry, [...path, index]);
      if (failure !== undefined) return failure;
    }
    const { minSize } = options;
    if (minSize !== undefined && value.length < minSize)
      return fail(path, `array size is [${value.length}], but cannot be smaller than [${minSize}]`);
    const custom = options.validate?.(value);
    return custom === undefined ? undefined : fail(path, custom);
  };

/** `schema.oneOf([...])`: the first alternative that passes, else every alternative's failure. */
export const oneOfCheck =
  (...alternatives: readonly SchemaCheck[]): SchemaCheck =>
  (value, path) => {
    const failures: SchemaFailure[] = [];
    for (const [index, alternative] of alternatives.entries()) {
      const failure = alternative(value, [...path, index]);
      if (failure === undefined) return undefined;
      failures.push(failure);
    }
    return { path, message: 'types that failed validation:', alternatives: failures };
  };

/**
 * `schema.object(props, { validate })`: an absent object counts as `{}` (config-schema defaults
 * objects), known keys are checked in order, then unknown keys are refused, then the custom rule.
 */
export const objectCheck =
  (
    props: Readonly<Record<string, SchemaCheck>>,
    options: { readonly validate?: (value: Record<string, unknown>) => string | undefined } = {}
  ): SchemaCheck =>
  (raw, path) => {
    const value = raw === undefined ? {} : raw;
    if (!isPlainObject(value))
      return fail(path, `expected a plain object value, but found [${detectType(value)}] instead.`);
    for (const [key, check] of Object.entries(props)) {
      const failure = check(value[key], [...path, key]);
      if (failure !== undefined) return failure;
    }
    const unknown = Object.keys(value).find((key) => !(key in props));
    if (unknown !== undefined)
      return fail([...path, unknown], 'definition for this key is missing');
    const custom = options.validate?.(value);
    return custom === undefined ? undefined : fail(path, custom);
  };
