import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// One temporary folder per test run: every test's mkdtemp, and every process a test starts, lands inside
// it (TMPDIR), and test/global-teardown.ts removes it when the run ends, so nothing is left in /tmp.
const root = (process.env['VIGIL_TEST_TMP'] ??= mkdtempSync(join(tmpdir(), 'vigil-test-')));

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/global-teardown.ts'],
    // Tests never touch the user's ledger key (~/.config/vigil): init, report and export use a throwaway one.
    env: { TMPDIR: root, VIGIL_KEY_DIR: join(root, 'keys') },
  },
});
