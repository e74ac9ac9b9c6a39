import { flattenDocument, getFieldValues, getObjectsAtPath } from './document_fields';

describe('getFieldValues', () => {
  it('reads nested, dotted and mixed keys alike', () => {
    expect(getFieldValues({ process: { parent: { name: 'bash' } } }, 'process.parent.name')).toEqual(['bash']);
    expect(getFieldValues({ 'process.parent.name': 'bash' }, 'process.parent.name')).toEqual(['bash']);
    expect(getFieldValues({ 'process.parent': { name: 'bash' } }, 'process.parent.name')).toEqual(['bash']);
    expect(getFieldValues({ process: { 'parent.name': 'bash' } }, 'process.parent.name')).toEqual(['bash']);
  });
  it('merges spellings and flattens arrays, dropping nulls', () => {
    const doc = { process: { args: ['a', ['b', null]] }, 'process.args': 'c', proc: { x: 1 } };
    expect(getFieldValues(doc, 'process.args')).toEqual(['a', 'b', 'c']);
    expect(getFieldValues({ a: [{ b: 1 }, { b: [2, 3] }] }, 'a.b')).toEqual([1, 2, 3]);
    expect(getFieldValues({ processx: { args: 'no' } }, 'process.args')).toEqual([]);
  });
  it('returns objects found at the path and tolerates odd input', () => {
    expect(getObjectsAtPath({ items: [{ a: 1 }, 'x', { a: 2 }] }, 'items')).toEqual([{ a: 1 }, { a: 2 }]);
    expect(getFieldValues(null, 'a')).toEqual([]);
    expect(getFieldValues('str', 'a')).toEqual([]);
    expect(getFieldValues({ a: 1 }, '')).toEqual([]);
  });
});

describe('flattenDocument', () => {
  it('maps dotted leaf names to raw values', () => {
    const flat = flattenDocument({ process: { name: 'bash', args: ['a', 'b'], parent: {} }, 'process.name': 'sh', n: null, e: [] });
    expect([...flat.entries()]).toEqual([
      ['process.name', ['bash', 'sh']],
      ['process.args', ['a', 'b']],
    ]);
  });
});
