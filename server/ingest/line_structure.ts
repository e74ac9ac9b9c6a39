/**
 * The shape of a line, checked on its raw text before anything walks the parsed value: a line of
 * 100,000 nested arrays parses (JSON.parse does not recurse) but overflowed the stack of every
 * recursive walk after it. Elasticsearch refuses such documents too, at the first of its limits
 * the document reaches in reading order, and so do we, with its reasons (Elasticsearch 8.19,
 * tried on a test node):
 *
 * - any object or array deeper than 1,000, the document's root counting as 1 (Jackson's
 *   StreamReadConstraints, which Elasticsearch keeps at its default): "Document nesting depth
 *   (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`)";
 * - a key Elasticsearch refuses as a field name (empty, only dots, a blank part: field_names.ts),
 *   checked as the key is read, before anything below it;
 * - an object, written as one or implied by a dotted key, whose path has 20 or more segments
 *   (`index.mapping.depth.limit`, 20, the root counting as one level): "Limit of mapping depth [20]
 *   has been exceeded due to object field [a.b.….b]", naming the first 20 segments. Arrays add no
 *   segment;
 * - below a `flattened` field, neither applies but the field's own `depth_limit` (20 objects, the
 *   field's value counting as 1) does: "The provided [flattened] field [x] exceeds the maximum
 *   depth limit of [20]." (dotted keys count as one object there).
 *
 * One pass, no recursion, strings skipped with indexOf, ordinary keys never copied: a few
 * microseconds for a Defend event.
 */
import { fieldNameProblem, mayBeBadFieldName } from './field_names';
import { closingQuote, isJsonSpace } from './json_text';
import { quoted } from './reasons';

/** Jackson's default StreamReadConstraints max nesting depth, as Elasticsearch 8.19 applies it. */
export const MAX_NESTING_DEPTH = 1_000;
/** Elasticsearch's default `index.mapping.depth.limit`. */
export const MAX_MAPPING_DEPTH = 20;
/** Elasticsearch's default `depth_limit` of a `flattened` field. */
export const MAX_FLATTENED_DEPTH = 20;

const QUOTE = 0x22;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
/** ASCII's whitespace and control characters are at or below this; past ASCII_END, Unicode has other spaces. */
const ASCII_SPACE = 0x20;
const ASCII_END = 0x7f;

export interface LineScope {
  /** The top-level key holding the document when the line is a search hit (`_source`); absent for a bare event. */
  readonly documentKey?: string;
  /** The mapping's `flattened` fields. */
  readonly flattenedFields: ReadonlySet<string>;
}

/** One open object or array. */
interface Frame {
  /** Segments of the path this container's values sit at; -1 outside the document (a hit's envelope). */
  readonly segments: number;
  /** The container holding this one, and the key it sits under (none for an array element). */
  readonly parent?: Frame;
  readonly key?: string;
  /** Objects counted since a flattened field's value began (that value is 1); 0 outside one. */
  readonly flattenedDepth: number;
  readonly flattenedField: string;
}

const ENVELOPE: Frame = { segments: -1, flattenedDepth: 0, flattenedField: '' };
const DOCUMENT_ROOT: Frame = { segments: 0, flattenedDepth: 0, flattenedField: '' };

/** The dotted path of `key` below `frame`, built only when a reason or a flattened field needs it. */
const pathOf = (frame: Frame, key?: string): string => {
  const keys = key === undefined ? [] : [key];
  for (let at: Frame | undefined = frame; at !== undefined; at = at.parent)
    if (at.key !== undefined) keys.push(at.key);
  return keys.reverse().join('.');
};

interface LastSegments {
  readonly names: ReadonlySet<string>;
  readonly lengths: ReadonlySet<number>;
}

const lastSegmentsCache = new WeakMap<ReadonlySet<string>, LastSegments>();

/** The last segment of each flattened field: only a key among them can open one. */
const lastSegmentsOf = (fields: ReadonlySet<string>): LastSegments => {
  const cached = lastSegmentsCache.get(fields);
  if (cached) return cached;
  const names = new Set([...fields].map((field) => field.slice(field.lastIndexOf('.') + 1)));
  const segments = { names, lengths: new Set([...names].map((name) => name.length)) };
  lastSegmentsCache.set(fields, segments);
  return segments;
};

const nestingReason = (depth: number): string =>
  `Document nesting depth (${depth}) exceeds the maximum allowed (${MAX_NESTING_DEPTH}, from \`StreamReadConstraints.getMaxNestingDepth()\`)`;

/** Elasticsearch names the object at `MAX_MAPPING_DEPTH` segments along `path`. */
const mappingDepthReason = (path: string): string =>
  `Limit of mapping depth [${MAX_MAPPING_DEPTH}] has been exceeded due to object field [${quoted(path.split('.', MAX_MAPPING_DEPTH).join('.'))}]`;

const flattenedReason = (field: string): string =>
  `The provided [flattened] field [${quoted(field)}] exceeds the maximum depth limit of [${MAX_FLATTENED_DEPTH}].`;

const segmentsOf = (key: string): number => key.split('.').length;

/** Where `search` next occurs in `text` from `from`; the text's length when it does not. */
const nextIndex = (text: string, search: string, from: number): number => {
  const found = text.indexOf(search, from);
  return found === -1 ? text.length : found;
};

const isPlainDocumentFrame = (frame: Frame): boolean =>
  frame.segments >= 0 && frame.flattenedDepth === 0;

class LineStructureScan {
  private readonly open: Frame[] = [];
  /** The key token waiting for its value: [start, end) of its quoted text, or -1. */
  private keyStart = -1;
  private keyEnd = -1;
  /** Where the walk goes on after a string (past its value when it was a key). */
  private resumeAt = 0;
  /** Keys read so far: the duplicate-key check compares them with the keys JSON.parse kept. */
  keys = 0;
  /** The next dot and backslash at or after the last key read (the text's length when none). */
  private nextDot = -1;
  private nextBackslash = -1;

  private readonly flattenedLastSegments: LastSegments;

  constructor(
    private readonly text: string,
    private readonly scope: LineScope
  ) {
    this.flattenedLastSegments = lastSegmentsOf(scope.flattenedFields);
  }

  run(): string | undefined {
    const { text } = this;
    for (let at = 0; at < text.length; at++) {
      const code = text.charCodeAt(at);
      if (code === QUOTE) {
        const close = closingQuote(text, at);
        if (close === -1) return undefined;
        const problem = this.afterString(at, close);
        if (problem !== undefined) return problem;
        at = this.resumeAt - 1;
      } else if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
        const problem = this.enter(code === OPEN_OBJECT);
        if (problem !== undefined) return problem;
      } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
        this.open.pop();
      }
    }
    return undefined;
  }

  /**
   * After the string `[open, close]`: a key is followed by a colon and its value; a value that
   * opens nothing is checked for its key here (its characters need no visit).
   */
  private afterString(open: number, close: number): string | undefined {
    const { text } = this;
    let at = close + 1;
    while (isJsonSpace(text.charCodeAt(at))) at += 1;
    this.resumeAt = close + 1;
    if (text.charCodeAt(at) !== COLON) return undefined;
    at += 1;
    while (isJsonSpace(text.charCodeAt(at))) at += 1;
    this.keyStart = open;
    this.keyEnd = close + 1;
    this.keys += 1;
    const value = text.charCodeAt(at);
    if (value === OPEN_OBJECT || value === OPEN_ARRAY) {
      // The walk resumes at the bracket, where `enter` takes the waiting key.
      this.resumeAt = at;
      return undefined;
    }
    const problem = this.scalar();
    // A string value is skipped at once (its brackets are not structure); a number or literal needs no visit.
    this.resumeAt = value === QUOTE ? closingQuote(text, at) + 1 : at;
    return problem;
  }

  /** A value that opens nothing: its key may be a bad name, or a dotted one implying objects too deep. */
  private scalar(): string | undefined {
    const parent = this.current();
    if (!isPlainDocumentFrame(parent) || !this.keyNeedsReading()) {
      this.keyStart = -1;
      return undefined;
    }
    const key = this.takeKey();
    const nameProblem = mayBeBadFieldName(key) ? fieldNameProblem(key) : undefined;
    if (nameProblem !== undefined) return nameProblem;
    // A key `a.b.c` holding a value implies the objects `a` and `a.b` below its parent.
    const impliedObjectSegments = parent.segments + segmentsOf(key) - 1;
    return impliedObjectSegments >= MAX_MAPPING_DEPTH
      ? mappingDepthReason(pathOf(parent, key))
      : undefined;
  }

  private enter(isObject: boolean): string | undefined {
    const depth = this.open.length + 1 - (this.scope.documentKey === undefined ? 0 : 1);
    if (depth > MAX_NESTING_DEPTH) return nestingReason(depth);
    const parent = this.open[this.open.length - 1];
    const plainKey = this.keyStart !== -1 && !this.keyNeedsReading();
    const key = this.keyStart === -1 ? undefined : this.takeKey();
    const frame =
      parent === undefined
        ? this.root()
        : parent.segments < 0
          ? this.inEnvelope(key, isObject)
          : this.inDocument(parent, key, plainKey, isObject);
    if (typeof frame === 'string') return frame;
    this.open.push(frame);
    return undefined;
  }

  private root(): Frame {
    return this.scope.documentKey === undefined ? DOCUMENT_ROOT : ENVELOPE;
  }

  /** A hit's envelope holds no fields, except the document under its `documentKey`. */
  private inEnvelope(key: string | undefined, isObject: boolean): Frame {
    return this.open.length === 1 && isObject && key === this.scope.documentKey
      ? DOCUMENT_ROOT
      : ENVELOPE;
  }

  /** `plainKey`: the key has no dot, escape or blank end (most keys): one segment, a good name. */
  private inDocument(
    parent: Frame,
    key: string | undefined,
    plainKey: boolean,
    isObject: boolean
  ): Frame | string {
    // An object or array inside an array sits at the array's path.
    const segments =
      key === undefined ? parent.segments : parent.segments + (plainKey ? 1 : segmentsOf(key));
    if (parent.flattenedDepth > 0) {
      const flattenedDepth = parent.flattenedDepth + (isObject ? 1 : 0);
      if (flattenedDepth > MAX_FLATTENED_DEPTH) return flattenedReason(parent.flattenedField);
      return { segments, parent, key, flattenedDepth, flattenedField: parent.flattenedField };
    }
    const nameProblem =
      key !== undefined && !plainKey && mayBeBadFieldName(key) ? fieldNameProblem(key) : undefined;
    if (nameProblem !== undefined) return nameProblem;
    const flattened =
      key !== undefined && isObject ? this.flattenedFieldAt(parent, key) : undefined;
    if (flattened !== undefined)
      return { segments, parent, key, flattenedDepth: 1, flattenedField: flattened };
    // An object at `segments` is one level deeper than its path's length; a dotted key's value
    // (object or array) implies objects up to `segments - 1`.
    const deepestObject = isObject ? segments : segments - 1;
    if (deepestObject >= MAX_MAPPING_DEPTH) return mappingDepthReason(pathOf(parent, key));
    return { segments, parent, key, flattenedDepth: 0, flattenedField: '' };
  }

  /** The flattened field `key` below `parent` names, if it names one. */
  private flattenedFieldAt(parent: Frame, key: string): string | undefined {
    const lastSegment = key.slice(key.lastIndexOf('.') + 1);
    // Lengths first: most keys are ruled out without hashing them.
    if (
      !this.flattenedLastSegments.lengths.has(lastSegment.length) ||
      !this.flattenedLastSegments.names.has(lastSegment)
    )
      return undefined;
    const path = pathOf(parent, key);
    return this.scope.flattenedFields.has(path) ? path : undefined;
  }

  private current(): Frame {
    return this.open[this.open.length - 1] ?? ENVELOPE;
  }

  /**
   * Whether the waiting key can be a bad name or a dotted one: empty, or holding a dot, an escape
   * (which may spell either) or whitespace at an end. Checked in place, without copying the key:
   * the next dot and backslash of the line are found once and kept until the walk passes them.
   */
  private keyNeedsReading(): boolean {
    const first = this.keyStart + 1;
    const last = this.keyEnd - 2;
    if (last < first) return true;
    if (this.nextDot < first) this.nextDot = nextIndex(this.text, '.', first);
    if (this.nextBackslash < first) this.nextBackslash = nextIndex(this.text, '\\', first);
    if (this.nextDot <= last || this.nextBackslash <= last) return true;
    return this.mayBeSpace(first) || this.mayBeSpace(last);
  }

  /** ASCII space and control characters, or anything beyond ASCII (Unicode has other spaces). */
  private mayBeSpace(at: number): boolean {
    const code = this.text.charCodeAt(at);
    return code <= ASCII_SPACE || code >= ASCII_END;
  }

  /** The waiting key's name (escapes decoded: `\u002e` is a dot too); clears it. */
  private takeKey(): string {
    const token = this.text.slice(this.keyStart, this.keyEnd);
    this.keyStart = -1;
    return token.includes('\\') ? (JSON.parse(token) as string) : token.slice(1, -1);
  }
}

export interface LineStructure {
  /**
   * Elasticsearch's reason for refusing the line for its structure — nesting, a key, mapping
   * depth — the first met in reading order; undefined when none.
   */
  readonly problem: string | undefined;
  /** Key tokens in the whole line (counted up to the problem, if any). */
  readonly keys: number;
}

/** Walks `text`, a JSON object line JSON.parse accepted, once. */
export const lineStructure = (text: string, scope: LineScope): LineStructure => {
  const scan = new LineStructureScan(text, scope);
  const problem = scan.run();
  return { problem, keys: scan.keys };
};

export const structureProblem = (text: string, scope: LineScope): string | undefined =>
  lineStructure(text, scope).problem;
