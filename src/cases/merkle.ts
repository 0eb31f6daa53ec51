/**
 * Merkle tree hashing, inclusion and consistency proofs as in RFC 6962 §2.1 (Certificate
 * Transparency; the same tree Trillian and the C2SP tlog checkpoints use), with the verification
 * algorithms of RFC 9162 §2.1.3.2 and §2.1.4.2.
 *
 * - leaf hash  = SHA-256(0x00 || leaf bytes)
 * - node hash  = SHA-256(0x01 || left || right)
 * - MTH(D[n])  = split at k, the largest power of two smaller than n: node(MTH(D[0:k]), MTH(D[k:n]));
 *   the empty tree hashes to SHA-256 of nothing.
 *
 * {@link MerkleTree} keeps each level in one Buffer (32 bytes a node), built bottom-up by hashing
 * pairs and carrying a lone last node up unchanged; that gives the RFC's tree for every size, and
 * {@link referenceRoot} (the RFC's recursion, word for word) is kept beside it to test that.
 */
import { createHash } from 'node:crypto';

export const HASH_BYTES = 32;

/** MTH of the empty tree: SHA-256 of the empty string. */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

/** SHA-256(0x00 || leaf). */
export function leafHash(leaf: string | Uint8Array): Buffer {
  return createHash('sha256').update(Uint8Array.of(0)).update(leaf).digest();
}

/** SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(Uint8Array.of(1)).update(left).update(right).digest();
}

/** The largest power of two strictly smaller than n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH by the RFC 6962 recursion. Slow (no sharing) and obviously right: the tests' reference. */
export function referenceRoot(leafHashes: Uint8Array[]): Buffer {
  if (leafHashes.length === 0) return EMPTY_ROOT;
  if (leafHashes.length === 1) return Buffer.from(leafHashes[0]!);
  const k = splitPoint(leafHashes.length);
  return nodeHash(referenceRoot(leafHashes.slice(0, k)), referenceRoot(leafHashes.slice(k)));
}

/** A Merkle tree over leaf hashes, with roots, inclusion proofs and consistency proofs for any prefix. */
export class MerkleTree {
  /** levels[j] holds the nodes of height j, 32 bytes each; levels[0] the leaf hashes. */
  private readonly levels: Buffer[];
  readonly size: number;

  /** @param leaves leaf hashes (see {@link leafHash}), concatenated in one Buffer or as a list. */
  constructor(leaves: Buffer | Uint8Array[]) {
    const level0 = Buffer.isBuffer(leaves) ? leaves : Buffer.concat(leaves);
    if (level0.length % HASH_BYTES) throw new RangeError('merkle: leaf hashes must be 32 bytes each');
    this.size = level0.length / HASH_BYTES;
    this.levels = [level0];
    for (let level = level0, n = this.size; n > 1; ) {
      const up = Math.ceil(n / 2);
      const next = Buffer.allocUnsafe(up * HASH_BYTES);
      for (let i = 0; i + 1 < n; i += 2) nodeHash(at(level, i), at(level, i + 1)).copy(next, (i / 2) * HASH_BYTES);
      if (n % 2) at(level, n - 1).copy(next, (up - 1) * HASH_BYTES);
      this.levels.push(next);
      level = next;
      n = up;
    }
  }

  /** The leaf hash at `index`. */
  leaf(index: number): Buffer {
    this.check(index, 0, this.size - 1);
    return Buffer.from(at(this.levels[0]!, index));
  }

  /** MTH(D[0:size]): the root the log had when it held `size` entries. */
  root(size: number = this.size): Buffer {
    this.check(size, 0, this.size);
    return size === 0 ? EMPTY_ROOT : this.subtree(0, size);
  }

  /**
   * MTH(D[lo:hi]) for the ranges the RFC recursion visits (lo a multiple of the split size). A whole
   * aligned power-of-two range is one stored node; anything else splits as the RFC does.
   */
  private subtree(lo: number, hi: number): Buffer {
    const n = hi - lo;
    if ((n & (n - 1)) === 0) {
      const height = Math.log2(n);
      if (lo % n === 0) return Buffer.from(at(this.levels[height]!, lo / n));
    }
    const k = splitPoint(n);
    return nodeHash(this.subtree(lo, lo + k), this.subtree(lo + k, hi));
  }

  /** PATH(m, D[0:size]) of RFC 6962 §2.1.1: sibling hashes from the leaf up. */
  inclusionProof(index: number, size: number = this.size): Buffer[] {
    this.check(size, 1, this.size);
    this.check(index, 0, size - 1);
    const path = (m: number, lo: number, hi: number): Buffer[] => {
      if (hi - lo <= 1) return [];
      const k = splitPoint(hi - lo);
      return m < k ? [...path(m, lo, lo + k), this.subtree(lo + k, hi)] : [...path(m - k, lo + k, hi), this.subtree(lo, lo + k)];
    };
    return path(index, 0, size);
  }

  /** PROOF(m, D[0:n]) of RFC 6962 §2.1.2: that the tree of size `from` is a prefix of the tree of size `to`. */
  consistencyProof(from: number, to: number = this.size): Buffer[] {
    this.check(to, 0, this.size);
    this.check(from, 0, to);
    if (from === 0 || from === to) return [];
    const sub = (m: number, lo: number, hi: number, whole: boolean): Buffer[] => {
      if (m === hi - lo) return whole ? [] : [this.subtree(lo, hi)];
      const k = splitPoint(hi - lo);
      return m <= k
        ? [...sub(m, lo, lo + k, whole), this.subtree(lo + k, hi)]
        : [...sub(m - k, lo + k, hi, false), this.subtree(lo, lo + k)];
    };
    return sub(from, 0, to, true);
  }

  private check(value: number, min: number, max: number): void {
    if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`merkle: ${value} is outside ${min}..${max}`);
  }
}

function at(level: Buffer, i: number): Buffer {
  return level.subarray(i * HASH_BYTES, (i + 1) * HASH_BYTES);
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

/** RFC 9162 §2.1.3.2: does `proof` show the leaf with this hash at `index` in the tree of `size` with `root`? */
export function verifyInclusion(index: number, size: number, leaf: Uint8Array, proof: Uint8Array[], root: Uint8Array): boolean {
  if (!Number.isInteger(index) || !Number.isInteger(size) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r: Uint8Array = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) (fn = Math.floor(fn / 2)), (sn = Math.floor(sn / 2));
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && same(r, root);
}

/**
 * RFC 9162 §2.1.4.2: does `proof` show that the tree of size `from` with `fromRoot` is a prefix of the
 * tree of size `to` with `toRoot` (the log only grew; nothing before `from` was changed)?
 */
export function verifyConsistency(from: number, to: number, fromRoot: Uint8Array, toRoot: Uint8Array, proof: Uint8Array[]): boolean {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || from > to) return false;
  if (from === to) return proof.length === 0 && same(fromRoot, toRoot);
  if (from === 0) return proof.length === 0 && same(fromRoot, EMPTY_ROOT);
  if (proof.length === 0) return false;
  const path = (from & (from - 1)) === 0 ? [fromRoot, ...proof] : proof;
  let fn = from - 1;
  let sn = to - 1;
  while (fn % 2 === 1) (fn = Math.floor(fn / 2)), (sn = Math.floor(sn / 2));
  let fr: Uint8Array = path[0]!;
  let sr: Uint8Array = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) (fn = Math.floor(fn / 2)), (sn = Math.floor(sn / 2));
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && same(fr, fromRoot) && same(sr, toRoot);
}
