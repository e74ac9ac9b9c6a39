/**
 * Turns one NDJSON line into an event ready to store, or a reason it cannot be stored. The rules
 * are Elasticsearch's, so a line the embedded store rejects is one an Elasticsearch index with our
 * template would reject too: the line must be a JSON object with a valid `@timestamp` (data
 * streams require one), each value must be indexable as its field's type (a string in a boolean
 * or numeric field, an object where a value is mapped, a value where an object is mapped are all
 * rejected), while keyword values over `ignore_above` are kept in `_source` but not indexed.
 * A mapped field's multi-fields (`process.command_line.text`) are indexed from its values, each
 * as its own type, as Elasticsearch does, so the store can search them like any other field.
 */
import { createHash } from 'crypto';
import type { FieldSpec, FieldTypeMap } from '../../common/ecs/field_types';
import { flattenDocument, getFieldValues, isPlainObject } from '../../common/es/document_fields';
import { buildFieldCatalog } from '../../common/kql/field_catalog';
import {
  dynamicEsType,
  exceedsIgnoreAbove,
  indexValueAs,
  indexedValueTypeOf,
  type IndexedValue,
  type IndexedValueType,
} from '../../common/es/value_coercion';
import { indexDate } from '../../common/es/date_values';
import { duplicateKey } from './duplicate_keys';
import { fieldNameProblem } from './field_names';
import { FlattenedAncestors, flattenedFieldNames, immenseKeyedValue } from './flattened_fields';
import { indexNameProblem } from './index_names';
import { longOutOfRange } from './long_values';
import { lineStructure, type LineScope } from './line_structure';
import { quoted } from './reasons';
import { rawSourceText } from './source_span';
import { errorMessage } from '../../common/error_message';

export const DEFAULT_EVENT_INDEX = 'logs-endpoint.events.process-default';
const TIMESTAMP_FIELD = '@timestamp';
const OBJECT_TYPES = new Set(['object', 'nested']);
/** Elasticsearch's limit on `_id` (it fails a whole bulk request over it, so we reject the line first). */
const MAX_ID_BYTES = 512;
/** A data stream's backing index (`.ds-<stream>-<yyyy.MM.dd>-<generation>`), as exported hits name it. */
const BACKING_INDEX = /^\.ds-(.+)-\d{4}\.\d{2}\.\d{2}-\d{6}$/;
/** Elasticsearch rejects these inside a document; an exported hit carries them beside `_source`. */
const METADATA_FIELDS = new Set([
  '_id',
  '_index',
  '_routing',
  '_source',
  '_version',
  '_seq_no',
  '_primary_term',
  '_ignored',
]);

export interface PreparedField {
  readonly field: string;
  readonly esType: string;
  readonly valueType: IndexedValueType;
  readonly values: readonly IndexedValue[];
  /** Set for a multi-field: the field whose values it indexes. */
  readonly sourceField?: string;
}

/**
 * A field validated and typed like any other whose values were not carried (preparation in a
 * worker hands back only the values the store reads).
 */
export interface OmittedField {
  readonly field: string;
  readonly esType: string;
  readonly valueType: IndexedValueType;
  /** The event held more than one value. */
  readonly isList: boolean;
  readonly sourceField?: string;
}

export interface PreparedEvent {
  readonly index: string;
  readonly id: string;
  /** 128-bit key of (index, id): the store's duplicate check. */
  readonly key: bigint;
  /** The document as stored in `_source` (the line itself when it was a bare event). */
  readonly sourceText: string;
  readonly fields: readonly PreparedField[];
  /** Fields of the event whose values were left out (absent: none were). */
  readonly omittedFields?: readonly OmittedField[];
}

export type PrepareResult =
  | { readonly ok: true; readonly event: PreparedEvent }
  | { readonly ok: false; readonly reason: string };

/**
 * What accepted lines added to a preparer's own state (types dynamic mapping chose, object paths):
 * the order-dependent part of preparation that parallel workers exchange.
 */
export interface PendingFields {
  readonly types: ReadonlyArray<readonly [string, string]>;
  readonly objectPaths: readonly string[];
}

/** A field an index's mapping counts beyond its template (the total-fields limit's state). */
export interface IndexField {
  readonly index: string;
  readonly path: string;
  readonly isObject: boolean;
}

/** What a store knows of fields, as data a worker thread can be given. */
export interface KnownFieldsSnapshot {
  readonly types: ReadonlyArray<readonly [string, string]>;
  readonly objectPaths: readonly string[];
  /** The fields each index counts; absent when the store enforces no total-fields limit. */
  readonly indexFields?: readonly IndexField[];
}

/** What the store already knows about fields (types chosen by dynamic mapping, object paths). */
export interface KnownFields {
  esTypeOf(field: string): string | undefined;
  isObjectPath(path: string): boolean;
  /** Elasticsearch's reason to refuse an otherwise good event for the fields it adds to its index (the total-fields limit). */
  mappingLimitProblem?(index: string, source: Record<string, unknown>): string | undefined;
  /** What this knows, for preparation in worker threads; absent: lines are prepared here only. */
  snapshot?(): KnownFieldsSnapshot;
  /** Counts fields events prepared elsewhere added to their indices, as mappingLimitProblem would have. */
  adoptIndexFields?(fields: readonly IndexField[]): void;
}

const DESCRIBED_LENGTH = 60;

const jsonKind = (value: unknown): string =>
  Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;

/** JSON text of a value, or its kind when it is too deep to write (JSON.stringify recurses). */
const jsonText = (value: unknown): string => {
  // JSON writes a non-finite number (1e400 parses to Infinity) as null: name it instead.
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  // Only the start is shown: a 20 MB string is not written out whole first.
  if (typeof value === 'string') return JSON.stringify(value.slice(0, DESCRIBED_LENGTH));
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return `(${jsonKind(value)})`;
  }
};

const describe = (value: unknown): string => {
  const text = jsonText(value);
  return text.length > DESCRIBED_LENGTH ? `${text.slice(0, DESCRIBED_LENGTH - 3)}...` : text;
};

export const eventKey = (index: string, id: string): bigint => {
  const digest = createHash('sha256').update(index).update('\u0000').update(id).digest();
  return digest.readBigUInt64BE(0) * 2n ** 64n + digest.readBigUInt64BE(8);
};

const dataStreamIndex = (source: Record<string, unknown>): string | undefined => {
  const [type] = getFieldValues(source, 'data_stream.type');
  const [dataset] = getFieldValues(source, 'data_stream.dataset');
  const [namespace] = getFieldValues(source, 'data_stream.namespace');
  if (typeof type !== 'string' || typeof dataset !== 'string' || typeof namespace !== 'string')
    return undefined;
  return `${type}-${dataset}-${namespace}`;
};

interface IndexablePlan {
  readonly spec: FieldSpec | undefined;
  readonly esType: string;
  readonly valueType: IndexedValueType;
  /** The mapped multi-fields indexed from this field's values (most fields have none). */
  readonly multiFields: readonly MultiFieldPlan[];
}

interface MultiFieldPlan {
  readonly field: string;
  readonly spec: FieldSpec;
  readonly valueType: IndexedValueType;
}

const NO_MULTI_FIELDS: readonly MultiFieldPlan[] = [];
const multiFieldPlansCache = new WeakMap<FieldTypeMap, Map<string, readonly MultiFieldPlan[]>>();

/** The mapping's multi-fields of each field, worked out once per mapping (ECS has ~120). */
const multiFieldPlansByField = (
  fieldTypes: FieldTypeMap
): ReadonlyMap<string, readonly MultiFieldPlan[]> => {
  const cached = multiFieldPlansCache.get(fieldTypes);
  if (cached) return cached;
  const catalog = buildFieldCatalog(fieldTypes);
  const byField = new Map<string, readonly MultiFieldPlan[]>();
  for (const name of catalog.leafNames) {
    const plans: MultiFieldPlan[] = [];
    for (const multi of catalog.multiFieldsOf(name)) {
      const spec = fieldTypes.get(multi);
      const valueType = spec === undefined ? undefined : indexedValueTypeOf(spec.type);
      if (spec !== undefined && valueType !== undefined)
        plans.push({ field: multi, spec, valueType });
    }
    if (plans.length > 0) byField.set(name, plans);
  }
  multiFieldPlansCache.set(fieldTypes, byField);
  return byField;
};

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

/** Field verdicts kept between lines; the cache starts over beyond this. */
const MAX_CACHED_PLANS = 10_000;
/** Cheap pre-check on the raw line: only a line that has an empty object needs the walk below. */
const EMPTY_OBJECT = /\{\s*\}/;

/** Dotted paths of the empty objects in `source` (flattening skips them, Elasticsearch does not), in document order. */
const emptyObjectPaths = (source: Record<string, unknown>): string[] => {
  const out: string[] = [];
  // An explicit stack, children pushed in reverse: no recursion, document order kept.
  const nodes: unknown[] = [source];
  const prefixes: string[] = [''];
  while (nodes.length > 0) {
    const node = nodes.pop();
    const prefix = prefixes.pop() ?? '';
    if (Array.isArray(node)) {
      for (let at = node.length - 1; at >= 0; at--) {
        nodes.push(node[at]);
        prefixes.push(prefix);
      }
    } else if (isPlainObject(node)) {
      const keys = Object.keys(node);
      if (keys.length === 0 && prefix !== '') out.push(prefix);
      for (let at = keys.length - 1; at >= 0; at--) {
        const key = keys[at] ?? '';
        nodes.push(node[key]);
        prefixes.push(prefix === '' ? key : `${prefix}.${key}`);
      }
    }
  }
  return out;
};

/** The raw value `indexEach` met that its type cannot hold. */
interface Refused {
  readonly refused: unknown;
}

/**
 * Each raw value indexed as `esType`. A value the type cannot hold is dropped when it is a keyword
 * over `ignore_above` (kept in `_source`, not indexed) or when `dropUnindexable` says so, and is
 * refused otherwise. Most values index as themselves (a keyword string): the raw array is then
 * returned as is, sparing an array per field of every event.
 */
const indexEach = (
  raws: readonly unknown[],
  esType: string,
  spec: FieldSpec | undefined,
  dropUnindexable: boolean
): IndexedValue[] | Refused => {
  let values: IndexedValue[] | undefined;
  for (let at = 0; at < raws.length; at++) {
    const raw = raws[at];
    const value = indexValueAs(raw, esType, spec);
    if (value === undefined && !dropUnindexable && !exceedsIgnoreAbove(raw, esType, spec))
      return { refused: raw };
    if (values === undefined && value !== raw) values = raws.slice(0, at) as IndexedValue[];
    if (values !== undefined && value !== undefined) values.push(value);
  }
  return values ?? (raws as IndexedValue[]);
};

/**
 * A multi-field indexes every raw value of its parent as its own type, whether or not the parent
 * indexed it (a keyword over `ignore_above` is still searchable as `.text`). ECS's multi-fields are
 * text, which indexes any scalar, so no value the parent accepts is refused here.
 */
const indexMultiField = (
  parent: string,
  multi: MultiFieldPlan,
  raws: readonly unknown[]
): PreparedField | undefined => {
  const values = indexEach(raws, multi.spec.type, multi.spec, true);
  if (!Array.isArray(values) || values.length === 0) return undefined;
  return {
    field: multi.field,
    esType: multi.spec.type,
    valueType: multi.valueType,
    values,
    sourceField: parent,
  };
};

/** Hits exported from a data stream name its backing index; events belong to the stream itself. */
const dataStreamOf = (index: string): string => BACKING_INDEX.exec(index)?.[1] ?? index;

export class EventPreparer {
  /** Dynamic types chosen for unmapped fields seen in this ingest but not yet stored. */
  private readonly pendingTypes = new Map<string, string>();
  /** Object paths implied by fields seen in this ingest (a later value there is a conflict). */
  private readonly pendingObjectPaths = new Set<string>();
  private readonly plans = new Map<string, FieldPlan>();
  /** What the line being prepared added to the pending state: undone if the line is rejected. */
  private lineTypes: string[] = [];
  private lineObjectPaths: string[] = [];
  /** What accepted lines added since the last takeAdded(). */
  private addedTypes: Array<readonly [string, string]> = [];
  private addedObjectPaths: string[] = [];
  private readonly flattened: FlattenedAncestors;

  constructor(
    private readonly fieldTypes: FieldTypeMap,
    private readonly known: KnownFields,
    private readonly defaultIndex: string = DEFAULT_EVENT_INDEX
  ) {
    this.flattened = new FlattenedAncestors(fieldTypes);
  }

  /**
   * A rejected line is never stored, so the types and object paths its fields would have added
   * must not shape later lines (Elasticsearch drops the mapping update of a refused document).
   */
  prepare(text: string): PrepareResult {
    this.lineTypes = [];
    this.lineObjectPaths = [];
    let result: PrepareResult | undefined;
    try {
      result = this.prepareLine(text);
      return result;
    } finally {
      // Also when a check threw: the caller's guard rejects the line, so nothing of it may stay.
      if (result?.ok !== true) this.undoLine();
      else this.keepLine();
    }
  }

  /** What accepted lines added to the pending state since the last call. */
  takeAdded(): PendingFields {
    const added = { types: this.addedTypes, objectPaths: this.addedObjectPaths };
    this.addedTypes = [];
    this.addedObjectPaths = [];
    return added;
  }

  /** Takes on what another preparer's accepted lines added, as if this one had prepared them. */
  adopt(added: PendingFields): void {
    if (added.types.length === 0 && added.objectPaths.length === 0) return;
    for (const [field, type] of added.types) this.pendingTypes.set(field, type);
    for (const path of added.objectPaths) this.pendingObjectPaths.add(path);
    this.plans.clear();
  }

  private keepLine(): void {
    for (const field of this.lineTypes) {
      const type = this.pendingTypes.get(field);
      if (type !== undefined) this.addedTypes.push([field, type]);
    }
    for (const path of this.lineObjectPaths) this.addedObjectPaths.push(path);
  }

  private undoLine(): void {
    if (this.lineTypes.length === 0 && this.lineObjectPaths.length === 0) return;
    for (const field of this.lineTypes) this.pendingTypes.delete(field);
    for (const path of this.lineObjectPaths) this.pendingObjectPaths.delete(path);
    this.plans.clear();
  }

  private prepareLine(text: string): PrepareResult {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return {
        ok: false,
        reason: `malformed JSON: ${errorMessage(error)}`,
      };
    }
    if (!isPlainObject(parsed))
      return { ok: false, reason: `not a JSON object (found ${jsonKind(parsed)})` };
    // Before anything walks the parsed value: after this no walk meets more than 1,000 levels.
    const structure = lineStructure(text, this.lineScope(parsed));
    if (structure.problem !== undefined) return { ok: false, reason: structure.problem };
    const repeatedKey = duplicateKey(text, parsed, structure.keys);
    if (repeatedKey !== undefined)
      return {
        ok: false,
        reason: `Duplicate field ${describe(repeatedKey)}: a key repeated in one object`,
      };
    const envelope = this.unwrap(parsed, text);
    if ('reason' in envelope) return { ok: false, reason: envelope.reason };
    const { source, sourceText, index, explicitId } = envelope;
    const indexProblem = indexNameProblem(index);
    if (indexProblem !== undefined) return { ok: false, reason: indexProblem };
    const metadataField = Object.keys(source).find((key) => METADATA_FIELDS.has(key));
    if (metadataField !== undefined) {
      return {
        ok: false,
        reason: `field ${metadataField} is a metadata field and cannot be added inside a document`,
      };
    }
    // Flattening drops a root key "" (it names no path); Elasticsearch refuses it.
    if (Object.prototype.hasOwnProperty.call(source, ''))
      return { ok: false, reason: 'field name cannot be an empty string' };
    const timestampProblem = this.checkTimestamp(source);
    if (timestampProblem) return { ok: false, reason: timestampProblem };
    const fields = this.prepareFields(source);
    if (!Array.isArray(fields)) return { ok: false, reason: fields.reason };
    const rangeProblem = longOutOfRange(text, fields, source === parsed ? '' : '_source.');
    if (rangeProblem) {
      const { field, esType, text: number } = rangeProblem;
      return {
        ok: false,
        reason: `field ${quoted(field)} of type ${esType} cannot hold ${quoted(number)} (out of range)`,
      };
    }
    const emptyObjectProblem = EMPTY_OBJECT.test(text) ? this.checkEmptyObjects(source) : undefined;
    if (emptyObjectProblem) return { ok: false, reason: emptyObjectProblem };
    const id = explicitId ?? this.defaultId(source, sourceText);
    const idBytes = Buffer.byteLength(id);
    if (idBytes > MAX_ID_BYTES) {
      return {
        ok: false,
        reason: `id [${describe(id)}] is too long, must be no longer than ${MAX_ID_BYTES} bytes but was: ${idBytes}`,
      };
    }
    const limitProblem = this.known.mappingLimitProblem?.(index, source);
    if (limitProblem) return { ok: false, reason: limitProblem };
    return { ok: true, event: { index, id, key: eventKey(index, id), sourceText, fields } };
  }

  private lineScope(parsed: Record<string, unknown>): LineScope {
    return {
      ...(isPlainObject(parsed._source) ? { documentKey: '_source' } : {}),
      flattenedFields: flattenedFieldNames(this.fieldTypes),
    };
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
      typeof indexValue === 'string' && indexValue.length > 0
        ? dataStreamOf(indexValue)
        : (dataStreamIndex(source) ?? this.defaultIndex);
    return {
      source,
      sourceText: wrapped ? (rawSourceText(text) ?? JSON.stringify(source)) : text.trim(),
      index,
      ...(typeof idValue === 'string' ? { explicitId: idValue } : {}),
    };
  }

  private checkTimestamp(source: Record<string, unknown>): string | undefined {
    const values = getFieldValues(source, TIMESTAMP_FIELD);
    if (values.length === 0) return 'missing @timestamp';
    if (values.length > 1)
      return `@timestamp must be a single date (found ${values.length} values)`;
    if (indexDate(values[0]) === undefined) return `unparseable @timestamp ${describe(values[0])}`;
    return undefined;
  }

  /** An empty object where a value is mapped is refused like any other object there. */
  private checkEmptyObjects(source: Record<string, unknown>): string | undefined {
    for (const path of emptyObjectPaths(source)) {
      const type =
        this.fieldTypes.get(path)?.type ?? this.known.esTypeOf(path) ?? this.pendingTypes.get(path);
      if (type !== undefined && !OBJECT_TYPES.has(type) && type !== 'flattened') {
        return `field ${quoted(path)} is mapped as ${type} but holds an object`;
      }
    }
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
      const flattened = this.flattened.of(field);
      const immense =
        flattened === undefined ? undefined : immenseKeyedValue(flattened, field, raws);
      if (immense !== undefined) return { reason: immense };
      const plan = this.fieldPlan(field, raws[0], flattened);
      if ('conflict' in plan) return { reason: plan.conflict };
      if (plan.esType === undefined) continue;
      const result = this.indexValues(field, plan, raws);
      if ('reason' in result) return result;
      if (result.field) prepared.push(result.field);
      for (const multi of plan.multiFields) {
        const indexed = indexMultiField(field, multi, raws);
        if (indexed) prepared.push(indexed);
      }
    }
    return prepared;
  }

  /**
   * How `field` is indexed, decided once per field name: the mapping checks walk every path prefix
   * and dominate the cost of a large ingest. A verdict only changes when a new field gets a type
   * or makes a new object path, so the cache is dropped exactly then.
   */
  private fieldPlan(field: string, firstRaw: unknown, flattened: string | undefined): FieldPlan {
    const cached = this.plans.get(field);
    if (cached) return cached;
    // Below a flattened field no path is mapped: prefix walks stop at it.
    const prefixesEnd = flattened === undefined ? field.length : flattened.length;
    const conflict = fieldNameProblem(field) ?? this.objectConflict(field, prefixesEnd);
    if (conflict) return this.remember(field, { conflict });
    const spec = this.fieldTypes.get(field);
    const esType = this.esTypeFor(field, spec, firstRaw);
    const valueType = esType === undefined ? undefined : indexedValueTypeOf(esType);
    if (esType === undefined || valueType === undefined) return this.remember(field, {});
    this.notePrefixesAsObjects(field, prefixesEnd);
    const multiFields =
      spec === undefined
        ? NO_MULTI_FIELDS
        : (multiFieldPlansByField(this.fieldTypes).get(field) ?? NO_MULTI_FIELDS);
    return this.remember(field, { spec, esType, valueType, multiFields });
  }

  private remember(field: string, plan: FieldPlan): FieldPlan {
    // Field names come from the data: a file of lines each naming new fields must not grow this forever.
    if (this.plans.size >= MAX_CACHED_PLANS) this.plans.clear();
    this.plans.set(field, plan);
    return plan;
  }

  /** Notes the prefixes of `field` ending at or before `prefixesEnd` as object paths. */
  private notePrefixesAsObjects(field: string, prefixesEnd: number): void {
    let dot = field.indexOf('.');
    while (dot > 0 && dot <= prefixesEnd) {
      const prefix = field.slice(0, dot);
      if (!this.pendingObjectPaths.has(prefix)) {
        this.pendingObjectPaths.add(prefix);
        this.lineObjectPaths.push(prefix);
        this.plans.clear();
      }
      dot = field.indexOf('.', dot + 1);
    }
  }

  private objectConflict(field: string, prefixesEnd: number): string | undefined {
    const spec = this.fieldTypes.get(field);
    if (spec && OBJECT_TYPES.has(spec.type))
      return `field ${quoted(field)} is mapped as ${spec.type} but holds a value`;
    if (mappedObjectPaths(this.fieldTypes).has(field))
      return `field ${quoted(field)} is mapped as an object but holds a value`;
    if (this.known.isObjectPath(field) || this.pendingObjectPaths.has(field)) {
      return `field ${quoted(field)} holds a value but other events store fields below it`;
    }
    for (
      let dot = field.indexOf('.');
      dot !== -1 && dot <= prefixesEnd;
      dot = field.indexOf('.', dot + 1)
    ) {
      const prefix = field.slice(0, dot);
      const prefixSpec = this.fieldTypes.get(prefix);
      const prefixType =
        prefixSpec?.type ?? this.known.esTypeOf(prefix) ?? this.pendingTypes.get(prefix);
      if (prefixType !== undefined && !OBJECT_TYPES.has(prefixType) && prefixType !== 'flattened') {
        return `field ${quoted(prefix)} is mapped as ${prefixType} but holds an object (${quoted(field)})`;
      }
    }
    return undefined;
  }

  private esTypeFor(
    field: string,
    spec: FieldSpec | undefined,
    firstRaw: unknown
  ): string | undefined {
    if (spec) return spec.type;
    const known = this.known.esTypeOf(field) ?? this.pendingTypes.get(field);
    if (known) return known;
    const dynamic = dynamicEsType(firstRaw);
    if (dynamic) {
      this.pendingTypes.set(field, dynamic);
      this.lineTypes.push(field);
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
    const values = indexEach(raws, esType, spec, false);
    if (!Array.isArray(values))
      return {
        reason: `field ${quoted(field)} of type ${esType} cannot hold ${describe(values.refused)}`,
      };
    if (valueType === 'date' && values.length > 1) {
      return {
        reason: `field ${quoted(field)}: multi-valued dates are not supported (found ${values.length} values)`,
      };
    }
    return values.length === 0 ? {} : { field: { field, esType, valueType, values } };
  }
}
