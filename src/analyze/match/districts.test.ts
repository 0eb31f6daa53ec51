import { describe, expect, it } from 'vitest';
import { parseJurisdiction, raceCodeForms } from './districts.js';

describe('parseJurisdiction', () => {
  it('reads a numbered seat, a chamber seat and a one-word county', () => {
    expect(parseJurisdiction('US-CA-35')).toMatchObject({ state: 'CA', district: '35', num: 35 });
    expect(parseJurisdiction('US-CA-AD-53')).toMatchObject({ state: 'CA', chamber: 'AD', num: 53 });
    expect(parseJurisdiction('US-TX-SD27')).toMatchObject({ chamber: 'SD', num: 27 });
    expect(parseJurisdiction('US-TX-CAMERON')!.num).toBeNaN();
  });

  it('takes a place of several words as a name, never as a numbered seat of the state', () => {
    const ellery = parseJurisdiction('US-MA-PORT-ELLERY')!;
    expect(ellery).toMatchObject({ state: 'MA', district: 'PORT-ELLERY' });
    expect(ellery.chamber).toBeUndefined();
    // A county commission district: "NJ 2" in a post is the state's 2nd congressional district, not this seat.
    const essex = parseJurisdiction('US-NJ-ESSEX-02')!;
    expect(essex.num).toBeNaN();
    expect(raceCodeForms(essex)).not.toContain('nj 2');
  });
});
