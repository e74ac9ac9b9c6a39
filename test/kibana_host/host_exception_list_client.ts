/**
 * The exception list client the lists double hands out: the two reads a rule execution makes,
 * answered from the double's saved lists as Kibana's client answers them (paths under
 * x-pack/solutions/security/plugins/lists/server/).
 */
import type { SavedObjectsClientContract } from '@kbn/core/server';
import type {
  ExceptionListClient,
  FindExceptionListItemsPointInTimeFinderOptions,
  GetExceptionListOptions,
} from '@kbn/lists-plugin/server';
import type { ExceptionListSchema } from '@kbn/securitysolution-io-ts-list-types';
import type { FakeLists } from './fake_lists';
import { UnmodelledListsFeatureError } from './unmodelled_lists_feature_error';

export const DEFAULT_SPACE = 'default';

/**
 * Elasticsearch's refusal of a page larger than `index.max_result_window` (10,000 by default); the
 * lists client passes `perPage` to a point-in-time search unchanged
 * (services/exception_lists/find_exception_list_items_point_in_time_finder.ts: "Never go above 10_000").
 */
export const MAX_RESULT_WINDOW = 10_000;
export const resultWindowTooLarge = (size: number): string =>
  `Result window is too large, from + size must be less than or equal to: [${MAX_RESULT_WINDOW}] but was [${size}]. See the scroll api for a more efficient way to request large data sets. This limit can be set by changing the [index.max_result_window] index level setting.`;

/** core's point-in-time finder pages 100 objects when no `perPage` is given (saved-objects point_in_time_finder.ts). */
export const DEFAULT_PIT_PAGE_SIZE = 100;

/** The space a saved objects client is scoped to, as the lists client's saved object reads see it. */
const spaceOf = (savedObjectsClient: SavedObjectsClientContract): string =>
  savedObjectsClient.getCurrentNamespace() ?? DEFAULT_SPACE;

export class HostExceptionListClient implements ExceptionListClient {
  constructor(
    private readonly store: FakeLists,
    private readonly savedObjectsClient: SavedObjectsClientContract
  ) {}

  /**
   * services/exception_lists/get_exception_list.ts: by saved object id when given, else by
   * list_id (first match), else null. Reading by id is not used by the plugin and not modelled.
   */
  async getExceptionList(options: GetExceptionListOptions): Promise<ExceptionListSchema | null> {
    if (options.id !== undefined) throw new UnmodelledListsFeatureError('getExceptionList by id');
    if (options.listId === undefined) return null;
    return (
      this.store.findList(
        spaceOf(this.savedObjectsClient),
        options.listId,
        options.namespaceType
      ) ?? null
    );
  }

  /**
   * services/exception_lists/find_exception_list_items_point_in_time_finder.ts
   * (`findExceptionListsItemPointInTimeFinder`): lists looked up one by one with the namespace at
   * the same index; none existing → the stream is never called; otherwise pages of `perPage`
   * items of those lists, cut at `maxSize`.
   */
  async findExceptionListsItemPointInTimeFinder(
    options: FindExceptionListItemsPointInTimeFinderOptions
  ): Promise<void> {
    if (options.filter.some((filter) => filter.length > 0))
      throw new UnmodelledListsFeatureError('item filters');
    if (options.sortField !== undefined) throw new UnmodelledListsFeatureError('sorting items');
    const perPage = options.perPage ?? DEFAULT_PIT_PAGE_SIZE;
    if (perPage > MAX_RESULT_WINDOW) throw new Error(resultWindowTooLarge(perPage));
    const space = spaceOf(this.savedObjectsClient);
    const existing = options.listId.filter(
      (listId, index) =>
        this.store.findList(space, listId, options.namespaceType[index]) !== undefined
    );
    if (existing.length === 0) return;
    const found = options.listId.flatMap((listId, index) =>
      this.store.itemsOf(space, listId, options.namespaceType[index])
    );
    const items = options.maxSize === undefined ? found : found.slice(0, options.maxSize);
    for (let start = 0, page = 1; start < items.length; start += perPage, page += 1)
      options.executeFunctionOnStream({
        data: items.slice(start, start + perPage),
        page,
        per_page: perPage,
        total: found.length,
      });
  }
}
