/**
 * Helpers for the ingest tests (not part of the public API): fixture paths and temporary files.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Path of a committed fixture under test/fixtures/. */
export function fixture(...parts: string[]): string {
  return fileURLToPath(new URL(`../../test/fixtures/${parts.join('/')}`, import.meta.url));
}

let dir: string | undefined;
let count = 0;

/** Write `content` to a new temporary file named `name` and return its path. */
export function tempFile(name: string, content: string | Uint8Array): string {
  dir ??= mkdtempSync(join(tmpdir(), 'vigil-ingest-'));
  const path = join(dir, `${count++}-${name}`);
  writeFileSync(path, content);
  return path;
}
