/**
 * The one real case (../shared/reference/seed-case.md): El Salvador's president posts, in April 2021,
 * that CA-35's Latin American voters should not vote for Rep. Norma Torres. The post text is the
 * public text quoted in the reference; everything else here is registry data from the same page.
 */
import { describe, expect, it } from 'vitest';
import { makeActor, makeBundle, makeCandidate, makeFinding, makePost, postRef } from '../../test/fixtures/cases/builders.js';
import { renderHtmlReport } from '../export/html.js';
import { buildIncidents } from './incidents.js';

const TWEET =
  'I hope that all my Salvadoran, Mexican, Honduran, Guatemalan, Dominican, Venezuelan, and all Latin American brothers in the 35th District of California DO NOT VOTE for @NormaJTorres.';

describe('seed case: CA-35', () => {
  const race = {
    id: 'us-ca-35',
    office: 'US House',
    jurisdiction: 'US-CA-35',
    electionDate: '2022-11-08',
    candidates: [
      makeCandidate({ id: 'norma-torres', name: 'Norma Torres', party: 'DEM', handles: { x: ['NormaJTorres'] } }),
      makeCandidate({ id: 'mike-cargile', name: 'Mike Cargile', party: 'REP' }),
    ],
  };
  const watchlist = {
    races: [race],
    actors: [makeActor({ id: 'sv-president', name: 'Nayib Bukele', country: 'SV', role: 'head_of_state', handles: { x: ['nayibbukele'] } })],
    webhooks: [],
  };
  const post = makePost({ id: '1377800000000000000', authorHandle: 'nayibbukele', createdAt: '2021-04-02T03:00:00.000Z', text: TWEET, mentions: ['NormaJTorres'] });
  const finding = makeFinding({
    id: 'directive:x:1377800000000000000',
    subjects: { accounts: ['x:nayibbukele'], actorIds: ['sv-president'] },
    targets: { candidateIds: ['norma-torres'], raceIds: ['us-ca-35'] },
    score: 0.95,
    observedAt: post.createdAt,
    explanation: 'directive vote_against: "DO NOT VOTE for @NormaJTorres"',
    detail: { directive: 'vote_against' },
    evidence: [postRef(post)],
  });
  const [incident] = buildIncidents([finding], watchlist);

  it('makes one incident for the head of state in CA-35', () => {
    expect(incident!.id).toBe('inc:us-ca-35:sv-president');
    expect(incident!.title).toBe('Nayib Bukele (SV): directive in US House, US-CA-35');
  });

  it('suggests the directive and persona techniques', () => {
    expect(incident!.techniques.map((t) => t.id)).toEqual(['T0097.111', 'T0139', 'T0139.001', 'T0143.001']);
  });

  it('names the money rule with its unpaid-post caveat and leaves out diplomatic norms', () => {
    expect(incident!.legal.map((l) => l.provision)).toEqual(['52 U.S.C. § 30121; 11 CFR 110.20']);
    const caveats = incident!.legal[0]!.caveats.join(' ');
    expect(caveats).toContain('an unpaid post on the actor\'s own account likely does not engage § 30121');
    expect(caveats).toContain('internet exemption');
  });

  it('renders the case with the post, the registry entry and the caveats', () => {
    const html = renderHtmlReport(makeBundle({ incidents: [incident!], findings: [finding], posts: [post], watchlist, race }));
    expect(html).toContain('DO NOT VOTE for @NormaJTorres.');
    expect(html).toContain('<strong>Nayib Bukele</strong>');
    expect(html).toContain('head of state, country SV');
    expect(html).not.toContain('Vienna');
  });
});
