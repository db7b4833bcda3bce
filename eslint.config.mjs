// Lint: typescript-eslint's recommended rules on the TypeScript sources, plus the layer rule of
// ARCHITECTURE.md: imports run one way, transport → GraphQL → services → (kpi | db | realtime).
import tseslint from 'typescript-eslint';

/** `no-restricted-imports` for one layer: each entry is a group of forbidden paths and why. */
function layer(files, forbidden) {
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', { patterns: forbidden.map(([group, message]) => ({ group: [].concat(group), message })) }],
    },
  };
}

const TRANSPORT = [['**/transport/**', 'Only the app wires the transport (ARCHITECTURE.md: layers).']];
const GRAPHQL = [
  ['**/context', 'The GraphQL context belongs to resolvers and the transport, not below them.'],
  ['**/*.resolver', 'Resolvers are the GraphQL layer: nothing below them imports one.'],
  ['**/*.subscription', 'Subscriptions are the GraphQL layer: nothing below them imports one.'],
  ['**/graphql/**', 'The GraphQL layer sits above services.'],
];
const FEATURES = [['**/modules/**', 'Features sit above kpi, db and realtime.']];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'src/web/vendor/**', 'src/db/migrations/**', 'examples/codegen/gql/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  // Pure formulas: nothing but other formulas.
  layer(
    ['src/kpi/**/*.ts'],
    [
      [['../*', '!../kpi', '!../kpi/**'], 'kpi/ holds pure functions: it imports nothing else of the app.'],
      [['typeorm', 'type-graphql', 'graphql'], 'kpi/ holds pure functions: no database, no GraphQL.'],
    ],
  ),
  // Shared helpers: below everything, above nothing.
  layer(
    ['src/common/**/*.ts'],
    [...TRANSPORT, ...GRAPHQL, ...FEATURES, [['**/db/**', '**/realtime/**'], 'common/ sits below db/ and realtime/.']],
  ),
  // The database and the event store know no feature and no GraphQL.
  layer(
    ['src/db/**/*.ts', 'src/realtime/**/*.ts'],
    [...TRANSPORT, ...GRAPHQL, ...FEATURES, [['type-graphql'], 'db/ and realtime/ know no GraphQL.']],
  ),
  // Services own the work and the SQL; they never see a GraphQL context or a resolver.
  layer(
    ['src/modules/**/*.service.ts', 'src/modules/**/*.store.ts', 'src/modules/**/*.writer.ts', 'src/modules/**/*.rules.ts'],
    [...TRANSPORT, ...GRAPHQL],
  ),
  // Resolvers are thin: they reach data through services and loaders, never a data source.
  layer(
    ['src/modules/**/*.resolver.ts', 'src/modules/**/*.subscription.ts'],
    [
      ...TRANSPORT,
      [['typeorm', '**/db/data-source', '**/db/transaction'], 'Resolvers never see a data source: call a service (or a loader).'],
    ],
  ),
);
