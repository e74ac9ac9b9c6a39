/**
 * Turns one NDJSON line into an event ready to store, or a reason it cannot be stored. The rules
 * are Elasticsearch's, so a line the embedded store rejects is one an Elasticsearch index with our
 * template would reject too: the line must be a JSON object with a valid `@timestamp` (data
 * streams require one), each value must be indexable as its field's type (a string in a boolean
 * or numeric field, an object where a value is mapped, a value where an object is mapped are all
 * rejected), while keyword values over `ignore_above` are kept in `_source` but not indexed.
 */
import { createHash } from 'crypto';
import type { FieldSpec, FieldTypeMap } from '../../common/ecs/field_types';
import { flattenDocument, getFieldValues, isPlainObject } from '../../common/kql/document_fields';
import type { SqlValueType } from '../../common/kql/sql_schema';
import {
  dynamicEsType,
  exceedsIgnoreAbove,
  indexValueAs,
  sqlValueTypeOf,
  type IndexedValue,
} from '../../common/kql/value_coercion';
import { indexDate } from '../../common/kql/date_values';

export const DEFAULT_EVENT_INDEX = 'logs-endpoint.events.process-default';
const TIMESTAMP_FIELD = '@timestamp';
const OBJECT_TYPES = new Set(['object', 'nested']);
/** Elasticsearch's limit on `_id` (it fails a whole bulk request over it, so we reject the line first). */
const MAX_ID_BYTES = 512;
/** A data stream's backing index (`.ds-<stream>-<yyyy.MM.dd>-<generation>`), as exported hits name it. */
const BACKING_INDEX = /^\.ds-(.+)-\d{4}\.\d{2}\.\d{2}-\d{6}$/;
/** Elasticsearch rejects these inside a document; an exported hit carries them beside `_source`. */
const METADATA_FIELDS = new Set(['_id', '_index', '_routing', '_source', '_version', '_seq_no', '_primary_term', '_ignored']);

export interface PreparedField {
  readonly field: string;
  readonly esType: string;
  readonly valueType: SqlValueType;
  readonly values: readonly IndexedValue[];
}

export interface PreparedEvent {
  readonly index: string;
  readonly id: string;
  /** 128-bit key of (index, id): the store's duplicate check. */
  readonly key: bigint;
  /** The document as stored in `_source` (the line itself when it was a bare event). */
  readonly sourceText: string;
  readonly fields: readonly PreparedField[];
}

export type PrepareResult =
  | { readonly ok: true; readonly event: PreparedEvent }
  | { readonly ok: false; readonly reason: string };

/** What the store already knows about fields (types chosen by dynamic mapping, object paths). */
export interface KnownFields {
  esTypeOf(field: string): string | undefined;
  isObjectPath(path: string): boolean;
}

const describe = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

const jsonKind = (value: unknown): string => (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value);

export const eventKey = (index: string, id: string): bigint => {
  const digest = createHash('sha256').update(index).update('\u0000').update(id).digest();
  return digest.readBigUInt64BE(0) * 2n ** 64n + digest.readBigUInt64BE(8);
};

const dataStreamIndex = (source: Record<string, unknown>): string | undefined => {
  const [type] = getFieldValues(source, 'data_stream.type');
  const [dataset] = getFieldValues(source, 'data_stream.dataset');
  const [namespace] = getFieldValues(source, 'data_stream.namespace');
  if (typeof type !== 'string' || typeof dataset !== 'string' || typeof namespace !== 'string') return undefined;
  return `${type}-${dataset}-${namespace}`;
};

interface IndexablePlan {
  readonly spec: FieldSpec | undefined;
  readonly esType: string;
  readonly valueType: SqlValueType;
}

/** A field's verdict: indexed with a type, rejected for a mapping conflict, or not indexed at all. */
type FieldPlan = IndexablePlan | { readonly conflict: string } | { readonly esType?: undefined };

const mappedObjectPathsCache = new WeakMap<FieldTypeMap, ReadonlySet<string>>();

/**
 * Paths the mapping holds as objects: every dotted prefix of a mapped field (`process` for
 * `process.name`) unless the prefix is itself a value field (`process.command_line` carries the
 * multi-field `process.command_line.text`). ECS declares no entry for most such objects.
 */
const mappedObjectPaths = (fieldTypes: FieldTypeMap): ReadonlySet<string> => {
  const cached = mappedObjectPathsCache.get(fieldTypes);
  if (cached) return cached;
  const paths = new Set<string>();
  for (const name of fieldTypes.names()) {
    for (let dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
      const prefix = name.slice(0, dot);
      const spec = fieldTypes.get(prefix);
      if (spec === undefined || OBJECT_TYPES.has(spec.type)) paths.add(prefix);
    }
  }
  mappedObjectPathsCache.set(fieldTypes, paths);
  return paths;
};

/** Hits exported from a data stream name its backing index; events belong to the stream itself. */
const dataStreamOf = (index: string): string => BACKING_INDEX.exec(index)?.[1] ?? index;

export class EventPreparer {
  /** Dynamic types chosen for unmapped fields seen in this ingest but not yet stored. */
  private readonly pendingTypes = new Map<string, string>();
  /** Object paths implied by fields seen in this ingest (a later value there is a conflict). */
  private readonly pendingObjectPaths = new Set<string>();
  private readonly plans = new Map<string, FieldPlan>();

  constructor(
    private readonly fieldTypes: FieldTypeMap,
    private readonly known: KnownFields,
    private readonly defaultIndex: string = DEFAULT_EVENT_INDEX
  ) {}

  prepare(text: string): PrepareResult {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return { ok: false, reason: `malformed JSON: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (!isPlainObject(parsed)) return { ok: false, reason: `not a JSON object (found ${jsonKind(parsed)})` };
    const envelope = this.unwrap(parsed, text);
    if ('reason' in envelope) return { ok: false, reason: envelope.reason };
    const { source, sourceText, index, explicitId } = envelope;
    const metadataField = Object.keys(source).find((key) => METADATA_FIELDS.has(key));
    if (metadataField !== undefined) {
      return { ok: false, reason: `field ${metadataField} is a metadata field and cannot be added inside a document` };
    }
    const timestampProblem = this.checkTimestamp(source);
    if (timestampProblem) return { ok: false, reason: timestampProblem };
    const fields = this.prepareFields(source);
    if (!Array.isArray(fields)) return { ok: false, reason: fields.reason };
    const id = explicitId ?? this.defaultId(source, sourceText);
    const idBytes = Buffer.byteLength(id);
    if (idBytes > MAX_ID_BYTES) {
      return { ok: false, reason: `id [${describe(id)}] is too long, must be no longer than ${MAX_ID_BYTES} bytes but was: ${idBytes}` };
    }
    return { ok: true, event: { index, id, key: eventKey(index, id), sourceText, fields } };
  }

  /** Accepts bare events and Elasticsearch hits (`{_index, _id, _source}`) as exported by a search. */
  private unwrap(
    parsed: Record<string, unknown>,
    text: string
  ):
    | { source: Record<string, unknown>; sourceText: string; index: string; explicitId?: string }
    | { reason: string } {
    const wrapped = isPlainObject(parsed._source);
    const source = wrapped ? (parsed._source as Record<string, unknown>) : parsed;
    const indexValue = wrapped ? parsed._index : undefined;
    const idValue = wrapped ? parsed._id : undefined;
    if (idValue !== undefined && (typeof idValue !== 'string' || idValue.length === 0)) {
      return { reason: `_id must be a non-empty string (found ${describe(idValue)})` };
    }
    const index =
      typeof indexValue === 'string' && indexValue.length > 0 ? dataStreamOf(indexValue) : dataStreamIndex(source) ?? this.defaultIndex;
    return {
      source,
      sourceText: wrapped ? JSON.stringify(source) : text.trim(),
      index,
      ...(typeof idValue === 'string' ? { explicitId: idValue } : {}),
    };
  }

  private checkTimestamp(source: Record<string, unknown>): string | undefined {
    const values = getFieldValues(source, TIMESTAMP_FIELD);
    if (values.length === 0) return 'missing @timestamp';
    if (values.length > 1) return `@timestamp must be a single date (found ${values.length} values)`;
    if (indexDate(values[0]) === undefined) return `unparseable @timestamp ${describe(values[0])}`;
    return undefined;
  }

  /** Defend's `event.id` is unique per event; a content hash covers events without one. */
  private defaultId(source: Record<string, unknown>, sourceText: string): string {
    const [eventId] = getFieldValues(source, 'event.id');
    if (typeof eventId === 'string' && eventId.length > 0) return eventId;
    return createHash('sha1').update(sourceText).digest('base64url');
  }

  private prepareFields(source: Record<string, unknown>): PreparedField[] | { reason: string } {
    const prepared: PreparedField[] = [];
    for (const [field, raws] of flattenDocument(source)) {
      const plan = this.fieldPlan(field, raws[0]);
      if ('conflict' in plan) return { reason: plan.conflict };
      if (plan.esType === undefined) continue;
      const result = this.indexValues(field, plan, raws);
      if ('reason' in result) return result;
      if (result.field) prepared.push(result.field);
    }
    return prepared;
  }

  /**
   * How `field` is indexed, decided once per field name: the mapping checks walk every path prefix
   * and dominate the cost of a large ingest. A verdict only changes when a new field gets a type
   * or makes a new object path, so the cache is dropped exactly then.
   */
  private fieldPlan(field: string, firstRaw: unknown): FieldPlan {
    const cached = this.plans.get(field);
    if (cached) return cached;
    const conflict = this.objectConflict(field);
    if (conflict) return this.remember(field, { conflict });
    const spec = this.fieldTypes.get(field);
    const esType = this.esTypeFor(field, spec, firstRaw);
    const valueType = esType === undefined ? undefined : sqlValueTypeOf(esType);
    if (esType === undefined || valueType === undefined) return this.remember(field, {});
    this.notePrefixesAsObjects(field);
    return this.remember(field, { spec, esType, valueType });
  }

  private remember(field: string, plan: FieldPlan): FieldPlan {
    this.plans.set(field, plan);
    return plan;
  }

  private notePrefixesAsObjects(field: string): void {
    let dot = field.indexOf('.');
    while (dot > 0) {
      const prefix = field.slice(0, dot);
      if (!this.pendingObjectPaths.has(prefix)) {
        this.pendingObjectPaths.add(prefix);
        this.plans.clear();
      }
      dot = field.indexOf('.', dot + 1);
    }
  }

  private objectConflict(field: string): string | undefined {
    const spec = this.fieldTypes.get(field);
    if (spec && OBJECT_TYPES.has(spec.type)) return `field ${field} is mapped as ${spec.type} but holds a value`;
    if (mappedObjectPaths(this.fieldTypes).has(field)) return `field ${field} is mapped as an object but holds a value`;
    if (this.known.isObjectPath(field) || this.pendingObjectPaths.has(field)) {
      return `field ${field} holds a value but other events store fields below it`;
    }
    const parts = field.split('.');
    for (let i = 1; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join('.');
      const prefixSpec = this.fieldTypes.get(prefix);
      const prefixType = prefixSpec?.type ?? this.known.esTypeOf(prefix) ?? this.pendingTypes.get(prefix);
      if (prefixType !== undefined && !OBJECT_TYPES.has(prefixType) && prefixType !== 'flattened') {
        return `field ${prefix} is mapped as ${prefixType} but holds an object (${field})`;
      }
    }
    return undefined;
  }

  private esTypeFor(field: string, spec: FieldSpec | undefined, firstRaw: unknown): string | undefined {
    if (spec) return spec.type;
    const known = this.known.esTypeOf(field) ?? this.pendingTypes.get(field);
    if (known) return known;
    const dynamic = dynamicEsType(firstRaw);
    if (dynamic) {
      this.pendingTypes.set(field, dynamic);
      this.plans.clear();
    }
    return dynamic;
  }

  private indexValues(
    field: string,
    plan: IndexablePlan,
    raws: readonly unknown[]
  ): { field?: PreparedField } | { reason: string } {
    const { spec, esType, valueType } = plan;
    const values: IndexedValue[] = [];
    for (const raw of raws) {
      const value = indexValueAs(raw, esType, spec);
      if (value !== undefined) {
        values.push(value);
      } else if (!this.isIgnoredKeyword(raw, esType, spec)) {
        return { reason: `field ${field} of type ${esType} cannot hold ${describe(raw)}` };
      }
    }
    if (valueType === 'date' && values.length > 1) {
      return { reason: `field ${field}: multi-valued dates are not supported (found ${values.length} values)` };
    }
    return values.length === 0 ? {} : { field: { field, esType, valueType, values } };
  }

  /** A keyword value over `ignore_above` is kept in `_source` but not indexed: not an error. */
  private isIgnoredKeyword(raw: unknown, esType: string, spec: FieldSpec | undefined): boolean {
    return exceedsIgnoreAbove(raw, esType, spec);
  }
}
