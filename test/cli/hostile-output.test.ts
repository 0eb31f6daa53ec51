import { describe, expect, it } from 'vitest';
import { vigil } from '../builders/cli.js';

/** ESC [2J clears the screen; a file name or option can carry it into an error message. */
const CLEAR = '\u001b[2J';

describe('CLI error output is terminal-safe', () => {
  it('escapes control codes from a hostile file name in an expected-failure message', async () => {
    const r = await vigil('ingest', `/nonexistent/${CLEAR}.jsonl`);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('\\u001b[2J');
    expect(r.stderr).not.toContain('\u001b');
  });

  it('escapes an unknown command name', async () => {
    const r = await vigil(`x${CLEAR}\u202e`);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('\\u001b[2J\\u202e');
    expect(r.stderr).not.toMatch(/[\u001b\u202e]/);
  });
});
