/**
 * Issue 13: incremental `analyze` gives what a full run gives. A generated interference case
 * (test/builders/interference-case.ts, with a Bluesky copy of part of it and a few news articles) is stored in four parts
 * with `analyze` after each, and compared with a store that holds the same posts in the same order
 * analysed once (the engine reads posts in insertion order: ties in its communities and samples
 * follow it); then a run with nothing new reads nothing, and a changed watchlist analyses everything again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { interferenceCase } from '../../test/builders/interference-case.js';
import { seededRandom } from '../util/random.js';
import type { Post, Watchlist } from '../model/types.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite.js';
import { analyzeStore } from './analyze.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-incremental-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const c = interferenceCase({ seed: 3 });
// The same people copying a fifth of their posts to Bluesky: a second platform, and cross-platform groups.
const bsky = (id: string | undefined) => id && `bsky${id}`;
const bluesky: Post[] = c.posts
  .filter((_, i) => i % 5 === 0)
  .map((p) => ({ ...p, platform: 'bluesky', id: bsky(p.id)!, repostOf: bsky(p.repostOf), replyTo: bsky(p.replyTo), createdAt: new Date(Date.parse(p.createdAt) + 90_000).toISOString() }));
const xPosts = c.posts;
// A publisher's articles: a platform the engine skips (NOT_SOCIAL), whose new posts must keep the networks.
const news: Post[] = c.posts.slice(0, 3).map((p, i) => ({ ...p, platform: 'news', id: `article-${i}`, authorId: 'daily', authorHandle: 'daily', repostOf: undefined, replyTo: undefined }));

let n = 0;
async function store(): Promise<SqliteStore> {
  const s = await openSqliteStore(join(dir, `s${n++}.db`));
  await s.putAccounts(c.accounts);
  await s.putAccounts(c.accounts.map((a) => ({ ...a, platform: 'bluesky' })));
  return s;
}

/** Findings and incidents as stored, in id order. */
async function results(s: SqliteStore) {
  const findings = (await s.listFindings()).sort((a, b) => a.id.localeCompare(b.id));
  const incidents = (await s.listIncidents()).sort((a, b) => a.id.localeCompare(b.id));
  return { findings, incidents };
}

// Every third X post held back to part 2, so that new posts fall inside old windows.
const parts = [xPosts.filter((_, i) => i % 3 !== 0), xPosts.filter((_, i) => i % 3 === 0), bluesky, news];

async function fullRun(watchlist: Watchlist) {
  const s = await store();
  for (const part of parts) await s.putPosts(part);
  const summary = await analyzeStore(s, watchlist);
  const out = await results(s);
  await s.close();
  return { summary, ...out };
}

describe('incremental analyze (issue 13)', () => {
  const all = [...xPosts, ...bluesky, ...news];
  const full = fullRun(c.watchlist);
  const steps = (async () => {
    const s = await store();
    // Part 1: most X posts.
    await s.putPosts(parts[0]!);
    const first = await analyzeStore(s, c.watchlist);
    // Part 2: the X posts held back.
    await s.putPosts(parts[1]!);
    const second = await analyzeStore(s, c.watchlist);
    // Part 3: Bluesky only, so X's groups are kept as they were.
    await s.putPosts(parts[2]!);
    const third = await analyzeStore(s, c.watchlist);
    // Part 4: news only: no platform's coordination runs again, cross-platform groups stay.
    await s.putPosts(parts[3]!);
    const fourth = await analyzeStore(s, c.watchlist);
    const afterThird = await results(s);
    const idle = await analyzeStore(s, c.watchlist);
    const afterIdle = await results(s);
    return { s, first, second, third, fourth, afterThird, idle, afterIdle };
  })();

  it('finds something to compare: network, campaign and per-post findings, incidents', async () => {
    const { summary, findings, incidents } = await full;
    expect(summary.incremental).toBe(false);
    expect(summary.analyzed).toBe(all.length);
    for (const kind of ['coordination', 'directive', 'harassment_campaign']) expect(findings.some((f) => f.kind === kind), kind).toBe(true);
    expect(findings.some((f) => f.id.includes(':cross-platform:'))).toBe(true);
    expect(incidents.length).toBeGreaterThan(0);
  });

  it('reads only new posts and re-runs coordination only on the platforms they belong to', async () => {
    const { first, second, third, fourth } = await steps;
    expect(first.incremental).toBe(false);
    expect(first.coordinationRead).toBe(parts[0]!.length);
    // The engine's input is kept beside the store: only the new posts are read into it.
    expect(second).toMatchObject({ incremental: true, analyzed: parts[1]!.length, coordinated: ['x'], coordinationRead: parts[1]!.length });
    expect(third).toMatchObject({ incremental: true, analyzed: bluesky.length, coordinated: ['bluesky'], coordinationRead: bluesky.length });
    expect(fourth).toMatchObject({ incremental: true, analyzed: news.length, coordinated: [] });
  });

  it('stores the same findings and incidents as one full run', async () => {
    const { afterThird } = await steps;
    const expected = await full;
    expect(afterThird.findings.map((f) => f.id)).toEqual(expected.findings.map((f) => f.id));
    expect(afterThird.findings).toEqual(expected.findings);
    expect(afterThird.incidents).toEqual(expected.incidents);
  });

  it('does nothing when nothing is new', async () => {
    const { idle, afterThird, afterIdle } = await steps;
    expect(idle).toMatchObject({ incremental: true, analyzed: 0, coordinated: [] });
    expect(afterIdle).toEqual(afterThird);
  });

  it('analyses everything again when the watchlist changes, as a full run with that watchlist does', async () => {
    const { s } = await steps;
    // Drop the registry's first actor: attribution, directives' scores and network findings change.
    const changed: Watchlist = { ...c.watchlist, actors: c.watchlist.actors.slice(1) };
    const rerun = await analyzeStore(s, changed);
    expect(rerun).toMatchObject({ incremental: false, analyzed: all.length });
    const got = await results(s);
    await s.close();
    const expected = await fullRun(changed);
    expect(got.findings).toEqual(expected.findings);
    // Incidents are never deleted (they carry analysts' status and notes): the old watchlist's stay beside.
    const byId = new Map(got.incidents.map((i) => [i.id, i]));
    for (const inc of expected.incidents) expect(byId.get(inc.id)).toEqual(inc);
    expect(got.findings).not.toEqual((await full).findings);
  });
});

describe('incremental analyze on random splits (issue 13)', () => {
  // Other cases, each post sent at random to one of three ingests; analyze after each.
  for (const seed of [5, 8]) {
    it(`equals a full run and a --full re-run of the same store (case seed ${seed})`, async () => {
      const k = interferenceCase({ seed, background: 250 });
      const r = seededRandom(seed * 7);
      const split: Post[][] = [[], [], []];
      for (const p of k.posts) split[Math.floor(r() * 3)]!.push(p);
      const open = async () => {
        const s = await openSqliteStore(join(dir, `split${seed}-${n++}.db`));
        await s.putAccounts(k.accounts);
        return s;
      };
      const s = await open();
      for (const part of split) {
        await s.putPosts(part);
        await analyzeStore(s, k.watchlist);
      }
      const got = await results(s);
      const once = await open();
      for (const part of split) await once.putPosts(part);
      // The reference runs the per-post detectors on this thread; the runs above in a worker thread.
      await analyzeStore(once, k.watchlist, { postsThread: false });
      const expected = await results(once);
      await once.close();
      expect(got.findings.filter((f) => f.kind === 'coordination').length).toBeGreaterThan(0);
      expect(got).toEqual(expected);
      const again = await analyzeStore(s, k.watchlist, { full: true });
      expect(again.coordinationRead).toBe(k.posts.length);
      expect((await results(s)).findings).toEqual(expected.findings);
      await s.close();
    });
  }
});
