/**
 * KQL text → syntax tree. The grammar lives in grammar/kuery.peggy; this module gives it a typed
 * face and turns every parser failure into a `KqlErrorDetails` a user can act on.
 */

import type { KqlLocation, KqlNode } from './ast';
import { KqlSyntaxError, type KqlErrorDetails } from './kql_syntax_error';
import {
  parse as parseGenerated,
  SyntaxError as GeneratedSyntaxError,
} from './grammar/generated_parser';

export interface KqlParseOptions {
  /**
   * Accept values starting with `*` (`process.name:*sh`). Kibana's buildEsQuery defaults to false,
   * but detection rules always pass true, so true is our default.
   */
  readonly allowLeadingWildcards?: boolean;
}

export type KqlParseResult =
  | { readonly ok: true; readonly ast: KqlNode }
  | { readonly ok: false; readonly error: KqlErrorDetails };

const END_OF_INPUT = 'end of input';

/** Grammar rule names as users should read them (Kibana shows the same words). */
const RULE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  fieldName: 'field name',
  value: 'value',
  literal: 'literal',
  whitespace: 'whitespace',
};

/**
 * The deepest nesting of `and`/`or`/`not`/`{}` a query may have. Every compiler recurses once per
 * level (the DSL serialiser, DuckDB's expression depth of 1000, Elasticsearch's bool nesting limit),
 * so a limit checked here gives one clear, positioned error instead of a different failure in each.
 * Real queries nest a handful of levels.
 */
export const MAX_NESTING_DEPTH = 100;

/** Parses a query; never throws. */
export function parseKql(query: string, options: KqlParseOptions = {}): KqlParseResult {
  if (typeof query !== 'string') {
    return { ok: false, error: notAQueryError() };
  }
  let ast: KqlNode;
  try {
    // The generated parser is untyped; the grammar's actions build `KqlNode` trees.
    ast = parseGenerated(query, {
      allowLeadingWildcards: options?.allowLeadingWildcards !== false,
    }) as KqlNode;
  } catch (thrown: unknown) {
    return { ok: false, error: toErrorDetails(thrown, query) };
  }
  const tooDeep = firstNodeBelowDepth(ast, MAX_NESTING_DEPTH);
  return tooDeep === undefined
    ? { ok: true, ast }
    : { ok: false, error: tooDeepError(query, tooDeep) };
}

const childrenOf = (node: KqlNode): readonly KqlNode[] => {
  switch (node.type) {
    case 'and':
    case 'or':
      return node.children;
    case 'not':
      return [node.child];
    case 'nested':
      return [node.query];
    default:
      return [];
  }
};

/** The first node deeper than `maxDepth`, walked without recursion (the tree may outgrow the stack). */
function firstNodeBelowDepth(root: KqlNode, maxDepth: number): KqlNode | undefined {
  const pending: Array<[KqlNode, number]> = [[root, 1]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [node, depth] = next;
    if (depth > maxDepth) return node;
    for (const child of [...childrenOf(node)].reverse()) pending.push([child, depth + 1]);
  }
  return undefined;
}

/** The first leaf with a source position under `node` (and/or/not carry none): the too-deep expression. */
function firstLocation(node: KqlNode): KqlLocation | undefined {
  for (
    let current: KqlNode | undefined = node;
    current !== undefined;
    current = childrenOf(current)[0]
  ) {
    if ('location' in current && current.location !== undefined) return current.location;
  }
  return undefined;
}

function tooDeepError(query: string, node: KqlNode): KqlErrorDetails {
  const start = firstLocation(node)?.start ?? { offset: 0, line: 1, column: 1 };
  const found = query.charAt(start.offset);
  return {
    message: `This expression sits more than ${MAX_NESTING_DEPTH} levels deep in and/or/not/{}; simplify the query.`,
    ...start,
    expected: [],
    found: found === '' ? null : found,
  };
}

/** Parses a query, throwing `KqlSyntaxError` when it is not valid KQL (Kibana's function name). */
export function fromKueryExpression(query: string, options: KqlParseOptions = {}): KqlNode {
  const result = parseKql(query, options);
  if (!result.ok) throw new KqlSyntaxError(result.error);
  return result.ast;
}

/**
 * Kibana's three-line rendering of a syntax error: the message, the query, and a caret under the
 * offending character. Handy for logs and CLI output.
 */
export function formatKqlError(query: string, error: KqlErrorDetails): string {
  return [error.message, query, `${'-'.repeat(error.offset)}^`].join('\n');
}

/**
 * The error for a terminal: its line and column first, then only the offending line of a
 * multi-line query with the caret under the column (Kibana's one-line caret drifts there).
 */
export function formatKqlErrorWithPosition(query: string, error: KqlErrorDetails): string {
  const lineText = query.split(/\r\n|\r|\n/)[error.line - 1] ?? '';
  return [
    `line ${error.line}, column ${error.column}: ${error.message}`,
    lineText,
    `${' '.repeat(error.column - 1)}^`,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Mapping the parser's exceptions

interface ParserPosition {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

interface ParserExpectation {
  readonly type: string;
  readonly text?: unknown;
  readonly description?: unknown;
}

/** The fields of peggy's SyntaxError we rely on, checked rather than assumed. */
interface ParserSyntaxError {
  readonly message: string;
  readonly expected: readonly ParserExpectation[] | null;
  readonly found: string | null;
  readonly start: ParserPosition;
  readonly end: ParserPosition;
}

function toErrorDetails(thrown: unknown, query: string): KqlErrorDetails {
  const syntaxError = asParserSyntaxError(thrown);
  if (syntaxError === undefined) return unexpectedFailure(thrown);

  const { start, end } = syntaxError;
  const position = { offset: start.offset, line: start.line, column: start.column };
  if (syntaxError.expected === null) {
    // Raised by the grammar itself (e.g. a disabled leading wildcard): the message is already
    // written for users and the location covers the offending value.
    const text = query.slice(start.offset, end.offset);
    const found = text === '' ? null : text;
    return { message: syntaxError.message, ...position, expected: [], found };
  }

  const expected = describeExpectations(syntaxError.expected);
  const found = syntaxError.found;
  const foundText = found === null ? END_OF_INPUT : `"${found}"`;
  const message = `Expected ${expected.join(', ')} but ${foundText} found.`;
  return { message, ...position, expected, found };
}

/** Unique, sorted, readable: the order Kibana prints them in. */
function describeExpectations(expectations: readonly ParserExpectation[]): string[] {
  const descriptions = new Set(expectations.map(describeExpectation));
  return [...descriptions].sort();
}

function describeExpectation(expectation: ParserExpectation): string {
  switch (expectation.type) {
    case 'end':
      return END_OF_INPUT;
    case 'literal':
      return `"${String(expectation.text)}"`;
    case 'other': {
      const description = String(expectation.description);
      return RULE_DESCRIPTIONS[description] ?? description;
    }
    case 'any':
      return 'any character';
    default:
      // Character classes only occur inside named rules, so this is a safety net.
      return typeof expectation.description === 'string' ? expectation.description : 'character';
  }
}

function asParserSyntaxError(thrown: unknown): ParserSyntaxError | undefined {
  if (!(thrown instanceof GeneratedSyntaxError)) return undefined;
  const fields: Record<string, unknown> = { ...thrown };
  const location = fields.location;
  if (!isRecord(location) || !isPosition(location.start) || !isPosition(location.end)) {
    return undefined;
  }

  const expected = Array.isArray(fields.expected) ? fields.expected.filter(isExpectation) : null;
  const found = typeof fields.found === 'string' ? fields.found : null;
  return { message: thrown.message, expected, found, start: location.start, end: location.end };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isPosition(value: unknown): value is ParserPosition {
  return (
    isRecord(value) &&
    typeof value.offset === 'number' &&
    typeof value.line === 'number' &&
    typeof value.column === 'number'
  );
}

function isExpectation(value: unknown): value is ParserExpectation {
  return isRecord(value) && typeof value.type === 'string';
}

/** Anything else the parser throws (in practice: a stack overflow on absurdly deep nesting). */
function unexpectedFailure(thrown: unknown): KqlErrorDetails {
  const tooDeep = thrown instanceof RangeError;
  const message = tooDeep
    ? 'The query is nested too deeply to parse.'
    : `The query could not be parsed: ${thrown instanceof Error ? thrown.message : String(thrown)}`;
  return { message, line: 1, column: 1, offset: 0, expected: [], found: null };
}

function notAQueryError(): KqlErrorDetails {
  const message = 'A KQL query must be a string.';
  return { message, line: 1, column: 1, offset: 0, expected: [], found: null };
}
