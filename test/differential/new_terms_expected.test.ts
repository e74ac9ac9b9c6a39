/**
 * The scenarios whose alerts are pinned down (`expectedNewTerms`) give exactly those new terms, in
 * the order they are created, on the embedded store. The differential test holds Elasticsearch to the same values; this one runs
 * without a cluster, so the values are checked on every run.
 */
import { buildScenarios } from './new_terms_scenarios';
import {
  newTermsInCreationOrder,
  ruleOf,
  runEmbedded,
  suppressionInCreationOrder,
} from './scenario_runner';

const pinned = buildScenarios((index) => `expected${index}`)
  .map((scenario, index) => ({ scenario, index }))
  .filter(
    ({ scenario }) =>
      scenario.expectedNewTerms !== undefined || scenario.expectedSuppression !== undefined
  );

describe('new_terms values as Kibana gives them (embedded store)', () => {
  it('pins the values of several scenarios', () => {
    expect(pinned.length).toBeGreaterThanOrEqual(8);
  });

  it.each(pinned.map(({ scenario, index }) => [scenario.name, scenario, index] as const))(
    '%s',
    async (_name, scenario, index) => {
      const run = await runEmbedded(scenario, ruleOf(scenario, index, 'expected'));
      expect(run.results.flatMap((result) => result.errors)).toEqual([]);
      if (scenario.expectedNewTerms !== undefined)
        expect(newTermsInCreationOrder(run)).toEqual(scenario.expectedNewTerms);
      if (scenario.expectedSuppression !== undefined)
        expect(suppressionInCreationOrder(run)).toEqual(scenario.expectedSuppression);
    }
  );
});
