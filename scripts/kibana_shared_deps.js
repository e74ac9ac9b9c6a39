/**
 * The libraries Kibana shares with plugin bundles, per supported Kibana line: module specifier →
 * the global a plugin bundle reads instead of bundling its own copy.
 *
 * Kibana's optimizer passes `@kbn/ui-shared-deps-src`'s `externals` map to webpack as object
 * externals (Kibana: packages/kbn-optimizer/src/worker/webpack.config.ts, `externals`), which match
 * the whole import specifier only: `react` is shared, `react/jsx-runtime` and `react-dom/client`
 * are bundled (and their own `require('react')` then reads the global). Each table below is that
 * map, copied as data from the `definitions.js` named beside it.
 */
'use strict';

/** Every value is a property path under `__kbnSharedDeps__`, which Kibana's shared-deps script defines. */
const SHARED_DEPS_GLOBAL = '__kbnSharedDeps__';

// Kibana: src/platform/packages/private/kbn-ui-shared-deps-src/src/definitions.js (9.x layout), commit 30c537ac53d683e5db8a668e3dde96b10be1f5bc
// (a 9.0-era copy: the 9.2 release's own copy could not be read; main in 2026 adds react-use and fp-ts
// sub-paths and shares @kbn/react-query instead of @tanstack/react-query, none of which this plugin imports)
const KIBANA_9_2_DEFINITIONS = {
  path: 'src/platform/packages/private/kbn-ui-shared-deps-src/src/definitions.js',
  commit: '30c537ac53d683e5db8a668e3dde96b10be1f5bc',
};
const KIBANA_9_2_EXTERNALS = Object.freeze({
  '@kbn/ui-theme': 'KbnUiTheme',
  '@kbn/i18n': 'KbnI18n',
  '@kbn/i18n-react': 'KbnI18nReact',
  '@emotion/cache': 'EmotionCache',
  '@emotion/react': 'EmotionReact',
  jquery: 'Jquery',
  moment: 'Moment',
  'moment-timezone': 'MomentTimezone',
  react: 'React',
  'react-dom': 'ReactDom',
  'react-dom/server': 'ReactDomServer',
  'react-router': 'ReactRouter',
  'react-router-dom': 'ReactRouterDom',
  'react-router-dom-v5-compat': 'ReactRouterDomV5Compat',
  'styled-components': 'StyledComponents',
  '@kbn/monaco': 'KbnMonaco',
  'monaco-editor/esm/vs/editor/editor.api': 'MonacoBarePluginApi',
  'io-ts': 'IoTs',
  '@reduxjs/toolkit': 'ReduxjsToolkit',
  'react-redux': 'ReactRedux',
  redux: 'Redux',
  immer: 'Immer',
  reselect: 'Reselect',
  'fastest-levenshtein': 'FastestLevenshtein',
  rxjs: 'Rxjs',
  numeral: 'ElasticNumeral',
  '@elastic/numeral': 'ElasticNumeral',
  '@elastic/charts': 'ElasticCharts',
  '@kbn/datemath': 'KbnDatemath',
  '@elastic/eui': 'ElasticEui',
  '@elastic/eui/lib/components/provider/nested': 'ElasticEuiLibComponentsUseIsNestedEuiProvider',
  '@elastic/eui/lib/services/theme/warning': 'ElasticEuiLibServicesThemeWarning',
  '@elastic/eui-theme-borealis': 'ElasticEuiThemeBorealis',
  '@hello-pangea/dnd': 'HelloPangeaDnd',
  lodash: 'Lodash',
  'lodash/fp': 'LodashFp',
  fflate: 'Fflate',
  tslib: 'TsLib',
  uuid: 'Uuid',
  '@kbn/analytics': 'KbnAnalytics',
  '@kbn/crypto-browser': 'KbnCryptoBrowser',
  '@kbn/es-query': 'KbnEsQuery',
  '@kbn/search-errors': 'KbnSearchErrors',
  '@kbn/std': 'KbnStd',
  '@kbn/safer-lodash-set': 'SaferLodashSet',
  '@kbn/shared-ux-error-boundary': 'KbnSharedUxErrorBoundary',
  '@kbn/rison': 'KbnRison',
  history: 'History',
  classnames: 'Classnames',
  '@tanstack/react-query': 'ReactQuery',
  '@tanstack/react-query-devtools': 'ReactQueryDevtools',
  '@kbn/code-editor': 'KbnCodeEditor',
  '@kbn/esql-ast': 'KbnEsqlAst',
  '@kbn/ebt-tools': 'KbnEbtTools',
  '@elastic/apm-rum-core': 'ElasticApmRumCore',
  '@kbn/react-kibana-context-common': 'KbnReactKibanaContextCommon',
  '@kbn/react-kibana-context-root': 'KbnReactKibanaContextRoot',
  '@kbn/react-kibana-context-render': 'KbnReactKibanaContextRender',
  '@kbn/react-kibana-context-theme': 'KbnReactKibanaContextTheme',
  '@kbn/shared-ux-router': 'KbnSharedUxRouter',
});

// Kibana: packages/kbn-ui-shared-deps-src/src/definitions.js (8.x layout), commit 0148ca7d7f14db609291becc9f54bb236d288284
// (2024 licence header, Borealis theme and bazel-bin dist: the 8.17–8.19 era; no later 8.x copy is readable)
const KIBANA_8_19_DEFINITIONS = {
  path: 'packages/kbn-ui-shared-deps-src/src/definitions.js',
  commit: '0148ca7d7f14db609291becc9f54bb236d288284',
};
const KIBANA_8_19_EXTERNALS = Object.freeze({
  '@kbn/ui-theme': 'KbnUiTheme',
  '@kbn/i18n': 'KbnI18n',
  '@kbn/i18n-react': 'KbnI18nReact',
  '@emotion/cache': 'EmotionCache',
  '@emotion/react': 'EmotionReact',
  jquery: 'Jquery',
  moment: 'Moment',
  'moment-timezone': 'MomentTimezone',
  react: 'React',
  'react-dom': 'ReactDom',
  'react-dom/server': 'ReactDomServer',
  'react-router': 'ReactRouter',
  'react-router-dom': 'ReactRouterDom',
  'react-router-dom-v5-compat': 'ReactRouterDomV5Compat',
  'styled-components': 'StyledComponents',
  '@kbn/monaco': 'KbnMonaco',
  'monaco-editor/esm/vs/editor/editor.api': 'MonacoBarePluginApi',
  'io-ts': 'IoTs',
  '@reduxjs/toolkit': 'ReduxjsToolkit',
  'react-redux': 'ReactRedux',
  redux: 'Redux',
  immer: 'Immer',
  reselect: 'Reselect',
  'fastest-levenshtein': 'FastestLevenshtein',
  rxjs: 'Rxjs',
  numeral: 'ElasticNumeral',
  '@elastic/numeral': 'ElasticNumeral',
  '@elastic/charts': 'ElasticCharts',
  '@kbn/datemath': 'KbnDatemath',
  '@elastic/eui': 'ElasticEui',
  '@elastic/eui/lib/components/provider/nested': 'ElasticEuiLibComponentsUseIsNestedEuiProvider',
  '@elastic/eui-theme-borealis': 'ElasticEuiThemeBorealis',
  '@hello-pangea/dnd': 'HelloPangeaDnd',
  lodash: 'Lodash',
  'lodash/fp': 'LodashFp',
  fflate: 'Fflate',
  tslib: 'TsLib',
  uuid: 'Uuid',
  '@kbn/analytics': 'KbnAnalytics',
  '@kbn/crypto-browser': 'KbnCryptoBrowser',
  '@kbn/es-query': 'KbnEsQuery',
  '@kbn/search-errors': 'KbnSearchErrors',
  '@kbn/std': 'KbnStd',
  '@kbn/safer-lodash-set': 'SaferLodashSet',
  '@kbn/shared-ux-error-boundary': 'KbnSharedUxErrorBoundary',
  '@kbn/rison': 'KbnRison',
  history: 'History',
  classnames: 'Classnames',
  '@tanstack/react-query': 'ReactQuery',
  '@tanstack/react-query-devtools': 'ReactQueryDevtools',
  '@kbn/code-editor': 'KbnCodeEditor',
  '@kbn/esql-ast': 'KbnEsqlAst',
  '@kbn/ebt-tools': 'KbnEbtTools',
  '@elastic/apm-rum-core': 'ElasticApmRumCore',
});

/**
 * The Kibana lines the bundle can be built for (`major.minor`), each with the externals table of
 * that line. Each table was read at one stored commit whose exact release could not be pinned
 * (see the comments above them). A specifier a
 * table lacks is only bundled (safe for stateless code); one it lists that the release lacks
 * would read `undefined` at runtime. Every specifier our UI imports (react, react-dom,
 * @elastic/eui, @elastic/charts, moment) is in every copy read, from 2022 to 2026.
 */
const SUPPORTED_LINES = Object.freeze([
  { line: '9.2', definitions: KIBANA_9_2_DEFINITIONS, externals: KIBANA_9_2_EXTERNALS },
  { line: '8.19', definitions: KIBANA_8_19_DEFINITIONS, externals: KIBANA_8_19_EXTERNALS },
]);

const VERSION_PATTERN = /^(\d+)\.(\d+)\.(\d+)$/;

const supportedVersionsText = () => SUPPORTED_LINES.map(({ line }) => `${line}.x`).join(', ');

/**
 * The shared-deps table for one Kibana version (`9.2.0`): `{ line, definitions, externals }` where
 * `externals` maps a specifier to its full global expression (`__kbnSharedDeps__.React`).
 * Throws for a malformed or unsupported version, naming the supported ones.
 */
const sharedDepsFor = (kibanaVersion) => {
  const match = VERSION_PATTERN.exec(String(kibanaVersion));
  if (!match)
    throw new Error(
      `--kibana-version must be a Kibana version such as 9.2.0, got "${kibanaVersion}"; supported Kibana versions: ${supportedVersionsText()}`
    );
  const line = `${Number(match[1])}.${Number(match[2])}`;
  const entry = SUPPORTED_LINES.find((candidate) => candidate.line === line);
  if (!entry)
    throw new Error(
      `Kibana ${kibanaVersion} is not supported by the browser bundle build; supported Kibana versions: ${supportedVersionsText()}`
    );
  const externals = Object.fromEntries(
    Object.entries(entry.externals).map(([specifier, name]) => [
      specifier,
      `${SHARED_DEPS_GLOBAL}.${name}`,
    ])
  );
  return { line: entry.line, definitions: entry.definitions, externals };
};

module.exports = { sharedDepsFor, SUPPORTED_LINES, SHARED_DEPS_GLOBAL };
