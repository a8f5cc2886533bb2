// Lint for the whole tree: @eslint/js + typescript-eslint, type-aware where it
// catches real bugs (floating promises in a harness that spawns daemons).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', '.tools/', 'runs/', '.sandbox/', 'test-results/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        // Each file is checked with its own tsconfig (src/k6 and scenarios have one for k6).
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
      // signoff parses wire formats (LDIF, IMAP, CSV) where control characters are the point.
      'no-control-regex': 'off',
    },
  },
  {
    // Playwright specs are outside every tsconfig; lint them without type information.
    files: ['suites/gui/**/*.ts'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Tests inspect untyped JSON from real servers.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Plain JS config files (this one, .dependency-cruiser.cjs) run in Node.
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', module: 'writable', require: 'readonly', __dirname: 'readonly', console: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
