/**
 * Adding exception items to one rule, as Kibana's `POST /api/detection_engine/rules/{id}/exceptions`
 * does (SEC/server/lib/detection_engine/rule_exceptions/api/create_rule_exceptions/route.ts): the
 * items go into the rule's own "rule default" list, which is created and named by the rule on first
 * use; a default list the rule names but that no longer exists is replaced by a new one.
 */
import { randomUUID } from 'crypto';
import type { NewRuleExceptionItem } from '../../common/exceptions/new_rule_exception_item';
import {
  itemBelongsTo,
  type ExceptionList,
  type ExceptionListItem,
  type RuleExceptionListReference,
} from '../../common/exceptions/exception_schema';
import type { ExceptionStore, InstalledRule, RuleStore } from '../stores/store_contract';

/** Kibana's tag on the lists it creates for a rule (createExceptionList). */
export const DEFAULT_RULE_LIST_TAG = 'default_rule_exception_list';

/** Kibana's answer to an item_id already stored (lists plugin, create_exception_list_item_route.ts). */
export const itemIdExistsMessage = (itemId: string): string =>
  `exception list item id: "${itemId}" already exists`;

export const MORE_THAN_ONE_DEFAULT_LIST_MESSAGE =
  'More than one default exception list found on rule';

export interface RuleExceptionStores {
  readonly rules: RuleStore;
  readonly exceptions: ExceptionStore;
}

export interface Author {
  readonly user: string;
  readonly now: Date;
}

const defaultListFor = (rule: InstalledRule, author: Author): ExceptionList => {
  const at = author.now.toISOString();
  return {
    id: randomUUID(),
    list_id: randomUUID(),
    type: 'rule_default',
    name: `Exceptions for rule - ${rule.definition.name}`,
    description: `Exception list containing exceptions for rule with id: ${rule.uuid}`,
    namespace_type: 'single',
    immutable: false,
    os_types: [],
    tags: [DEFAULT_RULE_LIST_TAG],
    version: 1,
    created_at: at,
    created_by: author.user,
    updated_at: at,
    updated_by: author.user,
  };
};

const referenceTo = (list: ExceptionList): RuleExceptionListReference => ({
  id: list.id ?? list.list_id,
  list_id: list.list_id,
  type: list.type,
  namespace_type: list.namespace_type,
});

/** The rule's default list: the one it names when stored, else a new one it now names. */
const ensureDefaultList = async (
  stores: RuleExceptionStores,
  rule: InstalledRule,
  storedLists: readonly ExceptionList[],
  author: Author
): Promise<ExceptionList> => {
  const references = rule.definition.exceptions_list ?? [];
  const defaults = references.filter((reference) => reference.type === 'rule_default');
  if (defaults.length > 1) throw new Error(MORE_THAN_ONE_DEFAULT_LIST_MESSAGE);
  const [named] = defaults;
  const stored =
    named === undefined ? undefined : storedLists.find((list) => itemBelongsTo(list, named));
  if (stored !== undefined) return stored;
  const list = defaultListFor(rule, author);
  await stores.exceptions.putList(list, false);
  const kept = references.filter((reference) => reference.type !== 'rule_default');
  await stores.rules.setExceptionsList(rule.definition.rule_id, [...kept, referenceTo(list)]);
  return list;
};

const storedItem = (
  item: NewRuleExceptionItem,
  list: ExceptionList,
  author: Author
): ExceptionListItem => {
  const at = author.now.toISOString();
  const stamp = {
    created_at: at,
    created_by: author.user,
    updated_at: at,
    updated_by: author.user,
  };
  return {
    ...item,
    id: randomUUID(),
    item_id: item.item_id ?? randomUUID(),
    list_id: list.list_id,
    namespace_type: list.namespace_type,
    os_types: item.os_types ?? [],
    tags: item.tags ?? [],
    comments: (item.comments ?? []).map((comment) => ({
      ...comment,
      id: randomUUID(),
      created_at: at,
      created_by: author.user,
    })),
    ...stamp,
  };
};

export interface AddedRuleExceptions {
  readonly list: ExceptionList;
  readonly items: readonly ExceptionListItem[];
}

/**
 * Adds the items to the rule's default list; undefined when the rule is not installed. An item_id
 * already stored is refused before anything is written (Kibana answers 409 for it).
 */
export const addRuleExceptionItems = async (
  stores: RuleExceptionStores,
  ruleId: string,
  items: readonly NewRuleExceptionItem[],
  author: Author
): Promise<AddedRuleExceptions | { readonly conflict: string } | undefined> => {
  const rule = await stores.rules.findByRuleId(ruleId);
  if (rule === undefined) return undefined;
  const { lists: storedLists, items: storedItems } = await stores.exceptions.all();
  const taken = items.find(
    (item) =>
      item.item_id !== undefined && storedItems.some((stored) => stored.item_id === item.item_id)
  );
  if (taken?.item_id !== undefined) return { conflict: taken.item_id };
  const list = await ensureDefaultList(stores, rule, storedLists, author);
  const created = items.map((item) => storedItem(item, list, author));
  for (const item of created) await stores.exceptions.putItem(item, false);
  return { list, items: created };
};
