import { describe, expect, it } from 'vitest';
import { abuseRank, lexiconWords } from './lexicon.js';
import { knownWords, normalizeForMatching } from './normalize.js';

const known = knownWords([...lexiconWords(), 'vote', 'kill']);
const read = (s: string) => normalizeForMatching(s, known).text;

describe('normalisation before matching', () => {
  it('reads leet digits and symbols inside words as letters when that reveals a known word', () => {
    expect(read('esa p3rra de Ramos')).toBe('esa perra de Ramos');
    expect(read('what a b!tch')).toBe('what a bitch');
    expect(read('c@ralho, Lima')).toBe('caralho, Lima');
    expect(read('I will k1ll')).toBe('I will kill');
  });

  it('resolves one-letter wildcards against known words of the same shape', () => {
    expect(read('f*ck her')).toBe('fuck her');
    expect(read('such a c*nt')).toBe('such a cunt');
  });

  it('reads an ambiguous wildcard as the abuse word of its shape: a word is masked because it is profane', () => {
    const ranked = knownWords([...lexiconWords(), 'vote', 'kill'], abuseRank);
    const readRanked = (s: string) => normalizeForMatching(s, ranked).text;
    expect(read('you dumb sl*t')).toBe('you dumb sl*t'); // "slut" and "slit" fit: without ranks, left alone
    expect(readRanked('you dumb sl*t')).toBe('you dumb slut');
    expect(readRanked('what a sh*t show')).toBe('what a shit show'); // not "shot"
    expect(knownWords(['abcd', 'abed'], () => 1).resolve(['a', 'b', null, 'd'])).toBeUndefined(); // a tie stays ambiguous
  });

  it('joins letters spaced out one by one and shortens stretched letters', () => {
    expect(read("Ramos's a f a g g o t")).toBe("Ramos's a faggot"); // the clitic and the article run into the spaced word
    expect(read('she is a b i t c h')).toBe('she is a bitch');
    expect(read('p.u.t.a')).toBe('puta');
    expect(read('puuuuuta')).toBe('puta');
  });

  it('ends on runs of mask characters after a letter (the quick pre-scan once looped on "a@1")', () => {
    expect(read('write to ana@1mail or b||1x')).toBe('write to ana@1mail or b||1x');
    expect(read('sh!!t')).toBe('sh!!t');
  });

  it('reads Cyrillic look-alikes inside Latin words', () => {
    expect(read('such a bіtch')).toBe('such a bitch'); // Cyrillic і
  });

  it('adds the word an emoji stands for, and reads emoji ballots', () => {
    expect(read('Lima 🐀')).toBe('Lima 🐀 rat ');
    expect(read('✅ Lima ❌ Ramos')).toContain('yes');
    expect(read('✅ Lima ❌ Ramos')).toContain('no');
  });

  it('leaves ordinary tokens, handles, links and numbers alone', () => {
    for (const s of ['vote on the 4th', 'COVID19 and B2B', '@p3rra_fan', 'https://t.co/f*ck', 'siiii', 'Rep. Lima said so.']) expect(read(s)).toBe(s);
  });

  it('reports every rewrite, for explanations', () => {
    expect(normalizeForMatching('vaca 🐄 p3rra', known).rewrites).toEqual([
      { from: 'p3rra', to: 'perra' },
      { from: '🐄', to: 'cow' },
    ]);
  });

  it('is bounded on hostile input', () => {
    const long = 'a'.repeat(50_000);
    expect(read(long).length).toBeLessThanOrEqual(20_000);
  });
});
