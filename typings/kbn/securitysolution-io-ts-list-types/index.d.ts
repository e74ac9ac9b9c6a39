/**
 * Our own declarations of the Kibana 9.x `@kbn/securitysolution-io-ts-list-types` response shapes
 * the plugin reads (a subset of fields). Follows
 * src/platform/packages/shared/kbn-securitysolution-io-ts-list-types/src/response/
 * {exception_list_schema,exception_list_item_schema,found_exception_list_item_schema}/index.ts.
 * `entries` is `unknown[]`: the plugin validates every entry with its own schema before use.
 */

/** Where a list lives: one space (`single`) or every space (`agnostic`). */
export type NamespaceType = 'agnostic' | 'single';

/** One `namespace_type` per list id, in the same order. */
export type NamespaceTypeArray = NamespaceType[];

/** An exception list as the lists plugin returns it. */
export interface ExceptionListSchema {
  /** Saved object id. */
  id: string;
  /** Human-chosen list id, unique per namespace. */
  list_id: string;
  /** `detection`, `rule_default`, `endpoint`, … */
  type: string;
  /** Display name. */
  name: string;
  /** Description. */
  description: string;
  /** Namespace the list lives in. */
  namespace_type: NamespaceType;
  /** Tags. */
  tags: string[];
  /** Operating systems the list applies to. */
  os_types: string[];
  /** Whether the list is read-only. */
  immutable: boolean;
  /** List version. */
  version: number;
  /** Creation time (ISO 8601). */
  created_at: string;
  /** Creator. */
  created_by: string;
  /** Last update time (ISO 8601). */
  updated_at: string;
  /** Last updater. */
  updated_by: string;
  /** Sort tie breaker. */
  tie_breaker_id: string;
}

/** An exception list item as the lists plugin returns it. */
export interface ExceptionListItemSchema {
  /** Saved object id. */
  id: string;
  /** Human-chosen item id. */
  item_id: string;
  /** The list the item belongs to. */
  list_id: string;
  /** Always `simple` for detection exceptions. */
  type: string;
  /** Display name. */
  name: string;
  /** Description. */
  description: string;
  /** Conditions that must all hold (validated by the caller). */
  entries: unknown[];
  /** Namespace of the item's list. */
  namespace_type: NamespaceType;
  /** Operating systems the item applies to. */
  os_types: string[];
  /** Tags. */
  tags: string[];
  /** Comments. */
  comments: unknown[];
  /** After this instant (ISO 8601) the item no longer applies. */
  expire_time?: string;
  /** Creation time (ISO 8601). */
  created_at: string;
  /** Creator. */
  created_by: string;
  /** Last update time (ISO 8601). */
  updated_at: string;
  /** Last updater. */
  updated_by: string;
  /** Sort tie breaker. */
  tie_breaker_id: string;
}

/** One page of items found. */
export interface FoundExceptionListItemSchema {
  /** The items of this page. */
  data: ExceptionListItemSchema[];
  /** Page number (1-based). */
  page: number;
  /** Page size asked for. */
  per_page: number;
  /** Items matching, over every page. */
  total: number;
}

export {};
