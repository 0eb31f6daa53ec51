/** The report's leads section (issue 12): shown when there are leads, escaped, dismissed ones left out. */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileWatchlist, type CompiledWatchlist } from '../analyze/match/compile.js';
import { loadWatchlist } from '../watch/load.js';
import { extractLead } from './extract.js';
import { leadsSection } from './html.js';
import { readText } from './read.js';
import type { Lead } from './types.js';

let cw: CompiledWatchlist;
let seed: Lead;
beforeAll(async () => {
  cw = compileWatchlist(await loadWatchlist('demo/watchlist.yaml'));
  const out = extractLead(readText(readFileSync('demo/data/articles/seed-ca35-2022.txt', 'utf8'), 'seed.txt'), cw);
  if ('none' in out) throw new Error(out.none.message);
  seed = out.lead;
});

describe('leadsSection', () => {
  it('shows the lead: accuser, accused, quoted post, responses, grade', () => {
    const html = leadsSection([seed]);
    expect(html).toMatch(/<h2>Leads from news reports<\/h2>/);
    expect(html).toContain('Norma Torres');
    expect(html).toContain('<code>sv-president</code>');
    expect(html).toContain('his cabinet → <em>not in registry (proposed)</em>');
    expect(html).toContain('DO NOT VOTE for @NormaJTorres');
    expect(html).toContain('Justice Department: no comment');
    expect(html).toMatch(/Grade \(FIAT terms, suggestion\)/);
  });

  it('escapes article text and leaves out dismissed leads', () => {
    const hostile: Lead = { ...seed, title: '<script>alert(1)</script>', accusers: ['<img src=x onerror=alert(1)>'] };
    const html = leadsSection([hostile]);
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('&lt;script&gt;');
    expect(leadsSection([{ ...seed, status: 'dismissed' }])).toBe('');
    expect(leadsSection(undefined)).toBe('');
  });
});
