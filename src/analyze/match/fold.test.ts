import { describe, expect, it } from 'vitest';
import { foldText } from '../../util/normalize.js';
import { foldedString, foldWithOffsets, MAX_TEXT } from './fold.js';
import { seededRandom } from '../../util/random.js';


const ALPHABET = ['a', 'Z', 'é', 'Ñ', 'ç', 'ã', '1', ' ', '  ', '.', '!', '?', '¿', '#', '@', '"', '“', '”', '-', '_', "'", '\n', 'ß', 'İ', 'ǅ', 'º', '°', '😀', 'e\u0301', 'Ω', 'ж', '中', '\u0000', '\u202e', 'A'];

describe('foldWithOffsets', () => {
  it('folds exactly like foldText when hashtags are not split (seeded random texts)', () => {
    const rand = seededRandom(7);
    for (let k = 0; k < 2000; k++) {
      let t = '';
      const len = Math.floor(rand() * 30);
      for (let i = 0; i < len; i++) t += ALPHABET[Math.floor(rand() * ALPHABET.length)];
      expect(foldedString(foldWithOffsets(t, false)), JSON.stringify(t)).toBe(foldText(t));
    }
  });

  it('maps every folded character back to the original text', () => {
    const t = 'Não VOTEM em @BiaCostaNY — “já”!';
    const f = foldWithOffsets(t);
    for (let i = 0; i < f.n; i++) {
      if (f.codes[i] === 32) continue;
      const orig = t.slice(f.origStart[i], f.origEnd[i]);
      expect(foldText(orig)).toBe(String.fromCharCode(f.codes[i]!));
    }
    // "Não" folds to "nao", each letter mapped to its source character.
    expect(t.slice(f.origStart[0], f.origEnd[2])).toBe('Não');
  });

  it('splits camelCase and letter/digit changes inside hashtags only', () => {
    const f = foldWithOffsets('#NoVotenPorIbarra @NormaJTorres #TX41 plainCamelCase');
    expect(foldedString(f)).toBe('no voten por ibarra normajtorres tx 41 plaincamelcase');
    expect(f.hashtagCount).toBe(2);
    const [s1, e1] = [f.hashtagSpan[0]!, f.hashtagSpan[1]!];
    expect(foldedString(f, s1, e1)).toBe('no voten por ibarra');
    expect(f.hashtag[s1 + 3]).toBe(1); // the inserted space belongs to the hashtag
  });

  it('records clauses, questions and quotes', () => {
    const f = foldWithOffsets('Rep. Walsh spoke. ¿Dijo que no? "Vote now" he said');
    const s = foldedString(f);
    const at = (w: string) => s.indexOf(w);
    expect(f.clause[at('rep')]).toBe(f.clause[at('walsh')]); // "Rep." does not end a clause
    expect(f.clause[at('dijo')]).not.toBe(f.clause[at('spoke')]);
    expect(f.question[f.clause[at('dijo')]!]).toBe(1);
    expect(f.question[f.clause[at('rep')]!]).toBe(0);
    expect(f.quoted[at('vote')]).toBe(1);
    expect(f.quoted[at('said')]).toBe(0);
  });

  it('bounds the work on very long input', () => {
    const f = foldWithOffsets('a '.repeat(MAX_TEXT));
    expect(f.truncated).toBe(true);
    expect(f.n).toBeLessThanOrEqual(MAX_TEXT);
  });
});
