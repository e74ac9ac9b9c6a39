/* eslint-disable max-classes-per-file -- mirrors @kbn/config-schema's many small classes, and must stay one self-contained file (transpiled as is into a node_modules package) */
/**
 * Runtime double of the part of `@kbn/config-schema` this project touches. Kibana provides the real
 * package at run time (it is not on npm): the plugin's server entry imports `schema` from it, and the
 * host's feature registry expresses Kibana's feature schema with it. Jest maps `@kbn/config-schema`
 * here (jest.config.js); the archive test copies a transpiled copy into a fake Kibana's
 * node_modules. Only the types below exist; each reports errors with config-schema's own wording.
 *
 * Kibana: src/platform/packages/shared/kbn-config-schema/src (9.x; 8.x: packages/kbn-config-schema/src).
 * Self-contained on purpose (no imports), so it can be transpiled into a node_modules package as is.
 */

/** What validating one value produced: the (coerced) value, or the first error (Joi's abortEarly). */
type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: SchemaTypeError };

/** Options every type takes. Kibana: types/type.ts (TypeOptions). */
export interface TypeOptions<T> {
  /** Used when the value is `undefined`. */
  defaultValue?: T;
  /** Extra check run after the type's own; a returned string is the error message. */
  validate?(value: T): string | void;
}

/** Options of `arrayOf`. Kibana: types/array_type.ts. */
export interface ArrayOptions<T> extends TypeOptions<T[]> {
  /** Fewest items allowed. */
  minSize?: number;
  /** Most items allowed. */
  maxSize?: number;
}

const SUPPORTED_TYPE_OPTIONS = ['defaultValue', 'validate'];
const SUPPORTED_ARRAY_OPTIONS = [...SUPPORTED_TYPE_OPTIONS, 'minSize', 'maxSize'];

/** One error at a path. Kibana: errors/schema_type_error.ts. */
export class SchemaTypeError extends Error {
  constructor(
    message: string,
    readonly path: readonly string[]
  ) {
    super(message);
  }
}

/** The errors of every alternative of a union. Kibana: errors/schema_types_error.ts. */
export class SchemaTypesError extends SchemaTypeError {
  constructor(
    message: string,
    path: readonly string[],
    readonly errors: readonly SchemaTypeError[]
  ) {
    super(message, path);
  }
}

/** `[namespace.path]: message`, union children listed below it. Kibana: errors/validation_error.ts. */
const formatError = (
  error: SchemaTypeError,
  namespace: string | undefined,
  level: number
): string => {
  const path = namespace === undefined ? error.path : [namespace, ...error.path];
  let message = error.message;
  if (error instanceof SchemaTypesError) {
    const children = error.errors.map(
      (child) => `${' '.repeat(level)}- ${formatError(child, namespace, level + 1)}`
    );
    message = `${message}\n${children.join('\n')}`;
  }
  return path.length === 0 ? message : `[${path.join('.')}]: ${message}`;
};

/** What `Type.validate` throws. Kibana: errors/validation_error.ts. */
export class ValidationError extends Error {
  constructor(
    override readonly cause: SchemaTypeError,
    namespace?: string
  ) {
    super(formatError(cause, namespace, 0));
  }
}

/** The name config-schema prints for a value (the `type-detect` package's answer). */
const typeDetect = (value: unknown): string => {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return Object.prototype.toString.call(value).slice('[object '.length, -1);
};

/** lodash `isPlainObject`: no prototype, or some realm's Object.prototype (objects from other realms count). */
const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (
    typeof value !== 'object' ||
    value === null ||
    Object.prototype.toString.call(value) !== '[object Object]'
  )
    return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
};

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const fail = <T>(message: string, path: readonly string[]): Checked<T> => ({
  ok: false,
  error: new SchemaTypeError(message, path),
});

/** Refuses options this double does not model, rather than ignoring them. */
const assertSupportedOptions = (
  options: object,
  supported: readonly string[],
  typeName: string
): void => {
  const unsupported = Object.keys(options).filter((key) => !supported.includes(key));
  if (unsupported.length > 0) {
    throw new Error(
      `the @kbn/config-schema test double does not model ${typeName} option(s): ${unsupported.join(', ')}`
    );
  }
};

/** Base of every schema type. Kibana: types/type.ts. */
export abstract class Type<T> {
  /** The validated value's type (type-level only, as in Kibana). */
  declare readonly type: T;
  /** Kibana's `isConfigSchema` recognises a schema by this flag (typeguards/is_config_schema.ts). */
  readonly __isKbnConfigSchemaType = true;

  protected constructor(private readonly options: TypeOptions<T>) {}

  /** Validates `value`; returns the coerced value (defaults applied) or throws a ValidationError. */
  validate(value: unknown, context: Record<string, unknown> = {}, namespace?: string): T {
    void context;
    const checked = this.check(value, []);
    if (!checked.ok) throw new ValidationError(checked.error, namespace);
    return checked.value;
  }

  /** Validates `value` found at `path` (used by container types). */
  check(value: unknown, path: readonly string[]): Checked<T> {
    if (value === undefined && this.options.defaultValue !== undefined)
      return ok(this.options.defaultValue);
    const checked = this.checkType(value, path);
    if (!checked.ok || this.options.validate === undefined) return checked;
    const message = this.options.validate(checked.value);
    return typeof message === 'string' ? fail(message, path) : checked;
  }

  /** The type's own check (`undefined` is a missing required value unless the type says otherwise). */
  protected abstract checkType(value: unknown, path: readonly string[]): Checked<T>;
}

/** Kibana: types/boolean_type.ts; internals/index.ts coerces 'true'/'false' (any case). */
export class BooleanType extends Type<boolean> {
  constructor(options: TypeOptions<boolean> = {}) {
    assertSupportedOptions(options, SUPPORTED_TYPE_OPTIONS, 'boolean');
    super(options);
  }

  protected checkType(value: unknown, path: readonly string[]): Checked<boolean> {
    const normalized = typeof value === 'string' ? value.toLowerCase() : undefined;
    const coerced = normalized === 'true' ? true : normalized === 'false' ? false : value;
    if (typeof coerced === 'boolean') return ok(coerced);
    return fail(`expected value of type [boolean] but got [${typeDetect(value)}]`, path);
  }
}

/** Kibana: types/string_type.ts (no length, hostname or case options here). */
export class StringType extends Type<string> {
  constructor(options: TypeOptions<string> = {}) {
    assertSupportedOptions(options, SUPPORTED_TYPE_OPTIONS, 'string');
    super(options);
  }

  protected checkType(value: unknown, path: readonly string[]): Checked<string> {
    if (typeof value === 'string') return ok(value);
    return fail(`expected value of type [string] but got [${typeDetect(value)}]`, path);
  }
}

/** Kibana: types/number_type.ts; internals/index.ts accepts numeric strings. */
export class NumberType extends Type<number> {
  constructor(options: TypeOptions<number> = {}) {
    assertSupportedOptions(options, SUPPORTED_TYPE_OPTIONS, 'number');
    super(options);
  }

  protected checkType(value: unknown, path: readonly string[]): Checked<number> {
    const coerced = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof coerced === 'number' && !Number.isNaN(coerced)) return ok(coerced);
    return fail(`expected value of type [number] but got [${typeDetect(value)}]`, path);
  }
}

type Literal = string | number | boolean | null;

/** Kibana: types/literal_type.ts. */
export class LiteralType<T extends Literal> extends Type<T> {
  constructor(private readonly expected: T) {
    super({});
  }

  protected checkType(value: unknown, path: readonly string[]): Checked<T> {
    if (value === this.expected) return ok(this.expected);
    return fail(`expected value to equal [${String(this.expected)}]`, path);
  }
}

/** `schema.maybe`: `undefined` is accepted and stays `undefined`. Kibana: types/maybe_type.ts. */
export class MaybeType<T> extends Type<T | undefined> {
  constructor(private readonly inner: Type<T>) {
    super({});
  }

  override check(value: unknown, path: readonly string[]): Checked<T | undefined> {
    return value === undefined ? ok(undefined) : this.inner.check(value, path);
  }

  protected checkType(value: unknown, path: readonly string[]): Checked<T | undefined> {
    return this.inner.check(value, path);
  }
}

/** Strings are parsed as JSON first, as config-schema's internals do for objects, arrays and records. */
const parseJsonString = (value: unknown): { parsed: unknown } | undefined => {
  if (typeof value !== 'string') return { parsed: value };
  try {
    return { parsed: JSON.parse(value) as unknown };
  } catch {
    return undefined;
  }
};

/** Kibana: types/array_type.ts (items first, then minSize, then maxSize; no sparse arrays). */
export class ArrayType<T> extends Type<T[]> {
  constructor(
    private readonly item: Type<T>,
    private readonly sizes: ArrayOptions<T>
  ) {
    assertSupportedOptions(sizes, SUPPORTED_ARRAY_OPTIONS, 'arrayOf');
    super(sizes);
  }

  protected checkType(value: unknown, path: readonly string[]): Checked<T[]> {
    const json = parseJsonString(value);
    if (json === undefined) return fail('could not parse array value from json input', path);
    const candidate = json.parsed;
    if (!Array.isArray(candidate))
      return fail(`expected value of type [array] but got [${typeDetect(value)}]`, path);
    const items: T[] = [];
    for (const [index, element] of candidate.entries()) {
      const elementPath = [...path, String(index)];
      if (element === undefined) return fail('sparse array are not allowed', elementPath);
      const checked = this.item.check(element, elementPath);
      if (!checked.ok) return checked;
      items.push(checked.value);
    }
    if (this.sizes.minSize !== undefined && items.length < this.sizes.minSize) {
      return fail(
        `array size is [${items.length}], but cannot be smaller than [${this.sizes.minSize}]`,
        path
      );
    }
    if (this.sizes.maxSize !== undefined && items.length > this.sizes.maxSize) {
      return fail(
        `array size is [${items.length}], but cannot be greater than [${this.sizes.maxSize}]`,
        path
      );
    }
    return ok(items);
  }
}

/** The properties of an object schema. */
export type Props = Record<string, Type<unknown>>;

/** The validated object: one key per property (Kibana also makes `maybe` keys optional). */
export type ObjectResultType<P extends Props> = Readonly<{ [K in keyof P]: TypeOf<P[K]> }>;

/**
 * Kibana: types/object_type.ts. Unknown keys are refused (the default `unknowns: 'forbid'`; other
 * modes are not modelled); `undefined` validates as `{}` (Joi's deep default), so property defaults
 * apply and required properties are reported.
 */
export class ObjectType<P extends Props> extends Type<ObjectResultType<P>> {
  /** config-schema 8.x-9.3 wording; Kibana main (PR #258633) says `Additional properties are not allowed ('<key>' was unexpected)`. */
  static readonly UNKNOWN_KEY_MESSAGE = 'definition for this key is missing';

  constructor(
    readonly props: P,
    options: TypeOptions<ObjectResultType<P>> = {}
  ) {
    assertSupportedOptions(options, SUPPORTED_TYPE_OPTIONS, 'object');
    super(options);
  }

  protected checkType(value: unknown, path: readonly string[]): Checked<ObjectResultType<P>> {
    const json = parseJsonString(value);
    if (json === undefined) return fail('could not parse object value from json input', path);
    const candidate = json.parsed === undefined ? {} : json.parsed;
    if (!isPlainObject(candidate)) {
      return fail(
        `expected a plain object value, but found [${typeDetect(candidate)}] instead.`,
        path
      );
    }
    const result: Record<string, unknown> = {};
    // Joi checks the declared keys in declaration order, then the unknown ones.
    for (const [key, type] of Object.entries(this.props)) {
      const checked = type.check(candidate[key], [...path, key]);
      if (!checked.ok) return checked;
      if (checked.value !== undefined) result[key] = checked.value;
    }
    const unknownKey = Object.keys(candidate).find((key) => !(key in this.props));
    if (unknownKey !== undefined)
      return fail(ObjectType.UNKNOWN_KEY_MESSAGE, [...path, unknownKey]);
    return ok(result as ObjectResultType<P>);
  }
}

/** Kibana: types/record_type.ts (keys and values each validated; errors name the entry). */
export class RecordOfType<V> extends Type<Record<string, V>> {
  constructor(
    private readonly key: Type<string>,
    private readonly value: Type<V>
  ) {
    super({});
  }

  protected checkType(value: unknown, path: readonly string[]): Checked<Record<string, V>> {
    const json = parseJsonString(value);
    if (json === undefined) return fail('could not parse record value from json input', path);
    const candidate = json.parsed;
    if (!isPlainObject(candidate))
      return fail(`expected value of type [object] but got [${typeDetect(value)}]`, path);
    const result: Record<string, V> = {};
    for (const [entryKey, entryValue] of Object.entries(candidate)) {
      const checkedKey = this.key.check(entryKey, [...path, `key("${entryKey}")`]);
      if (!checkedKey.ok) return checkedKey;
      const checkedValue = this.value.check(entryValue, [...path, entryKey]);
      if (!checkedValue.ok) return checkedValue;
      result[checkedKey.value] = checkedValue.value;
    }
    return ok(result);
  }
}

/**
 * `schema.oneOf`: the first alternative that accepts the value wins; when none does, every
 * alternative's error is listed with the alternative's index inserted into its path.
 * Kibana: types/union_type.ts.
 */
export class UnionType<T> extends Type<T> {
  constructor(private readonly alternatives: ReadonlyArray<Type<T>>) {
    super({});
  }

  protected checkType(value: unknown, path: readonly string[]): Checked<T> {
    if (value === undefined)
      return fail(`expected at least one defined value but got [${typeDetect(value)}]`, path);
    const errors: SchemaTypeError[] = [];
    for (const [index, alternative] of this.alternatives.entries()) {
      const checked = alternative.check(value, path);
      if (checked.ok) return checked;
      const childPath = [...checked.error.path];
      childPath.splice(path.length, 0, String(index));
      errors.push(new SchemaTypeError(checked.error.message, childPath));
    }
    return {
      ok: false,
      error: new SchemaTypesError('types that failed validation:', path, errors),
    };
  }
}

/** The validated value type of a schema. Kibana: types/object_type.ts (TypeOf). */
export type TypeOf<RT extends Type<unknown>> = RT['type'];

/** Whether `value` is a config-schema type. Kibana: typeguards/is_config_schema.ts. */
export const isConfigSchema = (value: unknown): value is Type<unknown> =>
  typeof value === 'object' &&
  value !== null &&
  (value as { __isKbnConfigSchemaType?: unknown }).__isKbnConfigSchemaType === true;

/** The `schema` builder. Kibana: src/index.ts. */
export const schema = {
  boolean: (options?: TypeOptions<boolean>): Type<boolean> => new BooleanType(options),
  string: (options?: TypeOptions<string>): Type<string> => new StringType(options),
  number: (options?: TypeOptions<number>): Type<number> => new NumberType(options),
  literal: <T extends Literal>(value: T): Type<T> => new LiteralType(value),
  maybe: <T>(type: Type<T>): Type<T | undefined> => new MaybeType(type),
  arrayOf: <T>(item: Type<T>, options: ArrayOptions<T> = {}): Type<T[]> =>
    new ArrayType(item, options),
  object: <P extends Props>(props: P, options?: TypeOptions<ObjectResultType<P>>): ObjectType<P> =>
    new ObjectType(props, options),
  recordOf: <V>(key: Type<string>, value: Type<V>): Type<Record<string, V>> =>
    new RecordOfType(key, value),
  oneOf: <A extends ReadonlyArray<Type<unknown>>>(alternatives: A): Type<TypeOf<A[number]>> =>
    new UnionType(alternatives),
};
