/**
 * Reading field values out of an ECS document the way Elasticsearch indexes them: a dotted key
 * (`{"process.parent": {...}}`) is the same path as nested objects (`{"process": {"parent": ...}}`),
 * both spellings may be mixed in one document, and arrays (of scalars or of objects) are flattened.
 * Values come back raw (as written in JSON); `value_coercion.ts` decides how each is indexed.
 */

type JsonObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A document may nest far deeper than the call stack (100,000 arrays parse fine), so no walk below
 * recurses without bound: they keep their own stack (children pushed in reverse, so they come off
 * it in document order), or recurse only down to MAX_RECURSION_DEPTH.
 */

/** Pushes `value` (arrays flattened, at any depth) into `out`, skipping null/undefined as ES does. */
function pushFlattened(value: unknown, out: unknown[]): void {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const node = pending.pop();
    if (node === null || node === undefined) continue;
    if (!Array.isArray(node)) {
      out.push(node);
      continue;
    }
    for (let at = node.length - 1; at >= 0; at--) pending.push(node[at]);
  }
}

/** A node still to walk with the rest of the path, or a value found at the end of the path. */
type PathStep = { readonly node: unknown; readonly path: string } | { readonly found: unknown };

function collectAtPath(doc: unknown, field: string, out: unknown[]): void {
  const pending: PathStep[] = [{ node: doc, path: field }];
  for (let step = pending.pop(); step !== undefined; step = pending.pop()) {
    if ('found' in step) {
      pushFlattened(step.found, out);
      continue;
    }
    const { node, path } = step;
    if (Array.isArray(node)) {
      for (let at = node.length - 1; at >= 0; at--) pending.push({ node: node[at], path });
      continue;
    }
    if (!isPlainObject(node)) continue;
    const keys = Object.keys(node);
    for (let at = keys.length - 1; at >= 0; at--) {
      const key = keys[at] ?? '';
      if (key === path) {
        pending.push({ found: node[key] });
      } else if (path.startsWith(key) && path.charAt(key.length) === '.') {
        // A key may itself contain dots: it matches when it is a whole-segment prefix of the path.
        pending.push({ node: node[key], path: path.slice(key.length + 1) });
      }
    }
  }
}

/**
 * Every raw value of `field` in `doc` (arrays flattened, nulls dropped). Objects found at the end
 * of the path are returned as they are; callers decide (they are not indexable as a leaf value).
 */
export function getFieldValues(doc: unknown, field: string): unknown[] {
  const out: unknown[] = [];
  if (field.length === 0) return out;
  collectAtPath(doc, field, out);
  return out;
}

/** The objects at `path` (for nested queries): each array element that is an object, in order. */
export function getObjectsAtPath(doc: unknown, path: string): JsonObject[] {
  return getFieldValues(doc, path).filter(isPlainObject);
}

/**
 * Dotted paths by parent path and key, shared across documents: events repeat the same few
 * hundred paths, and a path built once keeps its string (and its hash, for the maps keyed by
 * field) instead of a new concatenation per document. Bounded, since keys come from the data.
 */
const MAX_SHARED_PATHS = 100_000;
/** Longer paths are built each time, not kept: 100,000 kept 200 KB keys would hold 20 GB. */
const MAX_SHARED_PATH_LENGTH = 512;
const sharedChildPaths = new Map<string, Map<string, string>>();
let sharedPathCount = 0;

function childPath(parent: string, key: string): string {
  if (parent === '') return key;
  let children = sharedChildPaths.get(parent);
  const known = children?.get(key);
  if (known !== undefined) return known;
  const path = `${parent}.${key}`;
  if (sharedPathCount < MAX_SHARED_PATHS && path.length <= MAX_SHARED_PATH_LENGTH) {
    if (children === undefined) {
      children = new Map();
      sharedChildPaths.set(parent, children);
    }
    children.set(key, path);
    sharedPathCount++;
  }
  return path;
}

/** Levels walked by recursion (the fast way) before a subtree is handed to the walk with its own stack. */
const MAX_RECURSION_DEPTH = 200;

function addLeaf(prefix: string, value: unknown, out: Map<string, unknown[]>): void {
  if (prefix === '') return;
  const values = out.get(prefix);
  if (values) values.push(value);
  else out.set(prefix, [value]);
}

/** The same walk as `flattenInto`, with its own stack: for what lies deeper than MAX_RECURSION_DEPTH. */
function flattenWithStack(node: unknown, prefix: string, out: Map<string, unknown[]>): void {
  const nodes: unknown[] = [node];
  const prefixes: string[] = [prefix];
  while (nodes.length > 0) {
    const next = nodes.pop();
    const at = prefixes.pop() ?? '';
    if (next === null || next === undefined) continue;
    if (Array.isArray(next)) {
      for (let index = next.length - 1; index >= 0; index--) {
        nodes.push(next[index]);
        prefixes.push(at);
      }
    } else if (isPlainObject(next)) {
      const keys = Object.keys(next);
      for (let index = keys.length - 1; index >= 0; index--) {
        const key = keys[index] ?? '';
        nodes.push(next[key]);
        prefixes.push(childPath(at, key));
      }
    } else {
      addLeaf(at, next, out);
    }
  }
}

function flattenInto(
  node: unknown,
  prefix: string,
  out: Map<string, unknown[]>,
  depth: number
): void {
  if (node === null || node === undefined) return;
  if (depth > MAX_RECURSION_DEPTH) {
    flattenWithStack(node, prefix, out);
  } else if (Array.isArray(node)) {
    for (const element of node) flattenInto(element, prefix, out, depth + 1);
  } else if (isPlainObject(node)) {
    for (const key of Object.keys(node))
      flattenInto(node[key], childPath(prefix, key), out, depth + 1);
  } else {
    addLeaf(prefix, node, out);
  }
}

/**
 * The document as dotted leaf field → raw scalar values. Objects are walked (so only scalars are
 * leaves), arrays flattened, nulls dropped, and dotted/nested spellings of one path merged in
 * document order. A field whose only values are empty arrays or nulls is absent.
 */
export function flattenDocument(doc: unknown): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  flattenInto(doc, '', out, 0);
  return out;
}
