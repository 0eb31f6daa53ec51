/**
 * Issue 13: the engine on columns saved, loaded and appended to (what `vigil analyze` does between
 * runs) gives what it gives on the same posts read in one go. Random archives with few accounts,
 * few objects and a short time span, so that windows and objects overlap everywhere: new posts land
 * in old windows, on old objects, join old near-duplicate clusters and lift accounts over the
 * participation minimum.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../util/random.js';
import { PostColumns, type CoKind } from './columns.js';
import { runEngineParallel, type EngineResult } from './engine.js';
import { addPost, type EnginePost } from './extract.js';
import { NearDuplicateIndex } from './minhash.js';
import { loadSnapshot, saveSnapshot } from './snapshot.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-snapshot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const KINDS: CoKind[] = ['repost', 'link', 'hashtag', 'reply', 'text'];
// One thread: worker start-up under tsx would dominate these small runs (the split gives the same result).
const OPTS = { kinds: KINDS, threshold: { minWeight: 2 }, timeWindow: 60, minParticipation: 2, textSimilarity: 0.8, seed: 1, threads: 1 };
const T0 = Date.parse('2026-10-01T12:00:00Z');
const MESSAGES = [
  'vote early at the new hall on main street this week',
  'the count was rigged do not trust the county board',
  'meet at the river park after the game for the rally',
  // Hostile text: a lone surrogate and control characters must come back from the file as they were.
  'bad bytes \ud800 here \u0000 and \u202e reversed text stays exact',
];

/** A random archive: `n` posts by 25 accounts (one in five a burst by a planted clique) over 20 minutes. */
function archive(seed: number, n: number): EnginePost[] {
  const r = seededRandom(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  const accounts = Array.from({ length: 25 }, (_, i) => `acct${i}${i === 7 ? '\ud83d' : ''}`);
  const posts: EnginePost[] = [];
  for (let i = 0; i < n; i++) {
    const clique = r() < 0.2;
    const author = clique ? pick(accounts.slice(0, 5)) : pick(accounts);
    const t = T0 + Math.floor(r() * 20 * 60) * 1000;
    const words = pick(MESSAGES).split(' ');
    if (r() < 0.5) words[Math.floor(r() * words.length)] = pick(['now', 'today', 'friends']);
    const p: EnginePost = {
      id: `p${i}`,
      authorId: author,
      authorHandle: `@${author}${r() < 0.1 ? '_new' : ''}`,
      createdAt: new Date(t).toISOString(),
      text: r() < 0.6 ? words.join(' ') : `short ${i}`,
      urls: r() < 0.4 ? [pick(['https://a.example/x', 'https://www.a.example/x?utm_source=t', 'https://b.example/y', 'https://c.example/z'])] : [],
      hashtags: r() < 0.5 ? [pick(['one', 'two', 'Three', 'four'])] : [],
      mentions: [],
      replyTo: r() < 0.15 ? `p${Math.floor(r() * Math.max(1, i))}` : undefined,
      repostOf: r() < 0.2 ? `orig${Math.floor(r() * 6)}` : undefined,
      repostOfAuthor: r() < 0.1 ? pick(accounts) : undefined,
    };
    posts.push(p);
  }
  return posts;
}

/** Everything a finding is made of, as plain values (dense ids resolved to strings). */
function plain(r: EngineResult) {
  const acct = (a: number) => r.cols.accounts.values[a];
  const post = (p: number) => r.cols.postIds.get(p);
  return {
    kinds: r.kinds.map((k) => ({
      kind: k.kind,
      rows: k.rows,
      edgesBefore: k.edgesBefore,
      edges: Array.from(k.edges.a, (a, e) => [acct(a), acct(k.edges.b[e]), k.edges.weight[e], k.first[e], k.last[e], k.meanDt[e], k.expected[e]]),
    })),
    groups: r.groups.map((g) => ({
      ...g,
      members: g.members.map(acct),
      memberEvents: [...g.memberEvents].map(([a, n]) => [acct(a), n]),
      posts: g.posts.map(post),
      repostedAuthors: [...g.repostedAuthors].map(([a, m]) => [acct(a), [...m].map(([b, n]) => [acct(b), n])]),
      evidence: g.evidence.map((e) => [e.kind, r.kinds.find((k) => k.kind === e.kind)!.objects[e.object], post(e.postA), post(e.postB)]),
    })),
    handles: r.cols.accounts.values.map((_, a) => r.cols.accountHandles[a]),
  };
}

async function oneGo(posts: EnginePost[]): Promise<EngineResult> {
  const cols = new PostColumns(KINDS);
  for (const p of posts) addPost(cols, p);
  return runEngineParallel(cols, { ...OPTS, textIndex: new NearDuplicateIndex(OPTS.textSimilarity, OPTS.seed) });
}

/** The parts one after another, saved and loaded between them as `analyze` does. */
async function inParts(parts: EnginePost[][], file: string): Promise<EngineResult> {
  let cols = new PostColumns(KINDS);
  let textIndex = new NearDuplicateIndex(OPTS.textSimilarity, OPTS.seed);
  let result: EngineResult | undefined;
  for (const [i, part] of parts.entries()) {
    if (i > 0) {
      const loaded = loadSnapshot<{ part: number }>(file, KINDS, OPTS.textSimilarity, OPTS.seed)!;
      expect(loaded.header).toEqual({ part: i - 1 });
      ({ cols, textIndex } = loaded);
    }
    for (const p of part) addPost(cols, p);
    result = await runEngineParallel(cols, { ...OPTS, textIndex });
    saveSnapshot(file, { part: i }, cols, textIndex);
  }
  return result!;
}

describe('engine snapshots (issue 13)', () => {
  it('gives the result of one run over all posts, on 12 random archives split at random', async () => {
    let groups = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const posts = archive(seed, 150 + seed * 20);
      const r = seededRandom(1000 + seed);
      // Two or three parts of random sizes, in insertion order (later parts interleave in time).
      const cuts = [Math.floor(r() * posts.length), Math.floor(r() * posts.length)].sort((a, b) => a - b);
      const parts = seed % 2 ? [posts.slice(0, cuts[0]), posts.slice(cuts[0])] : [posts.slice(0, cuts[0]), posts.slice(cuts[0], cuts[1]), posts.slice(cuts[1])];
      const expected = plain(await oneGo(posts));
      const got = plain(await inParts(parts, join(dir, `s${seed}.snapshot`)));
      expect(got, `seed ${seed}`).toEqual(expected);
      groups += expected.groups.length;
    }
    // The archives must give groups to compare, else equality says little.
    expect(groups).toBeGreaterThan(12);
  });

  it('refuses a file of other co-action kinds or one that is not a snapshot', async () => {
    const file = join(dir, 'kinds.snapshot');
    await inParts([archive(99, 50)], file);
    expect(loadSnapshot(file, ['repost', 'link'], 0.8, 1)).toBeUndefined();
    expect(loadSnapshot(join(dir, 'missing.snapshot'), KINDS, 0.8, 1)).toBeUndefined();
    expect(loadSnapshot(new URL(import.meta.url).pathname, KINDS, 0.8, 1)).toBeUndefined();
  });
});
