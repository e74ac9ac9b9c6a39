/**
 * Rule exceptions of the standalone engine: the lists and items live in the embedded store beside
 * the rules that name them. Adding items follows Kibana's rule-exception route (the rule's default
 * list), closing alerts follows its exception flyout, and the preview replays the stored history.
 */
import { randomUUID } from 'crypto';
import type {
  AddRuleExceptionsResponse,
  ExceptionListsResponse,
  RuleExceptionsResponse,
} from '../../common/api/exceptions_api';
import type { HistoryPreview } from '../../common/api/preview_api';
import {
  itemBelongsTo,
  type ExceptionListItem,
  type NamespaceType,
} from '../../common/exceptions/exception_schema';
import { alertsMatchingItems, itemMatcher } from '../rules/exception_alert_matches';
import type { NewRuleExceptionItem } from '../../common/exceptions/new_rule_exception_item';
import { addRuleExceptionItems, DEFAULT_RULE_LIST_TAG } from '../rules/rule_default_exceptions';
import { previewRuleExceptions } from '../replay/history_preview';
import type { AlertCloseRequest, ExceptionService } from '../routes/api_types';
import type { StoreWithRules } from '../stores/store_contract';
import type { AlertDocument } from '../../common/alerts/alert_document';
import {
  ALERT_RULE_RULE_ID,
  ALERT_UUID,
  ALERT_WORKFLOW_STATUS,
} from '../../common/alerts/field_names';
import type { Investigation } from '../../common/api/api_types';
import { itemsForRule } from '../../common/exceptions/exceptions_to_kql';

const OPEN_STATUSES = new Set(['open', 'acknowledged']);

const isOpen = (alert: Readonly<Record<string, unknown>>): boolean => {
  const status = alert[ALERT_WORKFLOW_STATUS];
  return typeof status !== 'string' || OPEN_STATUSES.has(status);
};

/** A proposed item with the fields a stored one has, for matching and replay. */
const asItem = (item: NewRuleExceptionItem, at: string): ExceptionListItem => ({
  ...item,
  item_id: item.item_id ?? randomUUID(),
  list_id: 'proposed',
  namespace_type: 'single',
  comments: [],
  created_at: at,
});

export class EmbeddedExceptionService implements ExceptionService {
  constructor(private readonly store: StoreWithRules) {}

  async lists(): Promise<ExceptionListsResponse> {
    const { lists, items } = await this.store.exceptions.all();
    const rules = await this.store.rules.list();
    return {
      lists: lists.map((list) => ({
        list,
        items: items.filter((item) => itemBelongsTo(item, list)),
        rule_ids: rules
          .filter((rule) =>
            (rule.definition.exceptions_list ?? []).some((reference) =>
              itemBelongsTo(list, reference)
            )
          )
          .map((rule) => rule.definition.rule_id),
      })),
    };
  }

  async ruleExceptions(ruleId: string, now: Date): Promise<RuleExceptionsResponse | undefined> {
    const rule = await this.store.rules.findByRuleId(ruleId);
    if (rule === undefined) return undefined;
    const { lists, items } = await this.store.exceptions.all();
    const alerts = await this.store.alerts.alertsOfRules([ruleId]);
    return {
      rule_id: ruleId,
      lists: (rule.definition.exceptions_list ?? []).map((reference) => ({
        reference,
        list: lists.find((list) => itemBelongsTo(list, reference)) ?? null,
        items: items
          .filter((item) => itemBelongsTo(item, reference))
          .map((item) => {
            const matcher = itemMatcher(item, now);
            return matcher.ok
              ? { item, matching_alerts: alerts.filter(matcher.matches).length }
              : { item, matching_alerts: 0, unsupported: matcher.reason };
          }),
      })),
    };
  }

  async addToRule(
    ruleId: string,
    items: readonly NewRuleExceptionItem[],
    close: AlertCloseRequest,
    author: { readonly user: string; readonly now: Date }
  ): Promise<AddRuleExceptionsResponse | { readonly conflict: string } | undefined> {
    const added = await addRuleExceptionItems(this.store, ruleId, items, author);
    if (added === undefined || 'conflict' in added) return added;
    const ids = new Set(close.alertIds);
    if (close.matching) {
      const open = (await this.store.alerts.alertsOfRules([ruleId])).filter(isOpen);
      for (const alert of alertsMatchingItems(open, added.items, author.now))
        ids.add(String(alert[ALERT_UUID]));
    }
    const closed =
      ids.size === 0
        ? 0
        : await this.store.alertQueries.setWorkflowStatus(
            { ids: [...ids] },
            {
              status: 'closed',
              ...(close.reason === undefined ? {} : { reason: close.reason }),
              user: author.user,
              at: author.now,
            }
          );
    return { ...added, closed_alerts: closed };
  }

  async updateItem(item: ExceptionListItem): Promise<boolean> {
    const { items } = await this.store.exceptions.all();
    const stored = items.find(
      (candidate) =>
        candidate.item_id === item.item_id && candidate.namespace_type === item.namespace_type
    );
    if (stored === undefined) return false;
    // The list an item belongs to does not change with an edit.
    await this.store.exceptions.putItem({ ...item, list_id: stored.list_id }, true);
    return true;
  }

  async exceptedNow(
    alert: AlertDocument,
    now: Date
  ): Promise<Investigation['why']['excepted_now']> {
    const ruleId = alert[ALERT_RULE_RULE_ID];
    const rule =
      typeof ruleId === 'string' ? await this.store.rules.findByRuleId(ruleId) : undefined;
    if (rule === undefined) return [];
    const { items } = await this.store.exceptions.all();
    const named = itemsForRule(rule.definition.exceptions_list ?? [], items);
    return named
      .filter((item) => alertsMatchingItems([alert], [item], now).length > 0)
      .map((item) => ({ item_id: item.item_id, name: item.name, list_id: item.list_id }));
  }

  removeItem(itemId: string, namespace: NamespaceType): Promise<boolean> {
    return this.store.exceptions.removeItem(itemId, namespace);
  }

  async preview(
    ruleId: string,
    items: readonly NewRuleExceptionItem[],
    now: Date
  ): Promise<HistoryPreview | undefined> {
    const rule = await this.store.rules.findByRuleId(ruleId);
    if (rule === undefined) return undefined;
    const at = now.toISOString();
    return previewRuleExceptions(
      this.store.events,
      rule,
      await this.store.exceptions.all(),
      items.map((item) => asItem(item, at)),
      {
        list_id: `preview-${rule.uuid}`,
        type: 'rule_default',
        name: `Exceptions for rule - ${rule.definition.name}`,
        description: 'proposed',
        namespace_type: 'single',
        tags: [DEFAULT_RULE_LIST_TAG],
      }
    );
  }
}
