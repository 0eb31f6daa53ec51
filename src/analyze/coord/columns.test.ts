import { describe, expect, it } from 'vitest';
import { Interner, packStrings, StringPool, unpackStrings } from './columns.js';
import { seededRandom as rng } from '../../util/random.js';

describe('Interner', () => {
  it('gives each distinct string one dense id, in first-seen order, across growth', () => {
    const r = rng(3);
    const interner = new Interner();
    const reference = new Map<string, number>();
    for (let i = 0; i < 50_000; i++) {
      const s = `k${Math.floor(r() * 20_000)}${r() < 0.01 ? 'é' : ''}`;
      if (!reference.has(s)) reference.set(s, reference.size);
      expect(interner.id(s)).toBe(reference.get(s));
    }
    expect(interner.size).toBe(reference.size);
    expect(interner.find('absent')).toBe(-1);
    expect(interner.find('k1')).toBe(reference.get('k1') ?? -1);
    expect(interner.values).toEqual([...reference.keys()]);
  });
});

describe('StringPool', () => {
  it('keeps 19-digit and non-ASCII ids exact', () => {
    const pool = new StringPool();
    const ids = ['1900000000000000001', 'did:plc:ü', '', '9'.repeat(19)];
    ids.forEach((s) => pool.push(s));
    expect(ids.map((_, i) => pool.get(i))).toEqual(ids);
  });
});

describe('packStrings', () => {
  it('round-trips any strings, separators and empties included', () => {
    const values = ['a', '', 'b\u0000c', 'é', 'https://x.example/?a=1,2'];
    expect(unpackStrings(packStrings(values))).toEqual(values);
  });
});
