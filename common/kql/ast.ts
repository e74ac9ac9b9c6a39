/**
 * The KQL syntax tree. One tree feeds the three compilers (Elasticsearch DSL, the in-process
 * matcher, DuckDB SQL), so it records exactly what Kibana's kuery grammar distinguishes and nothing
 * that only one backend cares about.
 */

/** A literal value as written. Unquoted `true`/`false`/`null` become typed; numbers stay strings, as in Kibana. */
export interface KqlLiteral {
  readonly kind: 'literal';
  readonly value: string | boolean | null;
  /** True when the value was written in double quotes (a phrase): `match_phrase` rather than `match`. */
  readonly quoted: boolean;
}

/**
 * A value containing at least one unescaped `*`. `segments` are the literal pieces between the
 * wildcards, already unescaped: `a*b*` is `['a', 'b', '']`, `*` alone is `['', '']`.
 */
export interface KqlWildcard {
  readonly kind: 'wildcard';
  readonly segments: readonly string[];
}

export type KqlValue = KqlLiteral | KqlWildcard;

/** Source position of a node, for errors raised after parsing (e.g. a range on a boolean field). */
export interface KqlLocation {
  readonly start: { readonly offset: number; readonly line: number; readonly column: number };
  readonly end: { readonly offset: number; readonly line: number; readonly column: number };
}

export type RangeOperator = 'gt' | 'gte' | 'lt' | 'lte';

export interface KqlMatchAll {
  readonly type: 'match_all';
}

export interface KqlAnd {
  readonly type: 'and';
  readonly children: readonly KqlNode[];
}

export interface KqlOr {
  readonly type: 'or';
  readonly children: readonly KqlNode[];
}

export interface KqlNot {
  readonly type: 'not';
  readonly child: KqlNode;
}

/** `field:value`, or a bare `value` (field `null`: search every field). */
export interface KqlIs {
  readonly type: 'is';
  readonly field: KqlValue | null;
  readonly value: KqlValue;
  readonly location?: KqlLocation;
}

/** `field:*` */
export interface KqlExists {
  readonly type: 'exists';
  readonly field: KqlValue;
  readonly location?: KqlLocation;
}

/** `field < value` and friends. The value is kept as written; compilers coerce by field type. */
export interface KqlRange {
  readonly type: 'range';
  readonly field: KqlValue;
  readonly operator: RangeOperator;
  readonly value: KqlLiteral;
  readonly location?: KqlLocation;
}

/** `path:{ query }`: the query's fields are relative to `path` and must match inside one nested object. */
export interface KqlNested {
  readonly type: 'nested';
  readonly path: KqlValue;
  readonly query: KqlNode;
  readonly location?: KqlLocation;
}

export type KqlNode =
  | KqlMatchAll
  | KqlAnd
  | KqlOr
  | KqlNot
  | KqlIs
  | KqlExists
  | KqlRange
  | KqlNested;
