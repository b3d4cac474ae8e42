import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'scratch/', 'assets/', 'test-results/', 'playwright-report/', 'bench/results/', 'bench/.cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    // shared/ is the common layer: no Node, DOM or Electron imports (VS Code's rule of layering).
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process'], message: 'shared/ must not use Node APIs' },
            {
              group: ['electron', 'react', 'react-dom', 'maplibre-gl', '@deck.gl/*', '@duckdb/*', '**/electron/**', '**/renderer/**'],
              message: 'shared/ must not depend on a platform layer',
            },
          ],
        },
      ],
    },
  },
  {
    // Node side: never the renderer; the layers below the host (engine, store, models, export,
    // juso, zip, workspace) never reach up into it: the host composes them, not the reverse.
    files: ['electron/**/*.ts'],
    ignores: ['electron/{host,cli}/**', 'electron/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/renderer/**'], message: 'electron/ must not depend on the renderer' },
            {
              group: ['**/host/**', '../host', '../../host'],
              message: 'engine, store, models, export, juso, zip and workspace sit below the host: pass what they need in',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/{host,cli}/**/*.ts', 'electron/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/renderer/**'], message: 'electron/ must not depend on the renderer' }] },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'electron', '@duckdb/*', '**/electron/**'],
              message: 'the renderer talks to the host only through shared/api',
            },
          ],
        },
      ],
    },
  },
);
