import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../store/sqlite.js';
import { seededRandom } from '../util/random.js';
import { ingestFiles, ingestSummary } from './ingest.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-ingest-'));
const lines = Array.from({ length: 120 }, (_, i) =>
  JSON.stringify({ id: String(9007199254740993n + BigInt(i)), platform: 'x', author_handle: `acct${i % 7}`, created_at: '2026-10-02T14:00:00Z', text: `post ${i}` }),
);
lines.splice(50, 0, '{"id": broken');
lines.splice(80, 0, JSON.stringify({ id: 'no-time', platform: 'x', author_handle: 'a', created_at: 'yesterday', text: 't' }));
const file = join(dir, 'posts.jsonl');
writeFileSync(file, lines.join('\n') + '\n');

describe('ingestFiles', () => {
  it.each([false, true])('stores or quarantines every record (worker: %s)', async (worker) => {
    const store = new SqliteStore(':memory:');
    const { totals } = await ingestFiles(store, [file], { worker, batchSize: 16 });
    expect(totals).toEqual({ read: 122, stored: 120, duplicates: 0, quarantined: 2, skipped: 0, warned: 0 });
    expect(await store.countPosts()).toBe(120);
    expect((await store.getPost('x', '9007199254740993'))?.text).toBe('post 0');
    const again = await ingestFiles(store, [file], { worker });
    expect(again.totals).toEqual({ read: 122, stored: 0, duplicates: 120, quarantined: 2, skipped: 0, warned: 0 });
    expect(await store.countQuarantine()).toBe(2);
    await store.close();
  });

  it('refuses an unknown format before reading any file', async () => {
    const store = new SqliteStore(':memory:');
    await expect(ingestFiles(store, [file], { worker: true, format: 'no-such-format' })).rejects.toMatchObject({ code: 'usage' });
    await store.close();
  });

  it.each([false, true])('reports each unreadable file and goes on with the others (issue 11; worker: %s)', async (worker) => {
    const store = new SqliteStore(':memory:');
    const unknown = join(dir, 'unknown.txt');
    writeFileSync(unknown, 'not a post format at all\n');
    const missing = join(dir, 'missing.jsonl');
    const { totals, perFile, failed } = await ingestFiles(store, [unknown, missing, file, dir], { worker });
    // The error keeps its class across the worker boundary (ingest_format).
    expect(failed.map((f) => [f.file, f.code])).toEqual([[missing, 'ENOENT'], [dir, 'usage'], [unknown, 'ingest_format']]);
    expect(failed[2]!.message).toMatch(/cannot tell the format of unknown\.txt/);
    expect(perFile.get(file)).toMatchObject({ read: 122, stored: 120 });
    expect(totals.stored).toBe(120);
    expect(await store.countPosts()).toBe(120);
    await store.close();
  });

  it('counts expected non-posts as skipped, so read = stored + duplicates + quarantined + skipped', async () => {
    const store = new SqliteStore(':memory:');
    const jetstream = join(dir, 'jetstream.jsonl');
    const did = 'did:plc:exampleaaaaaaaaaaaaaaaa';
    const commit = (collection: string, record: object) => JSON.stringify({ did, time_us: 1, kind: 'commit', commit: { rev: 'r', operation: 'create', collection, rkey: collection.slice(-4), record } });
    writeFileSync(jetstream, [
      commit('app.bsky.feed.post', { $type: 'app.bsky.feed.post', text: 'hola', createdAt: '2026-10-02T14:00:00Z' }),
      commit('app.bsky.feed.like', { $type: 'app.bsky.feed.like', subject: { uri: 'at://x/y/z' }, createdAt: '2026-10-02T14:00:00Z' }),
      commit('app.bsky.graph.follow', { $type: 'app.bsky.graph.follow', subject: did, createdAt: '2026-10-02T14:00:00Z' }),
      JSON.stringify({ did, time_us: 2, kind: 'identity', identity: { did, handle: 'a.example' } }),
      JSON.stringify({ did, time_us: 3, kind: 'account', account: { active: true, did } }),
      commit('app.bsky.feed.post', { $type: 'app.bsky.feed.post', text: 'no time' }),
    ].join('\n'));
    const { totals } = await ingestFiles(store, [jetstream]);
    expect(totals).toEqual({ read: 6, stored: 1, duplicates: 0, quarantined: 1, skipped: 4, warned: 0 });
    expect(await store.countQuarantine()).toBe(1);
    await store.close();
  });

  it('summarises counts in the documented words', () => {
    expect(ingestSummary({ read: 1200, stored: 1000, duplicates: 150, quarantined: 40, skipped: 10, warned: 0 })).toBe('1,200 read, 1,000 stored, 150 duplicates, 40 quarantined, 10 skipped (not posts)');
    expect(ingestSummary({ read: 1, stored: 1, duplicates: 0, quarantined: 0, skipped: 0, warned: 1 })).toMatch(/; 1 stored with a warning$/);
  });
});

/**
 * A seeded IO archive with what makes rows hard: quoted text with commas, doubled quotes and
 * newlines, accents, emoji, a NUL, retweets and replies, list cells, repeated ids, authors whose
 * profile changes, and bad rows (no time, an id in scientific notation, a ragged row).
 */
function ioArchive(rows: number, seed: number): string {
  const random = seededRandom(seed);
  const pick = <T,>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  const header = 'tweetid,userid,user_display_name,user_screen_name,user_reported_location,user_profile_description,account_creation_date,tweet_language,tweet_text,tweet_time,in_reply_to_tweetid,quoted_tweet_tweetid,is_retweet,retweet_userid,retweet_tweetid,hashtags,urls,user_mentions';
  const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const texts = ['Vote on Tuesday, not Wednesday', 'She said "the count is rigged"', 'línea uno\nlínea dos', 'Ação já 🗳️', 'nul\u0000here', 'plain text', ''];
  const lines = [header];
  for (let i = 0; i < rows; i++) {
    const id = String(1700000000000000000n + BigInt(Math.floor(random() * rows * 0.9))); // some repeat
    const user = `u${Math.floor(random() * 40)}`;
    const retweet = random() < 0.2;
    const fields = [
      random() < 0.01 ? '1.70000E+18' : id,
      user,
      `Name ${user}${random() < 0.1 ? ' (changed)' : ''}`,
      `handle_${user}`,
      pick(['', 'Springfield', 'São Paulo, BR']),
      pick(['', 'a "bio", with quotes', 'bio\nover lines']),
      pick(['', '2019-03-04', '2020-01-01 10:00']),
      pick(['en', 'es', 'pt', '']),
      pick(texts) + ` #${i % 13}`,
      random() < 0.01 ? '' : `2026-10-${String(1 + (i % 28)).padStart(2, '0')} ${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`,
      random() < 0.1 ? String(1700000000000000000n + BigInt(i)) : '',
      '',
      retweet ? 'true' : 'false',
      retweet ? 'u7' : '',
      retweet ? String(1700000000000000000n + BigInt(i % 50)) : '',
      pick(['[]', "['Vote2026']", "['a', \"it's\"]"]),
      pick(['[]', "['https://example.org/a?x=1']"]),
      pick(['[]', "['u3', 'u4']"]),
    ];
    lines.push(random() < 0.005 ? fields.slice(0, 5).map(cell).join(',') : fields.map(cell).join(','));
  }
  return lines.join('\n') + '\n';
}

/** A hash over what the store holds of an ingest: posts (with rowids: insertion order), accounts, quarantine. */
function storeContent(path: string): string {
  const db = new Database(path, { readonly: true });
  const hash = createHash('sha256');
  for (const sql of [
    'SELECT rowid, * FROM posts ORDER BY platform, id',
    'SELECT * FROM accounts ORDER BY platform, id',
    'SELECT source_file, source_line, source_offset, source_cursor, code, reason, field, excerpt FROM quarantine ORDER BY seq',
    "SELECT rowid FROM posts_fts WHERE posts_fts MATCH 'vote' ORDER BY rowid",
  ]) {
    for (const row of db.prepare(sql).raw().iterate()) hash.update(JSON.stringify(row) + '\n');
    hash.update('--\n');
  }
  db.close();
  return hash.digest('hex');
}

describe('ingest paths store the same content (issue 13)', () => {
  const work = mkdtempSync(join(tmpdir(), 'vigil-ingest-paths-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('the worker with SQLite rows and a bulk load gives the store that one post at a time gives', async () => {
    const archive = join(work, 'io.csv');
    writeFileSync(archive, ioArchive(3000, 13));
    const run = async (name: string, options: Parameters<typeof ingestFiles>[2]) => {
      const path = join(work, `${name}.db`);
      const store = new SqliteStore(path);
      const { totals } = await ingestFiles(store, [archive], options);
      await store.prepareSearch(); // after a bulk load, builds the FTS index the trigger kept otherwise
      await store.close();
      return { totals, content: storeContent(path) };
    };
    // Reference: Post objects in the main thread, one per batch and transaction, indexes kept live.
    const reference = await run('reference', { worker: false, bulk: false, batchSize: 1 });
    const fast = await run('fast', { worker: true, bulk: true });
    expect(reference.totals.quarantined).toBeGreaterThan(10);
    expect(reference.totals.duplicates).toBeGreaterThan(100);
    expect(reference.totals.warned).toBeGreaterThan(0); // the NUL
    expect(fast.totals).toEqual(reference.totals);
    expect(fast.content).toBe(reference.content);
  });
});
