import { describe, expect, it } from 'vitest';
import { seededRandom } from '../util/random.js';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  it('stays within the doubling ceiling, capped at maxMs, and varies (jitter)', () => {
    const rng = seededRandom(7);
    for (let attempt = 0; attempt < 12; attempt++) {
      const ceiling = Math.min(5000, 100 * 2 ** attempt);
      const delays = Array.from({ length: 50 }, () => backoffDelay(attempt, { baseMs: 100, maxMs: 5000, rng }));
      expect(Math.max(...delays)).toBeLessThan(ceiling);
      expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
      expect(new Set(delays).size).toBeGreaterThan(10);
    }
  });
  it('reaches the ceiling when the random source is near 1', () => {
    expect(backoffDelay(3, { baseMs: 100, maxMs: 10_000, rng: () => 0.999999 })).toBe(799);
  });
});
