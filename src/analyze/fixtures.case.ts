/**
 * A small fictional watchlist built in code for the analysis unit tests (not shipped: `.case.ts`
 * files are left out of the build). Every name here is invented.
 */
import type { Actor, Candidate, Race, Watchlist } from '../model/types.js';

export function candidate(id: string, name: string, over: Partial<Candidate> = {}): Candidate {
  return { id, name, aliases: [], handles: {}, fecCommitteeIds: [], ...over };
}

export function race(id: string, jurisdiction: string, candidates: Candidate[]): Race {
  return { id, office: 'US House', jurisdiction, electionDate: '2026-11-03', candidates };
}

export function actor(id: string, name: string, over: Partial<Actor> = {}): Actor {
  return { id, kind: 'person', name, aliases: [], country: 'XV', role: 'other', handles: {}, sources: [], ...over };
}

/** Two races, four candidates, a small registry with a consulate → ministry → government chain. */
export function testWatchlist(): Watchlist {
  return {
    races: [
      race('race-tx-41', 'US-TX-41', [
        candidate('c-ibarra', 'Sofía Ibarra', { aliases: ['Sofi Ibarra'], handles: { x: ['SofiaIbarraTX'] } }),
        candidate('c-okafor', 'Daniel Okafor', { handles: { x: ['DanOkaforTX'] } }),
      ]),
      race('race-ny-29', 'US-NY-29', [
        candidate('c-costa', 'Beatriz Costa', { aliases: ['Bia Costa'], handles: { x: ['BiaCostaNY'] } }),
        candidate('c-walsh', 'Kevin Walsh', { handles: { x: ['KWalshNY'] } }),
      ]),
    ],
    actors: [
      actor('xv-gov', 'Gobierno de Valdoria', { kind: 'organization', handles: { x: ['GobiernoValdoria'] } }),
      actor('xv-mfa', 'Cancillería de Valdoria', { kind: 'organization', role: 'minister', affiliation: 'xv-gov', handles: { x: ['CancilleriaVD'] } }),
      actor('xv-cons', 'Consulado de Valdoria en Houston', { kind: 'mission', role: 'consulate', affiliation: 'xv-mfa', handles: { x: ['ConsuladoVDHouston'], bluesky: ['consuladovd.bsky.social'] } }),
      actor('xv-pres', 'Aurelio Banderas', { role: 'head_of_state', affiliation: 'xv-gov', handles: { x: ['AurelioBanderas'] }, validFrom: '2021-01-15', validTo: '2026-12-31' }),
      actor('xv-pres-next', 'Marta Quesada', { role: 'head_of_state', affiliation: 'xv-gov', handles: { x: ['AurelioBanderas'] }, validFrom: '2027-01-01' }),
    ],
    webhooks: [],
  };
}
