import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeActor, makeFinding, makeRace, makeWatchlist, velorianScenario } from '../../test/fixtures/cases/builders.js';
import { affiliationChain, rootActorId } from './actors.js';
import { DISARM_TECHNIQUES } from './disarm.js';
import { buildIncidents, combineScores, NO_RACE, SAFETY, UNATTRIBUTED } from './incidents.js';
import { LEGAL_PACKS } from './legal.js';

const ids = (xs: { id: string }[]) => xs.map((x) => x.id);

describe('buildIncidents grouping', () => {
  it('groups an official and a consul under the top of their affiliation chain', () => {
    const { watchlist, findings } = velorianScenario();
    const incidents = buildIncidents(findings, watchlist);
    const gov = incidents.find((i) => i.id === 'inc:us-ca-99:xf-gov')!;
    expect(gov).toBeDefined();
    expect(gov.subject).toBe('xf-gov');
    // timeline order: president 02:00, consul 02:05, coordination 02:10
    expect(gov.findingIds).toEqual(['f-dir-president', 'f-dir-consul', 'f-coord-1']);
    expect(gov.firstSeen).toBe('2026-10-01T02:00:00.000Z');
    expect(gov.lastSeen).toBe('2026-10-01T02:10:00.000Z');
    expect(gov.status).toBe('open');
    expect(gov.notes).toEqual([]);
    expect(gov.title).toContain('Government of Veloria (XF)');
  });

  it('puts findings without actors in their coordination group, harassment in the candidate\'s safety incident (issue 8)', () => {
    const w = makeWatchlist();
    const incidents = buildIncidents(
      [
        makeFinding({ id: 'c1', kind: 'coordination', detail: { groupId: 'g-1' } }),
        makeFinding({ id: 'c2', kind: 'coordination', detail: { groupId: 'group:g-1' } }),
        makeFinding({ id: 'h1', kind: 'harassment' }),
      ],
      w,
    );
    expect(ids(incidents)).toEqual(['inc:us-ca-99:group:g-1', `inc:us-ca-99:${SAFETY}cand-reyes`]);
    expect(incidents[1]!.title).toMatch(/^Safety of /);
    expect(incidents[0]!.findingIds).toEqual(['c1', 'c2']);
  });

  it('sends a finding with several races to each, derives races from candidates, and keeps raceless findings', () => {
    const w = makeWatchlist({ races: [makeRace({ id: 'us-ca-99' }), makeRace({ id: 'us-tx-98', jurisdiction: 'US-TX-98', candidates: [] })] });
    const incidents = buildIncidents(
      [
        makeFinding({ id: 'both', targets: { candidateIds: [], raceIds: ['us-ca-99', 'us-tx-98'] }, subjects: { accounts: [], actorIds: ['xf-president'] } }),
        makeFinding({ id: 'by-candidate', kind: 'harassment', targets: { candidateIds: ['cand-holt'], raceIds: [] } }),
        makeFinding({ id: 'nowhere', kind: 'harassment', targets: { candidateIds: ['cand-unknown'], raceIds: [] } }),
      ],
      w,
    );
    expect(ids(incidents)).toEqual([
      `inc:${NO_RACE}:${SAFETY}cand-unknown`,
      `inc:us-ca-99:${SAFETY}cand-holt`,
      'inc:us-ca-99:xf-gov',
      'inc:us-tx-98:xf-gov',
    ]);
    expect(incidents.find((i) => i.id === `inc:us-ca-99:${SAFETY}cand-holt`)!.findingIds).toEqual(['by-candidate']);
  });

  it('files campaign speech by unlinked accounts in no incident, and a network member\'s directive with its network (issue 8)', () => {
    const w = makeWatchlist();
    const incidents = buildIncidents(
      [
        makeFinding({ id: 'supporter', subjects: { accounts: ['x:fan_1'], actorIds: [] }, detail: { directive: 'vote_for' } }),
        makeFinding({ id: 'namesake', subjects: { accounts: ['x:club_ultra'], actorIds: [] }, detail: { directive: 'vote_for' } }),
        makeFinding({ id: 'sock', subjects: { accounts: ['x:Sock_7'], actorIds: [] }, detail: { directive: 'vote_against' } }),
        makeFinding({ id: 'net', kind: 'coordination', subjects: { accounts: ['x:sock_7', 'x:sock_8'], actorIds: ['xf-consulate-la'] }, detail: { groupId: 'g-2' } }),
      ],
      w,
    );
    expect(ids(incidents)).toEqual(['inc:us-ca-99:xf-gov']);
    expect(incidents[0]!.findingIds.sort()).toEqual(['net', 'sock']);
  });

  it('is stable: input order does not change the output', () => {
    const { watchlist, findings } = velorianScenario();
    const a = buildIncidents(findings, watchlist);
    const b = buildIncidents([...findings].reverse(), watchlist);
    expect(b).toEqual(a);
  });

  it('normalises observation times for firstSeen/lastSeen', () => {
    const incidents = buildIncidents(
      [
        makeFinding({ id: 'late', observedAt: '2026-10-01T12:00:00+02:00', subjects: { accounts: [], actorIds: ['xf-president'] } }),
        makeFinding({ id: 'early', observedAt: '2026-10-01T09:30:00Z', subjects: { accounts: [], actorIds: ['xf-president'] } }),
      ],
      makeWatchlist(),
    );
    expect(incidents[0]!.findingIds).toEqual(['early', 'late']);
    expect(incidents[0]!.firstSeen).toBe('2026-10-01T09:30:00.000Z');
    expect(incidents[0]!.lastSeen).toBe('2026-10-01T10:00:00.000Z');
  });

  it('treats an actor missing from the registry as its own subject', () => {
    const incidents = buildIncidents([makeFinding({ id: 'x', subjects: { accounts: [], actorIds: ['ghost'] } })], makeWatchlist());
    expect(incidents[0]!.subject).toBe('ghost');
  });
});

describe('affiliation chains', () => {
  it('walks up and stops at cycles', () => {
    const byId = new Map(
      [makeActor({ id: 'a', affiliation: 'b' }), makeActor({ id: 'b', affiliation: 'c' }), makeActor({ id: 'c', affiliation: 'a' })].map((x) => [x.id, x]),
    );
    expect(ids(affiliationChain('a', byId))).toEqual(['a', 'b', 'c']);
    const registry = new Map(makeWatchlist().actors.map((x) => [x.id, x]));
    expect(ids(affiliationChain('xf-consul-la', registry))).toEqual(['xf-consul-la', 'xf-consulate-la', 'xf-mfa', 'xf-gov']);
    expect(rootActorId('xf-consul-la', registry)).toBe('xf-gov');
  });
});

describe('combineScores', () => {
  it('takes the strongest finding per kind and combines kinds as a noisy-OR', () => {
    // directive max 0.9, harassment 0.6: 1 - 0.1 * 0.4 = 0.96
    expect(combineScores([{ kind: 'directive', score: 0.9 }, { kind: 'directive', score: 0.5 }, { kind: 'harassment', score: 0.6 }])).toBe(0.96);
    expect(combineScores([{ kind: 'directive', score: 0.5 }, { kind: 'directive', score: 0.5 }])).toBe(0.5);
    expect(combineScores([{ kind: 'threat', score: 1.7 }])).toBe(1);
    expect(combineScores([{ kind: 'threat', score: Number.NaN }])).toBe(0);
  });
});

describe('DISARM techniques', () => {
  const { watchlist, findings } = velorianScenario();
  const incidents = buildIncidents(findings, watchlist);
  const gov = incidents.find((i) => i.subject === 'xf-gov')!;
  const unattributed = incidents.find((i) => i.subject === UNATTRIBUTED)!;
  const safety = incidents.find((i) => i.subject === `${SAFETY}cand-reyes`)!;

  it('suggests persona and objective codes for a directive, with analyst-confirm wording', () => {
    const t = ids(gov.techniques);
    for (const id of ['T0097.111', 'T0097.206', 'T0143.001', 'T0139', 'T0139.001', 'T0119', 'T0084.001', 'T0049.005', 'T0002']) expect(t).toContain(id);
    expect(t).toEqual([...t].sort());
    expect(gov.techniques.find((x) => x.id === 'T0139')!.rationale).toMatch(/^Suggested, analyst to confirm/);
    expect(gov.techniques.find((x) => x.id === 'T0097.111')!.name).toBe('Government Official Persona');
  });

  it('maps harassment, threats and money', () => {
    expect(ids(safety.techniques)).toEqual(expect.arrayContaining(['T0048', 'T0140.002']));
    expect(ids(unattributed.techniques)).toEqual(['T0014.001']);
    expect(ids(safety.techniques)).not.toContain('T0097.111');
  });

  it('uses only ids that exist in DISARM v1.6 with the same name and phase', () => {
    const disarm = JSON.parse(readFileSync(new URL('../../test/fixtures/cases/disarm-subset.json', import.meta.url), 'utf8')) as {
      objects: { type: string; name: string; kill_chain_phases?: { phase_name: string }[]; external_references?: { external_id?: string }[] }[];
    };
    const byId = new Map<string, { name: string; phase: string }>();
    for (const o of disarm.objects) {
      const ext = o.external_references?.find((r) => r.external_id?.startsWith('T'))?.external_id;
      if (o.type === 'attack-pattern' && ext) byId.set(ext, { name: o.name, phase: o.kill_chain_phases![0]!.phase_name });
    }
    expect(Object.keys(DISARM_TECHNIQUES).length).toBeGreaterThan(10);
    for (const info of Object.values(DISARM_TECHNIQUES)) {
      expect(byId.get(info.id), info.id).toEqual({ name: info.name, phase: info.phase });
    }
  });
});

describe('legal indicators', () => {
  const { watchlist, findings } = velorianScenario();
  const incidents = buildIncidents(findings, watchlist);
  const provisions = (subject: string) => incidents.find((i) => i.subject === subject)!.legal.map((l) => l.provision);

  it('gives a head of state posting a directive only the money rule, with the unpaid-post caveat', () => {
    const only = buildIncidents([findings[0]!], watchlist)[0]!;
    expect(only.legal.map((l) => l.provision)).toEqual(['52 U.S.C. § 30121; 11 CFR 110.20']);
    expect(only.legal[0]!.caveats.join(' ')).toMatch(/unpaid post .* likely does not engage/);
    expect(only.legal[0]!.rationale).toMatch(/may be relevant/);
  });

  it('adds Vienna Conventions for consuls, FARA for non-registry co-actors, EO 13848 for coordination', () => {
    const p = provisions('xf-gov');
    expect(p.some((x) => x.includes('Vienna Convention on Consular Relations'))).toBe(true);
    expect(p.some((x) => x.includes('FARA'))).toBe(true);
    expect(p.some((x) => x.includes('13848'))).toBe(true);
    const vienna = incidents.find((i) => i.subject === 'xf-gov')!.legal.find((l) => l.provision.includes('Vienna'))!;
    expect(vienna.rationale).toContain('Mira Solen');
    expect(vienna.rationale).not.toContain('Aurelio Vance');
    const money = incidents.find((i) => i.subject === 'xf-gov')!.legal.find((l) => l.provision.startsWith('52 U.S.C.'))!;
    // only the directive authors "urged a vote", not the consulate that took part in coordination
    expect(money.rationale).toContain('Aurelio Vance (head of state, XF), Mira Solen (diplomat, XF))');
    expect(money.rationale).not.toContain('Consulate General');
  });

  it('adds threat and stalking indicators for the safety incident, money for the unattributed one', () => {
    expect(provisions(`${SAFETY}cand-reyes`)).toEqual(expect.arrayContaining(['18 U.S.C. § 875(c)', '18 U.S.C. § 2261A']));
    const p = provisions(UNATTRIBUTED);
    expect(p).toEqual(['52 U.S.C. § 30121; 11 CFR 110.20']);
    const money = incidents.find((i) => i.subject === UNATTRIBUTED)!.legal.find((l) => l.provision.startsWith('52 U.S.C.'))!;
    expect(money.caveats.join(' ')).toMatch(/foreign address is not a foreign national/);
  });

  it('adds voter intimidation only when a threat is tied to a directive', () => {
    const intimidation = (fs: Parameters<typeof buildIncidents>[0]) =>
      buildIncidents(fs, watchlist)[0]!.legal.some((l) => l.provision === '18 U.S.C. § 594; 52 U.S.C. § 10307(b)');
    const directive = makeFinding({ id: 'd', subjects: { accounts: ['x:a'], actorIds: [] } });
    const threatOther = makeFinding({ id: 't', kind: 'threat', subjects: { accounts: ['x:b'], actorIds: [] }, detail: { directive: null } });
    expect(intimidation([directive, threatOther])).toBe(false);
    expect(intimidation([directive, { ...threatOther, subjects: { accounts: ['x:a'], actorIds: [] } }])).toBe(true);
    expect(intimidation([{ ...threatOther, detail: { directive: 'abstain' } }])).toBe(true);
  });

  it('has no pack, so no indicators, for a race outside the US', () => {
    const w = makeWatchlist({ races: [makeRace({ id: 'ca-on-1', jurisdiction: 'CA-ON-1' })] });
    const [i] = buildIncidents([makeFinding({ id: 'x', targets: { candidateIds: [], raceIds: ['ca-on-1'] }, subjects: { accounts: [], actorIds: ['xf-president'] } })], w);
    expect(i!.legal).toEqual([]);
    expect(Object.keys(LEGAL_PACKS)).toEqual(['US']);
  });
});
