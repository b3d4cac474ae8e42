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
      'no-restricted-imports': ['error', { patterns: [
        { group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process'], message: 'shared/ must not use Node APIs' },
        { group: ['electron', 'react', 'react-dom', 'maplibre-gl', '@deck.gl/*', '@duckdb/*', '**/electron/**', '**/renderer/**'], message: 'shared/ must not depend on a platform layer' },
      ] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['node:*', 'fs', 'path', 'electron', '@duckdb/*', '**/electron/**'], message: 'the renderer talks to the host only through shared/api' },
      ] }],
    },
  },
);
