/**
 * Our own declarations of the Kibana 9.x `@kbn/lists-plugin/server` surface this plugin uses (a
 * subset). Follows x-pack/solutions/security/plugins/lists/server/{plugin.ts,types.ts} and
 * services/exception_lists/{exception_list_client.ts,exception_list_client_types.ts}. The lists
 * plugin ships with Security and is an optional dependency.
 */
import type { SavedObjectsClientContract } from '@kbn/core/server';
import type {
  ExceptionListSchema,
  FoundExceptionListItemSchema,
  NamespaceType,
  NamespaceTypeArray,
} from '@kbn/securitysolution-io-ts-list-types';

/** `ExceptionListClient.getExceptionList`'s options: by saved object `id`, else by `listId`. */
export interface GetExceptionListOptions {
  /** Saved object id, or undefined to look the list up by `listId`. */
  id: string | undefined;
  /** The list's `list_id`. */
  listId: string | undefined;
  /** Namespace to look in. */
  namespaceType: NamespaceType;
}

/** `ExceptionListClient.findExceptionListsItemPointInTimeFinder`'s options. */
export interface FindExceptionListItemsPointInTimeFinderOptions {
  /** The lists' `list_id`s (non-empty). */
  listId: string[];
  /** One namespace per list id. */
  namespaceType: NamespaceTypeArray;
  /** One KQL filter per list id, or none. */
  filter: string[];
  /** Items per page; never above 10,000. */
  perPage: number | undefined;
  /** Field to sort by. */
  sortField: string | undefined;
  /** `asc` or `desc`. */
  sortOrder: 'asc' | 'desc' | undefined;
  /** Called with each page found. */
  executeFunctionOnStream: (response: FoundExceptionListItemSchema) => void;
  /** Stop after this many items; all when undefined. */
  maxSize: number | undefined;
}

/** Reads and writes exception lists and items (subset). */
export interface ExceptionListClient {
  /** The list, or null when none matches. */
  getExceptionList(options: GetExceptionListOptions): Promise<ExceptionListSchema | null>;
  /** Streams the items of the given lists (lists that do not exist contribute nothing). */
  findExceptionListsItemPointInTimeFinder(
    options: FindExceptionListItemsPointInTimeFinderOptions
  ): Promise<void>;
}

/** The lists plugin's setup contract (subset). */
export interface ListPluginSetup {
  /** An exception list client acting through `savedObjectsClient` on behalf of `user`. */
  getExceptionListClient(
    savedObjectsClient: SavedObjectsClientContract,
    user: string,
    enableServerExtensionPoints?: boolean
  ): ExceptionListClient;
}

export {};
