import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWatchlist } from '../../src/watch/load.js';
import { vigil } from '../builders/cli.js';

describe('vigil init', () => {
  it('writes a starter watchlist that loads, and refuses to overwrite it without --force', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'vigil-init-')), 'sub', 'watch\u001b[31m.yaml');
    const first = await vigil('init', '--out', out);
    expect(first.code).toBe(0);
    expect(first.stdout).not.toContain('\u001b');
    const w = await loadWatchlist(out);
    expect(w.actors.find((a) => a.id === 'sv-president')?.affiliation).toBe('sv-government');
    const again = await vigil('init', '--out', out);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
    expect((await vigil('init', '--out', out, '--force')).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('races:');
  });
});
