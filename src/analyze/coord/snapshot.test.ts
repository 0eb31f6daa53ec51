/**
 * Issue 13: the engine on columns saved, loaded and appended to (what `vigil analyze` does between
 * runs) gives what it gives on the same posts read in one go. Random archives with few accounts,
 * few objects and a short time span, so that windows and objects overlap everywhere: new posts land
 * in old windows, on old objects, join old near-duplicate clusters and lift accounts over the
 * participation minimum.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../util/random.js';
import { PostColumns, type CoKind } from './columns.js';
import { runEngineParallel, type EngineResult, type PairMemory } from './engine.js';
import { addPost, type EnginePost } from './extract.js';
import { NearDuplicateIndex } from './minhash.js';
import { loadSnapshot, saveSnapshot, type SnapshotChain } from './snapshot.js';

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
  const acct = (a: number) => r.cols.accounts.value(a);
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
      evidence: g.evidence.map((e) => [e.kind, r.kinds.find((k) => k.kind === e.kind)!.objects.value(e.object), post(e.postA), post(e.postB)]),
    })),
    handles: r.cols.accounts.values.map((_, a) => r.cols.accountHandles[a]),
  };
}

async function oneGo(posts: EnginePost[]): Promise<EngineResult> {
  const cols = new PostColumns(KINDS);
  for (const p of posts) addPost(cols, p);
  return runEngineParallel(cols, { ...OPTS, textIndex: new NearDuplicateIndex(OPTS.textSimilarity, OPTS.seed) });
}

/**
 * The parts one after another, saved and loaded between them as `analyze` does: each save appends a
 * delta to the chain loaded while the deltas stay under `compactAt` of the base (0: a base every time).
 * `onSave` sees the files after each save.
 */
async function inParts(parts: EnginePost[][], file: string, compactAt = Infinity, onSave?: (part: number) => void): Promise<EngineResult> {
  let cols = new PostColumns(KINDS);
  let textIndex = new NearDuplicateIndex(OPTS.textSimilarity, OPTS.seed);
  let pairMemory: PairMemory = { settings: '', kinds: new Map() };
  let chain: SnapshotChain | undefined;
  let result: EngineResult | undefined;
  for (const [i, part] of parts.entries()) {
    if (i > 0) {
      const loaded = loadSnapshot<{ part: number }>(file, KINDS, OPTS.textSimilarity, OPTS.seed)!;
      expect(loaded.header).toEqual({ part: i - 1 });
      ({ cols, textIndex, pairMemory, chain } = loaded);
      // Every kind is paired from what the last part kept, not from scratch.
      expect([...pairMemory.kinds.keys()].sort()).toEqual([...KINDS].sort());
    }
    for (const p of part) addPost(cols, p);
    result = await runEngineParallel(cols, { ...OPTS, textIndex, pairMemory });
    await saveSnapshot(file, { part: i }, cols, textIndex, pairMemory, { after: chain, compactAt });
    onSave?.(i);
  }
  return result!;
}

describe('snapshot file', () => {
  it('writes and reads back long, wide and hostile strings in small pieces and segments', async () => {
    const file = join(dir, 'pieces.snapshot');
    const cols = new PostColumns(KINDS);
    const long = (seed: number, wide: boolean) => Array.from({ length: 1500 }, (_, k) => String.fromCharCode(wide && k % 97 === 0 ? 0xd800 + (seed % 7) : 97 + ((k * seed) % 26))).join('');
    const texts = ['', 'short', long(3, false), long(5, true), 'é'.repeat(40), long(11, false), `${long(13, true)}\ud83d`];
    texts.forEach((text, i) => addPost(cols, { id: `p${i}`, authorId: `a${i % 3}`, authorHandle: `h${i}\u202e`, createdAt: new Date(T0 + i * 1000).toISOString(), text: `${text} tail words here`, urls: [], hashtags: [long(i + 1, i % 2 === 1)], mentions: [] }));
    const textIndex = new NearDuplicateIndex(0.8, 1);
    await runEngineParallel(cols, { ...OPTS, textIndex });
    for (const chunk of [1, 5, 1000, 1 << 24]) {
      await saveSnapshot(file, { chunk }, cols, textIndex, undefined, { chunk });
      const back = loadSnapshot<{ chunk: number }>(file, KINDS, 0.8, 1, { chunk })!;
      expect(back.header).toEqual({ chunk });
      for (const kind of KINDS) expect(back.cols.tables.get(kind)!.objects.values, `${kind}, chunk ${chunk}`).toEqual(cols.tables.get(kind)!.objects.values);
      // Loaded strings stay bytes: looking them up compares code units in place, wide ones too.
      const tags = back.cols.tables.get('hashtag')!.objects;
      cols.tables.get('hashtag')!.objects.values.forEach((tag, id) => {
        expect(tags.find(tag)).toBe(id);
        expect(tags.find(`${tag.slice(0, -1)}${tag.endsWith('a') ? 'b' : 'a'}`)).toBe(-1);
      });
      expect(back.cols.accountHandles).toEqual(cols.accountHandles);
      expect(Array.from({ length: back.cols.posts }, (_, p) => back.cols.postIds.get(p))).toEqual(texts.map((_, i) => `p${i}`));
      expect(back.textIndex.parts()).toEqual(textIndex.parts());
    }
    // A file cut short is no snapshot (the run then reads the platform whole).
    writeFileSync(file, readFileSync(file).subarray(0, 200));
    expect(loadSnapshot(file, KINDS, 0.8, 1)).toBeUndefined();
  });
});

describe('columns loaded from a snapshot', () => {
  it('take new posts in place: the first append does not copy a column whole', async () => {
    const file = join(dir, 'room.snapshot');
    const posts = archive(5, 3000);
    const cols = new PostColumns(KINDS);
    for (const p of posts.slice(0, 2900)) addPost(cols, p);
    const textIndex = new NearDuplicateIndex(OPTS.textSimilarity, OPTS.seed);
    await runEngineParallel(cols, { ...OPTS, textIndex });
    await saveSnapshot(file, {}, cols, textIndex);
    const back = loadSnapshot<object>(file, KINDS, OPTS.textSimilarity, OPTS.seed)!;
    const columns = () => [back.cols.author.data, back.cols.timeMs.data, ...KINDS.flatMap((k) => [back.cols.tables.get(k)!.obj.data, back.cols.tables.get(k)!.post.data])];
    const before = columns().map((a) => a.buffer);
    for (const p of posts.slice(2900)) addPost(back.cols, p);
    expect(back.cols.posts).toBe(3000);
    columns().forEach((a, i) => expect(a.buffer, `column ${i}`).toBe(before[i]));
  });
});

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
      // Deltas appended to one base, or a base written every time (the two ways a chain grows).
      const got = plain(await inParts(parts, join(dir, `s${seed}.snapshot`), seed % 4 < 2 ? Infinity : 0));
      expect(got, `seed ${seed}`).toEqual(expected);
      groups += expected.groups.length;
    }
    // The archives must give groups to compare, else equality says little.
    expect(groups).toBeGreaterThan(12);
  });

  /** A post at `seconds` after T0 with only the given co-action fields. */
  const post = (id: string, author: string, seconds: number, fields: Partial<Omit<EnginePost, 'id' | 'authorId' | 'authorHandle' | 'createdAt'>>): EnginePost => ({
    id,
    authorId: author,
    authorHandle: author,
    createdAt: new Date(T0 + seconds * 1000).toISOString(),
    text: `post ${id}`,
    urls: [],
    hashtags: [],
    mentions: [],
    ...fields,
  });
  /** Kept edges of a kind as `a-b:weight`, by account id. */
  const edgesOf = (r: EngineResult, kind: CoKind): string[] => {
    const k = r.kinds.find((x) => x.kind === kind)!;
    return Array.from(k.edges.a, (a, e) => `${r.cols.accounts.value(a)}-${r.cols.accounts.value(k.edges.b[e])}:${k.edges.weight[e]}`).sort();
  };
  async function bothWays(parts: EnginePost[][], name: string): Promise<EngineResult> {
    const one = await oneGo(parts.flat());
    const split = await inParts(parts, join(dir, `${name}.snapshot`));
    expect(plain(split)).toEqual(plain(one));
    return split;
  }

  it('pairs new rows with the old rows of the objects they touch, before and after them in time', async () => {
    const old = [
      post('1', 'u1', 0, { repostOf: 'o1' }),
      post('2', 'u2', 5, { repostOf: 'o1' }),
      post('3', 'u1', 300, { repostOf: 'o2' }),
      post('4', 'u2', 305, { repostOf: 'o2' }),
    ];
    // u3's reposts: one after the old rows on o1, one before them on o2.
    const added = [post('5', 'u3', 30, { repostOf: 'o1' }), post('6', 'u3', 290, { repostOf: 'o2' })];
    const r = await bothWays([old, added], 'touched');
    expect(edgesOf(r, 'repost')).toEqual(['u1-u2:2', 'u1-u3:2', 'u2-u3:2']);
  });

  it('pairs the old rows of an account that new rows lift over the participation minimum', async () => {
    const old = [
      post('1', 'u1', 0, { repostOf: 'o1' }),
      post('2', 'u2', 5, { repostOf: 'o1' }),
      post('3', 'u1', 300, { repostOf: 'o2' }),
      post('4', 'u2', 305, { repostOf: 'o2' }),
      // u3's one row: below the minimum of 2, so it paired with nothing in the first run.
      post('5', 'u3', 10, { repostOf: 'o1' }),
    ];
    const r = await bothWays([old, [post('6', 'u3', 310, { repostOf: 'o2' })]], 'lifted');
    // The new row gives u3 one co-action with each; the old row, now counted, the second.
    expect(edgesOf(r, 'repost')).toEqual(['u1-u2:2', 'u1-u3:2', 'u2-u3:2']);
  });

  it('pairs old rows of near-duplicate clusters that a new text merges', async () => {
    const words = Array.from({ length: 20 }, (_, i) => `word${i}`);
    const a = words.join(' ');
    // c is a with its last two words changed, b is c with its first two changed: a~c and c~b at
    // Jaccard 0.8, a~b below it, so only c joins a and b into one cluster.
    const c = [...words.slice(0, 18), 'other', 'ending'].join(' ');
    const b = ['new', 'start', ...c.split(' ').slice(2)].join(' ');
    const old = [
      post('1', 'u1', 0, { text: a }),
      post('2', 'u2', 10, { text: b }),
      post('3', 'u4', 12, { text: b }),
      post('4', 'u1', 300, { text: a }),
      post('5', 'u2', 310, { text: b }),
      post('6', 'u4', 312, { text: b }),
    ];
    const r = await bothWays([old, [post('7', 'u3', 600, { text: c }), post('8', 'u3', 900, { text: c })]], 'merged');
    // u1's rows pair with b's now; u2 and u4 had paired on b already, and that counts once.
    expect(edgesOf(r, 'text')).toEqual(['u1-u2:2', 'u1-u4:2', 'u2-u4:2']);
    // A third run on the chain (base, then the merge's delta): b's rows, stored in the base under
    // b's own cluster, must come back under the merged one, or they would be paired again.
    const third = await bothWays([old, [post('7', 'u3', 600, { text: c }), post('8', 'u3', 900, { text: c })], [post('9', 'u5', 2000, { text: 'unrelated words here now' })]], 'merged3');
    expect(edgesOf(third, 'text')).toEqual(['u1-u2:2', 'u1-u4:2', 'u2-u4:2']);
  });

  it("appends deltas, reloads them, compacts them into a base and ignores a killed run's delta", async () => {
    const posts = archive(31, 400);
    const parts = [posts.slice(0, 250), posts.slice(250, 280), posts.slice(280, 310), posts.slice(310, 340), posts.slice(340)];
    const file = join(dir, 'chain.snapshot');
    const files: string[][] = [];
    const listed = () => ['', '.1', '.2', '.3', '.4'].filter((x) => existsSync(`${file}${x}`));
    // Half the base: the first deltas fit, then together they pass it and a base is written again.
    const got = await inParts(parts, file, 0.5, () => files.push(listed()));
    expect(plain(got)).toEqual(plain(await oneGo(posts)));
    expect(files.slice(0, 2), JSON.stringify(files)).toEqual([[''], ['', '.1']]);
    const compacted = files.findIndex((f, i) => i > 1 && f.length === 1);
    expect(compacted, JSON.stringify(files)).toBeGreaterThan(1);
    expect(files[compacted - 1].length).toBeGreaterThan(1);

    // A killed run: its delta is on disk but the state still names the segment before it.
    const killed = join(dir, 'killed.snapshot');
    await inParts(parts.slice(0, 2), killed);
    expect(existsSync(`${killed}.1`)).toBe(true);
    const atBase = loadSnapshot<{ part: number }>(killed, KINDS, OPTS.textSimilarity, OPTS.seed, { until: (h) => h.part === 0 })!;
    expect(atBase.header).toEqual({ part: 0 });
    expect(atBase.cols.posts).toBe(parts[0].length);
    expect(loadSnapshot<{ part: number }>(killed, KINDS, OPTS.textSimilarity, OPTS.seed, { until: (h) => h.part === 7 })).toBeUndefined();
    // The next run appends to the segment named, in place of the killed run's delta.
    const { cols, textIndex, pairMemory, chain } = atBase;
    for (const p of [...parts[1], ...parts[2]]) addPost(cols, p);
    await runEngineParallel(cols, { ...OPTS, textIndex, pairMemory });
    await saveSnapshot(killed, { part: 1 }, cols, textIndex, pairMemory, { after: chain, compactAt: Infinity });
    const again = loadSnapshot<{ part: number }>(killed, KINDS, OPTS.textSimilarity, OPTS.seed)!;
    for (const p of parts[3]) addPost(again.cols, p);
    const r = await runEngineParallel(again.cols, { ...OPTS, textIndex: again.textIndex, pairMemory: again.pairMemory });
    expect(plain(r)).toEqual(plain(await oneGo(posts.slice(0, 340))));
  });

  it('refuses a file of other co-action kinds or one that is not a snapshot', async () => {
    const file = join(dir, 'kinds.snapshot');
    await inParts([archive(99, 50)], file);
    expect(loadSnapshot(file, ['repost', 'link'], 0.8, 1)).toBeUndefined();
    expect(loadSnapshot(join(dir, 'missing.snapshot'), KINDS, 0.8, 1)).toBeUndefined();
    expect(loadSnapshot(new URL(import.meta.url).pathname, KINDS, 0.8, 1)).toBeUndefined();
  });
});
