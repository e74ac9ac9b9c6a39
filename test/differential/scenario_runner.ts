/**
 * Runs a scenario of the shared corpus (new_terms_scenarios.ts) through a store: its scheduled
 * executions, in order, with the scenario's page size. Shared by the differential test and the
 * test of the values Kibana gives.
 */
import type { AlertDocument } from '../../common/alerts/alert_document';
import {
  runNewTermsRule,
  type RuleExecutionResult,
} from '../../server/new_terms/run_new_terms_rule';
import type { NewTermsRuleInstance } from '../../server/new_terms/rule_instance';
import { resolveRuleExceptions } from '../../server/new_terms/rule_exceptions';
import type { AlertSink, NewTermsEventSource } from '../../server/stores/store_contract';
import { memoryStoreWith } from '../helpers/memory_store';
import type { ExpectedSuppressedAlert, Scenario } from './new_terms_scenarios';

/**
 * What both stores must agree on. Timing and the number of searches are the store's own cost: the
 * embedded store searches several phase-1 pages at once and Elasticsearch one page at a time.
 */
export type ComparedResult = Omit<RuleExecutionResult, 'durationMs' | 'searches'>;

export interface StoreRun {
  readonly results: readonly ComparedResult[];
  readonly alerts: readonly AlertDocument[];
}

export const ruleOf = (scenario: Scenario, index: number, runId: string): NewTermsRuleInstance => ({
  uuid: `diff-rule-${index}`,
  // Each scenario writes to its own alerts index in Elasticsearch.
  spaceId: `diff-${runId}-${index}`,
  definition: scenario.rule,
});

export const runAll = async (
  scenario: Scenario,
  rule: NewTermsRuleInstance,
  source: NewTermsEventSource,
  sink: AlertSink
): Promise<ComparedResult[]> => {
  const results: ComparedResult[] = [];
  for (const [position, execution] of scenario.executions.entries()) {
    const {
      durationMs: _timing,
      searches: _searches,
      ...result
    } = await runNewTermsRule({
      rule,
      source,
      sink,
      startedAt: new Date(execution.startedAt),
      previousStartedAt:
        execution.previousStartedAt === null ? null : new Date(execution.previousStartedAt),
      executionId: `diff-exec-${position}`,
      ...(scenario.exceptions === undefined
        ? {}
        : {
            exceptions: resolveRuleExceptions(
              scenario.rule,
              scenario.exceptions,
              new Date(execution.startedAt)
            ),
          }),
      ...(scenario.pageSize === undefined ? {} : { pageSize: scenario.pageSize }),
    });
    results.push(result);
  }
  return results;
};

export const runEmbedded = async (
  scenario: Scenario,
  rule: NewTermsRuleInstance
): Promise<StoreRun> => {
  const store = await memoryStoreWith(scenario.events);
  try {
    const results = await runAll(scenario, rule, store.events, store.alerts);
    return { results, alerts: (await store.alerts.list()).map((alert) => alert.document) };
  } finally {
    store.close();
  }
};

/** The alerts the executions created, in creation order (a store lists alerts its own way). */
const createdAlerts = (run: StoreRun): AlertDocument[] => {
  const byId = new Map(run.alerts.map((alert) => [String(alert['kibana.alert.uuid']), alert]));
  return run.results.flatMap((result) => result.createdAlertIds).map((id) => byId.get(id) ?? {});
};

/** Each created alert's new terms and suppression count and end, in creation order. */
export const suppressionInCreationOrder = (run: StoreRun): ExpectedSuppressedAlert[] =>
  createdAlerts(run).map((alert) => {
    const count = alert['kibana.alert.suppression.docs_count'];
    const end = alert['kibana.alert.suppression.end'];
    return {
      new_terms: alert['kibana.alert.new_terms'] as unknown[],
      ...(typeof count === 'number' ? { docs_count: count } : {}),
      ...(typeof end === 'string' ? { end: Date.parse(end) } : {}),
    };
  });

/** The new terms of a run's alerts in the order the executions created them. */
export const newTermsInCreationOrder = (run: StoreRun): unknown[] =>
  createdAlerts(run).map((alert) => alert['kibana.alert.new_terms']);
