import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // DuckDB instances and server processes are heavy on 2 cores: a few files at a time.
    maxWorkers: 2,
  },
});
