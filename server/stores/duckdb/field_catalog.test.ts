import { openDatabase, type EmbeddedDatabase } from './database';
import { FieldCatalog, type ColumnRequirement } from './field_catalog';

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
});
