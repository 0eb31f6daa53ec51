import { describe, expect, it } from 'vitest';
import { grownCapacity, IntColumn, Interner, packStrings, PostAccounts, StringPool, unpackStrings } from './columns.js';
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

describe('growing columns', () => {
  it('double while small, then grow by a quarter: a column loaded at its exact size keeps little unused', () => {
    expect(grownCapacity(0, 1)).toBe(1024);
    expect(grownCapacity(1024, 1025)).toBe(2048);
    expect(grownCapacity(10_000_000, 10_000_001)).toBe(12_500_000);
    const column = new IntColumn(3);
    for (let i = 0; i < 5000; i++) column.push(i);
    expect(Array.from(column.view())).toEqual(Array.from({ length: 5000 }, (_, i) => i));
  });

  it('keep an account for some posts, in post order, and load back what they saved', () => {
    const authors = new PostAccounts();
    authors.set(5, 7);
    authors.set(2, 0);
    authors.set(5, 8);
    expect([authors.get(5), authors.get(2), authors.get(3), authors.get(99)]).toEqual([8, 0, undefined, undefined]);
    expect([...authors]).toEqual([[2, 0], [5, 8]]);
    expect(authors.size).toBe(2);
    const loaded = new PostAccounts();
    loaded.adopt(authors.view().slice());
    expect([...loaded]).toEqual([...authors]);
    expect(loaded.size).toBe(2);
  });
});
