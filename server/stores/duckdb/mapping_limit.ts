/**
 * Elasticsearch's limit on the fields of an index (`index.mapping.total_fields.limit`), as the
 * Elasticsearch store's template sets it (TOTAL_FIELDS_LIMIT, 10,000), enforced on the embedded
 * store's events so that both stores refuse the same event with the same reason.
 *
 * What Elasticsearch 8.19 counts, as verified on a node: every object
 * (an empty one, and one holding only nulls, too), every leaf field and every multi-field of the
 * index's mapping — the template's (3,407 for ECS) and the ones dynamic mapping added; not the
 * keys below a `flattened` field, not `null`, `[]` or `[[]]`; a dotted key adds each object on its
 * path. A count may reach the limit; the field that takes it beyond fails the document with
 * "Limit of total fields [L] has been exceeded while adding new fields [N]", N being the fields
 * the document added so far, that one included, objects counted when entered. Each index has its
 * own mapping, so its own count. Keys are walked in JavaScript's order, which puts integer-like
 * keys first (Elasticsearch: document order), so N can differ for such documents.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { MappingProperty } from '@elastic/elasticsearch/lib/api/types';
import type { FieldTypeMap } from '../../../common/ecs/field_types';
import { buildMappingProperties, TOTAL_FIELDS_LIMIT } from '../elasticsearch/ecs_mappings';
import type { IndexField } from '../../ingest/prepare_event';
import { DocumentWalk } from './document_walk';
import { leaf, objectNode, type MappingNode } from './mapping_node';
import { INDEX_FIELDS_TABLE } from './schema';
import { jsonParam, queryRows, stringListParam } from './sql_values';

/** The template's mapping as a tree, and how many fields Elasticsearch counts in it. */
interface TemplateMapping {
  readonly root: MappingNode;
  readonly fieldCount: number;
}

const templateCache = new WeakMap<FieldTypeMap, TemplateMapping>();

const propertiesOf = (property: MappingProperty): Record<string, MappingProperty> | undefined =>
  'properties' in property && property.properties !== undefined ? property.properties : undefined;

const multiFieldCount = (property: MappingProperty): number =>
  'fields' in property && property.fields !== undefined ? Object.keys(property.fields).length : 0;

/** Builds `node`'s children from mapping properties; returns the fields Elasticsearch counts below it. */
const addProperties = (node: MappingNode, properties: Record<string, MappingProperty>): number => {
  let count = 0;
  for (const [name, property] of Object.entries(properties)) {
    const children = propertiesOf(property);
    const child =
      children === undefined &&
      property.type !== undefined &&
      property.type !== 'object' &&
      property.type !== 'nested'
        ? leaf()
        : objectNode();
    node.children?.set(name, child);
    count +=
      1 + multiFieldCount(property) + (children === undefined ? 0 : addProperties(child, children));
  }
  return count;
};

const templateMapping = (fieldTypes: FieldTypeMap): TemplateMapping => {
  const cached = templateCache.get(fieldTypes);
  if (cached) return cached;
  const root = objectNode();
  const mapping = { root, fieldCount: addProperties(root, buildMappingProperties(fieldTypes)) };
  templateCache.set(fieldTypes, mapping);
  return mapping;
};

/** What one index's events added to the template. */
interface IndexFields {
  readonly root: MappingNode;
  added: number;
}

/** A field an accepted event added, to be written to INDEX_FIELDS_TABLE. */
type AddedField = IndexField;

const limitReason = (limit: number, newFields: number): string =>
  `Limit of total fields [${limit}] has been exceeded while adding new fields [${newFields}]`;

export class IndexFieldLimit {
  private readonly indices = new Map<string, IndexFields>();
  private pending: AddedField[] = [];
  /** What admit() added since the last takeAdmitted(). */
  private admitted: AddedField[] = [];
  /** Every field counted beyond the template, in the order counted (parents first). */
  private readonly counted: AddedField[] = [];

  private constructor(
    private readonly template: TemplateMapping,
    readonly limit: number
  ) {}

  /** The counts of every index the store has events of, from INDEX_FIELDS_TABLE. */
  static async load(
    connection: DuckDBConnection,
    fieldTypes: FieldTypeMap,
    limit: number = TOTAL_FIELDS_LIMIT
  ): Promise<IndexFieldLimit> {
    const tracker = new IndexFieldLimit(templateMapping(fieldTypes), limit);
    const rows = await queryRows(
      connection,
      `SELECT index_name, path, is_object FROM ${INDEX_FIELDS_TABLE} ORDER BY index_name, length(path)`
    );
    for (const row of rows)
      tracker.restore(String(row.index_name), String(row.path), row.is_object === true);
    return tracker;
  }

  /** A tracker holding `fields` (as snapshot() lists them), with no store behind it: a worker's copy. */
  static fromFields(
    fieldTypes: FieldTypeMap,
    fields: readonly AddedField[],
    limit: number = TOTAL_FIELDS_LIMIT
  ): IndexFieldLimit {
    const tracker = new IndexFieldLimit(templateMapping(fieldTypes), limit);
    for (const field of fields) tracker.restore(field.index, field.path, field.isObject);
    return tracker;
  }

  /** Every field the indices' events added, parents before children. */
  snapshot(): AddedField[] {
    return [...this.counted];
  }

  /** The fields admit() added since the last call. */
  takeAdmitted(): AddedField[] {
    const admitted = this.admitted;
    this.admitted = [];
    return admitted;
  }

  /** Counts fields another tracker admitted, as if admit() had added them here (written by persist()). */
  adopt(fields: readonly AddedField[]): void {
    for (const field of fields) {
      this.restore(field.index, field.path, field.isObject);
      this.pending.push(field);
    }
  }

  /** Fields Elasticsearch counts in the template's mapping. */
  get templateFieldCount(): number {
    return this.template.fieldCount;
  }

  /** Fields an index's mapping has: the template's and those its events added. */
  fieldCount(index: string): number {
    return this.template.fieldCount + (this.indices.get(index)?.added ?? 0);
  }

  /**
   * Elasticsearch's reason to refuse `source` in `index` for its new fields, or undefined: then
   * the fields it adds count from now on (as in Elasticsearch, whether or not it is then stored).
   */
  admit(index: string, source: Record<string, unknown>): string | undefined {
    const fields = this.fieldsOf(index);
    const room = this.limit - this.template.fieldCount - fields.added;
    const walk = new DocumentWalk(room, fields.root);
    walk.object(source, {
      template: this.template.root,
      own: fields.root,
      parent: undefined,
      name: '',
    });
    if (walk.crossed) {
      walk.undo();
      return limitReason(this.limit, walk.added.length + 1);
    }
    fields.added += walk.added.length;
    for (const field of walk.added) {
      const added = { index, path: field.path, isObject: field.isObject };
      this.pending.push(added);
      this.admitted.push(added);
      this.counted.push(added);
    }
    return undefined;
  }

  /** Writes the fields admitted since the last call (inside the caller's transaction, if any). */
  async persist(connection: DuckDBConnection): Promise<void> {
    if (this.pending.length === 0) return;
    const rows = this.pending;
    this.pending = [];
    await connection.run(
      `INSERT OR IGNORE INTO ${INDEX_FIELDS_TABLE} (index_name, path, is_object)
         SELECT unnest(from_json(?::JSON, '["VARCHAR"]')), unnest(from_json(?::JSON, '["VARCHAR"]')), unnest(from_json(?::JSON, '["BOOLEAN"]'))`,
      [
        stringListParam(rows.map((row) => row.index)),
        stringListParam(rows.map((row) => row.path)),
        jsonParam(rows.map((row) => row.isObject)),
      ]
    );
  }

  private fieldsOf(index: string): IndexFields {
    let fields = this.indices.get(index);
    if (fields === undefined) {
      fields = { root: objectNode(), added: 0 };
      this.indices.set(index, fields);
    }
    return fields;
  }

  /** A stored field back into its index's tree (parents first: rows come shortest path first). */
  private restore(index: string, path: string, isObject: boolean): void {
    const fields = this.fieldsOf(index);
    const segments = path.split('.');
    let node = fields.root;
    for (let i = 0; i < segments.length - 1; i++) {
      const name = segments[i] ?? '';
      let child = node.children?.get(name);
      if (child === undefined) {
        child = objectNode();
        node.children?.set(name, child);
      }
      node = child;
    }
    node.children?.set(segments[segments.length - 1] ?? '', isObject ? objectNode() : leaf());
    fields.added += 1;
    this.counted.push({ index, path, isObject });
  }
}
