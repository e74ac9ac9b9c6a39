/**
 * Fields below a `flattened` field (`process.elf.imports.<anything>`). Elasticsearch maps none of
 * them: a dotted key there may have any number of segments, and no path below the field can
 * conflict with another. What it limits instead is each leaf's keyed encoding, `<key>\0<value>`,
 * to Lucene's 32,766-byte term (tried on the test cluster, Elasticsearch 8.19: a 32,764-byte key
 * with a 1-byte value is stored, one byte more is refused), with the reason below.
 *
 * The preparer stops its prefix walks at the flattened field: a 200 KB dotted key there has
 * 66,000 prefixes, and walking them all exhausted the heap.
 */
import type { FieldTypeMap } from '../../common/ecs/field_types';
import { quoted } from './reasons';

/** Lucene's longest term, in UTF-8 bytes; a flattened leaf is indexed as one `<key>\0<value>` term. */
export const MAX_KEYED_ENCODING_BYTES = 32_766;
/** How much of the key Elasticsearch quotes in its reason. */
const QUOTED_KEY_CHARACTERS = 50;
/** Verdicts kept per field name; the cache starts over beyond this (field names come from the data). */
const MAX_CACHED_ANCESTORS = 10_000;

interface FlattenedFields {
  readonly names: ReadonlySet<string>;
  /** Segments of the deepest flattened field: no prefix longer than that can be one. */
  readonly maxSegments: number;
}

const flattenedFieldsCache = new WeakMap<FieldTypeMap, FlattenedFields>();

/** The mapping's flattened fields, worked out once per mapping. */
export const flattenedFieldNames = (fieldTypes: FieldTypeMap): ReadonlySet<string> =>
  flattenedFieldsOf(fieldTypes).names;

const flattenedFieldsOf = (fieldTypes: FieldTypeMap): FlattenedFields => {
  const cached = flattenedFieldsCache.get(fieldTypes);
  if (cached) return cached;
  const names = new Set<string>();
  let maxSegments = 0;
  for (const name of fieldTypes.names()) {
    if (fieldTypes.get(name)?.type !== 'flattened') continue;
    names.add(name);
    maxSegments = Math.max(maxSegments, name.split('.').length);
  }
  const fields = { names, maxSegments };
  flattenedFieldsCache.set(fieldTypes, fields);
  return fields;
};

/** The flattened field each field name sits below, if any, remembered per name. */
export class FlattenedAncestors {
  private readonly fields: FlattenedFields;
  private readonly ancestors = new Map<string, string | null>();

  constructor(fieldTypes: FieldTypeMap) {
    this.fields = flattenedFieldsOf(fieldTypes);
  }

  of(field: string): string | undefined {
    const cached = this.ancestors.get(field);
    if (cached !== undefined) return cached ?? undefined;
    const ancestor = this.find(field);
    if (this.ancestors.size >= MAX_CACHED_ANCESTORS) this.ancestors.clear();
    this.ancestors.set(field, ancestor ?? null);
    return ancestor;
  }

  private find(field: string): string | undefined {
    let segments = 1;
    for (
      let dot = field.indexOf('.');
      dot !== -1 && segments <= this.fields.maxSegments;
      dot = field.indexOf('.', dot + 1)
    ) {
      const prefix = field.slice(0, dot);
      if (this.fields.names.has(prefix)) return prefix;
      segments += 1;
    }
    return undefined;
  }
}

/** The text Elasticsearch indexes for a leaf value of a flattened field. */
const leafText = (value: unknown): string => (typeof value === 'string' ? value : String(value));

/**
 * Elasticsearch's reason for refusing a leaf `field` below `flattened` whose key and value make a
 * term longer than Lucene allows; undefined when every value fits.
 */
export const immenseKeyedValue = (
  flattened: string,
  field: string,
  values: readonly unknown[]
): string | undefined => {
  const key = field.slice(flattened.length + 1);
  const keyBytes = Buffer.byteLength(key);
  for (const value of values) {
    const valueBytes = Buffer.byteLength(leafText(value));
    if (keyBytes + 1 + valueBytes <= MAX_KEYED_ENCODING_BYTES) continue;
    return (
      `Flattened field [${quoted(flattened)}] contains one immense field whose keyed encoding is longer than the allowed max ` +
      `length of ${MAX_KEYED_ENCODING_BYTES} bytes. Key length: ${keyBytes}, value length: ${valueBytes} for key starting with ` +
      `[${key.slice(0, QUOTED_KEY_CHARACTERS)}]`
    );
  }
  return undefined;
};
