// Lint is part of `npm test`: type-aware rules catch floating promises, which would break determinism.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'coverage/', 'bench/results.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'Use the runtime Rng (rng.fork(...)) so runs are deterministic.' }],
    },
  },
  { files: ['*.js', 'bin/**/*.js'], ...tseslint.configs.disableTypeChecked },
);
