import { describe, expect, it } from 'vitest';
import { Automaton } from './automaton.js';

function naive(patterns: string[], text: string): string[] {
  const out: string[] = [];
  patterns.forEach((p, id) => {
    for (let i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + 1)) out.push(`${id}@${i + p.length}`);
  });
  return out.sort();
}

function run(a: Automaton, text: string, cap = 10_000): string[] {
  const codes = Uint16Array.from(text, (c) => c.charCodeAt(0));
  const out = new Int32Array(cap * 2);
  const n = a.scan(codes, codes.length, out);
  const hits: string[] = [];
  for (let i = 0; i < n; i++) hits.push(`${out[2 * i]}@${out[2 * i + 1]}`);
  return hits.sort();
}

describe('Automaton', () => {
  it('finds overlapping and nested patterns (he, she, his, hers)', () => {
    const patterns = ['he', 'she', 'his', 'hers'];
    const a = new Automaton(patterns);
    expect(run(a, 'ushers')).toEqual(naive(patterns, 'ushers'));
    expect(run(a, 'ushers')).toEqual(['0@4', '1@4', '3@6']);
  });

  it('agrees with a naive search on seeded random texts', () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const word = (n: number) => Array.from({ length: n }, () => 'ab c'[Math.floor(rand() * 4)]).join('');
    for (let k = 0; k < 200; k++) {
      const patterns = [...new Set(Array.from({ length: 1 + Math.floor(rand() * 8) }, () => word(1 + Math.floor(rand() * 4))))];
      const text = word(Math.floor(rand() * 60));
      expect(run(new Automaton(patterns), text)).toEqual(naive(patterns, text));
    }
  });

  it('treats characters outside every pattern as a reset, and stops at the output capacity', () => {
    const a = new Automaton(['ab']);
    expect(run(a, 'a\u00e9b ab')).toEqual(['0@6']);
    expect(run(a, 'ab ab ab ab', 2)).toHaveLength(2);
  });

  it('stays small and exact with a very large alphabet (shared classes, verified hits)', () => {
    // 400 distinct CJK-range characters: more than the dense table's class budget.
    const chars = Array.from({ length: 400 }, (_, i) => String.fromCharCode(0x4e00 + i));
    let seed = 99;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const word = (n: number) => Array.from({ length: n }, () => chars[Math.floor(rand() * chars.length)]).join('');
    const patterns = [...new Set(Array.from({ length: 300 }, () => word(2 + Math.floor(rand() * 3))))];
    const a = new Automaton(patterns);
    expect(a.classes).toBeLessThanOrEqual(128);
    for (let k = 0; k < 50; k++) {
      const text = Array.from({ length: 20 }, () => (rand() < 0.3 ? patterns[Math.floor(rand() * patterns.length)] : word(1))).join('');
      expect(run(a, text)).toEqual(naive(patterns, text));
    }
  });
});
