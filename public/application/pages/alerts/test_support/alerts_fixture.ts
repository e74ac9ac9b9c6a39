/**
 * Real alerts for UI tests: generated Defend events ingested into the in-process API's DuckDB
 * store, and both prebuilt rules replayed over them (as `ctd scan` does), which writes the alerts
 * the API then serves. Events end now, so the alerts fall inside the default time range.
 */
// First: it sets up the Node globals (TextEncoder) the server modules below need under jsdom.
import { inProcessApi, type InProcessApi } from '../../../../../test/helpers/in_process_api';
import { PREBUILT_RULES } from '../../../../../common/rules/catalog';
import type { NewTermsRuleDefinition } from '../../../../../common/rules/rule_schema';
import { DEFAULT_SPACE_ID } from '../../../../../server/new_terms/rule_instance';
import { generateEvents } from '../../../../../server/sample_data/generate';
import type { EcsEvent } from '../../../../../server/sample_data/defend_event';
import { replayRule } from '../../../../../server/replay/replay_schedule';
import { ingestObjects } from '../../../../../test/helpers/memory_store';

/**
 * Three days rather than the default fourteen: the same planted alerts (the planted events all fall
 * on the last day) from a third of the rule executions, which keeps the UI tests fast.
 */
export const FIXTURE_OPTIONS = { totalEvents: 2_000, seed: 11, days: 3 } as const;

export interface AlertsFixtureOptions {
  /** Changes the generated events before they are ingested. */
  readonly editEvents?: (events: EcsEvent[]) => EcsEvent[];
  /** Changes a rule's definition before it is replayed (the alerts keep a snapshot of it). */
  readonly editRule?: (rule: NewTermsRuleDefinition) => NewTermsRuleDefinition;
  /** The catalog rules to replay (default: all of them). */
  readonly ruleIds?: readonly string[];
}

export const alertsFixture = async (options: AlertsFixtureOptions = {}): Promise<InProcessApi> => {
  const server = await inProcessApi();
  const generated = [...generateEvents({ ...FIXTURE_OPTIONS, end: new Date() })];
  await ingestObjects(server.store, options.editEvents ? options.editEvents(generated) : generated);
  for (const catalogRule of PREBUILT_RULES.filter(
    (rule) => options.ruleIds === undefined || options.ruleIds.includes(rule.rule_id)
  )) {
    const definition = options.editRule ? options.editRule(catalogRule) : catalogRule;
    const summary = await replayRule(server.store, {
      uuid: definition.rule_id,
      spaceId: DEFAULT_SPACE_ID,
      definition,
    });
    if (summary.errors.length > 0)
      throw new Error(`replay of ${definition.name} failed: ${summary.errors.join('; ')}`);
  }
  return server;
};
