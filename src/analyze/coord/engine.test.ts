import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPosts } from '../../ingest/index.js';
import { PostColumns, type CoKind } from './columns.js';
import { runEngine, runEngineParallel, type EngineResult } from './engine.js';
import { addPost } from './extract.js';
import { readIoArchiveColumns } from './io-columns.js';
import { readIoArchiveParallel } from './io-parallel.js';
import { components, louvain, modularity, toCsr } from './louvain.js';
import { bucketsSince, jaccard, NearDuplicateIndex, nearDuplicateClusters, shingles } from './minhash.js';
import { seededRandom as rng } from '../../util/random.js';

const FIXTURE = new URL('../../../test/fixtures/coord/io-small.csv', import.meta.url).pathname;
const KINDS: CoKind[] = ['repost', 'link', 'hashtag'];

/** Edges of a run as sorted `a b kind weight` strings (undirected: a < b). */
function edgeSet(r: EngineResult): string[] {
  const out: string[] = [];
  for (const k of r.kinds) {
    for (let e = 0; e < k.edges.a.length; e++) {
      let a = r.cols.accounts.value(k.edges.a[e]);
      let b = r.cols.accounts.value(k.edges.b[e]);
      if (!k.edges.directed && b < a) [a, b] = [b, a];
      out.push(`${a} ${b} ${k.kind} ${k.edges.weight[e]}`);
    }
  }
  return out.sort();
}

describe('engine on a small IO archive', () => {
  it('finds the co-reposts, co-link and co-hashtag the fixture describes, and quarantines the bad rows', async () => {
    const cols = new PostColumns(KINDS);
    const quarantined: string[] = [];
    const read = await readIoArchiveColumns(FIXTURE, cols, { onQuarantine: (q) => quarantined.push(q.code) });
    expect(read).toMatchObject({ read: 12, quarantined: 2 });
    expect(quarantined.sort()).toEqual(['field_invalid', 'timestamp_invalid']);
    const r = runEngine(cols, { kinds: KINDS, minParticipation: 1, threshold: { minWeight: 1 } });
    expect(edgeSet(r)).toEqual(['hashA hashB hashtag 1', 'hashA hashB link 1', 'hashA hashB repost 2', 'hashB hashC repost 1']);
    expect(r.minuteOnly).toBe(true);
    // 19-digit ids stay exact.
    expect(r.cols.postIds.get(0)).toBe('1900000000000000001');
  });

  it('applies min_participation before and after pairing, as CooRTweet does', async () => {
    const cols = new PostColumns(KINDS);
    await readIoArchiveColumns(FIXTURE, cols);
    const r = runEngine(cols, { kinds: KINDS, minParticipation: 2, threshold: { minWeight: 1 } });
    // C has two repost rows but only one co-acts: C is dropped after pairing, yet B–C survives through B.
    expect(edgeSet(r)).toEqual(['hashA hashB repost 2', 'hashB hashC repost 1']);
  });

  it('gives the toolkit its directed weights without pairing link-less posts', async () => {
    const cols = new PostColumns(KINDS);
    await readIoArchiveColumns(FIXTURE, cols);
    const r = runEngine(cols, { kinds: KINDS, semantics: 'toolkit', threshold: { minWeight: 1 } });
    const edges = edgeSet(r);
    expect(edges).toContain('hashA hashB repost 2');
    expect(edges).toContain('hashB hashA repost 2');
    expect(edges).toContain('hashC hashB repost 1');
    expect(edges.some((e) => e.includes('hashD') || e.includes('hashE'))).toBe(false);
  });

  it('gives the same edges from Post batches (store path) as from the columnar path', async () => {
    const fast = new PostColumns(KINDS);
    await readIoArchiveColumns(FIXTURE, fast);
    const slow = new PostColumns(KINDS);
    for await (const batch of readPosts(FIXTURE, { format: 'io-archive' })) for (const p of batch.posts) addPost(slow, p);
    expect(slow.posts).toBe(fast.posts);
    const opts = { kinds: KINDS, minParticipation: 1, threshold: { minWeight: 1 } };
    expect(edgeSet(runEngine(slow, opts))).toEqual(edgeSet(runEngine(fast, opts)));
  });
});

describe('two-thread reader', () => {
  /** A generated archive whose rows carry quoted newlines, so a split may land inside quotes. */
  function archive(rows: number, seed: number): string {
    const r = rng(seed);
    const header = readFileSync(FIXTURE, 'utf8').split('\n')[0];
    const lines = [header];
    for (let i = 0; i < rows; i++) {
      const user = `u${Math.floor(r() * 40)}`;
      const minute = String(Math.floor(r() * 50)).padStart(2, '0');
      const text = r() < 0.6 ? `"line\n${'x'.repeat(Math.floor(r() * 300))}\n123,45,"` : 'plain';
      const rt = r() < 0.5;
      const obj = `${1_800_000_000_000_000_000n + BigInt(Math.floor(r() * 30))}`;
      lines.push(`${2_000_000_000_000_000_000n + BigInt(i)},${user},${user},${user},,,,1,1,2020-01-01,en,en,${text},2024-03-01 10:${minute},c,,,,${rt ? 'True' : 'False'},,${rt ? obj : ''},absent,absent,0,0,0,0,${rt ? '[]' : `['t${Math.floor(r() * 5)}']`},[],[],`);
    }
    return lines.join('\n') + '\n';
  }

  it('reads the same columns as one thread, wherever the split falls', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-coord-'));
    const threads: number[] = [];
    for (let seed = 1; seed <= 12; seed++) {
      const file = join(dir, `a${seed}.csv`);
      writeFileSync(file, archive(1500, seed));
      const one = new PostColumns(KINDS);
      await readIoArchiveColumns(file, one);
      const opts = { kinds: KINDS, minParticipation: 1, threshold: { minWeight: 1 } };
      const expected = edgeSet(runEngine(one, opts));
      const threadCount = 2 + (seed % 2);
      const many = new PostColumns(KINDS);
      const read = await readIoArchiveParallel(file, many, { minParallelBytes: 0, threads: threadCount });
      expect(read.read).toBe(1500);
      threads.push(read.threads!);
      expect(many.posts).toBe(one.posts);
      expect(many.postIds.get(many.posts - 1)).toBe(one.postIds.get(one.posts - 1));
      expect(edgeSet(runEngine(many, opts))).toEqual(expected);
      if (seed <= 2) {
        // Pairing kinds on worker threads gives the same edges and groups.
        const par = await runEngineParallel(many, { ...opts, threads: 3 });
        const seq = runEngine(many, opts);
        expect(edgeSet(par)).toEqual(expected);
        expect(par.groups.map((g) => [g.id, g.score])).toEqual(seq.groups.map((g) => [g.id, g.score]));
      }
    }
    // Both outcomes were exercised: a clean split, and a split inside quotes that was undone.
    expect(new Set(threads)).toEqual(new Set([1, 2, 3]));
  });
});

describe('louvain and components', () => {
  it('splits two cliques joined by one edge, repeatably for a seed', () => {
    const a: number[] = [];
    const b: number[] = [];
    const w: number[] = [];
    for (const base of [0, 5]) for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) a.push(base + i), b.push(base + j), w.push(1);
    a.push(4), b.push(5), w.push(1);
    a.push(10), b.push(11), w.push(3);
    const g = toCsr(12, a, b, w);
    const c = louvain(g, 7);
    expect(new Set([0, 1, 2, 3, 4].map((v) => c[v])).size).toBe(1);
    expect(new Set([5, 6, 7, 8, 9].map((v) => c[v])).size).toBe(1);
    expect(c[0]).not.toBe(c[5]);
    expect(c[10]).toBe(c[11]);
    expect(modularity(g, c)).toBeGreaterThan(0.4);
    expect([...louvain(g, 7)]).toEqual([...c]);
    const comp = components(g);
    expect(comp[0]).toBe(comp[9]);
    expect(comp[10]).not.toBe(comp[0]);
  });
});

describe('near-duplicate text', () => {
  it('clusters edited copies and keeps different messages apart', () => {
    const base = 'do not vote for dana quill on tuesday she will ruin the harbour district for everyone';
    const texts = [base, base.replace('tuesday', 'tuesday friends'), 'a completely different message about the market and the weather in vorn', base.replace('everyone', 'all of us')];
    const root = nearDuplicateClusters(texts, 0.6, 1);
    expect(root[1]).toBe(root[0]);
    expect(root[2]).not.toBe(root[0]);
    expect(jaccard(shingles(texts[0]), shingles(texts[1]))).toBeGreaterThan(0.6);
  });

  it('finds the same clusters, named by their first text, whether texts arrive at once or in parts', () => {
    const r = rng(7);
    const words = Array.from({ length: 400 }, (_, i) => `w${i}`);
    // 60 messages of 30 words; 8 copies of each with one word changed (Jaccard 25/31 ≈ 0.81), interleaved.
    const bases = Array.from({ length: 60 }, () => Array.from({ length: 30 }, () => words[Math.floor(r() * words.length)]));
    const family: number[] = [];
    const texts: string[] = [];
    for (let copy = 0; copy <= 8; copy++) {
      for (const [b, w] of bases.entries()) {
        const edited = [...w];
        if (copy) edited[1 + Math.floor(r() * 28)] = `edit${copy}`;
        texts.push(edited.join(' '));
        family.push(b);
      }
    }
    const root = nearDuplicateClusters(texts, 0.8, 1);
    // Every copy lands with its message, clusters are named by their smallest index, messages stay apart.
    texts.forEach((_, t) => expect(root[t]).toBe(family[t]));
    const index = new NearDuplicateIndex(0.8, 1);
    for (const end of [100, 101, 333, texts.length]) index.add(texts.slice(0, end));
    expect(index.roots()).toEqual(root);
    const reloaded = new NearDuplicateIndex(0.8, 1, new NearDuplicateIndex(0.8, 1, (index.add(texts), index.parts())).parts());
    reloaded.add([...texts, `${texts[5]} more`]);
    expect(reloaded.roots()[texts.length]).toBe(5);
  });

  it('gives the clusters of one pass when it signs the texts in small chunks', () => {
    const base = 'do not vote for dana quill on tuesday she will ruin the harbour district for everyone';
    const texts = Array.from({ length: 200 }, (_, i) => (i % 3 ? base.replace('tuesday', `tuesday ${i % 7}`) : `message ${i} about the market and rain in vorn and the bridge`));
    const index = new NearDuplicateIndex(0.6, 1, undefined, 7);
    index.add(texts);
    expect(index.roots()).toEqual(nearDuplicateClusters(texts, 0.6, 1));
    expect(new Set(index.roots()).size).toBeLessThan(texts.length);
  });

  it('gives the clusters of one pass when a few texts join many (bucket runs copied whole between the new keys)', () => {
    // Distinct texts give about one band bucket each: 1,000 saved against 10 new takes the sparse merge.
    const texts = Array.from({ length: 1000 }, (_, i) => `note ${i} on the ferry ${i * 7} and the dock ${i * 13} at noon`);
    const later = [...texts, ...Array.from({ length: 10 }, (_, i) => (i % 2 ? texts[i * 37]! : `fresh line ${i} about the quay at dawn`))];
    // A third run finds every run's buckets in the merged lists: copies of the fresh lines and of old texts join them.
    const last = [...later, ...Array.from({ length: 30 }, (_, i) => (i < 10 ? `fresh line ${2 * (i % 5)} about the quay at dawn` : texts[(i * 97) % 1000]!))];
    const index = new NearDuplicateIndex(0.6, 1);
    index.add(texts);
    index.add(later);
    // The 10 new buckets per band stay in the recent level (under an eighth of 1,000); what a delta saves is read from both levels.
    const oneRun = new NearDuplicateIndex(0.6, 1);
    oneRun.add(later);
    expect(index.bucketsSince(1000)).toEqual(oneRun.parts().bands.map((b) => bucketsSince(b, 1000)));
    index.add(last);
    expect(index.roots()).toEqual(nearDuplicateClusters(last, 0.6, 1));
    expect(new Set(index.roots()).size).toBeLessThan(later.length);
    // The merged bucket lists are those of one pass (band lookups are redundant, so the clusters alone would hide a lost run).
    const onePass = new NearDuplicateIndex(0.6, 1);
    onePass.add(last);
    expect(index.parts().bands).toEqual(onePass.parts().bands);
  });

  it('finds a run\'s new buckets in the main level too when they grew past an eighth of it and were merged there', () => {
    const texts = Array.from({ length: 200 }, (_, i) => `line ${i} on the pier ${i * 11} and the gate ${i * 17} by night`);
    const first = new NearDuplicateIndex(0.6, 1);
    first.add(texts.slice(0, 100));
    // Loaded as a snapshot gives it: 100 texts, then 100 new ones, far past an eighth of the saved buckets.
    const loaded = new NearDuplicateIndex(0.6, 1, first.parts());
    loaded.add(texts);
    const onePass = new NearDuplicateIndex(0.6, 1);
    onePass.add(texts);
    const since = loaded.bucketsSince(100);
    expect(since).toEqual(onePass.parts().bands.map((b) => bucketsSince(b, 100)));
    expect(since.every((b) => b.keys.length > 50)).toBe(true);
  });

  it('hashes shingles as the 3-gram strings would hash (spaces, short texts, non-ASCII)', () => {
    // The obvious version: split on spaces, build each 3-gram, FNV-1a of its code units.
    const fnv = (s: string) => {
      let h = 0x811c9dc5;
      for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
      return h >>> 0;
    };
    const reference = (text: string) => {
      const words = text.split(' ').filter(Boolean);
      const out = new Set<number>();
      if (words.length < 3) out.add(fnv(words.join(' ')));
      else for (let i = 0; i + 3 <= words.length; i++) out.add(fnv(`${words[i]} ${words[i + 1]} ${words[i + 2]}`));
      return Uint32Array.from(out).sort();
    };
    const r = rng(3);
    const pieces = ['a', 'vote', 'é', '\ud83d\udc26', '\ud800', 'x'.repeat(40), '\t', ''];
    const texts = ['', ' ', 'one', 'one two', '  one   two  ', 'a a a a a a', 'a b c a b c a b c'];
    for (let k = 0; k < 300; k++) texts.push(Array.from({ length: Math.floor(r() * 400) }, () => pieces[Math.floor(r() * pieces.length)]).join(r() < 0.5 ? ' ' : '  '));
    for (const t of texts) expect(shingles(t)).toEqual(reference(t));
  });
});

describe('scoring against chance', () => {
  it('ranks a small group that repeats together above a crowd that co-reposted viral posts by chance', () => {
    const r = rng(42);
    const cols = new PostColumns(['repost']);
    let id = 0;
    const post = (account: string, object: string, tSec: number) => cols.tables.get('repost')!.add(object, cols.addPost(String(id++), account, tSec * 1000));
    // Background: 400 accounts, 40 viral posts, each reposted by ~60 random accounts within two hours.
    for (let v = 0; v < 40; v++) {
      const t0 = v * 86_400;
      for (let k = 0; k < 60; k++) post(`bg${Math.floor(r() * 400)}`, `viral${v}`, t0 + Math.floor(r() * 7200));
    }
    // Planted: 6 accounts repost 12 posts within 20 s of each other.
    for (let e = 0; e < 12; e++) {
      const t0 = 3_000_000 + e * 50_000;
      for (let m = 0; m < 6; m++) post(`ring${m}`, `push${e}`, t0 + Math.floor(r() * 20));
    }
    const res = runEngine(cols, { kinds: ['repost'], minParticipation: 2, threshold: { minWeight: 2 } });
    const top = res.groups[0];
    expect(top.members.map((m) => cols.accounts.value(m)).sort()).toEqual(['ring0', 'ring1', 'ring2', 'ring3', 'ring4', 'ring5']);
    expect(top.score).toBeGreaterThan(0.8);
    expect(top.tightness).toBeGreaterThan(0.5);
    const chance = res.groups.filter((g) => g.members.some((m) => cols.accounts.value(m).startsWith('bg')));
    expect(chance.length).toBeGreaterThan(0);
    for (const g of chance) expect(g.score).toBeLessThan(0.3);
  });
});
