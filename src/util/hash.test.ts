import { describe, expect, it } from 'vitest';
import { fingerprint53, fnv1a, sha256 } from './hash.js';

describe('hashes', () => {
  it('fnv1a matches the published FNV-1a test vectors (ASCII)', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('sha256 of a string and of its bytes agree', () => {
    expect(sha256('día')).toBe(sha256(Buffer.from('día')));
    expect(sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('fingerprint53 is a safe integer, stable, and tells apart a million near-identical account keys', () => {
    // One expect for the million (an expect per key took most of 9 s).
    const seen = new Set<number>();
    let unsafe = 0;
    for (let i = 0; i < 1_000_000; i++) {
      const f = fingerprint53(`x\u0000${1_700_000_000_000 + i}000000`);
      if (!Number.isSafeInteger(f) || f < 0) unsafe++;
      seen.add(f);
    }
    expect(unsafe).toBe(0);
    expect(seen.size).toBe(1_000_000);
    expect(fingerprint53('x\u0000abc')).toBe(fingerprint53('x\u0000abc'));
    expect(fingerprint53('x\u0000abc')).not.toBe(fingerprint53('x\u0000acb'));
  });
});
