/**
 * Co-action pairing: from rows `(object, account, post, time)` to weighted account pairs.
 *
 * Default semantics are CooRTweet's (`detect_groups` + `generate_coordinated_network`, R package
 * by Righetti & Balluff, MIT), reproduced step by step:
 *  1. accounts with fewer than `minParticipation` rows (of this co-action) are dropped;
 *  2. every unordered pair of rows on the same object with |Δt| ≤ window (inclusive) is a co-action,
 *     unless both rows are by the same account (loops removed);
 *  3. accounts are kept when at least `minParticipation` of their rows belong to posts that took
 *     part in some co-action; a co-action survives when either of its accounts is kept;
 *  4. an undirected edge's weight is the number of surviving co-actions between its two accounts.
 * Thresholds (`thresholdEdges`) then keep edges with weight > the `edgeWeight` quantile (R type 7),
 * or weight ≥ a plain minimum.
 *
 * Toolkit semantics (coordination-network-toolkit, QUT): a directed edge a→b weighs the number of
 * distinct posts of a that have a row of b on the same object within the window; there is no
 * participation filter; edges below the minimum weight are dropped per direction. Unlike the
 * toolkit, posts without an object (no link, no hashtag) never pair: they have no row at all.
 *
 * The walk: rows are sorted by (object, time) with radix passes, then each row looks forward while
 * Δt ≤ window. Counting happens in a hash table; k² pairs of a popular object are never stored.
 */
import { PairCounter } from './hash-table.js';

/** Rows of one co-action kind in columnar form. Times are epoch milliseconds. */
export interface CoRows {
  obj: Int32Array;
  acct: Int32Array;
  post: Int32Array;
  timeMs: Float64Array;
  /** Number of distinct accounts (ids are < this). */
  accounts: number;
  /** Number of distinct posts (ids are < this). */
  posts: number;
  /** Number of distinct objects (ids are < this). */
  objects: number;
}

export type Semantics = 'coortweet' | 'toolkit';

export interface PairOptions {
  /** Seconds; co-actions need |Δt| ≤ window. */
  timeWindow: number;
  /** CooRTweet `min_participation` (ignored by toolkit semantics). */
  minParticipation: number;
  semantics: Semantics;
}

/** Weighted edges of one kind. Undirected edges have a < b; directed ones go a → b. */
export interface EdgeList {
  a: Int32Array;
  b: Int32Array;
  weight: Int32Array;
  directed: boolean;
}

/** Rows sorted by (object, time), with the object boundaries. */
export interface SortedRows {
  obj: Int32Array;
  acct: Int32Array;
  post: Int32Array;
  timeMs: Float64Array;
  /** Row indices where each non-empty object starts, plus the end. */
  starts: Int32Array;
}

/** LSD radix sort of indices by non-negative integer key (< 2^53: divisions by 2^16k stay exact), stable. */
export function radixByKey(keys: Float64Array, order: Int32Array): Int32Array {
  const n = order.length;
  let max = 0;
  for (let i = 0; i < n; i++) if (keys[order[i]] > max) max = keys[order[i]];
  let src: Int32Array = order;
  let dst: Int32Array = new Int32Array(n);
  const counts = new Int32Array(65536);
  for (let div = 1; div <= max; div *= 65536) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[Math.floor(keys[src[i]] / div) & 0xffff]++;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = counts[d];
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) dst[counts[Math.floor(keys[src[i]] / div) & 0xffff]++] = src[i];
    [src, dst] = [dst, src];
  }
  return src;
}

/**
 * Sort the rows kept by `keep` (a row filter, or all rows) by (object, time) and gather them.
 */
export function sortRows(rows: CoRows, keep?: (row: number) => boolean): SortedRows {
  const n = rows.obj.length;
  let m = 0;
  const order0 = new Int32Array(n);
  let tmin = Infinity;
  for (let i = 0; i < n; i++) {
    if (keep && !keep(i)) continue;
    order0[m++] = i;
    if (rows.timeMs[i] < tmin) tmin = rows.timeMs[i];
  }
  const order = order0.subarray(0, m);
  const keys = new Float64Array(n);
  for (let k = 0; k < m; k++) keys[order[k]] = rows.timeMs[order[k]] - tmin;
  const byTime = radixByKey(keys, order);
  // Stable counting sort by object keeps time order inside each object.
  const counts = new Int32Array(rows.objects + 1);
  for (let k = 0; k < m; k++) counts[rows.obj[byTime[k]] + 1]++;
  for (let o = 0; o < rows.objects; o++) counts[o + 1] += counts[o];
  const pos = counts.slice(0, rows.objects);
  const sorted = new Int32Array(m);
  for (let k = 0; k < m; k++) sorted[pos[rows.obj[byTime[k]]]++] = byTime[k];
  const out: SortedRows = {
    obj: new Int32Array(m),
    acct: new Int32Array(m),
    post: new Int32Array(m),
    timeMs: new Float64Array(m),
    starts: new Int32Array(0),
  };
  const starts: number[] = [];
  for (let k = 0; k < m; k++) {
    const r = sorted[k];
    out.obj[k] = rows.obj[r];
    out.acct[k] = rows.acct[r];
    out.post[k] = rows.post[r];
    out.timeMs[k] = rows.timeMs[r];
    if (k === 0 || out.obj[k] !== out.obj[k - 1]) starts.push(k);
  }
  starts.push(m);
  out.starts = Int32Array.from(starts);
  return out;
}

/**
 * Visit every co-action pair (i < j in sorted order, same object, |Δt| ≤ window, different
 * accounts). `visit` returns nothing; the caller counts.
 */
export function forEachPair(s: SortedRows, windowMs: number, visit: (i: number, j: number) => void): void {
  const { starts, acct, timeMs } = s;
  for (let g = 0; g + 1 < starts.length; g++) {
    const end = starts[g + 1];
    for (let i = starts[g]; i < end; i++) {
      const limit = timeMs[i] + windowMs;
      const ai = acct[i];
      for (let j = i + 1; j < end && timeMs[j] <= limit; j++) {
        if (acct[j] !== ai) visit(i, j);
      }
    }
  }
}

/** Count rows per account. */
function rowsPerAccount(acct: Int32Array, accounts: number): Int32Array {
  const c = new Int32Array(accounts);
  for (let i = 0; i < acct.length; i++) c[acct[i]]++;
  return c;
}

/**
 * CooRTweet step 3: which accounts survive the second participation filter. A row is "involved"
 * when another account's row on the same object lies within the window; that holds exactly when
 * the window around it reaches past the run of consecutive rows by the same account.
 */
function participationKeep(s: SortedRows, rows: CoRows, windowMs: number, minParticipation: number): Uint8Array {
  const { starts, acct, timeMs, post } = s;
  const involvedPost = new Uint8Array(rows.posts);
  // runEnd[i]: last index of the run of consecutive rows (same object) by the same account as i.
  const runEnd = new Int32Array(acct.length);
  for (let i = acct.length - 1; i >= 0; i--) {
    runEnd[i] = i + 1 < acct.length && acct[i + 1] === acct[i] && s.obj[i + 1] === s.obj[i] ? runEnd[i + 1] : i;
  }
  for (let g = 0; g + 1 < starts.length; g++) {
    const begin = starts[g];
    const end = starts[g + 1];
    let lo = begin;
    let hi = begin;
    let runStart = begin;
    for (let i = begin; i < end; i++) {
      if (i > begin && acct[i] !== acct[i - 1]) runStart = i;
      while (timeMs[lo] < timeMs[i] - windowMs) lo++;
      if (hi < i) hi = i;
      while (hi + 1 < end && timeMs[hi + 1] <= timeMs[i] + windowMs) hi++;
      if (lo < runStart || hi > runEnd[i]) involvedPost[post[i]] = 1;
    }
  }
  const count = new Int32Array(rows.accounts);
  for (let i = 0; i < acct.length; i++) if (involvedPost[post[i]]) count[acct[i]]++;
  const keep = new Uint8Array(rows.accounts);
  for (let a = 0; a < rows.accounts; a++) keep[a] = count[a] >= minParticipation && count[a] > 0 ? 1 : 0;
  return keep;
}

/** Result of pairing one kind: the edges and the sorted rows (for provenance). */
export interface Paired {
  edges: EdgeList;
  sorted: SortedRows;
  /** Accounts that survived the participation filters (CooRTweet); all ones for the toolkit. */
  keep: Uint8Array;
}

/** Pair the rows of one co-action kind. */
export function pairRows(rows: CoRows, opts: PairOptions): Paired {
  const windowMs = opts.timeWindow * 1000;
  if (opts.semantics === 'toolkit') {
    const sorted = sortRows(rows);
    // (post, partner account) pairs, each counted once: "count(distinct e_1.message_id)".
    const seen = new PairCounter(1 << 12);
    const counter = new PairCounter(1 << 12);
    forEachPair(sorted, windowMs, (i, j) => {
      if (seen.add(sorted.post[i], sorted.acct[j]) === 1) counter.add(sorted.acct[i], sorted.acct[j]);
      if (seen.add(sorted.post[j], sorted.acct[i]) === 1) counter.add(sorted.acct[j], sorted.acct[i]);
    });
    const e = counter.entries();
    return { edges: { a: e.a, b: e.b, weight: e.count, directed: true }, sorted, keep: new Uint8Array(rows.accounts).fill(1) };
  }
  const perAccount = rowsPerAccount(rows.acct, rows.accounts);
  const min = opts.minParticipation;
  const sorted = sortRows(rows, (r) => perAccount[rows.acct[r]] >= min);
  const keep = participationKeep(sorted, rows, windowMs, min);
  const counter = new PairCounter(1 << 12);
  const { acct } = sorted;
  forEachPair(sorted, windowMs, (i, j) => {
    const a = acct[i];
    const b = acct[j];
    if (keep[a] || keep[b]) {
      if (a < b) counter.add(a, b);
      else counter.add(b, a);
    }
  });
  const e = counter.entries();
  return { edges: { a: e.a, b: e.b, weight: e.count, directed: false }, sorted, keep };
}

/** R `quantile(x, p, type = 7)`. */
export function quantileType7(values: ArrayLike<number>, p: number): number {
  const n = values.length;
  if (n === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export type Threshold = { edgeWeight: number } | { minWeight: number };

/**
 * Keep edges above the threshold: weight > quantile(edgeWeight) (CooRTweet `subgraph = 1`) or
 * weight ≥ minWeight. Returns the kept edges and the weight cut that was applied.
 */
export function thresholdEdges(edges: EdgeList, t: Threshold): { edges: EdgeList; cut: number; rule: string } {
  let pass: (w: number) => boolean;
  let cut: number;
  let rule: string;
  if ('minWeight' in t) {
    cut = t.minWeight;
    pass = (w) => w >= cut;
    rule = `weight >= ${cut}`;
  } else {
    cut = quantileType7(edges.weight, t.edgeWeight);
    pass = (w) => w > cut;
    rule = edges.weight.length ? `weight > ${cut} (quantile ${t.edgeWeight}, type 7)` : 'no edges';
  }
  const idx: number[] = [];
  for (let i = 0; i < edges.weight.length; i++) if (pass(edges.weight[i])) idx.push(i);
  return {
    edges: {
      a: Int32Array.from(idx, (i) => edges.a[i]),
      b: Int32Array.from(idx, (i) => edges.b[i]),
      weight: Int32Array.from(idx, (i) => edges.weight[i]),
      directed: edges.directed,
    },
    cut,
    rule,
  };
}
