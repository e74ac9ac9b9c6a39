import {
  columnName,
  FLOOR_FIELDS,
  floorSchema,
  jsonStructure,
  readerColumnsSql,
  readerType,
  structPath,
  type FloorField,
} from './floor_fields';

const FIELDS: FloorField[] = [
  { field: '@timestamp', kind: 'date', isList: false },
  { field: 'process.args', kind: 'keyword', isList: true },
  { field: 'process.parent.executable', kind: 'keyword', isList: false },
  { field: 'process.interactive', kind: 'boolean', isList: false },
];

describe('floor fields', () => {
  it('nests the fields into the STRUCT columns read_ndjson extracts', () => {
    expect(readerColumnsSql(FIELDS)).toBe(
      "{'@timestamp': 'TIMESTAMP', 'process': 'STRUCT(\"args\" VARCHAR[], " +
        '"parent" STRUCT("executable" VARCHAR), "interactive" BOOLEAN)\'}'
    );
  });

  it('gives from_json the same shape as JSON', () => {
    expect(JSON.parse(jsonStructure(FIELDS))).toEqual({
      '@timestamp': 'TIMESTAMP',
      process: { args: ['VARCHAR'], parent: { executable: 'VARCHAR' }, interactive: 'BOOLEAN' },
    });
  });

  it('names flat columns and struct paths, refusing keys that would need escaping', () => {
    expect(columnName('@timestamp')).toBe('at_timestamp');
    expect(columnName('process.parent.executable')).toBe('process_parent_executable');
    expect(structPath('process.parent.executable', 'j')).toBe('j."process"."parent"."executable"');
    expect(structPath('@timestamp')).toBe('"@timestamp"');
    expect(() => structPath('a."b')).toThrow(/unexpected key/);
    expect(readerType({ field: 'x', kind: 'keyword', isList: true })).toBe('VARCHAR[]');
  });

  it('describes the columns to the KQL compiler, dates as epoch-ms and lists as lists', () => {
    const schema = floorSchema(FIELDS);
    expect(schema.column('process.args')).toEqual({
      field: 'process.args',
      column: 'process_args',
      valueType: 'string',
      esType: 'keyword',
      isList: true,
    });
    expect(schema.column('@timestamp')?.valueType).toBe('date');
    expect(schema.column('host.name')).toBeUndefined();
    expect(schema.columns()).toHaveLength(FIELDS.length);
  });

  it('covers what both prebuilt rules and the alerts table read, each field once', () => {
    const names = FLOOR_FIELDS.map((field) => field.field);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining([
        'event.ingested',
        'host.os.type',
        'process.entry_leader.entry_meta.type',
        'container.image.name',
        'user.name',
      ])
    );
  });
});
