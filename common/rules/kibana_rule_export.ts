/**
 * Rules written as Kibana's Security → Rules export writes them, so Kibana's import takes the file:
 * one rule object per line, then the export summary line (`get_export_details_ndjson.ts`, its keys
 * in Kibana's order), with the exception lists the rules name. A rule that came from Kibana's format
 * is written with every field it came with; one defined here (a prebuilt rule) is written as
 * Kibana's create request for it. Browser-safe.
 */
import {
  itemBelongsTo,
  type ExceptionList,
  type ExceptionListItem,
  type ExceptionSet,
} from '../exceptions/exception_schema';
import type { KibanaNewTermsRule } from './kibana_rule_schema';
import type { NewTermsRuleDefinition } from './rule_schema';

export interface ExportableRule {
  readonly definition: NewTermsRuleDefinition;
  /** The rule as it came from Kibana's format, when it did. */
  readonly kibana?: KibanaNewTermsRule;
  readonly enabled?: boolean;
}

/** The engine's fields win over the Kibana copy's, so a rule changed here is exported as it runs. */
export const kibanaRuleOf = (rule: ExportableRule): Record<string, unknown> => ({
  ...(rule.kibana ?? {}),
  ...rule.definition,
  ...(rule.enabled === undefined ? {} : { enabled: rule.enabled }),
});

/** Kibana's export summary for a file of rules and their exception lists (no action connectors). */
export const exportSummary = (
  rulesCount: number,
  listsCount = 0,
  itemsCount = 0
): Record<string, unknown> => ({
  exported_count: rulesCount + listsCount + itemsCount,
  exported_rules_count: rulesCount,
  missing_rules: [],
  missing_rules_count: 0,
  exported_exception_list_count: listsCount,
  exported_exception_list_item_count: itemsCount,
  missing_exception_list_item_count: 0,
  missing_exception_list_items: [],
  missing_exception_lists: [],
  missing_exception_lists_count: 0,
  exported_action_connector_count: 0,
  missing_action_connection_count: 0,
  missing_action_connections: [],
  excluded_action_connection_count: 0,
  excluded_action_connections: [],
});

const NO_EXCEPTIONS: ExceptionSet = { lists: [], items: [] };

/** The lists the rules name, each with its items (Kibana's `getExportRuleExceptions`). */
const referencedExceptions = (
  rules: readonly ExportableRule[],
  exceptions: ExceptionSet
): Array<{ list: ExceptionList; items: ExceptionListItem[] }> => {
  const references = rules.flatMap((rule) => rule.definition.exceptions_list ?? []);
  return exceptions.lists
    .filter((list) => references.some((reference) => itemBelongsTo(list, reference)))
    .map((list) => ({ list, items: exceptions.items.filter((item) => itemBelongsTo(item, list)) }));
};

/**
 * NDJSON as Kibana's rule export writes it (`transformDataToNdjson`, one JSON value per line, each
 * line ended): the rules, then the exception lists they name with their items, then the summary.
 */
export const kibanaExportNdjson = (
  rules: readonly ExportableRule[],
  exceptions: ExceptionSet = NO_EXCEPTIONS
): string => {
  const referenced = referencedExceptions(rules, exceptions);
  const itemCount = referenced.reduce((sum, { items }) => sum + items.length, 0);
  return [
    ...rules.map(kibanaRuleOf),
    ...referenced.flatMap(({ list, items }) => [list, ...items]),
    exportSummary(rules.length, referenced.length, itemCount),
  ]
    .map((value) => `${JSON.stringify(value)}\n`)
    .join('');
};
