/**
 * ESLint: typescript-eslint with type information, React hooks, and the rules Kibana's own ESLint
 * configuration applies to TypeScript (packages/kbn-eslint-config/typescript.js and .eslintrc.js in
 * elastic/kibana): import order and no default exports, naming of members, no bitwise operators,
 * one class per file, no exclusive tests. Formatting is Prettier's (see .prettierrc); the rules
 * that would fight it are turned off by eslint-config-prettier.
 */
const tseslint = require('typescript-eslint');
const importPlugin = require('eslint-plugin-import');
const reactHooks = require('eslint-plugin-react-hooks');
const eslintComments = require('@eslint-community/eslint-plugin-eslint-comments');
const prettierRules = require('eslint-config-prettier');

const KIBANA_TYPESCRIPT_RULES = {
  '@typescript-eslint/array-type': ['error', { default: 'array-simple', readonly: 'array-simple' }],
  '@typescript-eslint/consistent-type-definitions': ['error', 'interface'],
  '@typescript-eslint/no-shadow': 'error',
  '@typescript-eslint/prefer-function-type': 'error',
  '@typescript-eslint/unified-signatures': 'error',
  '@typescript-eslint/triple-slash-reference': [
    'error',
    { path: 'never', types: 'never', lib: 'never' },
  ],
  'dot-notation': 'error',
  eqeqeq: ['error', 'always', { null: 'ignore' }],
  'import/order': [
    'error',
    { groups: [['external', 'builtin'], 'internal', ['parent', 'sibling', 'index']] },
  ],
  'import/no-default-export': 'error',
  'max-classes-per-file': ['error', 1],
  'no-bitwise': 'error',
  'no-caller': 'error',
  'no-console': 'error',
  'no-debugger': 'error',
  'no-empty': 'error',
  'no-eval': 'error',
  'no-implied-eval': 'error',
  'no-new-func': 'error',
  'no-new-wrappers': 'error',
  'no-prototype-builtins': 'error',
  'no-restricted-syntax': [
    'error',
    {
      selector: 'TSEnumDeclaration[const=true]',
      message: 'Do not use `const` with enum declarations',
    },
  ],
  'no-restricted-properties': [
    'error',
    { object: 'describe', property: 'only', message: 'No exclusive suites.' },
    { object: 'it', property: 'only', message: 'No exclusive tests.' },
    { object: 'test', property: 'only', message: 'No exclusive tests.' },
  ],
  'no-script-url': 'error',
  'no-throw-literal': 'error',
  'no-undef-init': 'error',
  'no-var': 'error',
  'object-shorthand': 'error',
  'one-var': ['error', 'never'],
  'prefer-const': 'error',
  'prefer-rest-params': 'error',
  radix: 'error',
  'spaced-comment': ['error', 'always', { exceptions: ['/'] }],
  '@eslint-community/eslint-comments/no-unused-disable': 'error',
  '@eslint-community/eslint-comments/no-unused-enable': 'error',
  // Kibana's no_naked_eslint_disable: a disable names its rules, and here also says why.
  '@eslint-community/eslint-comments/no-unlimited-disable': 'error',
  '@eslint-community/eslint-comments/require-description': ['error', { ignore: ['eslint-enable'] }],
};

/** Beyond Kibana's rules: what the type information lets ESLint check. */
const TYPE_CHECKED_RULES = {
  '@typescript-eslint/no-explicit-any': 'error',
  // Kibana's naming rules allow a leading underscore for what is deliberately unused.
  '@typescript-eslint/no-unused-vars': [
    'error',
    {
      argsIgnorePattern: '^_',
      varsIgnorePattern: '^_',
      caughtErrors: 'none',
      ignoreRestSiblings: true,
    },
  ],
  // An async function without `await` is how a contract method turns a throw into a rejection.
  '@typescript-eslint/require-await': 'off',
};

/** React APIs that arrived in React 18. */
const REACT_18_ONLY = [
  'useId',
  'useSyncExternalStore',
  'useInsertionEffect',
  'useTransition',
  'useDeferredValue',
  'startTransition',
];

module.exports = tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'build/**',
      'target/**',
      'coverage/**',
      'test/.cache/**',
      'common/kql/grammar/generated_parser.ts',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: __dirname },
    },
    plugins: {
      import: importPlugin,
      'react-hooks': reactHooks,
      '@eslint-community/eslint-comments': eslintComments,
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      ...KIBANA_TYPESCRIPT_RULES,
      ...TYPE_CHECKED_RULES,
      ...reactHooks.configs.recommended.rules,
      ...prettierRules.rules,
    },
  },
  {
    // The browser code also runs inside Kibana 8.19, whose shared React is 17: an API React 18
    // added is undefined there and the page crashes (the Kibana harness's react-17 stand-in).
    files: ['public/**/*.ts', 'public/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'react',
              importNames: REACT_18_ONLY,
              message:
                'React 18 only: Kibana 8.19 provides React 17. Use EUI (useGeneratedHtmlId) or the use-sync-external-store shim.',
            },
            {
              name: 'react-dom/client',
              message: 'React 18 only: Kibana 8.19 provides React 17 (render from react-dom).',
            },
          ],
        },
      ],
    },
  },
  {
    // Kibana's own declarations, mirrored as Kibana writes them (see typings/kbn/README.md).
    files: ['typings/kbn/**/*.d.ts'],
    rules: {
      'max-classes-per-file': 'off',
      '@typescript-eslint/no-empty-object-type': 'off',
      '@typescript-eslint/prefer-function-type': 'off',
      '@typescript-eslint/no-unused-vars': 'off',
      '@typescript-eslint/consistent-type-definitions': 'off',
    },
  },
  {
    // Sources the bundle tests compile with esbuild, as a plugin's browser code is written.
    files: ['test/kibana_build/fixtures/**/*.js'],
    languageOptions: { sourceType: 'module', ecmaVersion: 2022 },
    rules: { ...prettierRules.rules },
  },
  {
    files: ['**/*.js'],
    ignores: ['test/kibana_build/fixtures/**'],
    languageOptions: {
      sourceType: 'commonjs',
      ecmaVersion: 2022,
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
    rules: { ...prettierRules.rules },
  }
);
