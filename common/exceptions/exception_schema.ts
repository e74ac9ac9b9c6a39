/**
 * Kibana's exception lists and exception list items, as its lists/exceptions API returns them and
 * its export NDJSON writes them. The shapes and messages follow Kibana's generated zod models so a
 * file exported from Kibana reads here unchanged and what we write back imports into Kibana.
 *
 * Lists and items keep fields this module does not know (`z.looseObject`): an export may carry
 * fields from a newer Kibana, and dropping them would lose data on a read/write round trip.
 * Entries are plain objects, as in Kibana, which strips unknown entry fields.
 */
import { z } from 'zod';

/** Kibana's `isNonEmptyString` refinement rejects blank strings with this message. */
export const EMPTY_STRING_MESSAGE = 'No empty strings allowed';

/**
 * Kibana: packages/kbn-openapi-common/schemas/primitives.gen.ts (`NonEmptyString`, refined by
 * `isNonEmptyString` of @kbn/zod-helpers).
 */
export const nonEmptyString = z
  .string()
  .refine((text) => text.trim() !== '', { message: EMPTY_STRING_MESSAGE });

/** Kibana: exception_list_item_entry.gen.ts (`ExceptionListItemEntryOperator`). */
export const entryOperator = z.enum(['excluded', 'included']);
export type EntryOperator = z.infer<typeof entryOperator>;

// Kibana: x-pack/solutions/security/packages/kbn-securitysolution-exceptions-common/api/model/
// exception_list_item_entry.gen.ts (`ExceptionListItemEntryMatch`).
export const entryMatch = z.object({
  type: z.literal('match'),
  field: nonEmptyString,
  value: nonEmptyString,
  operator: entryOperator,
});
export type EntryMatch = z.infer<typeof entryMatch>;

// Kibana: exception_list_item_entry.gen.ts (`ExceptionListItemEntryMatchAny`).
export const entryMatchAny = z.object({
  type: z.literal('match_any'),
  field: nonEmptyString,
  value: z.array(nonEmptyString).min(1),
  operator: entryOperator,
});
export type EntryMatchAny = z.infer<typeof entryMatchAny>;

// Kibana: exception_list_item_entry.gen.ts (`ExceptionListItemEntryExists`).
export const entryExists = z.object({
  type: z.literal('exists'),
  field: nonEmptyString,
  operator: entryOperator,
});
export type EntryExists = z.infer<typeof entryExists>;

// Kibana: exception_list_item_entry.gen.ts (`ExceptionListItemEntryMatchWildcard`).
export const entryMatchWildcard = z.object({
  type: z.literal('wildcard'),
  field: nonEmptyString,
  value: nonEmptyString,
  operator: entryOperator,
});
export type EntryMatchWildcard = z.infer<typeof entryMatchWildcard>;

/**
 * Value-list data types. Kibana: x-pack/solutions/security/packages/kbn-securitysolution-lists-common/
 * api/model/list_common.gen.ts (`ListType`).
 */
export const valueListType = z.enum([
  'binary',
  'boolean',
  'byte',
  'date',
  'date_nanos',
  'date_range',
  'double',
  'double_range',
  'float',
  'float_range',
  'geo_point',
  'geo_shape',
  'half_float',
  'integer',
  'integer_range',
  'ip',
  'ip_range',
  'keyword',
  'long',
  'long_range',
  'shape',
  'short',
  'text',
]);

// Kibana: exception_list_item_entry.gen.ts (`ExceptionListItemEntryList`). Parsed so files read
// whole; the values live in a value list we do not have, so converters must refuse it.
export const entryList = z.object({
  type: z.literal('list'),
  field: nonEmptyString,
  list: z.object({ id: nonEmptyString, type: valueListType }),
  operator: entryOperator,
});
export type EntryList = z.infer<typeof entryList>;

/** Why a value-list entry cannot be evaluated here; shown to users. */
export const VALUE_LIST_UNSUPPORTED_MESSAGE =
  'value list entries ("is in list") are not supported: the list values are stored in Kibana, not in the exception file';

// Kibana: exception_list_item_entry.gen.ts (`ExceptionListItemEntryNestedEntryItem`): only
// match, match_any and exists may sit inside a nested entry.
export const nestedEntryItem = z.discriminatedUnion('type', [
  entryMatch,
  entryMatchAny,
  entryExists,
]);
export type NestedEntryItem = z.infer<typeof nestedEntryItem>;

// Kibana: exception_list_item_entry.gen.ts (`ExceptionListItemEntryNested`). No operator: the
// sub-entries carry their own.
export const entryNested = z.object({
  type: z.literal('nested'),
  field: nonEmptyString,
  entries: z.array(nestedEntryItem).min(1),
});
export type EntryNested = z.infer<typeof entryNested>;

// Kibana: exception_list_item_entry.gen.ts (`ExceptionListItemEntry`, `ExceptionListItemEntryArray`).
export const exceptionEntry = z.discriminatedUnion('type', [
  entryMatch,
  entryMatchAny,
  entryList,
  entryExists,
  entryNested,
  entryMatchWildcard,
]);
export type ExceptionEntry = z.infer<typeof exceptionEntry>;

// Kibana: exception_list_common.gen.ts (`ExceptionNamespaceType`): `single` lives in one space,
// `agnostic` in all of them. Import defaults it to `single`.
export const namespaceType = z.enum(['agnostic', 'single']);
export type NamespaceType = z.infer<typeof namespaceType>;
export const DEFAULT_NAMESPACE_TYPE: NamespaceType = 'single';

// Kibana: exception_list_common.gen.ts (`ExceptionListType`).
export const exceptionListType = z.enum([
  'detection',
  'rule_default',
  'endpoint',
  'endpoint_trusted_apps',
  'endpoint_trusted_devices',
  'endpoint_events',
  'endpoint_host_isolation_exceptions',
  'endpoint_blocklists',
  'endpoint_custom_yara_signatures',
]);
export type ExceptionListType = z.infer<typeof exceptionListType>;

// Kibana: exception_list_common.gen.ts (`ExceptionListOsType`).
export const osType = z.enum(['linux', 'macos', 'windows']);
export type OsType = z.infer<typeof osType>;

/** Kibana's generated models use `z.string().datetime()`: ISO 8601 in UTC (`Z`), no offset. */
const isoDateTime = z.iso.datetime();

/** Fields Kibana stamps on every saved list and item; optional because import accepts their absence. */
const savedObjectFields = {
  id: nonEmptyString.optional(),
  _version: z.string().optional(),
  tie_breaker_id: z.string().optional(),
  created_at: isoDateTime.optional(),
  created_by: z.string().optional(),
  updated_at: isoDateTime.optional(),
  updated_by: z.string().optional(),
};

/**
 * An exception list (the container). Kibana: exception_list_common.gen.ts (`ExceptionList`); the
 * optional fields follow the import schema, packages/kbn-securitysolution-io-ts-list-types/src/
 * request/import_exception_list_schema/index.ts, since we read what import reads.
 */
export const exceptionList = z.looseObject({
  ...savedObjectFields,
  list_id: nonEmptyString,
  type: exceptionListType,
  name: z.string(),
  description: z.string(),
  namespace_type: namespaceType.default(DEFAULT_NAMESPACE_TYPE),
  immutable: z.boolean().optional(),
  os_types: z.array(osType).optional(),
  tags: z.array(z.string()).optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
  version: z.number().int().min(1).optional(),
});
export type ExceptionList = z.infer<typeof exceptionList>;

// Kibana: exception_list_common.gen.ts (`ExceptionListItemComment`).
export const itemComment = z.looseObject({
  id: nonEmptyString.optional(),
  comment: nonEmptyString,
  created_at: isoDateTime.optional(),
  created_by: z.string().optional(),
  updated_at: isoDateTime.optional(),
  updated_by: z.string().optional(),
});

/**
 * An exception list item: the entries that together describe events to exclude. Kibana:
 * exception_list_common.gen.ts (`ExceptionListItem`); optional fields as in
 * packages/kbn-securitysolution-io-ts-list-types/src/request/import_exception_item_schema/index.ts.
 */
export const exceptionListItem = z.looseObject({
  ...savedObjectFields,
  item_id: nonEmptyString,
  list_id: nonEmptyString,
  type: z.literal('simple'),
  name: nonEmptyString,
  description: z.string(),
  entries: z.array(exceptionEntry),
  namespace_type: namespaceType.default(DEFAULT_NAMESPACE_TYPE),
  os_types: z.array(osType).optional(),
  tags: z.array(nonEmptyString).optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
  expire_time: isoDateTime.optional(),
  comments: z.array(itemComment).optional(),
});
export type ExceptionListItem = z.infer<typeof exceptionListItem>;

/**
 * A rule's reference to an exception list (an element of the rule's `exceptions_list`). Kibana:
 * x-pack/solutions/security/plugins/security_solution/common/api/detection_engine/model/
 * rule_schema/common_attributes.gen.ts (`RuleExceptionList`).
 */
export const ruleExceptionListReference = z.looseObject({
  id: nonEmptyString,
  list_id: nonEmptyString,
  type: exceptionListType,
  namespace_type: namespaceType,
});
export type RuleExceptionListReference = z.infer<typeof ruleExceptionListReference>;

/** True when `item` belongs to the list `ref` names: lists are keyed by list_id and namespace. */
export const itemBelongsTo = (
  item: Pick<ExceptionListItem, 'list_id' | 'namespace_type'>,
  ref: Pick<RuleExceptionListReference, 'list_id' | 'namespace_type'>
): boolean => item.list_id === ref.list_id && item.namespace_type === ref.namespace_type;

/** The exception lists and items a store or a file holds. */
export interface ExceptionSet {
  readonly lists: readonly ExceptionList[];
  readonly items: readonly ExceptionListItem[];
}
