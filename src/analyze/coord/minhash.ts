/**
 * Near-duplicate text by MinHash and LSH (Broder 1997, "On the resemblance and containment of
 * documents"; banding as in Leskovec, Rajaraman & Ullman, "Mining of Massive Datasets", ch. 3).
 *
 * Each distinct normalized text becomes a set of word 3-gram shingles (a text of fewer words is one
 * shingle), signed with 64 seeded hash functions, and bucketed in 16 bands of 4 rows: two texts
 * with Jaccard similarity 0.8 share a bucket with probability 0.9998, at 0.5 with 0.65. Candidates
 * are checked with the exact Jaccard of their shingle sets, and texts at or above the threshold are
 * merged (union-find), so a chain of edits of one message becomes one object. Note: merging is
 * transitive, so two texts of one cluster may be less similar than the threshold to each other.
 */
import type { PostColumns } from './columns.js';
import { seededRandom as rng } from '../../util/random.js';
import { identity, radixByKey } from './pairs.js';

const K = 64;
const BANDS = 16;
const ROWS = K / BANDS;
/** Texts signed and bucketed at a time (`NearDuplicateIndex.add`). */
const ADD_CHUNK = 1 << 20;

/** Word boundaries of the text being shingled (reused: millions of texts, no allocation each). */
let wordStart = new Int32Array(256);
let wordEnd = new Int32Array(256);
let hashes = new Uint32Array(256);

/** FNV-1a of words `[first, last)` of `text` joined by single spaces, as of the string they would make. */
function fnvWords(text: string, first: number, last: number): number {
  let h = 0x811c9dc5;
  for (let w = first; w < last; w++) {
    if (w > first) h = Math.imul(h ^ 0x20, 0x01000193);
    for (let i = wordStart[w]; i < wordEnd[w]; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return h >>> 0;
}

/**
 * Sorted distinct shingle hashes of a normalized text: FNV-1a of each word 3-gram (words are the
 * runs between spaces), or of the whole text when it has fewer than three words. Hashed from the
 * text's code units without building the 3-gram strings (the values are those of hashing them).
 */
export function shingles(text: string): Uint32Array {
  let words = 0;
  for (let i = 0; i < text.length; ) {
    while (i < text.length && text.charCodeAt(i) === 0x20) i++;
    if (i === text.length) break;
    if (words === wordStart.length) {
      const grow = (a: Int32Array) => {
        const next = new Int32Array(a.length * 2);
        next.set(a);
        return next;
      };
      wordStart = grow(wordStart);
      wordEnd = grow(wordEnd);
    }
    wordStart[words] = i;
    while (i < text.length && text.charCodeAt(i) !== 0x20) i++;
    wordEnd[words++] = i;
  }
  if (words < 3) return Uint32Array.of(fnvWords(text, 0, words));
  const m = words - 2;
  if (hashes.length < m) hashes = new Uint32Array(Math.max(m, hashes.length * 2));
  for (let w = 0; w < m; w++) hashes[w] = fnvWords(text, w, w + 3);
  const sorted = hashes.subarray(0, m).sort();
  let distinct = 0;
  for (let k = 0; k < m; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) sorted[distinct++] = sorted[k];
  return sorted.slice(0, distinct);
}

/** Exact Jaccard similarity of two sorted sets. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let inter = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      inter++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  const union = a.length + b.length - inter;
  return union ? inter / union : 1;
}

/** One band's buckets: each key and the first text that had it, sorted by key (saved between runs). */
export interface BandBuckets {
  keys: Float64Array;
  first: Int32Array;
}

/** What a `NearDuplicateIndex` keeps between runs. */
export interface NearDuplicateParts {
  /** Cluster of each text so far: the smallest text index in it. */
  root: Int32Array;
  bands: BandBuckets[];
  /** Buckets of later runs not yet merged into `bands` (keys disjoint from them), per band. */
  recent?: BandBuckets[];
}

const NO_BUCKETS: BandBuckets = { keys: new Float64Array(0), first: new Int32Array(0) };

/** The buckets of `b` whose first text is at or after `fromText`: those a run starting there created. */
export function bucketsSince(b: BandBuckets, fromText: number): BandBuckets {
  if (fromText === 0) return b;
  let n = 0;
  for (let i = 0; i < b.first.length; i++) if (b.first[i] >= fromText) n++;
  const out = { keys: new Float64Array(n), first: new Int32Array(n) };
  for (let i = 0, k = 0; i < b.first.length; i++) {
    if (b.first[i] < fromText) continue;
    out.keys[k] = b.keys[i];
    out.first[k++] = b.first[i];
  }
  return out;
}

/**
 * Index of the first of `keys` (sorted) that is ≥ `k`, looking forward from `from`: the keys looked
 * up come in ascending order, so each search gallops from where the last ended (a few cache lines)
 * instead of starting a binary search over millions of buckets.
 */
function seek(keys: Float64Array, k: number, from: number): number {
  let lo = from;
  let hi = from;
  for (let step = 1; hi < keys.length && keys[hi] < k; step *= 2) {
    lo = hi + 1;
    hi += step;
  }
  hi = Math.min(hi, keys.length);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Two sorted bucket lists as one (their keys are disjoint). When `y` (a run's new buckets) is small,
 * the runs of `x` between its keys are copied whole; else the two are merged element by element.
 */
export function mergeBuckets(x: BandBuckets, y: BandBuckets): BandBuckets {
  const keys = new Float64Array(x.keys.length + y.keys.length);
  const first = new Int32Array(keys.length);
  if (y.keys.length * 64 > x.keys.length) {
    let i = 0;
    let j = 0;
    for (let k = 0; k < keys.length; k++) {
      const fromX = j === y.keys.length || (i < x.keys.length && x.keys[i] < y.keys[j]);
      keys[k] = fromX ? x.keys[i] : y.keys[j];
      first[k] = fromX ? x.first[i++] : y.first[j++];
    }
    return { keys, first };
  }
  let from = 0; // next row of x to copy
  for (let j = 0; j < y.keys.length; j++) {
    const lo = seek(x.keys, y.keys[j], from);
    keys.set(x.keys.subarray(from, lo), from + j);
    first.set(x.first.subarray(from, lo), from + j);
    keys[lo + j] = y.keys[j];
    first[lo + j] = y.first[j];
    from = lo;
  }
  keys.set(x.keys.subarray(from), from + y.keys.length);
  first.set(x.first.subarray(from), from + y.keys.length);
  return { keys, first };
}

/**
 * Near-duplicate clusters over a growing list of distinct texts. Each text is compared with the
 * first text of each of its 16 buckets (one per band) and merged at Jaccard ≥ the threshold; a
 * cluster is named by its smallest text index. The clusters are the transitive closure of those
 * merges, which does not depend on the order they are made in, and a bucket's first text is the
 * same whether texts arrive in one run or several, so adding texts in two runs gives exactly the
 * clusters of one run over all of them — what `vigil analyze` relies on to sign only the texts
 * stored since its last run. Memory: one key per text and band while adding, then one per bucket;
 * never the signatures or shingle sets (recomputed for the few candidate pairs).
 */
export class NearDuplicateIndex {
  private root: Int32Array;
  private size = 0;
  /**
   * Per band, two sorted levels: `bands` and the smaller `recent`, where new buckets go. A run's few
   * new buckets are merged into `recent` only; `recent` joins `bands` once it passes an eighth of it.
   * Merging into one list every run copied all of a band's buckets (1.2 GB at 10M posts) for 1 % more texts.
   */
  private bands: BandBuckets[];
  private recent: BandBuckets[];
  /** Per band, a bound on the first texts in `bands`: every one is below it (a run's new buckets are in `recent` until a merge raises it). */
  private bandsBelow: number[];
  private readonly salt: Uint32Array;

  constructor(
    private readonly threshold: number,
    seed = 1,
    parts?: NearDuplicateParts,
    /** Texts signed and bucketed at a time (tests set a small one). */
    private readonly chunk = ADD_CHUNK,
  ) {
    const random = rng(seed);
    this.salt = Uint32Array.from({ length: K }, () => Math.floor(random() * 0x100000000));
    this.root = parts ? parts.root.slice() : new Int32Array(0);
    this.size = this.root.length;
    this.bands = parts ? parts.bands : Array.from({ length: BANDS }, () => NO_BUCKETS);
    this.recent = parts?.recent ?? Array.from({ length: BANDS }, () => NO_BUCKETS);
    this.bandsBelow = this.bands.map(() => this.size);
  }

  private find(x: number): number {
    const parent = this.root;
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }

  /**
   * Add `texts[size…]`: the texts before are the ones added already, unchanged. Taken in chunks
   * (`ADD_CHUNK` texts), each as a later run would add it (the clusters are the same, see above),
   * so the band keys of the texts being added never take more than 16 × 8 bytes × the chunk.
   */
  add(list: readonly string[] | { readonly size: number; value(i: number): string }): void {
    const count = Array.isArray(list) ? list.length : (list as { size: number }).size;
    const text = Array.isArray(list) ? (t: number) => (list as readonly string[])[t] : (t: number) => (list as { value(i: number): string }).value(t);
    const n = count - this.size;
    if (n <= 0) return;
    const root = new Int32Array(count);
    root.set(this.root);
    for (let t = this.size; t < count; t++) root[t] = t;
    this.root = root;
    while (this.size < count) this.addChunk(text, Math.min(count, this.size + this.chunk));
  }

  /** Add texts `[size, to)`. */
  private addChunk(text: (t: number) => string, to: number): void {
    const from = this.size;
    const n = to - from;
    this.size = to;
    // keys[band * n + i]: text from + i's band rows folded into one 53-bit number.
    const keys = new Float64Array(BANDS * n);
    const sig = new Uint32Array(K);
    const { salt } = this;
    for (let i = 0; i < n; i++) {
      const sh = shingles(text(from + i));
      sig.fill(0xffffffff);
      for (let s = 0; s < sh.length; s++) {
        const x = sh[s];
        for (let k = 0; k < K; k++) {
          let h = Math.imul(x ^ salt[k], 0x9e3779b1);
          h ^= h >>> 16;
          h = Math.imul(h, 0x85ebca6b) >>> 0;
          if (h < sig[k]) sig[k] = h;
        }
      }
      for (let band = 0; band < BANDS; band++) {
        let hi = 0x2545f491;
        let lo = 0x6b43a9b5;
        for (let r = 0; r < ROWS; r++) {
          const v = sig[band * ROWS + r];
          hi = Math.imul(hi ^ v, 0x01000193);
          lo = Math.imul(lo ^ v, 0x5bd1e995) ^ (lo >>> 13);
        }
        keys[band * n + i] = (hi >>> 11) * 0x100000000 + (lo >>> 0);
      }
    }
    const cache = new Map<number, Uint32Array>();
    const setOf = (t: number): Uint32Array => {
      let s = cache.get(t);
      if (!s) {
        if (cache.size > 100_000) cache.clear();
        cache.set(t, (s = shingles(text(t))));
      }
      return s;
    };
    for (let band = 0; band < BANDS; band++) {
      const k = keys.subarray(band * n, (band + 1) * n);
      // Stable: equal keys stay in text order, so a new bucket's first text comes first. (The sort reuses its input.)
      const order = radixByKey(k, identity(n));
      const saved = this.bands[band];
      const recent = this.recent[band];
      const addedKeys: number[] = [];
      const addedFirst: number[] = [];
      let pos = 0; // where `key` is or would go in the saved buckets
      let posRecent = 0; // and in the recent ones
      for (let x = 0; x < n; ) {
        const key = k[order[x]];
        let end = x + 1;
        while (end < n && k[order[end]] === key) end++;
        pos = seek(saved.keys, key, pos);
        posRecent = seek(recent.keys, key, posRecent);
        const inSaved = pos < saved.keys.length && saved.keys[pos] === key;
        const inRecent = !inSaved && posRecent < recent.keys.length && recent.keys[posRecent] === key;
        const at = inSaved || inRecent ? 0 : -1;
        const first = inSaved ? saved.first[pos] : inRecent ? recent.first[posRecent] : from + order[x];
        if (at < 0) {
          addedKeys.push(key);
          addedFirst.push(first);
        }
        for (let y = at >= 0 ? x : x + 1; y < end; y++) {
          const t = from + order[y];
          const a = this.find(first);
          const b = this.find(t);
          if (a !== b && jaccard(setOf(first), setOf(t)) >= this.threshold) this.root[Math.max(a, b)] = Math.min(a, b);
        }
        x = end;
      }
      const grown = mergeBuckets(recent, { keys: Float64Array.from(addedKeys), first: Int32Array.from(addedFirst) });
      if (grown.keys.length * 8 > saved.keys.length) {
        this.bands[band] = mergeBuckets(saved, grown);
        this.bandsBelow[band] = to;
        this.recent[band] = NO_BUCKETS;
      } else this.recent[band] = grown;
    }
  }

  /** Every band's buckets as one sorted list (the two levels merged, in place: a merge changes no lookup). */
  buckets(): BandBuckets[] {
    for (let band = 0; band < BANDS; band++) {
      if (!this.recent[band].keys.length) continue;
      this.bands[band] = mergeBuckets(this.bands[band], this.recent[band]);
      this.bandsBelow[band] = this.size;
      this.recent[band] = NO_BUCKETS;
    }
    return this.bands;
  }

  /**
   * Per band, the buckets whose first text is at or after `fromText` (what a run starting there created), without
   * merging the levels. A band's main level is scanned only when a merge since may have put such buckets in it:
   * scanning all 16 (1.1 GB at 10M posts) to find a run's few new ones took over a second.
   */
  bucketsSince(fromText: number): BandBuckets[] {
    if (fromText === 0) return this.buckets();
    return this.bands.map((b, band) => {
      const recent = bucketsSince(this.recent[band], fromText);
      return fromText >= this.bandsBelow[band] ? recent : mergeBuckets(bucketsSince(b, fromText), recent);
    });
  }

  /** Cluster of every text added: its smallest text index. */
  roots(): Int32Array {
    const out = new Int32Array(this.size);
    for (let t = 0; t < this.size; t++) out[t] = this.find(t);
    return out;
  }

  /** The state to save. */
  parts(): NearDuplicateParts {
    return { root: this.roots(), bands: this.buckets() };
  }
}

/**
 * Cluster the distinct texts of `texts` at Jaccard ≥ `threshold`; returns the cluster of each
 * text index (its smallest text index).
 */
export function nearDuplicateClusters(texts: Parameters<NearDuplicateIndex['add']>[0], threshold: number, seed = 1): Int32Array {
  const index = new NearDuplicateIndex(threshold, seed);
  index.add(texts);
  return index.roots();
}

/**
 * Merge the text co-action objects of `cols` into near-duplicate clusters: each row's object
 * becomes its cluster's first text. `index` carries the clusters of texts added in earlier runs.
 */
export function clusterNearDuplicates(cols: PostColumns, threshold: number, seed = 1, index?: NearDuplicateIndex): { texts: number; clusters: number } {
  const table = cols.tables.get('text');
  if (!table) return { texts: 0, clusters: 0 };
  let root: Int32Array;
  if (index) {
    index.add(table.objects);
    root = index.roots();
  } else root = nearDuplicateClusters(table.objects, threshold, seed);
  const obj = table.obj.view();
  for (let r = 0; r < obj.length; r++) obj[r] = root[obj[r]];
  let clusters = 0;
  for (let t = 0; t < root.length; t++) if (root[t] === t) clusters++;
  return { texts: table.objects.size, clusters };
}
