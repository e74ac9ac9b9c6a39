/**
 * The exceptions a rule run inside Kibana applies, read from Kibana's lists plugin the way the
 * Security rule wrapper reads them (SEC/server/lib/detection_engine/rule_types/utils/utils.ts
 * `getExceptions`: an exception list client on the executor's saved objects client, acting as the
 * rule's last updater or `elastic`, then every item of the rule's lists through the point-in-time
 * finder, 1,000 a page). Unlike Kibana, which silently skips a list that does not exist and fails
 * the run when the lists cannot be read, each of those is a warning on the run here, as in the
 * standalone server: the rule still searches, and the analyst learns why an exception did not hold.
 */
import type { SavedObjectsClientContract } from '@kbn/core/server';
import type { ExceptionListClient, ListPluginSetup } from '@kbn/lists-plugin/server';
import type {
  ExceptionListItemSchema,
  ExceptionListSchema,
} from '@kbn/securitysolution-io-ts-list-types';
import {
  exceptionList,
  exceptionListItem,
  type ExceptionList,
  type ExceptionListItem,
  type RuleExceptionListReference,
} from '../../common/exceptions/exception_schema';
import type { NewTermsRuleDefinition } from '../../common/rules/rule_schema';
import {
  NO_EXCEPTIONS,
  resolveRuleExceptions,
  unappliedItemWarning,
  type RuleExceptions,
} from '../new_terms/rule_exceptions';
import { errorMessage } from '../../common/error_message';

/** Kibana's page size for this read (see the Kibana issue cited in `getExceptions`). */
export const EXCEPTION_ITEMS_PER_PAGE = 1_000;

/** Who the lists plugin records as acting when the rule has no last updater (Kibana's choice). */
export const DEFAULT_LISTS_USER = 'elastic';

export const LISTS_PLUGIN_UNAVAILABLE_WARNING =
  "The rule names exception lists, but Kibana's lists plugin (part of Security) is not available; no exceptions were applied.";

export const exceptionsUnreadableWarning = (cause: string): string =>
  `The rule's exception lists could not be read (${cause}); no exceptions were applied.`;

export interface KibanaExceptionsInput {
  readonly lists: ListPluginSetup | undefined;
  readonly savedObjectsClient: SavedObjectsClientContract;
  readonly updatedBy: string | null;
  readonly definition: NewTermsRuleDefinition;
  readonly now: Date;
}

const readLists = async (
  client: ExceptionListClient,
  references: readonly RuleExceptionListReference[]
): Promise<ExceptionListSchema[]> => {
  const found = await Promise.all(
    references.map((reference) =>
      client.getExceptionList({
        id: undefined,
        listId: reference.list_id,
        namespaceType: reference.namespace_type,
      })
    )
  );
  return found.filter((list): list is ExceptionListSchema => list !== null);
};

const readItems = async (
  client: ExceptionListClient,
  references: readonly RuleExceptionListReference[]
): Promise<ExceptionListItemSchema[]> => {
  const items: ExceptionListItemSchema[] = [];
  await client.findExceptionListsItemPointInTimeFinder({
    listId: references.map((reference) => reference.list_id),
    namespaceType: references.map((reference) => reference.namespace_type),
    filter: [],
    perPage: EXCEPTION_ITEMS_PER_PAGE,
    maxSize: undefined,
    sortField: undefined,
    sortOrder: undefined,
    executeFunctionOnStream: (page) => items.push(...page.data),
  });
  return items;
};

interface CheckedItems {
  readonly items: ExceptionListItem[];
  readonly warnings: string[];
}

/** Items this plugin cannot read (an entry shape it does not know) are reported, not guessed at. */
const checkItems = (raw: readonly ExceptionListItemSchema[]): CheckedItems => {
  const items: ExceptionListItem[] = [];
  const warnings: string[] = [];
  for (const candidate of raw) {
    const parsed = exceptionListItem.safeParse(candidate);
    if (parsed.success) items.push(parsed.data);
    else
      warnings.push(
        unappliedItemWarning(
          candidate.item_id,
          candidate.list_id,
          `it is not a valid exception item (${parsed.error.issues[0]?.message ?? 'invalid'})`
        )
      );
  }
  return { items, warnings };
};

const checkLists = (raw: readonly ExceptionListSchema[]): ExceptionList[] =>
  raw.flatMap((candidate) => {
    const parsed = exceptionList.safeParse(candidate);
    return parsed.success ? [parsed.data] : [];
  });

/** The rule's exclusion condition for this run, and every warning about what was not applied. */
export const loadKibanaRuleExceptions = async (
  input: KibanaExceptionsInput
): Promise<RuleExceptions> => {
  const references = input.definition.exceptions_list ?? [];
  if (references.length === 0) return NO_EXCEPTIONS;
  if (input.lists === undefined)
    return { exclude: undefined, warnings: [LISTS_PLUGIN_UNAVAILABLE_WARNING] };
  const client = input.lists.getExceptionListClient(
    input.savedObjectsClient,
    input.updatedBy ?? DEFAULT_LISTS_USER,
    false
  );
  try {
    const [lists, rawItems] = await Promise.all([
      readLists(client, references),
      readItems(client, references),
    ]);
    const checked = checkItems(rawItems);
    const resolved = resolveRuleExceptions(
      input.definition,
      { lists: checkLists(lists), items: checked.items },
      input.now
    );
    return { exclude: resolved.exclude, warnings: [...checked.warnings, ...resolved.warnings] };
  } catch (error) {
    return { exclude: undefined, warnings: [exceptionsUnreadableWarning(errorMessage(error))] };
  }
};
