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
 * Edges come out in (a, b) order, whatever the table's history, so a run that adds new co-actions
 * to counts kept from an earlier one (`KeptPairs`) gives the edges, and the graph, of one run.
 * CooRTweet pairs are counted before its step 3 and filtered after, since rows added later can
 * widen the filter but never remove a co-action.
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

/** 0, 1, …, n − 1. */
export function identity(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
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
 * Indices of the rows kept by `keep` (a row filter, or all rows) in (object, time, row) order: LSD
 * radix passes by time over ascending rows, then a stable counting sort by object.
 */
export function sortOrder(rows: CoRows, keep?: (row: number) => boolean): Int32Array {
  const n = rows.obj.length;
  let order: Int32Array;
  if (keep) {
    let m = 0;
    for (let i = 0; i < n; i++) if (keep(i)) m++;
    order = new Int32Array(m);
    for (let i = 0, k = 0; k < m; i++) if (keep(i)) order[k++] = i;
  } else {
    order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
  }
  const m = order.length;
  let tmin = Infinity;
  for (let k = 0; k < m; k++) if (rows.timeMs[order[k]] < tmin) tmin = rows.timeMs[order[k]];
  // Keys by position in `order`, sorted as positions, mapped back to rows: an incremental run sorts
  // its few changed rows without arrays over every row of the kind.
  const keys = new Float64Array(m);
  for (let k = 0; k < m; k++) keys[k] = rows.timeMs[order[k]] - tmin;
  const byPosition = radixByKey(keys, identity(m));
  const byTime = new Int32Array(m);
  for (let k = 0; k < m; k++) byTime[k] = order[byPosition[k]];
  const counts = new Int32Array(rows.objects + 1);
  for (let k = 0; k < m; k++) counts[rows.obj[byTime[k]] + 1]++;
  for (let o = 0; o < rows.objects; o++) counts[o + 1] += counts[o];
  const pos = counts.slice(0, rows.objects);
  const sorted = new Int32Array(m);
  for (let k = 0; k < m; k++) sorted[pos[rows.obj[byTime[k]]]++] = byTime[k];
  return sorted;
}

/** The rows at `order` (of the store's rows, or of already sorted ones), gathered, with the object boundaries. */
export function gatherRows(rows: Pick<CoRows, 'obj' | 'acct' | 'post' | 'timeMs'>, order: ArrayLike<number>): SortedRows {
  const m = order.length;
  const out: SortedRows = {
    obj: new Int32Array(m),
    acct: new Int32Array(m),
    post: new Int32Array(m),
    timeMs: new Float64Array(m),
    starts: new Int32Array(0),
  };
  const starts = new Int32Array(m + 1);
  let objects = 0;
  for (let k = 0; k < m; k++) {
    const r = order[k]!;
    out.obj[k] = rows.obj[r]!;
    out.acct[k] = rows.acct[r]!;
    out.post[k] = rows.post[r]!;
    out.timeMs[k] = rows.timeMs[r]!;
    if (k === 0 || out.obj[k] !== out.obj[k - 1]) starts[objects++] = k;
  }
  starts[objects++] = m;
  out.starts = starts.slice(0, objects);
  return out;
}

/** The sorted rows `keep` selects (by index into `s`), in the same order. */
export function subsetRows(s: SortedRows, keep: (i: number) => boolean): SortedRows {
  return gatherRows(s, indicesWhere(s.acct.length, keep));
}

/** The indices i < n where `keep(i)`, ascending. */
function indicesWhere(n: number, keep: (i: number) => boolean): Int32Array {
  let m = 0;
  for (let i = 0; i < n; i++) if (keep(i)) m++;
  const out = new Int32Array(m);
  for (let i = 0, k = 0; k < m; i++) if (keep(i)) out[k++] = i;
  return out;
}

/** The entries `idx` of three parallel arrays. */
function pick3(idx: Int32Array, a: Int32Array, b: Int32Array, c: Int32Array): [Int32Array, Int32Array, Int32Array] {
  const x = new Int32Array(idx.length);
  const y = new Int32Array(idx.length);
  const z = new Int32Array(idx.length);
  for (let k = 0; k < idx.length; k++) {
    x[k] = a[idx[k]];
    y[k] = b[idx[k]];
    z[k] = c[idx[k]];
  }
  return [x, y, z];
}

/** Sort the rows kept by `keep` (a row filter, or all rows) by (object, time) and gather them. */
export function sortRows(rows: CoRows, keep?: (row: number) => boolean): SortedRows {
  return gatherRows(rows, sortOrder(rows, keep));
}

/**
 * Two gathered row lists, each in (object, time, row) order (`xRows`, `yRows`: their rows), merged
 * into one, with which positions came from `y`. Both are read in order: comparing the rows through
 * their indices instead read four arrays at random, per row, twice.
 */
function mergeGathered(x: SortedRows, xRows: Int32Array, y: SortedRows, yRows: Int32Array): { sorted: SortedRows; order: Int32Array; fromY: Uint8Array } {
  const nx = xRows.length;
  const ny = yRows.length;
  const m = nx + ny;
  const sorted: SortedRows = { obj: new Int32Array(m), acct: new Int32Array(m), post: new Int32Array(m), timeMs: new Float64Array(m), starts: new Int32Array(0) };
  const order = new Int32Array(m);
  const fromY = new Uint8Array(m);
  const starts = new Int32Array(m + 1);
  let objects = 0;
  for (let k = 0, i = 0, j = 0; k < m; k++) {
    const takeY =
      j < ny &&
      (i === nx || y.obj[j] < x.obj[i] || (y.obj[j] === x.obj[i] && (y.timeMs[j] < x.timeMs[i] || (y.timeMs[j] === x.timeMs[i] && yRows[j] < xRows[i]))));
    const src = takeY ? y : x;
    const at = takeY ? j++ : i++;
    sorted.obj[k] = src.obj[at];
    sorted.acct[k] = src.acct[at];
    sorted.post[k] = src.post[at];
    sorted.timeMs[k] = src.timeMs[at];
    order[k] = takeY ? yRows[at] : xRows[at];
    fromY[k] = takeY ? 1 : 0;
    if (k === 0 || sorted.obj[k] !== sorted.obj[k - 1]) starts[objects++] = k;
  }
  starts[objects++] = m;
  sorted.starts = starts.slice(0, objects);
  return { sorted, order, fromY };
}

/** Pair counts `(a, b, count)`, a < b, in (a, b) order. */
export interface PairCounts {
  a: Int32Array;
  b: Int32Array;
  count: Int32Array;
}

/** A counter's entries in (a, b) order (its own order depends on its insertion history). */
function orderedEntries(counter: PairCounter, accounts: number): PairCounts {
  const e = counter.entries();
  const keys = new Float64Array(e.a.length);
  for (let i = 0; i < keys.length; i++) keys[i] = e.a[i] * accounts + e.b[i];
  const [a, b, count] = pick3(radixByKey(keys, identity(keys.length)), e.a, e.b, e.count);
  return { a, b, count };
}

/** Sum of two pair-count lists, both in (a, b) order. */
function addCounts(x: PairCounts, y: PairCounts): PairCounts {
  if (!x.a.length) return y;
  if (!y.a.length) return x;
  const a = new Int32Array(x.a.length + y.a.length);
  const b = new Int32Array(a.length);
  const count = new Int32Array(a.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < x.a.length || j < y.a.length) {
    const cmp = i === x.a.length ? 1 : j === y.a.length ? -1 : x.a[i] - y.a[j] || x.b[i] - y.b[j];
    if (cmp < 0) [a[k], b[k], count[k]] = [x.a[i], x.b[i], x.count[i++]];
    else if (cmp > 0) [a[k], b[k], count[k]] = [y.a[j], y.b[j], y.count[j++]];
    else [a[k], b[k], count[k]] = [x.a[i], x.b[i], x.count[i++] + y.count[j++]];
    k++;
  }
  return { a: a.slice(0, k), b: b.slice(0, k), count: count.slice(0, k) };
}

/**
 * What pairing one kind (CooRTweet semantics) leaves for the next run over the same rows plus
 * rows appended after them (`pairRows` with `kept`): which rows it sorted, and every co-action's
 * pair before the second participation filter, which only rows appended or activated later can add to.
 */
export interface KeptPairs {
  /** Rows of the kind covered: the first `rows` rows of its table. */
  rows: number;
  /** The rows of accounts over the participation minimum, in (object, time, row) order. */
  order: Int32Array;
  /** Co-actions per account pair, before the second participation filter. */
  pairs: PairCounts;
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
  /** What the next run may start from (CooRTweet semantics). */
  kept?: KeptPairs;
}

/**
 * Pair the rows of one co-action kind. With `kept` from a run over the first `kept.rows` rows, only
 * the co-actions that rows appended since, or activated since, can form are counted again: rows of
 * accounts that new rows lift over the participation minimum, and rows whose object changed
 * (`oldObj`: their objects in that run, for near-duplicate clusters that merged). Every co-action of
 * that run is still one (objects only merge, rows only join), so the counts add up to those of a
 * run over all rows; the participation filter, which rows added can only widen, is applied after.
 */
export function pairRows(rows: CoRows, opts: PairOptions, kept?: KeptPairs, oldObj: Int32Array = rows.obj): Paired {
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
  const min = opts.minParticipation;
  const n = rows.obj.length;
  const before = kept && kept.rows <= n ? kept : { rows: 0, order: new Int32Array(0), pairs: { a: new Int32Array(0), b: new Int32Array(0), count: new Int32Array(0) } };
  const perAccount = rowsPerAccount(rows.acct, rows.accounts);
  const perAccountBefore = rowsPerAccount(rows.acct.subarray(0, before.rows), rows.accounts);
  const { acct, obj } = rows;
  // A row was sorted and paired before when it was there and its account over the minimum.
  const wasActive = (r: number): boolean => r < before.rows && perAccountBefore[acct[r]] >= min;
  // Changed: sorted now and new, newly active, or on another object than before.
  const changed = new Uint8Array(n);
  let unchangedRows = 0;
  for (let r = 0; r < n; r++) {
    if (perAccount[acct[r]] < min) continue;
    if (wasActive(r) && oldObj[r] === obj[r]) unchangedRows++;
    else changed[r] = 1;
  }
  const fresh = sortOrder(rows, (r) => changed[r] === 1);
  let sorted: SortedRows;
  let order: Int32Array;
  // Per sorted position: a changed row (new, newly active or moved).
  let isChanged: Uint8Array;
  if (unchangedRows) {
    const stay = before.order;
    const stayed = new Int32Array(unchangedRows);
    for (let k = 0, m = 0; k < stay.length; k++) if (!changed[stay[k]]) stayed[m++] = stay[k];
    ({ sorted, order, fromY: isChanged } = mergeGathered(gatherRows(rows, stayed), stayed, gatherRows(rows, fresh), fresh));
  } else {
    order = fresh;
    sorted = gatherRows(rows, order);
    isChanged = new Uint8Array(order.length).fill(1);
  }
  const keep = participationKeep(sorted, rows, windowMs, min);
  // New co-actions: pairs with a changed row, except two rows that were paired on one object before.
  const counter = new PairCounter(1 << 12);
  const { timeMs } = sorted;
  const count = (x: number, y: number): void => {
    const a = sorted.acct[x];
    const b = sorted.acct[y];
    if (a < b) counter.add(a, b);
    else counter.add(b, a);
  };
  for (let i = 0; i < order.length; i++) {
    if (!isChanged[i]) continue;
    const ri = order[i];
    const o = sorted.obj[i];
    const ai = sorted.acct[i];
    const limit = timeMs[i] + windowMs;
    for (let j = i + 1; j < order.length && sorted.obj[j] === o && timeMs[j] <= limit; j++) {
      if (sorted.acct[j] === ai) continue;
      const rj = order[j];
      if (isChanged[j] && wasActive(ri) && wasActive(rj) && oldObj[ri] === oldObj[rj]) continue;
      count(i, j);
    }
    // Earlier unchanged rows (a pair of two changed rows is counted from the first).
    if (!unchangedRows) continue;
    const floor = timeMs[i] - windowMs;
    for (let j = i - 1; j >= 0 && sorted.obj[j] === o && timeMs[j] >= floor; j--) {
      if (sorted.acct[j] !== ai && !isChanged[j]) count(j, i);
    }
  }
  const pairs = addCounts(before.pairs, orderedEntries(counter, rows.accounts));
  // CooRTweet step 3: a co-action counts when either account is kept.
  const [a, b, weight] = pick3(
    indicesWhere(pairs.a.length, (e) => keep[pairs.a[e]] === 1 || keep[pairs.b[e]] === 1),
    pairs.a,
    pairs.b,
    pairs.count,
  );
  const edges: EdgeList = { a, b, weight, directed: false };
  return { edges, sorted, keep, kept: { rows: n, order, pairs } };
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
  const [a, b, weight] = pick3(indicesWhere(edges.weight.length, (i) => pass(edges.weight[i])), edges.a, edges.b, edges.weight);
  return { edges: { a, b, weight, directed: edges.directed }, cut, rule };
}
