import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../util/random.js';
import { MAX_WINDOWS, outsideFocus, sentenceWindows } from './features.js';
import { DIM, N_OUT, deserializeModel, featureIndexes, scoreModel, scoreModelPlain, serializeModel, topFeatures, type Model } from './model.js';

function randomModel(seed: number): Model {
  const rand = seededRandom(seed);
  const weights = new Float32Array(DIM * N_OUT);
  for (let i = 0; i < weights.length; i += 97) weights[i] = rand() * 2 - 1;
  return { weights, thresholds: { directive: 0.5, harassment: 0.5, threat: 0.5 }, meta: {} };
}

describe('linear model', () => {
  const input = { words: ['no', 'voten', 'por', 'cand', 'esa', 'perra', 'perra', 'x'.repeat(40)], features: ['r:dir=vote_against', 'lex:slur'] };

  it('scores with the per-word cache exactly as the plain sum of feature weights', () => {
    const m = randomModel(1);
    const a = scoreModel(m, input);
    const again = scoreModel(m, input); // second call reads the cache
    const b = scoreModelPlain(m, input);
    for (const s of [a, again]) {
      for (let k = 0; k < 4; k++) expect(s.directive[k]).toBeCloseTo(b.directive[k]!, 5);
      expect(s.harassment).toBeCloseTo(b.harassment, 5);
      expect(s.threat).toBeCloseTo(b.threat, 5);
    }
  });

  it('named features index the same buckets as the fast path', () => {
    const fast: number[] = [];
    const slow: number[] = [];
    const names: string[] = [];
    const n = featureIndexes(input, fast);
    expect(featureIndexes(input, slow, names)).toBe(n);
    expect(slow.slice(0, n).sort()).toEqual(fast.slice(0, n).sort());
    expect(names).toContain('c:perr');
    expect(names).toContain('lex:slur');
  });

  it('round-trips through the weights file within quantisation error', () => {
    const m = randomModel(2);
    const back = deserializeModel(JSON.parse(JSON.stringify(serializeModel(m.weights, m.thresholds, { x: 1 }, 0))));
    expect(scoreModel(back, input).harassment).toBeCloseTo(scoreModel(m, input).harassment, 3);
    expect(back.meta).toEqual({ x: 1 });
  });

  it('explains a score by its top positive features', () => {
    const m = randomModel(3);
    const top = topFeatures(m, input, 4, 3);
    expect(top.length).toBeLessThanOrEqual(3);
    for (let i = 1; i < top.length; i++) expect(top[i - 1]!.weight).toBeGreaterThanOrEqual(top[i]!.weight);
  });

  it('skips the words outside the focus window, and no bigram crosses them', () => {
    const m = randomModel(4);
    const outside = new Uint8Array(input.words.length);
    outside[4] = outside[5] = outside[6] = 1; // "esa perra perra"
    const skipped = { ...input, outside };
    const a = scoreModel(m, skipped);
    const b = scoreModelPlain(m, skipped);
    for (let k = 0; k < 4; k++) expect(a.directive[k]).toBeCloseTo(b.directive[k]!, 5);
    const names: string[] = [];
    expect(featureIndexes(skipped, [], names)).toBeLessThan(featureIndexes(input, []));
    expect(names).toContain('w:por cand');
    expect(names.some((x) => /esa|perr/.test(x))).toBe(false);
    expect(names.some((x) => x.startsWith('w:cand '))).toBe(false); // the bigram that would cross the skipped words
  });
});

describe('outsideFocus', () => {
  // six one-word sentences: word i starts at character 2i, in clause i
  const wordStart = [0, 2, 4, 6, 8, 10];
  const clause = Int32Array.from({ length: 12 }, (_, i) => Math.floor(i / 2));

  it('marks the sentences more than two away from every focus word', () => {
    expect([...outsideFocus([0], wordStart, clause)!]).toEqual([0, 0, 0, 1, 1, 1]);
    expect([...outsideFocus([5], wordStart, clause)!]).toEqual([1, 1, 1, 0, 0, 0]);
    expect([...outsideFocus([0, 5], wordStart, clause) ?? []]).toEqual([]);
  });

  it('marks nothing when nothing is in focus or the post is short', () => {
    expect(outsideFocus([], wordStart, clause)).toBeUndefined();
    expect(outsideFocus([0], wordStart.slice(0, 3), clause)).toBeUndefined();
  });
});

describe('sentenceWindows', () => {
  const wordStart = [0, 2, 4, 6, 8, 10];
  const clause = Int32Array.from({ length: 12 }, (_, i) => Math.floor(i / 2));

  it('keeps one sentence either side of each sentence holding a centre, once per sentence', () => {
    expect(sentenceWindows([2, 2], wordStart, clause)!.map((m) => [...m])).toEqual([[1, 0, 0, 0, 1, 1]]);
    expect(sentenceWindows([0, 5], wordStart, clause)!.map((m) => [...m])).toEqual([[0, 0, 1, 1, 1, 1], [1, 1, 1, 1, 0, 0]]);
  });

  it('skips the sentences already windowed', () => {
    const done = new Set<number>();
    expect(sentenceWindows([0], wordStart, clause, done)).toHaveLength(1);
    expect(sentenceWindows([0, 5], wordStart, clause, done)!.map((m) => [...m])).toEqual([[1, 1, 1, 1, 0, 0]]);
  });

  it('gives at most MAX_WINDOWS windows to a post', () => {
    const n = 3 * MAX_WINDOWS;
    const starts = Array.from({ length: n }, (_, i) => 2 * i);
    const clauses = Int32Array.from({ length: 2 * n }, (_, i) => Math.floor(i / 2));
    expect(sentenceWindows(starts.map((_, i) => i), starts, clauses)).toHaveLength(MAX_WINDOWS);
  });

  it('gives no window that would hold the whole post, or without a centre', () => {
    expect(sentenceWindows([1], wordStart.slice(0, 3), clause)).toBeUndefined();
    expect(sentenceWindows([], wordStart, clause)).toBeUndefined();
  });
});
