import path from 'path';
import { KIBANA_9_2, kibana819, REPO_ROOT } from './kibana_lines';
import { planSharedDeps } from './shared_deps_bundle';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain CommonJS script without type declarations (no allowJs): loaded by path, typed here
const { sharedDepsFor } = require(path.join(REPO_ROOT, 'scripts', 'kibana_shared_deps.js')) as {
  sharedDepsFor: (version: string) => { externals: Record<string, string> };
};

const globalNamesOf = (version: string): string[] => [
  ...new Set(
    Object.values(sharedDepsFor(version).externals).map((expression) =>
      expression.replace('__kbnSharedDeps__.', '')
    )
  ),
];

describe.each([
  ['9.2', KIBANA_9_2],
  ['8.19', kibana819()],
])('the Kibana %s shared-deps plan', (_name, line) => {
  const plan = planSharedDeps(line);

  it("takes every global of the line's externals table exactly once: built here, or left out with a reason", () => {
    const planned = [...plan.included, ...plan.leftOut].map((global) => global.name);
    expect([...planned].sort()).toEqual(globalNamesOf(line.kibanaVersion).sort());
  });

  it('leaves out Kibana-internal packages and packages not installed here', () => {
    for (const global of plan.leftOut.filter((candidate) =>
      candidate.specifiers.some((specifier) => specifier.startsWith('@kbn/'))
    )) {
      expect(global.reason).toBe('Kibana-internal (@kbn/*)');
    }
    expect(plan.leftOut.find((global) => global.name === 'Jquery')?.reason).toBe('not installed');
    expect(plan.leftOut.find((global) => global.name === 'KbnI18n')?.reason).toBe(
      'Kibana-internal (@kbn/*)'
    );
  });

  it('builds what plugin bundles and the core double read', () => {
    expect(plan.included.map((global) => global.name)).toEqual(
      expect.arrayContaining([
        'React',
        'ReactDom',
        'ElasticEui',
        'ElasticCharts',
        'EmotionReact',
        'Moment',
        'History',
        'Rxjs',
        'ElasticEuiThemeBorealis',
      ])
    );
    expect(plan.included.find((global) => global.name === 'MomentTimezone')?.source).toBe(
      'moment-timezone/moment-timezone'
    );
  });
});
