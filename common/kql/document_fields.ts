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

/** Pushes `value` (arrays flattened, at any depth) into `out`, skipping null/undefined as ES does. */
function pushFlattened(value: unknown, out: unknown[]): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    for (const element of value) pushFlattened(element, out);
    return;
  }
  out.push(value);
}

function collectAtPath(node: unknown, path: string, out: unknown[]): void {
  if (Array.isArray(node)) {
    for (const element of node) collectAtPath(element, path, out);
    return;
  }
  if (!isPlainObject(node)) return;
  for (const key of Object.keys(node)) {
    if (key === path) {
      pushFlattened(node[key], out);
    } else if (path.startsWith(key) && path.charAt(key.length) === '.') {
      // A key may itself contain dots: it matches when it is a whole-segment prefix of the path.
      collectAtPath(node[key], path.slice(key.length + 1), out);
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
const sharedChildPaths = new Map<string, Map<string, string>>();
let sharedPathCount = 0;

function childPath(parent: string, key: string): string {
  if (parent === '') return key;
  let children = sharedChildPaths.get(parent);
  const known = children?.get(key);
  if (known !== undefined) return known;
  const path = `${parent}.${key}`;
  if (sharedPathCount < MAX_SHARED_PATHS) {
    if (children === undefined) {
      children = new Map();
      sharedChildPaths.set(parent, children);
    }
    children.set(key, path);
    sharedPathCount++;
  }
  return path;
}

function flattenInto(node: unknown, prefix: string, out: Map<string, unknown[]>): void {
  if (node === null || node === undefined) return;
  if (Array.isArray(node)) {
    for (const element of node) flattenInto(element, prefix, out);
    return;
  }
  if (isPlainObject(node)) {
    for (const key of Object.keys(node)) {
      flattenInto(node[key], childPath(prefix, key), out);
    }
    return;
  }
  if (prefix === '') return;
  const values = out.get(prefix);
  if (values) values.push(node);
  else out.set(prefix, [node]);
}

/**
 * The document as dotted leaf field → raw scalar values. Objects are walked (so only scalars are
 * leaves), arrays flattened, nulls dropped, and dotted/nested spellings of one path merged in
 * document order. A field whose only values are empty arrays or nulls is absent.
 */
export function flattenDocument(doc: unknown): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  flattenInto(doc, '', out);
  return out;
}
