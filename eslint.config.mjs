// Lint: type-aware typescript-eslint everywhere; the domain package is forbidden IO, clocks and randomness;
// every import is declared in the nearest package.json (runtime code: `dependencies` only).
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      'packages/server/assets/**',
      '**/node_modules/**',
      'coverage/**',
      '**/.prof/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.all.json', './packages/server/dashboard/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
    },
  },
  {
    // What a user installs must load: a package's runtime code imports only its `dependencies`
    // (a devDependency is absent after `npm i`); tests, benches and scripts may use devDependencies.
    plugins: { 'import-x': importX },
    rules: {
      'import-x/no-extraneous-dependencies': [
        'error',
        {
          // The dashboard's source is bundled at build time (assets/dashboard): its imports are build inputs.
          devDependencies: [
            '**/test/**',
            '**/bench/**',
            '**/scripts/**',
            'docs/**',
            'packages/server/dashboard/**',
          ],
          optionalDependencies: false,
          peerDependencies: false,
          includeTypes: true,
        },
      ],
    },
  },
  {
    files: ['packages/domain/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'The domain is pure: no node:* imports.' },
            {
              group: ['fs', 'path', 'crypto', 'os', 'child_process', 'net', 'http', 'https'],
              message: 'The domain is pure: no IO modules.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'The domain is pure: no process access.' },
        { name: 'setTimeout', message: 'The domain is pure: no timers.' },
        { name: 'setInterval', message: 'The domain is pure: no timers.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'The domain has no clock: time comes in as an argument.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'The domain has no clock: time comes in as an argument.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'The domain has no randomness.',
        },
        {
          selector: "CallExpression[callee.object.name='crypto']",
          message: 'The domain has no randomness.',
        },
      ],
      // The domain evaluates no source text.
      'no-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-implied-eval': 'error',
    },
  },
  {
    // Issue 18: a file or a function a newcomer can hold in mind. Source only: a test's
    // describe block of table-driven cases is long by nature.
    files: ['packages/*/src/**/*.ts', 'examples/*/src/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 400 }] },
  },
  {
    files: ['packages/*/src/**/*.ts', 'examples/*/src/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 80 }] },
  },
  {
    files: ['**/test/**/*.ts', '**/bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
);
