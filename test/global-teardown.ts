import { rmSync } from 'node:fs';

/** Removes the run's temporary folder (see vitest.config.ts) after the last test file. */
export default function setup(): () => void {
  return () => {
    const root = process.env['VIGIL_TEST_TMP'];
    if (root) rmSync(root, { recursive: true, force: true });
  };
}
