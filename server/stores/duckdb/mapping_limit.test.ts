/**
 * The total-fields count of each index, on a real (in-memory) DuckDB: what a document adds, the
 * count at which one is refused and with which reason, nothing kept of a refused document, each
 * index counted apart, and the counts read back from the store.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { createFieldTypeMap } from '../../../common/ecs/ecs_field_types';
import { IndexFieldLimit } from './mapping_limit';
import { SCHEMA_STATEMENTS } from './schema';

/** `host.name` (keyword) with a text multi-field, `labels` flattened: host, host.name, host.name.text, labels. */
const FIELD_TYPES = createFieldTypeMap([
  { name: 'host.name', type: 'keyword' },
  { name: 'host.name.text', type: 'match_only_text' },
  { name: 'labels', type: 'flattened' },
]);
const TEMPLATE_FIELDS = 4;
const LIMIT = 10;
const INDEX = 'logs-a';

const withConnection = async (
  body: (connection: DuckDBConnection) => Promise<void>
): Promise<void> => {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    for (const statement of SCHEMA_STATEMENTS) await connection.run(statement);
    await body(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
};

const reason = (newFields: number): string =>
  `Limit of total fields [${LIMIT}] has been exceeded while adding new fields [${newFields}]`;

describe('IndexFieldLimit', () => {
  it('counts the template as Elasticsearch does: objects, leaves and multi-fields', async () => {
    await withConnection(async (connection) => {
      const limit = await IndexFieldLimit.load(connection, FIELD_TYPES, LIMIT);
      expect(limit.templateFieldCount).toBe(TEMPLATE_FIELDS);
      expect(limit.fieldCount(INDEX)).toBe(TEMPLATE_FIELDS);
    });
  });

  it('adds nothing for mapped fields, nulls, empty arrays and keys below a flattened field', async () => {
    await withConnection(async (connection) => {
      const limit = await IndexFieldLimit.load(connection, FIELD_TYPES, LIMIT);
      const source = {
        host: { name: 'h' },
        'host.name': 'h2',
        labels: { a: { b: 1 } },
        gone: null,
        none: [],
        nested: [[]],
      };
      expect(limit.admit(INDEX, source)).toBeUndefined();
      expect(limit.fieldCount(INDEX)).toBe(TEMPLATE_FIELDS);
    });
  });

  it('takes a document that reaches the limit and refuses the next field, naming how many the document added', async () => {
    await withConnection(async (connection) => {
      const limit = await IndexFieldLimit.load(connection, FIELD_TYPES, LIMIT);
      // a, a.b, a.c (3), then x, x.y, x.y.z from a dotted key (3): 10 in all.
      expect(limit.admit(INDEX, { a: { b: 1, c: [{}] }, 'x.y.z': 'v' })).toBeUndefined();
      expect(limit.fieldCount(INDEX)).toBe(LIMIT);
      expect(limit.admit(INDEX, { a: { b: 2 } })).toBeUndefined();
      expect(limit.admit(INDEX, { q: 'one too many' })).toBe(reason(1));
    });
  });

  it('keeps nothing of a refused document, and counts each index apart', async () => {
    await withConnection(async (connection) => {
      const limit = await IndexFieldLimit.load(connection, FIELD_TYPES, LIMIT);
      expect(limit.admit(INDEX, { a: { b: 1, c: 2, d: 3, e: 4, f: 5, g: 6, h: 7 } })).toBe(
        reason(7)
      );
      expect(limit.fieldCount(INDEX)).toBe(TEMPLATE_FIELDS);
      // The object and five of its fields fit once the two extra are gone.
      expect(limit.admit(INDEX, { a: { b: 1, c: 2, d: 3, e: 4, f: 5 } })).toBeUndefined();
      expect(limit.admit('logs-b', { a: { b: 1, c: 2, d: 3, e: 4, f: 5 } })).toBeUndefined();
      expect(limit.fieldCount('logs-b')).toBe(LIMIT);
    });
  });

  it('reads the counts back from the store', async () => {
    await withConnection(async (connection) => {
      const first = await IndexFieldLimit.load(connection, FIELD_TYPES, LIMIT);
      expect(first.admit(INDEX, { a: { b: { c: 1 } }, host: { os: 'x' } })).toBeUndefined();
      await first.persist(connection);
      const again = await IndexFieldLimit.load(connection, FIELD_TYPES, LIMIT);
      expect(again.fieldCount(INDEX)).toBe(TEMPLATE_FIELDS + 4);
      // Known fields add nothing; a new one below a known object adds one.
      expect(again.admit(INDEX, { a: { b: { c: 2, d: 3 } }, host: { os: 'y' } })).toBeUndefined();
      expect(again.fieldCount(INDEX)).toBe(TEMPLATE_FIELDS + 5);
    });
  });
});
