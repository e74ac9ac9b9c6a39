/**
 * Security's lists plugin as the test host plays it: exception lists and items kept as Kibana keeps
 * them (saved objects of `exception-list`, one space's, and `exception-list-agnostic`, every
 * space's), and the two reads a rule execution makes through `getExceptionListClient`, with
 * Kibana's behaviour and refusals. Kibana (9.x) paths below are under
 * x-pack/solutions/security/plugins/lists/server/.
 */
import { randomUUID } from 'crypto';
import type { SavedObjectsClientContract } from '@kbn/core/server';
import type { ListPluginSetup } from '@kbn/lists-plugin/server';
import type {
  ExceptionListItemSchema,
  ExceptionListSchema,
  NamespaceType,
} from '@kbn/securitysolution-io-ts-list-types';
import { DEFAULT_SPACE, HostExceptionListClient } from './host_exception_list_client';

export { MAX_RESULT_WINDOW, resultWindowTooLarge } from './host_exception_list_client';

export { UnmodelledListsFeatureError } from './unmodelled_lists_feature_error';

/** What a space-scoped saved objects client the host creates answers (core's `getCurrentNamespace`). */
export const savedObjectsClientFor = (spaceId: string): SavedObjectsClientContract => ({
  // core: the default space has no namespace (src/core/packages/saved-objects/utils-server, spaceIdToNamespace)
  getCurrentNamespace: () => (spaceId === DEFAULT_SPACE ? undefined : spaceId),
});

interface Stored<T> {
  /** The space of a `single` list or item; null for `agnostic`. */
  readonly space: string | null;
  readonly value: T;
}

export interface NewList {
  readonly list_id: string;
  readonly name: string;
  readonly description?: string;
  readonly type?: string;
  readonly namespace_type: NamespaceType;
}

export interface NewItem {
  readonly item_id?: string;
  readonly list_id: string;
  readonly name: string;
  readonly description?: string;
  readonly namespace_type: NamespaceType;
  readonly entries: unknown[];
  readonly expire_time?: string;
}

/** services/exception_lists/utils `getSavedObjectType`: anything but `agnostic` is the single type. */
const isAgnostic = (namespaceType: unknown): boolean => namespaceType === 'agnostic';

const STAMP_USER = 'elastic';

export class FakeLists {
  private readonly lists: Array<Stored<ExceptionListSchema>> = [];
  private readonly items: Array<Stored<ExceptionListItemSchema>> = [];
  /** The users the clients were created for, in order (the Security wrapper passes the rule's updater). */
  readonly clientUsers: string[] = [];

  readonly setup: ListPluginSetup = {
    getExceptionListClient: (savedObjectsClient, user) => {
      this.clientUsers.push(user);
      return new HostExceptionListClient(this, savedObjectsClient);
    },
  };

  /** As `POST /api/exception_lists` in `spaceId` would store it. */
  createList(spaceId: string, list: NewList): ExceptionListSchema {
    const now = new Date().toISOString();
    const value: ExceptionListSchema = {
      id: randomUUID(),
      list_id: list.list_id,
      type: list.type ?? 'detection',
      name: list.name,
      description: list.description ?? '',
      namespace_type: list.namespace_type,
      tags: [],
      os_types: [],
      immutable: false,
      version: 1,
      created_at: now,
      created_by: STAMP_USER,
      updated_at: now,
      updated_by: STAMP_USER,
      tie_breaker_id: randomUUID(),
    };
    this.lists.push({ space: isAgnostic(list.namespace_type) ? null : spaceId, value });
    return value;
  }

  /** As `POST /api/exception_lists/items` in `spaceId` would store it (its list must exist, as Kibana's route checks). */
  createItem(spaceId: string, item: NewItem): ExceptionListItemSchema {
    const space = isAgnostic(item.namespace_type) ? null : spaceId;
    if (this.findList(space, item.list_id, item.namespace_type) === undefined)
      throw new Error(`exception list id: "${item.list_id}" does not exist`);
    const now = new Date().toISOString();
    const value: ExceptionListItemSchema = {
      id: randomUUID(),
      item_id: item.item_id ?? randomUUID(),
      list_id: item.list_id,
      type: 'simple',
      name: item.name,
      description: item.description ?? '',
      entries: item.entries,
      namespace_type: item.namespace_type,
      os_types: [],
      tags: [],
      comments: [],
      ...(item.expire_time === undefined ? {} : { expire_time: item.expire_time }),
      created_at: now,
      created_by: STAMP_USER,
      updated_at: now,
      updated_by: STAMP_USER,
      tie_breaker_id: randomUUID(),
    };
    this.items.push({ space, value });
    return value;
  }

  /** What a client scoped to `namespace` (undefined = default space) sees of a list. */
  findList(
    space: string | null,
    listId: string,
    namespaceType: unknown
  ): ExceptionListSchema | undefined {
    const agnostic = isAgnostic(namespaceType);
    return this.lists.find(
      (stored) =>
        stored.value.list_id === listId &&
        isAgnostic(stored.value.namespace_type) === agnostic &&
        (agnostic || stored.space === space)
    )?.value;
  }

  itemsOf(space: string | null, listId: string, namespaceType: unknown): ExceptionListItemSchema[] {
    const agnostic = isAgnostic(namespaceType);
    return this.items
      .filter(
        (stored) =>
          stored.value.list_id === listId &&
          isAgnostic(stored.value.namespace_type) === agnostic &&
          (agnostic || stored.space === space)
      )
      .map((stored) => stored.value);
  }
}
