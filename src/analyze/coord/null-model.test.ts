import { describe, expect, it } from 'vitest';
import { seededRandom as rng } from '../../util/random.js';
import { PostColumns } from './columns.js';
import { runEngine } from './engine.js';
import { poissonTail, scoreFromEvidence } from './null-model.js';
import { mergeDense } from './refine.js';
import { toCsr } from './louvain.js';

/** A busy background of 500 accounts on 30 common hashtags and 40 viral posts, plus planted parts. */
function archive(plant: (post: (account: string, kind: 'repost' | 'hashtag', object: string, tSec: number) => void) => void) {
  const r = rng(7);
  const cols = new PostColumns(['repost', 'hashtag']);
  let id = 0;
  const post = (account: string, kind: 'repost' | 'hashtag', object: string, tSec: number) => cols.tables.get(kind)!.add(object, cols.addPost(String(id++), account, tSec * 1000));
  for (let i = 0; i < 6000; i++) post(`bg${Math.floor(r() * 500)}`, 'hashtag', `tag${Math.floor(r() * 30)}`, Math.floor(r() * 30 * 86_400));
  for (let v = 0; v < 40; v++) for (let k = 0; k < 60; k++) post(`bg${Math.floor(r() * 500)}`, 'repost', `viral${v}`, v * 86_400 + Math.floor(r() * 7200));
  plant(post);
  return { cols, res: runEngine(cols, { kinds: ['repost', 'hashtag'], threshold: { minWeight: 2 } }) };
}

describe('group evidence against chance (issue 8)', () => {
  it('computes the Poisson tail exactly', () => {
    expect(poissonTail(1, 0.5)).toBeCloseTo(-Math.log10(1 - Math.exp(-0.5)), 10);
    expect(poissonTail(2, 0.01)).toBeCloseTo(-Math.log10(1 - Math.exp(-0.01) * 1.01), 6);
    expect(poissonTail(0, 3)).toBe(0);
    expect(poissonTail(200, 1)).toBeGreaterThan(300);
  });

  it('ranks a 35-account network co-acting 6 times within 90 s above any pair, and a pair sharing two common hashtags is no finding', () => {
    const { cols, res } = archive((post) => {
      for (let e = 0; e < 6; e++) for (let m = 0; m < 35; m++) post(`net${m}`, 'repost', `directive${e}`, 2_000_000 + e * 400_000 + 5 + Math.floor(((m * 7) % 85) + 0.5));
      for (const t of [100_000, 900_000]) for (const a of ['pa', 'pb']) post(a, 'hashtag', 'tag3', t + (a === 'pa' ? 0 : 30));
    });
    const top = res.groups[0]!;
    expect(top.members.map((m) => cols.accounts.value(m)).filter((a) => a.startsWith('net')).length).toBe(35);
    expect(top.score).toBeGreaterThan(0.99);
    for (const g of res.groups.filter((x) => x.members.length === 2)) expect(g.surprise).toBeLessThan(top.surprise);
    const pair = res.groups.find((g) => g.members.some((m) => cols.accounts.value(m) === 'pa'));
    expect(pair?.score ?? 0).toBeLessThan(0.5);
  });

  it('only rises with more members acting together and more events', () => {
    const evidence = (members: number, events: number) => {
      const { cols, res } = archive((post) => {
        for (let e = 0; e < events; e++) for (let m = 0; m < members; m++) post(`net${m}`, 'repost', `push${e}`, 3_000_000 + e * 50_000 + m);
      });
      return res.groups.find((g) => g.members.some((m) => cols.accounts.value(m) === 'net0'))?.surprise ?? 0;
    };
    const grid = [3, 5, 8].map((m) => [2, 4, 6].map((e) => evidence(m, e)));
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
      if (i + 1 < 3) expect(grid[i + 1]![j]!).toBeGreaterThanOrEqual(grid[i]![j]!);
      if (j + 1 < 3) expect(grid[i]![j + 1]!).toBeGreaterThanOrEqual(grid[i]![j]!);
    }
    expect(scoreFromEvidence(3)).toBeCloseTo(0.5, 10);
  });
});

describe('refinement', () => {
  it('merges pieces of one clique and keeps two cliques tied by one edge apart', () => {
    const a: number[] = [];
    const b: number[] = [];
    const w: number[] = [];
    for (let i = 0; i < 10; i++) for (let j = i + 1; j < 10; j++) a.push(i), b.push(j), w.push(6);
    for (let i = 10; i < 15; i++) for (let j = i + 1; j < 15; j++) a.push(i), b.push(j), w.push(6);
    a.push(9), b.push(10), w.push(1);
    const g = toCsr(15, a, b, w);
    const pieces = Int32Array.from({ length: 15 }, (_, v) => (v < 4 ? 0 : v < 10 ? 1 : 2));
    const c = mergeDense(g, pieces);
    expect(new Set([0, 3, 4, 9].map((v) => c[v])).size).toBe(1);
    expect(c[10]).not.toBe(c[0]);
  });
});
