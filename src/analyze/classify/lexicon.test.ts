import { describe, expect, it } from 'vitest';
import { foldedWords, keywordBaseline, LEXICON, lexiconHits, unaimedUse } from './lexicon.js';

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

  it('finds abuse of someone other than the addressee when no candidate is named (a reply by handle only)', () => {
    const use = (s: string, term: string) => {
      const words = foldedWords(s);
      const h = lexiconHits(words).find((x) => x.term === term)!;
      return unaimedUse(h, words, { hearts: false, named: false });
    };
    // a group: plural, after a plural determiner or a collective noun — but "you rats" is aimed
    expect(use('they are all rats', 'rats')).toBe('other');
    expect(use('e esses filhos da puta se dizem honestos', 'puta')).toBe('other');
    expect(use('sao uma cambada de vagabundos', 'vagabundos')).toBe('other');
    expect(use('you rats', 'rats')).toBeNull();
    expect(use('ustedes son unas ratas', 'ratas')).toBeNull();
    // the subject is someone the author knows: "mi vecina es una perra"
    expect(use('mi vecina es una perra', 'perra')).toBe('other');
    expect(use('my boss is such a bitch', 'bitch')).toBe('other');
    expect(use('you are a bitch', 'bitch')).toBeNull();
    // what is said, not a name for the speaker: "só fala merda", "talking shit"
    expect(use('cala a boca, so fala merda', 'merda')).toBe('degree');
    expect(use('stop talking shit', 'shit')).toBe('degree');
    expect(use('you piece of shit', 'piece of shit')).toBeNull();
  });

  it('gives a keyword baseline for benches', () => {
    expect(keywordBaseline('you absolute scumbag').harassment).toBe(true);
    expect(keywordBaseline('what a liar').harassment).toBe(false);
    expect(keywordBaseline('I will kill').threat).toBe(true);
  });
});
