// Lint for the whole tree: @eslint/js + typescript-eslint, type-aware where it
// catches real bugs (floating promises in a harness that spawns daemons).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // Hidden folders (.tools, .sandbox, scratch space) hold no sources.
  { ignores: ['node_modules/', '.*/', 'runs/', 'test-results/', 'coverage/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        // Each file is checked with the tsconfig next to it (src/k6 has its own, for k6).
        projectService: { allowDefaultProject: ['vitest.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // Scenarios run inside k6 and are type-checked with src/k6's tsconfig, which includes them.
    files: ['scenarios/**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: false, project: './src/k6/tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    // Playwright specs are outside every tsconfig; lint them without type information.
    files: ['suites/gui/**/*.ts'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // Tests inspect untyped JSON from real servers.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Plain JS config files (this one, .dependency-cruiser.cjs) run in Node.
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The sandbox's web UI runs in the browser, as ES modules.
    files: ['src/sandbox/ui/assets/**/*.js'],
    languageOptions: { globals: globals.browser, sourceType: 'module' },
  },
);
