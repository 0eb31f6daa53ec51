import { describe, expect, it } from 'vitest';
import { Interner } from './columns.js';
import { pairRows, quantileType7, thresholdEdges, type CoRows } from './pairs.js';
import { edgeKey, referenceCoortweet, referenceQuantile, referenceToolkit, type RefRow } from './reference.case.js';
import { seededRandom as rng } from '../../util/random.js';

function toRows(rows: RefRow[]): { rows: CoRows; accounts: Interner } {
  const accounts = new Interner();
  const objects = new Interner();
  const posts = new Interner();
  const n = rows.length;
  const out: CoRows = { obj: new Int32Array(n), acct: new Int32Array(n), post: new Int32Array(n), timeMs: new Float64Array(n), accounts: 0, posts: 0, objects: 0 };
  rows.forEach((r, i) => {
    out.obj[i] = objects.id(r.object);
    out.acct[i] = accounts.id(r.account);
    out.post[i] = posts.id(r.content);
    out.timeMs[i] = r.time * 1000;
  });
  out.accounts = accounts.size;
  out.objects = objects.size;
  out.posts = posts.size;
  return { rows: out, accounts };
}

function engine(rows: RefRow[], window: number, minPart: number, semantics: 'coortweet' | 'toolkit'): Map<string, number> {
  const { rows: r, accounts } = toRows(rows);
  const { edges } = pairRows(r, { timeWindow: window, minParticipation: minPart, semantics });
  const m = new Map<string, number>();
  for (let i = 0; i < edges.a.length; i++) {
    let a = accounts.value(edges.a[i]);
    let b = accounts.value(edges.b[i]);
    if (!edges.directed && b < a) [a, b] = [b, a];
    m.set(edgeKey(a, b), edges.weight[i]);
  }
  return m;
}

/** Random archive: few accounts and objects, integer seconds in a short span, so ties and windows matter. */
function randomRows(seed: number): { rows: RefRow[]; window: number; minPart: number } {
  const r = rng(seed);
  const nAcc = 2 + Math.floor(r() * 10);
  const nObj = 1 + Math.floor(r() * 6);
  const nPosts = Math.floor(r() * 60);
  const rows: RefRow[] = [];
  for (let p = 0; p < nPosts; p++) {
    const account = `u${Math.floor(r() * nAcc)}`;
    const time = Math.floor(r() * (r() < 0.5 ? 30 : 300));
    // Some posts carry several objects (hashtags), each a row with the same content id.
    const k = r() < 0.2 ? 2 : 1;
    const objs = new Set<string>();
    for (let j = 0; j < k; j++) objs.add(`o${Math.floor(r() * nObj)}`);
    for (const object of objs) rows.push({ object, account, content: `${1_000_000_000_000_000_000n + BigInt(p)}`, time });
  }
  return { rows, window: Math.floor(r() * 40), minPart: 1 + Math.floor(r() * 3) };
}

describe('pairRows (CooRTweet semantics)', () => {
  it('counts |Δt| ≤ window inclusively and not one second more', () => {
    const rows: RefRow[] = [
      { object: 'x', account: 'A', content: '1', time: 0 },
      { object: 'x', account: 'B', content: '2', time: 10 },
      { object: 'y', account: 'A', content: '3', time: 100 },
      { object: 'y', account: 'B', content: '4', time: 111 },
    ];
    expect(engine(rows, 10, 1, 'coortweet')).toEqual(new Map([['A\tB', 1]]));
    expect(engine(rows, 11, 1, 'coortweet')).toEqual(new Map([['A\tB', 2]]));
  });

  it('drops accounts below min_participation before pairing', () => {
    const rows: RefRow[] = [
      { object: 'x', account: 'A', content: '1', time: 0 },
      { object: 'x', account: 'B', content: '2', time: 1 },
      { object: 'z', account: 'A', content: '3', time: 50 },
    ];
    // B has one row: with min_participation 2 it never pairs.
    expect(engine(rows, 10, 2, 'coortweet').size).toBe(0);
    expect(engine(rows, 10, 1, 'coortweet').get('A\tB')).toBe(1);
  });

  it('agrees with the reference CooRTweet on 400 seeded random archives', () => {
    let nonEmpty = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const { rows, window, minPart } = randomRows(seed);
      const expected = referenceCoortweet(rows, window, minPart);
      if (expected.size) nonEmpty++;
      expect(engine(rows, window, minPart, 'coortweet'), `seed ${seed}`).toEqual(expected);
    }
    expect(nonEmpty).toBeGreaterThan(200);
  });

  it('agrees with the reference toolkit (directed, distinct messages) on 300 seeded archives', () => {
    for (let seed = 1000; seed < 1300; seed++) {
      const { rows, window } = randomRows(seed);
      expect(engine(rows, window, 1, 'toolkit'), `seed ${seed}`).toEqual(referenceToolkit(rows, window));
    }
  });
});

describe('thresholds', () => {
  it('quantile type 7 matches R on known values', () => {
    // R: quantile(c(1,2,3,4), 0.5) = 2.5; quantile(c(1,1,2,5,9), 0.9) = 7.4
    expect(quantileType7([4, 1, 3, 2], 0.5)).toBeCloseTo(2.5);
    expect(quantileType7([9, 1, 5, 1, 2], 0.9)).toBeCloseTo(7.4);
    const r = rng(7);
    for (let i = 0; i < 50; i++) {
      const xs = Array.from({ length: 1 + Math.floor(r() * 30) }, () => 1 + Math.floor(r() * 9));
      const p = r();
      expect(quantileType7(xs, p)).toBeCloseTo(referenceQuantile(xs, p), 9);
    }
  });

  it('edge_weight keeps weight strictly above the quantile; min-weight keeps weight ≥ N', () => {
    const edges = { a: Int32Array.of(0, 0, 1, 2), b: Int32Array.of(1, 2, 2, 3), weight: Int32Array.of(1, 2, 2, 5), directed: false };
    // median of 1,2,2,5 is 2: only weight 5 is strictly above.
    expect([...thresholdEdges(edges, { edgeWeight: 0.5 }).edges.weight]).toEqual([5]);
    expect([...thresholdEdges(edges, { minWeight: 2 }).edges.weight]).toEqual([2, 2, 5]);
  });
});
