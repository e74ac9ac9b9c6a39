/**
 * Our own declarations of the `@kbn/config-schema` surface this plugin uses (a subset, not a
 * copy). Kibana ships the package with every distribution and plugins import it at run time; it
 * is not on npm. Follows src/platform/packages/shared/kbn-config-schema/src/{index.ts,
 * types/type.ts, types/object_type.ts, typeguards/is_config_schema.ts} (9.x; 8.x:
 * packages/kbn-config-schema/src). The test host's runtime double is
 * test/kibana_host/kbn_packages/config_schema.ts.
 */

/** Options every schema type takes. */
export interface TypeOptions<T> {
  /** Value used when the input is `undefined`. */
  defaultValue?: T;
  /** Extra check after the type's own; a returned string is the error message. */
  validate?: (value: T) => string | void;
}

/** A schema type validating values into `V`. */
export declare abstract class Type<V> {
  /** The validated value's type (type-level only). */
  readonly type: V;
  /** The flag Kibana's `isConfigSchema` looks for. */
  readonly __isKbnConfigSchemaType: true;
  /** Validates `value` (errors are prefixed with `[namespace.path]`); throws a `ValidationError`. */
  validate(value: unknown, context?: Record<string, unknown>, namespace?: string): V;
}

/** The validated value type of a schema. */
export type TypeOf<RT extends Type<unknown>> = RT['type'];

/** Property schemas of an object schema. */
export type Props = Record<string, Type<unknown>>;

/** Keys whose schema accepts `undefined`. */
type OptionalKeys<P extends Props> = {
  [K in keyof P]: undefined extends TypeOf<P[K]> ? K : never;
}[keyof P];

/** Keys whose schema does not accept `undefined`. */
type RequiredKeys<P extends Props> = {
  [K in keyof P]: undefined extends TypeOf<P[K]> ? never : K;
}[keyof P];

/** What an object schema validates into: `maybe` properties are optional. */
export type ObjectResultType<P extends Props> = Readonly<
  { [K in OptionalKeys<P>]?: TypeOf<P[K]> } & { [K in RequiredKeys<P>]: TypeOf<P[K]> }
>;

/** An object schema (unknown keys are refused). */
export declare class ObjectType<P extends Props = Props> extends Type<ObjectResultType<P>> {}

/** The schema builders (subset). */
export declare const schema: {
  /** A boolean (`'true'`/`'false'` strings are accepted). */
  boolean(options?: TypeOptions<boolean>): Type<boolean>;
  /** An object with exactly these properties. */
  object<P extends Props>(props: P, options?: TypeOptions<ObjectResultType<P>>): ObjectType<P>;
};

/** Whether a value is a config-schema type (what Kibana checks a plugin's `config.schema` with). */
export declare function isConfigSchema(value: unknown): value is Type<unknown>;

export {};
