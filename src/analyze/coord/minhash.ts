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

const K = 64;
const BANDS = 16;
const ROWS = K / BANDS;

function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Sorted distinct shingle hashes of a normalized text. */
export function shingles(text: string): Uint32Array {
  const words = text.split(' ').filter(Boolean);
  const out = new Set<number>();
  if (words.length < 3) out.add(fnv(words.join(' ')));
  else for (let i = 0; i + 3 <= words.length; i++) out.add(fnv(`${words[i]} ${words[i + 1]} ${words[i + 2]}`));
  return Uint32Array.from(out).sort();
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

function find(parent: Int32Array, x: number): number {
  while (parent[x] !== x) {
    parent[x] = parent[parent[x]];
    x = parent[x];
  }
  return x;
}

/**
 * Cluster the distinct texts of `texts` at Jaccard ≥ `threshold`; returns the cluster root of
 * each text index. Memory stays small: one numeric key per text and band (not the signatures or
 * shingle sets, which are recomputed for the few candidate pairs), and one band's buckets at a time.
 */
export function nearDuplicateClusters(texts: readonly string[], threshold: number, seed = 1): Int32Array {
  const n = texts.length;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const random = rng(seed);
  const salt = Uint32Array.from({ length: K }, () => Math.floor(random() * 0x100000000));
  // keys[band * n + t]: the band's rows folded into one 53-bit number.
  const keys = new Float64Array(BANDS * n);
  const sig = new Uint32Array(K);
  for (let t = 0; t < n; t++) {
    const sh = shingles(texts[t]);
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
      keys[band * n + t] = (hi >>> 11) * 0x100000000 + (lo >>> 0);
    }
  }
  const cache = new Map<number, Uint32Array>();
  const setOf = (t: number): Uint32Array => {
    let s = cache.get(t);
    if (!s) {
      if (cache.size > 100_000) cache.clear();
      cache.set(t, (s = shingles(texts[t])));
    }
    return s;
  };
  const buckets = new Map<number, number>();
  for (let band = 0; band < BANDS; band++) {
    buckets.clear();
    for (let t = 0; t < n; t++) {
      const key = keys[band * n + t];
      const other = buckets.get(key);
      if (other === undefined) buckets.set(key, t);
      else if (find(parent, other) !== find(parent, t) && jaccard(setOf(other), setOf(t)) >= threshold) {
        parent[find(parent, t)] = find(parent, other);
      }
    }
  }
  for (let t = 0; t < n; t++) parent[t] = find(parent, t);
  return parent;
}

/**
 * Merge the text co-action objects of `cols` into near-duplicate clusters: each row's object
 * becomes its cluster's first text.
 */
export function clusterNearDuplicates(cols: PostColumns, threshold: number, seed = 1): { texts: number; clusters: number } {
  const table = cols.tables.get('text');
  if (!table) return { texts: 0, clusters: 0 };
  const texts = table.objects.values;
  const root = nearDuplicateClusters(texts, threshold, seed);
  const obj = table.obj.view();
  for (let r = 0; r < obj.length; r++) obj[r] = root[obj[r]];
  let clusters = 0;
  for (let t = 0; t < root.length; t++) if (root[t] === t) clusters++;
  return { texts: texts.length, clusters };
}
