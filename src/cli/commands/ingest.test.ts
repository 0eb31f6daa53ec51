/**
 * `vigil ingest` and `vigil quarantine` on the reproductions of issue 11 ("Records lost or crashing",
 * "Formats and fidelity"), through the CLI as a user runs it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vigil } from '../../../test/builders/cli.js';
import { fixture } from '../../ingest/test-helpers.js';
import { openSqliteStore } from '../../store/sqlite.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-cli-ingest-'));
let n = 0;
const db = () => join(dir, `v${n++}.db`);
const post = (id: string, extra: object = {}) =>
  JSON.stringify({ id, platform: 'x', author_handle: 'cuenta_a', created_at: '2026-10-02T14:00:00Z', text: `post ${id}`, ...extra });

describe('vigil ingest (issue 11)', () => {
  it('one quarantine row per rejected record of a one-line array: 14 counted, 14 listed', async () => {
    const path = db();
    const ingest = await vigil('ingest', '--db', path, '--format', 'x-v2', fixture('x-v1', 'get_retweets.json'));
    expect(ingest.code).toBe(0);
    expect(ingest.stdout).toMatch(/^14 read, 0 stored, 0 duplicates, 14 quarantined, 0 skipped \(not posts\)$/m);
    const q = await vigil('quarantine', '--db', path);
    expect(q.stdout).toMatch(/14 quarantined in all/);
    expect(q.stdout.split('\n').filter((l) => l.includes('get_retweets.json:1'))).toHaveLength(14);
    // A rerun quarantines nothing twice.
    await vigil('ingest', '--db', path, '--format', 'x-v2', fixture('x-v1', 'get_retweets.json'));
    expect((await vigil('quarantine', '--db', path)).stdout).toMatch(/14 quarantined in all/);
  });

  it('valid JSON nested 10,000 levels deep: no crash, the deep record quarantined, the rest of the batch stored, every reader', async () => {
    const deep = (inner: string) => '['.repeat(10_000) + inner + ']'.repeat(10_000);
    const cases: [string, string, string][] = [
      ['jsonl', 'posts.jsonl', [post('1'), post('2', { text: 'deep', urls: JSON.parse('[]') }).replace('"urls":[]', `"urls":${deep('"u"')}`), post('3')].join('\n')],
      ['x-v2', 'tweets.jsonl', [1, 2, 3].map((i) => JSON.stringify({ id: String(i), text: 't', author_id: '9', created_at: '2026-10-02T14:00:00.000Z', edit_history_tweet_ids: [String(i)] })).join('\n').replace('"edit_history_tweet_ids":["2"]', `"edit_history_tweet_ids":${deep('"2"')}`)],
      ['mastodon', 'statuses.jsonl', [1, 2, 3].map((i) => JSON.stringify({ uri: `https://m.example/s/${i}`, created_at: '2026-10-02T14:00:00.000Z', content: '<p>t</p>', visibility: 'public', account: { acct: 'a', url: 'https://m.example/@a' }, tags: i === 2 ? 'DEEP' : [] })).join('\n').replace('"tags":"DEEP"', `"tags":${deep('1')}`)],
      ['bluesky', 'jetstream.jsonl', [1, 2, 3].map((i) => JSON.stringify({ did: 'did:plc:a', time_us: i, kind: 'commit', commit: { rev: 'r', operation: 'create', collection: 'app.bsky.feed.post', rkey: `k${i}`, record: { $type: 'app.bsky.feed.post', text: 't', createdAt: '2026-10-02T14:00:00Z', langs: i === 2 ? 'DEEP' : ['es'] } } })).join('\n').replace('"langs":"DEEP"', `"langs":${deep('"es"')}`)],
    ];
    for (const [format, name, content] of cases) {
      const file = join(dir, `${n++}-${name}`);
      writeFileSync(file, content + '\n');
      const r = await vigil('ingest', '--db', db(), '--format', format, file);
      expect(r.stderr, format).not.toMatch(/internal error|RangeError/);
      expect([r.code, r.stdout.split('\n')[0]], format).toEqual([0, '3 read, 2 stored, 0 duplicates, 1 quarantined, 0 skipped (not posts)']);
    }
  });

  it('several files: each reported, an unreadable one does not stop the others; a summary; exit 1', async () => {
    const a = join(dir, 'a.jsonl');
    const b = join(dir, 'b.txt');
    const c = join(dir, 'c.jsonl');
    writeFileSync(a, `${post('a1')}\n`);
    writeFileSync(b, 'no format here\n');
    writeFileSync(c, `${post('c1')}\n${post('c2')}\n`);
    const path = db();
    const r = await vigil('ingest', '--db', path, a, b, join(dir, 'missing.jsonl'), c);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/a\.jsonl: 1 read, 1 stored/);
    expect(r.stderr).toMatch(/b\.txt: FAILED: ingest: cannot tell the format of b\.txt/);
    expect(r.stderr).toMatch(/missing\.jsonl: FAILED: .*ENOENT/);
    expect(r.stderr).toMatch(/c\.jsonl: 2 read, 2 stored/);
    expect(r.stderr).toMatch(/2 of 4 files could not be read; the others were ingested/);
    expect(r.stdout).toMatch(/^3 read, 3 stored, 0 duplicates, 0 quarantined, 0 skipped \(not posts\)$/m);
    const store = await openSqliteStore(path);
    expect(await store.countPosts()).toBe(3);
    await store.close();
  });

  it('--json prints only JSON on stdout (the summary goes to stderr), so jq can read it', async () => {
    const a = join(dir, 'json-a.jsonl');
    writeFileSync(a, `${post('j1')}\n{"id": broken\n`);
    const r = await vigil('ingest', '--db', db(), '--json', a);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ read: 2, stored: 1, duplicates: 0, quarantined: 1, skipped: 0, failed: 0, files: [{ file: a, read: 2 }] });
    expect(r.stderr).toMatch(/2 read, 1 stored, 0 duplicates, 1 quarantined/);
  });

  it('years 2999 and 0001 are stored with a note and a warning', async () => {
    const a = join(dir, 'years.jsonl');
    writeFileSync(a, [post('y1', { created_at: '2999-01-01T00:00:00Z' }), post('y2', { created_at: '0001-01-01T00:00:00Z' }), post('y3')].join('\n'));
    const path = db();
    const r = await vigil('ingest', '--db', path, a);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/3 read, 3 stored, .*; 2 stored with a warning/);
    expect(r.stderr).toMatch(/warning: ingest\/jsonl: .*years\.jsonl:1: post "y1": createdAt 2999-01-01T00:00:00\.000Z is in the future/);
    expect(r.stderr).toMatch(/warning: .*years\.jsonl:2: post "y2": createdAt 0001-01-01T00:00:00\.000Z is before 1990/);
    const store = await openSqliteStore(path);
    expect((await store.getPost('x', 'y1'))!.notes).toEqual([expect.stringMatching(/^createdAt 2999-01-01T00:00:00\.000Z is in the future/)]);
    expect((await store.getPost('x', 'y3'))!.notes).toBeUndefined();
    await store.close();
  });

  it('an oversized numeric id is quoted exactly as written, not rounded', async () => {
    const a = join(dir, 'big.jsonl');
    writeFileSync(a, post('x').replace('"id":"x"', '"id":1583000000000000123') + '\n');
    const path = db();
    await vigil('ingest', '--db', path, a);
    const q = await vigil('quarantine', '--db', path);
    expect(q.stdout).toContain('the number 1583000000000000123 is too large');
    expect(q.stdout).not.toContain('1583000000000000000');
  });

  it('a post with U+0000 in its text is stored (as U+2400, with a note)', async () => {
    const a = join(dir, 'nul.jsonl');
    writeFileSync(a, post('n1', { text: 'a\u0000b' }) + '\n');
    const path = db();
    const r = await vigil('ingest', '--db', path, a);
    expect(r.stdout).toMatch(/1 read, 1 stored/);
    const store = await openSqliteStore(path);
    const p = (await store.getPost('x', 'n1'))!;
    expect(p.text).toBe('a\u2400b');
    expect(p.raw).toContain('a\\u0000b'); // the JSON text as read: the escape is plain ASCII
    await store.close();
  });
});
