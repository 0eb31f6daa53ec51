/**
 * Token hashing shared by the byte scanner and the string side, so a token folded from bytes and the
 * same token folded from a registry name hash alike. Folding follows foldText (lower case, accents
 * dropped, anything not a letter or digit separates tokens), applied per Windows-1252 character.
 */
import { foldText } from '../../util/normalize.js';
import { decodeCp1252 } from './decode.js';

/** Byte → folded character code (0 = separator), built from foldText so both sides agree. */
export const FOLD_TABLE: Uint16Array = (() => {
  const t = new Uint16Array(256);
  for (let b = 0; b < 256; b++) {
    const folded = foldText(decodeCp1252(Uint8Array.of(b)));
    t[b] = folded.length === 1 ? folded.charCodeAt(0) : 0;
  }
  return t;
})();

/** FNV-1a step over a 16-bit character code (the scanner inlines the same step). */
function hashStep(h: number, c: number): number {
  return Math.imul(h ^ c, 16777619) >>> 0;
}

export const HASH_SEED = 2166136261;

/** Hash one already-folded token (as produced by foldText(...).split(' ')). */
export function hashToken(token: string): number {
  let h = HASH_SEED;
  for (let i = 0; i < token.length; i++) h = hashStep(h, token.charCodeAt(i));
  return h;
}

/** A trigger token for the byte scanner: its hash and its first two characters (low bytes). */
export interface TriggerToken {
  hash: number;
  pair: number;
}

/** Build a trigger from a folded token. */
export function triggerToken(token: string): TriggerToken {
  return { hash: hashToken(token), pair: ((token.charCodeAt(0) & 0xff) << 8) | (token.length > 1 ? token.charCodeAt(1) & 0xff : 0) };
}

/** A set of token hashes with a 64 Ki-bit prefilter, for the per-row check in hot loops. */
export class TokenHashSet {
  private readonly bits = new Uint32Array(2048);
  private readonly set = new Set<number>();
  constructor(hashes: Iterable<number>) {
    for (const h of hashes) {
      this.set.add(h >>> 0);
      this.bits[(h & 0xffff) >>> 5]! |= 1 << (h & 31);
    }
  }
  get size(): number {
    return this.set.size;
  }
  has(h: number): boolean {
    return (this.bits[(h & 0xffff) >>> 5]! & (1 << (h & 31))) !== 0 && this.set.has(h);
  }
}
