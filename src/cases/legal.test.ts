import { describe, expect, it } from 'vitest';
import { buildIncidents } from './incidents.js';
import { DISARM_TECHNIQUES } from './disarm.js';
import { LEGAL_PACKS, legalIndicatorsFor } from './legal.js';
import { makeBundle, makeWatchlist, velorianScenario } from '../../test/fixtures/cases/builders.js';
import { renderHtmlReport } from '../export/html.js';
import { toCsvFiles } from '../export/csv.js';
import { toStixBundle } from '../export/stix.js';
import type { FindingKind } from '../model/types.js';

/** Verdict phrasing Vigil must never produce: it reports indicators, never that a law was broken. */
const VERDICT = /\bviolat(ed|es|ion|ing)\b|broke the law|broken the law|\billegal(ly)?\b|\bis guilty\b|\bguilty of\b|\bcommitted (a|the) crime\b/i;

describe('no verdict phrasing', () => {
  it('the pattern catches what it is meant to catch', () => {
    for (const s of ['X violated FECA', 'this is illegal', 'he broke the law', 'She is guilty']) expect(s).toMatch(VERDICT);
  });

  it('appears nowhere in the legal pack, the DISARM rationales or any rendered export', () => {
    const { watchlist, posts, findings } = velorianScenario();
    const incidents = buildIncidents(findings, watchlist);
    // every combination of finding kinds, so every indicator text is produced
    const kinds: FindingKind[] = ['directive', 'harassment', 'threat', 'coordination', 'amplification', 'foreign_money'];
    const all = legalIndicatorsFor({ kinds: new Set(kinds), actors: makeWatchlist().actors, directiveActors: makeWatchlist().actors, nonRegistryCoActors: 3, paid: false, threatWithDirective: true }, 'US');
    const paid = legalIndicatorsFor({ kinds: new Set(['directive']), actors: makeWatchlist().actors, directiveActors: makeWatchlist().actors, nonRegistryCoActors: 0, paid: true, threatWithDirective: false }, 'US');
    expect(all.length).toBeGreaterThanOrEqual(7);
    const bundle = makeBundle({ incidents, findings, posts, watchlist });
    const texts = [
      JSON.stringify(LEGAL_PACKS),
      JSON.stringify(all),
      JSON.stringify(paid),
      JSON.stringify(DISARM_TECHNIQUES),
      JSON.stringify(incidents),
      renderHtmlReport(bundle),
      ...toCsvFiles(bundle).map((f) => f.content),
      JSON.stringify(toStixBundle(bundle)),
    ];
    for (const t of texts) expect(t.match(VERDICT)?.[0] ?? null).toBeNull();
  });

  it('phrases every indicator as "may be relevant" and ends with the not-advice caveat', () => {
    const kinds: FindingKind[] = ['directive', 'harassment', 'threat', 'coordination', 'amplification', 'foreign_money'];
    for (const l of legalIndicatorsFor({ kinds: new Set(kinds), actors: makeWatchlist().actors, directiveActors: makeWatchlist().actors, nonRegistryCoActors: 1, paid: false, threatWithDirective: true }, 'US')) {
      expect(l.rationale).toMatch(/may be relevant/);
      expect(l.caveats.at(-1)).toMatch(/^Indicator only/);
      expect(l.jurisdiction).toBe('US');
    }
  });
});
