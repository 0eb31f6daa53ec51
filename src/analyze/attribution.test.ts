import { describe, expect, it } from 'vitest';
import { actor, testWatchlist } from './fixtures.case.js';
import { affiliationChain, attribute } from './attribution.js';
import { compileWatchlist } from './match/compile.js';

const cw = compileWatchlist(testWatchlist());

describe('attribute', () => {
  it('matches handles per platform, without @ and case-insensitively, with the affiliation chain', () => {
    const r = attribute('x', '@consuladoVDhouston', cw);
    expect(r?.actor.id).toBe('xv-cons');
    expect(r?.chain.map((a) => a.id)).toEqual(['xv-cons', 'xv-mfa', 'xv-gov']);
    expect(attribute('twitter', 'ConsuladoVDHouston', cw)?.actor.id).toBe('xv-cons'); // twitter = x
    expect(attribute('bluesky', 'consuladovd.bsky.social', cw)?.actor.id).toBe('xv-cons');
    expect(attribute('telegram', 'ConsuladoVDHouston', cw)).toBeNull(); // not that platform's handle
    expect(attribute('x', 'nobody_here', cw)).toBeNull();
  });

  it('respects validity dates when the post time is known', () => {
    expect(attribute('x', 'AurelioBanderas', cw, '2022-05-01T10:00:00Z')?.actor.id).toBe('xv-pres');
    expect(attribute('x', 'AurelioBanderas', cw, '2027-03-01T10:00:00Z')?.actor.id).toBe('xv-pres-next'); // the handle passed on
    expect(attribute('x', 'AurelioBanderas', cw, '2020-01-01T00:00:00Z')).toBeNull(); // before anyone held it
    expect(attribute('x', 'AurelioBanderas', cw)?.actor.id).toBe('xv-pres-next'); // no time: latest holder
  });

  it('is safe against affiliation cycles', () => {
    const w = testWatchlist();
    w.actors = [
      actor('a', 'Alpha Office', { affiliation: 'b', handles: { x: ['alpha_office'] } }),
      actor('b', 'Beta Office', { affiliation: 'c' }),
      actor('c', 'Gamma Office', { affiliation: 'a' }),
      actor('d', 'Delta Office', { affiliation: 'missing-id' }),
    ];
    const cw2 = compileWatchlist(w);
    expect(attribute('x', 'alpha_office', cw2)?.chain.map((a) => a.id)).toEqual(['a', 'b', 'c']);
    expect(affiliationChain(w.actors[3]!, cw2).map((a) => a.id)).toEqual(['d']);
  });
});
