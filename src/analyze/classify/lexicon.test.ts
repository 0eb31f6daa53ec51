import { describe, expect, it } from 'vitest';
import { foldedWords, keywordBaseline, LEXICON, lexiconHits } from './lexicon.js';

const grades = (s: string) => lexiconHits(foldedWords(s)).map((h) => `${h.term}:${h.grade}`);

describe('graded abuse lexicon', () => {
  it('grades slurs, dehumanising words and profanity apart from legitimate criticism (labels.md)', () => {
    expect(LEXICON.get('bitch')).toBe('slur');
    expect(LEXICON.get('cucaracha')).toBe('dehumanizing');
    expect(LEXICON.get('caralho')).toBe('profanity');
    for (const w of ['liar', 'corrupt', 'traitor', 'clown', 'idiot', 'mentiroso', 'corrupto', 'palhaco']) expect(LEXICON.get(w)).toBe('legit');
  });

  it('generates gender and plural inflections', () => {
    expect(LEXICON.get('ratas')).toBe('dehumanizing');
    expect(LEXICON.get('nojenta')).toBeDefined();
  });

  it('matches the longest term at each word, multi-word terms included', () => {
    expect(grades('hijo de puta')).toEqual(['hijo de puta:profanity']);
    expect(grades('the gun control bill')).toEqual(['gun control:legit']);
  });

  it('imports the LDNOOBW lists (naughty-words, CC BY 4.0) filtered: identity words are not abuse', () => {
    expect(LEXICON.get('homosexual')).toBeUndefined();
    expect(LEXICON.get('lesbica')).toBeUndefined();
    expect(LEXICON.get('cunt')).toBe('slur');
  });

  it('gives a keyword baseline for benches', () => {
    expect(keywordBaseline('you absolute scumbag').harassment).toBe(true);
    expect(keywordBaseline('what a liar').harassment).toBe(false);
    expect(keywordBaseline('I will kill').threat).toBe(true);
  });
});
