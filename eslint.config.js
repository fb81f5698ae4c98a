// ESLint (flat config): the recommended rules of ESLint, typescript-eslint and the Astro plugin, for
// every source file. Formatting is Prettier's job (`npm run format`), so no stylistic rules here.
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      '.astro/',
      'node_modules/',
      'coverage/',
      'test-results/',
      'playwright-report/',
      'content/',
      // The plain Astro baseline and the post generator of `npm run bench:build`, kept as the shared bench ships them.
      'scripts/bench/vendor/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      // `_name` marks a parameter or binding kept on purpose (a callback's signature, a destructured rest).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Type-only imports keep Node's type stripping honest (erasable syntax only).
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // Comment bodies and terminal output strip control characters on purpose; the patterns name them.
      'no-control-regex': 'off',
    },
  },
  {
    // The pre-paint `<script is:inline>`s in pages are classic scripts written for old in-app
    // WebViews (WeChat's, LINE's): `var` and function expressions on purpose. The Astro parser
    // lints them as part of the .astro file.
    files: ['**/*.astro', '**/*.astro/*.js', '**/*.astro/*.ts'],
    rules: { 'no-var': 'off' },
  },
  {
    // Tests read JSON answers whose shape is what they check.
    files: ['tests/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
