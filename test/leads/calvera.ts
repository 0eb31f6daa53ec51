/** The round tests' fictional watchlist (Calvera, fixtures/calvera.yaml), compiled once per test file, and the lead helpers over it. */
import { beforeAll } from 'vitest';
import { compileWatchlist, type CompiledWatchlist } from '../../src/analyze/match/compile.js';
import { leadOfBody, mustLeadOfBody } from '../../src/leads/testing.js';
import { loadWatchlist } from '../../src/watch/load.js';

export function calveraLeads() {
  let cw: CompiledWatchlist;
  beforeAll(async () => {
    cw = compileWatchlist(await loadWatchlist('test/leads/fixtures/calvera.yaml'));
  });
  const leadOf = (text: string, title?: string) => leadOfBody(cw, text, title);
  const mustLead = (text: string, title?: string) => mustLeadOfBody(cw, text, title);
  const actorIds = (text: string, title?: string) => mustLead(text, title).accused.map((a) => a.actor_id).filter(Boolean).sort();
  return { leadOf, mustLead, actorIds };
}
