import { describe, expect, it } from 'vitest';
import { foldText } from '../../../util/normalize.js';
import { EN } from './en.js';
import { ES } from './es.js';
import { PT } from './pt.js';
import type { LanguageRules } from './types.js';

// Parity: every key of the reference language (en) must be present and non-empty in every other
// language, so that a rule family cannot ship in English alone.
const REQUIRED = Object.keys(EN).filter((k) => k !== 'lang') as (keyof LanguageRules)[];

describe('rule parity', () => {
  it('reads a real set of required keys from en', () => {
    expect(REQUIRED.length).toBeGreaterThan(20);
    expect(REQUIRED).toContain('voteFor');
    expect(REQUIRED).toContain('threats');
  });

  for (const rules of [ES, PT]) {
    it(`${rules.lang} has every key of en, each a non-empty list`, () => {
      for (const key of REQUIRED) {
        const value = rules[key];
        expect(Array.isArray(value), `${rules.lang}.${key}`).toBe(true);
        expect((value as string[]).length, `${rules.lang}.${key}`).toBeGreaterThan(0);
      }
      expect(Object.keys(rules).sort()).toEqual(Object.keys(EN).sort());
    });
  }

  it('has no entry that folds to nothing (it would never match)', () => {
    for (const rules of [EN, ES, PT]) {
      for (const key of REQUIRED) {
        for (const entry of rules[key] as string[]) {
          if (key === 'conjunctions' && entry === '&') continue;
          expect(foldText(entry), `${rules.lang}.${key}: ${JSON.stringify(entry)}`).not.toBe('');
        }
      }
    }
  });
});
