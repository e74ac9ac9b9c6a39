import fc from 'fast-check';
import {
  flattenDocument,
  getFieldValues,
  getObjectsAtPath,
  isPlainObject,
} from './document_fields';

describe('getFieldValues', () => {
  it('reads nested, dotted and mixed keys alike', () => {
    expect(
      getFieldValues({ process: { parent: { name: 'bash' } } }, 'process.parent.name')
    ).toEqual(['bash']);
    expect(getFieldValues({ 'process.parent.name': 'bash' }, 'process.parent.name')).toEqual([
      'bash',
    ]);
    expect(getFieldValues({ 'process.parent': { name: 'bash' } }, 'process.parent.name')).toEqual([
      'bash',
    ]);
    expect(getFieldValues({ process: { 'parent.name': 'bash' } }, 'process.parent.name')).toEqual([
      'bash',
    ]);
  });
  it('merges spellings and flattens arrays, dropping nulls', () => {
    const doc = { process: { args: ['a', ['b', null]] }, 'process.args': 'c', proc: { x: 1 } };
    expect(getFieldValues(doc, 'process.args')).toEqual(['a', 'b', 'c']);
    expect(getFieldValues({ a: [{ b: 1 }, { b: [2, 3] }] }, 'a.b')).toEqual([1, 2, 3]);
    expect(getFieldValues({ processx: { args: 'no' } }, 'process.args')).toEqual([]);
  });
  it('returns objects found at the path and tolerates odd input', () => {
    expect(getObjectsAtPath({ items: [{ a: 1 }, 'x', { a: 2 }] }, 'items')).toEqual([
      { a: 1 },
      { a: 2 },
    ]);
    expect(getFieldValues(null, 'a')).toEqual([]);
    expect(getFieldValues('str', 'a')).toEqual([]);
    expect(getFieldValues({ a: 1 }, '')).toEqual([]);
  });
});

describe('flattenDocument', () => {
  it('maps dotted leaf names to raw values', () => {
    const flat = flattenDocument({
      process: { name: 'bash', args: ['a', 'b'], parent: {} },
      'process.name': 'sh',
      n: null,
      e: [],
    });
    expect([...flat.entries()]).toEqual([
      ['process.name', ['bash', 'sh']],
      ['process.args', ['a', 'b']],
    ]);
  });
});

/** The recursive walks these functions replaced: the reference for order and content. */
const recursiveFlatten = (doc: unknown): Map<string, unknown[]> => {
  const out = new Map<string, unknown[]>();
  const walk = (node: unknown, prefix: string): void => {
    if (node === null || node === undefined) return;
    if (Array.isArray(node)) {
      for (const element of node) walk(element, prefix);
    } else if (isPlainObject(node)) {
      for (const key of Object.keys(node))
        walk(node[key], prefix === '' ? key : `${prefix}.${key}`);
    } else if (prefix !== '') {
      out.set(prefix, [...(out.get(prefix) ?? []), node]);
    }
  };
  walk(doc, '');
  return out;
};

const recursiveValues = (doc: unknown, field: string): unknown[] => {
  const out: unknown[] = [];
  const push = (value: unknown): void => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) for (const element of value) push(element);
    else out.push(value);
  };
  const collect = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      for (const element of node) collect(element, path);
      return;
    }
    if (!isPlainObject(node)) return;
    for (const key of Object.keys(node)) {
      if (key === path) push(node[key]);
      else if (path.startsWith(key) && path.charAt(key.length) === '.')
        collect(node[key], path.slice(key.length + 1));
    }
  };
  if (field.length > 0) collect(doc, field);
  return out;
};

describe('walks without recursion', () => {
  const key = fc.constantFrom('a', 'b', 'a.b', 'b.a', 'a.b.a', '');
  const document = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      fc.constantFrom(1, 'x', true, null),
      fc.array(tie('node'), { maxLength: 4 }),
      fc.dictionary(key, tie('node'), { maxKeys: 4 })
    ),
  })).node;

  it('flatten and read values exactly as the recursive walks did, in the same order', () => {
    fc.assert(
      fc.property(
        document,
        fc.constantFrom('a', 'b', 'a.b', 'b.a', 'a.b.a', 'a.a'),
        (doc, field) => {
          expect([...flattenDocument(doc).entries()]).toEqual([...recursiveFlatten(doc).entries()]);
          expect(getFieldValues(doc, field)).toEqual(recursiveValues(doc, field));
        }
      ),
      { numRuns: 500 }
    );
  });

  it('walk 100,000 nested arrays and objects without overflowing the stack', () => {
    const arrays = JSON.parse(`{"a":${'['.repeat(100_000)}1${']'.repeat(100_000)}}`) as unknown;
    expect([...flattenDocument(arrays).entries()]).toEqual([['a', [1]]]);
    expect(getFieldValues(arrays, 'a')).toEqual([1]);
    const objects = JSON.parse(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`) as unknown;
    expect([...flattenDocument(objects).keys()][0]?.length).toBe(2 * 100_000 - 1);
  });
});
