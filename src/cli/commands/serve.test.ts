import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { vigil } from '../../../test/builders/cli.js';
import { serverLog } from './serve.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'vigil-serve-'));
const WATCH = join(dir, 'watch.yaml');
writeFileSync(
  WATCH,
  `races:
  - id: fd-01
    office: Freedonia Assembly, District 1
    jurisdiction: FD-NO-01
    election_date: 2026-11-03
    candidates:
      - id: cand-rufus
        name: Rufus Firefly
actors: []
`,
);

describe('vigil serve', () => {
  it('refuses to bind beyond loopback without tokens, and rejects bad options', async () => {
    const saved = process.env.VIGIL_TOKENS;
    delete process.env.VIGIL_TOKENS;
    try {
      const open = await vigil('serve', '--watch', WATCH, '--db', join(dir, 'a.db'), '--host', '0.0.0.0', '--port', '0');
      expect(open.code).toBe(2);
      expect(open.stderr).toMatch(/refusing to listen on 0\.0\.0\.0 without access tokens/);
      const tag = await vigil('serve', '--watch', WATCH, '--db', join(dir, 'a.db'), '--mastodon', 'http://127.0.0.1:9', '--mastodon-timeline', 'hashtag');
      expect(tag.code).toBe(2);
      writeFileSync(join(dir, 'tokens'), 'viewer:tooshort\n');
      const short = await vigil('serve', '--watch', WATCH, '--db', join(dir, 'a.db'), '--tokens-file', join(dir, 'tokens'));
      expect(short.code).toBe(2);
      expect(short.stderr).not.toContain('tooshort');
    } finally {
      if (saved !== undefined) process.env.VIGIL_TOKENS = saved;
    }
  });

  it('serves until interrupted, then says what the live streams did', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'serve', '--watch', WATCH, '--db', join(dir, 'b.db'), '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start line: ${stdout}`)), 30_000);
      child.stdout.on('data', () => {
        const m = /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    });
    const overview = await (await fetch(`${url}/api/v1/overview`)).json();
    expect(overview.races.map((r: { id: string }) => r.id)).toEqual(['fd-01']);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(0);
    expect(stdout).toMatch(/live 0 frames: 0 stored/);
  });
});

describe('serverLog', () => {
  it('writes one timestamped line with control codes from remote text escaped', () => {
    let out = '';
    const log = serverLog({ stderr: { write: (s: string) => (out += s) } }, () => new Date('2026-11-01T00:00:00Z'));
    log('live: jetstream down (\u001b]0;pwned\u0007\nfake line)');
    expect(out).toBe('2026-11-01T00:00:00.000Z live: jetstream down (\\u001b]0;pwned\\u0007\\nfake line)\n');
  });
});
