// Lint configuration (issue 10, deliverable 6): typescript-eslint's strict and stylistic
// type-checked presets over every TypeScript file, Prettier owning layout (eslint-config-prettier last).
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/**
 * No AsyncLocalStorage: its async hooks tax every promise of the thread that enables them
 * (libs/observability/src/json-logger.ts, README.md#benchmarks). nestjs-pino ran each request in one.
 */
const noAsyncLocalStorage = [
  { name: 'nestjs-pino', message: 'Use JsonLogger from @passerelle/observability (no AsyncLocalStorage).' },
  ...['node:async_hooks', 'async_hooks'].map((name) => ({
    name,
    importNames: ['AsyncLocalStorage', 'AsyncResource', 'createHook'],
    message: 'Async hooks cost every promise of the thread (libs/observability/src/json-logger.ts).',
  })),
];

/** CommonJS tool configs (jest, dependency-cruiser, the test-only ts-main hook) run in plain Node. */
const nodeGlobals = { process: 'readonly', console: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable' };

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      '.passerelle/',
      'apps/console/public/',
      'test/e2e/screenshots/',
      'libs/sdk/src/generated/',
    ],
  },
  eslint.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      // The project service finds each file's nearest tsconfig.json: the root one for apps/, libs/ and
      // test/, apps/console/tsconfig.json (DOM, ESNext, bundler resolution) for the Vite front end.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Numbers and booleans in messages and SQL text are the common case here; objects stay forbidden.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // `_`-prefixed names mark parameters kept for an interface's shape (ports, Nest hooks).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // `env.X?.trim() || fallback` treats an empty string as unset on purpose; `??` would keep the empty string.
      '@typescript-eslint/prefer-nullish-coalescing': ['error', { ignorePrimitives: { string: true } }],
      // `(line) => console.error(line)` and `(error) => expect(error)…` read better than a braced body.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // Events and states are `type` unions (docs/architecture.md), ports are `interface`s: both forms are deliberate.
      '@typescript-eslint/consistent-type-definitions': 'off',
      // `async` on a method that satisfies a Promise-returning port turns a synchronous throw into a rejection.
      '@typescript-eslint/require-await': 'off',
      // Nest and TypeORM declare option bags as classes (NestApplicationContextOptions, EntitySchemaOptions); literals are their documented use.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      // A Nest @Module class is decorator-only by design: the class is the DI container's handle.
      '@typescript-eslint/no-extraneous-class': ['error', { allowWithDecorator: true }],
      'no-restricted-imports': ['error', { paths: noAsyncLocalStorage }],
    },
  },
  {
    files: ['apps/**/*.ts'],
    rules: {
      // A request body's nested object goes through Nested() (libs/http/src/input/nested.validator.ts):
      // ValidateNested alone lets a missing member reach the handler.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...noAsyncLocalStorage,
            { name: 'class-validator', importNames: ['ValidateNested'], message: 'Use Nested() from @passerelle/http.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/e2e/**/*.ts'],
    rules: {
      // supertest types a response body as `any`; the assertions that follow are what check its shape.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // In a test a wrong `!` throws and fails the test, which is what an explicit assertion would do.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { sourceType: 'commonjs', globals: nodeGlobals },
    // CommonJS files load their dependencies with require(); there is no import syntax to prefer.
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['**/*.mjs'], languageOptions: { sourceType: 'module' } },
  prettier,
);
