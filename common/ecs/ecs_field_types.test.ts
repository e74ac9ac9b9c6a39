import { createFieldTypeMap, ecsFieldTypes } from './ecs_field_types';
import type { FieldSpec } from './field_types';

/** ECS 9.4 has 2605 fields and 120 multi-fields (`process.name.text` and friends). */
const ECS_FIELD_COUNT = 2605;
const ECS_MULTI_FIELD_COUNT = 120;

describe('ecsFieldTypes', () => {
  it('builds the map once', () => {
    expect(ecsFieldTypes()).toBe(ecsFieldTypes());
  });

  it('has every ECS field and multi-field, sorted by name', () => {
    const names = [...ecsFieldTypes().names()];
    expect(names).toHaveLength(ECS_FIELD_COUNT + ECS_MULTI_FIELD_COUNT);
    expect(names).toEqual([...names].sort());
  });

  it('describes keyword fields with their ignore_above', () => {
    expect(ecsFieldTypes().get('host.os.type')).toEqual({
      name: 'host.os.type',
      type: 'keyword',
      ignoreAbove: 1024,
    });
  });

  it('marks array fields', () => {
    expect(ecsFieldTypes().get('process.args')).toEqual({
      name: 'process.args',
      type: 'keyword',
      ignoreAbove: 1024,
      array: true,
    });
  });

  it('types the fields the prebuilt rules use', () => {
    const types = ecsFieldTypes();
    expect(types.get('process.interactive')).toEqual({
      name: 'process.interactive',
      type: 'boolean',
    });
    expect(types.get('@timestamp')).toEqual({ name: '@timestamp', type: 'date' });
    expect(types.get('process.pid')?.type).toBe('long');
    expect(types.get('process.command_line')?.type).toBe('wildcard');
    expect(types.get('message')?.type).toBe('match_only_text');
    expect(types.get('data_stream.type')?.type).toBe('constant_keyword');
    expect(types.get('process.entry_leader.entry_meta.type')?.type).toBe('keyword');
  });

  it('includes multi-fields as their own entries', () => {
    expect(ecsFieldTypes().get('process.command_line.text')).toEqual({
      name: 'process.command_line.text',
      type: 'match_only_text',
    });
    expect(ecsFieldTypes().get('process.name.text')?.type).toBe('match_only_text');
  });

  it('records the innermost nested object of fields under ECS nested mappings', () => {
    const types = ecsFieldTypes();
    expect(types.get('threat.enrichments')).toEqual({
      name: 'threat.enrichments',
      type: 'nested',
      array: true,
    });
    expect(types.get('threat.enrichments.matched.field')?.nestedPath).toBe('threat.enrichments');
    expect(types.get('threat.enrichments.indicator.file.elf.sections.name')?.nestedPath).toBe(
      'threat.enrichments.indicator.file.elf.sections'
    );
    expect(types.get('process.elf.sections.name')?.nestedPath).toBe('process.elf.sections');
    expect(types.get('process.name')?.nestedPath).toBeUndefined();
  });

  it('returns undefined for fields outside ECS', () => {
    expect(ecsFieldTypes().get('not.an.ecs.field')).toBeUndefined();
  });
});

describe('createFieldTypeMap', () => {
  const specs: FieldSpec[] = [
    { name: 'b', type: 'long' },
    { name: 'a', type: 'keyword', ignoreAbove: 256 },
  ];

  it('looks fields up by name and lists them sorted', () => {
    const types = createFieldTypeMap(specs);
    expect(types.get('a')).toEqual({ name: 'a', type: 'keyword', ignoreAbove: 256 });
    expect(types.get('c')).toBeUndefined();
    expect([...types.names()]).toEqual(['a', 'b']);
  });

  it('layers overrides over a base map', () => {
    const base = createFieldTypeMap(specs);
    const types = createFieldTypeMap(
      [
        { name: 'b', type: 'keyword' },
        { name: 'c', type: 'date' },
      ],
      base
    );
    expect(types.get('a')?.type).toBe('keyword');
    expect(types.get('b')?.type).toBe('keyword');
    expect(types.get('c')?.type).toBe('date');
    expect([...types.names()]).toEqual(['a', 'b', 'c']);
  });

  it('overrides ECS, e.g. with a cluster mapping process.name as text', () => {
    const types = createFieldTypeMap([{ name: 'process.name', type: 'text' }], ecsFieldTypes());
    expect(types.get('process.name')?.type).toBe('text');
    expect(types.get('host.os.type')?.type).toBe('keyword');
  });

  it('lets the last spec for a name win', () => {
    const types = createFieldTypeMap([
      { name: 'a', type: 'keyword' },
      { name: 'a', type: 'long' },
    ]);
    expect(types.get('a')?.type).toBe('long');
    expect([...types.names()]).toEqual(['a']);
  });
});
