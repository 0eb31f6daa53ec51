import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    // Tests never touch the user's ledger key (~/.config/vigil): init, report and export use a throwaway one.
    env: { VIGIL_KEY_DIR: join(tmpdir(), `vigil-test-keys-${process.pid}`) },
  },
});
