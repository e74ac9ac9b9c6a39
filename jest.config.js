/** Jest runs the TypeScript sources directly through SWC; `npm test` type-checks them first with tsc. */

const SOURCE_ROOTS = ['common', 'server', 'public', 'cli', 'test'];

module.exports = {
  testEnvironment: 'node',
  roots: SOURCE_ROOTS.map((dir) => `<rootDir>/${dir}`),
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          target: 'es2022',
          transform: { react: { runtime: 'automatic' } },
        },
      },
    ],
  },
  // uuid (used by EUI and Elastic Charts) ships only ES modules; SWC turns them into CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!uuid/)'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  // Kibana provides @kbn/config-schema at run time (not on npm); tests get the test host's double.
  moduleNameMapper: {
    '^@kbn/config-schema$': '<rootDir>/test/kibana_host/kbn_packages/config_schema.ts',
  },
  reporters: ['default', '<rootDir>/test/jest_summary_reporter.js'],
  // One real single-node Elasticsearch for the whole run (test/elasticsearch/README.md).
  globalSetup: '<rootDir>/test/elasticsearch/jest_global_setup.js',
  globalTeardown: '<rootDir>/test/elasticsearch/jest_global_teardown.js',
  testTimeout: 60000,
};
