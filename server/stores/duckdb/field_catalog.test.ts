import { ecsFieldTypes } from '../../../common/ecs/ecs_field_types';
import { fromKueryExpression } from '../../../common/kql/parse';
import { openDatabase, type EmbeddedDatabase } from './database';
import { FieldCatalog, indexedFieldTypes, type ColumnRequirement } from './field_catalog';
import { compileKqlToSql } from './kql_to_sql';

const keyword = (field: string, isList = false): ColumnRequirement => ({
  field,
  esType: 'keyword',
  valueType: 'string',
  isList,
});

describe('FieldCatalog', () => {
  let database: EmbeddedDatabase;
  beforeEach(async () => {
    database = await openDatabase();
  });
  afterEach(() => database.close());

  it('numbers new columns one after another when a batch also widens a column', async () => {
    const catalog = await FieldCatalog.load(database.connection);
    await catalog.ensure([keyword('custom.a')]);
    // One batch: a widening first, then a new column; then a later batch adds one more.
    await catalog.ensure([keyword('custom.a', true), keyword('custom.b')]);
    await catalog.ensure([keyword('custom.c')]);
    const names = ['custom.a', 'custom.b', 'custom.c'].map(
      (field) => catalog.column(field)?.column
    );
    expect(new Set(names).size).toBe(3);
    expect(catalog.column('custom.a')?.isList).toBe(true);

    const reloaded = await FieldCatalog.load(database.connection);
    expect(
      ['custom.a', 'custom.b', 'custom.c'].map((field) => reloaded.column(field)?.column)
    ).toEqual(names);
  });

  it('keeps one field map while its columns stand, and a new one once a column is added', async () => {
    const catalog = await FieldCatalog.load(database.connection);
    const declared = ecsFieldTypes();
    const query = fromKueryExpression('custom.flag: 7');
    await catalog.ensure([keyword('custom.a')]);
    const before = indexedFieldTypes(catalog, declared);
    expect(indexedFieldTypes(catalog, declared)).toBe(before);
    // Unmapped and without a column, the field matches nothing.
    expect(compileKqlToSql(query, catalog, { fields: before }).sql).toBe('FALSE');

    await catalog.ensure([
      { field: 'custom.flag', esType: 'long', valueType: 'number', isList: false },
    ]);
    const after = indexedFieldTypes(catalog, declared);
    expect(after).not.toBe(before);
    expect(after.get('custom.flag')?.type).toBe('long');
    const compiled = compileKqlToSql(query, catalog, { fields: after });
    expect(compiled.sql).toContain(catalog.column('custom.flag')?.column);
    expect(compiled.params).toContain(7);
  });
});
