// Lint is part of `npm test`: type-aware rules catch floating promises, which would break determinism.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const mathRandom = { object: 'Math', property: 'random', message: 'Use the runtime Rng (rng.fork(...)) so runs are deterministic.' };
const wallClockMessage = 'Read time from the Clock you were given (or harness/runtime/wall-clock.ts for wall time) so runs are deterministic.';
const rawKvitteringErrors = [
  { selector: "NewExpression[callee.name=/Error$/] > Literal.arguments[value=/^\\[kvittering\\]/]", message: 'Throw a KvitteringError(code, detail, hint) from harness/errors.ts.' },
  { selector: "NewExpression[callee.name=/Error$/] > TemplateLiteral.arguments > TemplateElement.quasis[value.raw=/^\\[kvittering\\]/]", message: 'Throw a KvitteringError(code, detail, hint) from harness/errors.ts.' },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'coverage/', 'bench/results.json', '.stryker-tmp/', 'stryker.config.mjs', 'stryker.oracle.config.mjs', 'stryker.fast.config.mjs', 'mutation-test-sets.mjs'] }, // stryker*.config.mjs, mutation-test-sets.mjs: plain JS configs outside the TypeScript project
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error',
        mathRandom],
    },
  },
  {
    // The product's own code: every error it raises for a reason a user can act on is a KvitteringError
    // (harness/errors.ts), so the CLI prints it as a message with the bad-input exit code, not as a crash.
    files: ['harness/**/*.ts', 'simulators/**/*.ts', 'storage/**/*.ts', 'reports/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...rawKvitteringErrors],
    },
  },
  {
    // Wall-clock time is read in the runtime (LiveClock, wall-clock.ts) and at the CLI's edge only: anywhere
    // else it would make a simulated run depend on when it ran.
    files: ['harness/**/*.ts', 'simulators/**/*.ts', 'storage/**/*.ts', 'reports/**/*.ts'],
    ignores: ['harness/runtime/**', 'harness/cli/**'],
    rules: {
      'no-restricted-properties': ['error', mathRandom,
        { object: 'Date', property: 'now', message: wallClockMessage }],
      'no-restricted-syntax': ['error', ...rawKvitteringErrors,
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: wallClockMessage },
        { selector: "CallExpression[callee.name='Date']", message: wallClockMessage }],
    },
  },
  { files: ['*.js', 'bin/**/*.js', 'examples/black-box/**/*.js'], ...tseslint.configs.disableTypeChecked },
  // The black-box case systems are plain Node programs written as a vendor would, not kvittering code.
  {
    files: ['examples/black-box/**/*.js'],
    languageOptions: { globals: Object.fromEntries(['process', 'Buffer', 'console', 'fetch', 'AbortSignal', 'setTimeout', 'FormData', 'URLSearchParams'].map((name) => [name, 'readonly'])) },
  },
);
