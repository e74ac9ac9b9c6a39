/**
 * Rules written as Kibana's Security → Rules export writes them, so Kibana's import takes the file:
 * one rule object per line, then the export summary line (`get_export_details_ndjson.ts`, its keys
 * in Kibana's order). A rule that came from Kibana's format is written with every field it came
 * with; one defined here (a prebuilt rule) is written as Kibana's create request for it. Browser-safe.
 */
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

/** Kibana's export summary for a file of rules only (no exception lists, no action connectors). */
export const exportSummary = (rulesCount: number): Record<string, unknown> => ({
  exported_count: rulesCount,
  exported_rules_count: rulesCount,
  missing_rules: [],
  missing_rules_count: 0,
  exported_exception_list_count: 0,
  exported_exception_list_item_count: 0,
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

/** NDJSON as Kibana's `transformDataToNdjson` writes it: one JSON value per line, each line ended. */
export const kibanaExportNdjson = (rules: readonly ExportableRule[]): string =>
  [...rules.map(kibanaRuleOf), exportSummary(rules.length)]
    .map((value) => `${JSON.stringify(value)}\n`)
    .join('');
