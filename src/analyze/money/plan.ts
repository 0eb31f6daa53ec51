/**
 * Who is watched: watchlist candidates linked to FEC committees through the watchlist's own ids,
 * the candidate master (principal committee), the committee master (CAND_ID) and the linkage file.
 */
import type { FecMasters } from '../../ingest/fec/masters.js';
import type { Watchlist } from '../../model/types.js';
import { compileRegistry, type CompiledRegistry } from './registry.js';

export interface Targets {
  /** Watchlist candidate ids. */
  candidateIds: string[];
  raceIds: string[];
  /** FEC candidate ids. */
  fecCandidateIds: string[];
}

export interface MoneyPlan {
  registry: CompiledRegistry;
  /** Watched committees → targets. */
  committees: Map<string, Targets>;
  /** Watched FEC candidate ids → targets. */
  candidates: Map<string, Targets>;
  masters: FecMasters;
}

function add(map: Map<string, Targets>, key: string, candidateId: string, raceId: string, fecCandidateId?: string): void {
  let t = map.get(key);
  if (!t) map.set(key, (t = { candidateIds: [], raceIds: [], fecCandidateIds: [] }));
  if (!t.candidateIds.includes(candidateId)) t.candidateIds.push(candidateId);
  if (!t.raceIds.includes(raceId)) t.raceIds.push(raceId);
  if (fecCandidateId && !t.fecCandidateIds.includes(fecCandidateId)) t.fecCandidateIds.push(fecCandidateId);
}

/** Build the plan from a watchlist and the loaded master files (which may be empty). */
export function buildMoneyPlan(watchlist: Watchlist, masters: FecMasters): MoneyPlan {
  const committees = new Map<string, Targets>();
  const candidates = new Map<string, Targets>();
  for (const race of watchlist.races) {
    for (const c of race.candidates) {
      const fecId = c.fecCandidateId;
      for (const cm of c.fecCommitteeIds) add(committees, cm, c.id, race.id, fecId);
      if (!fecId) continue;
      add(candidates, fecId, c.id, race.id, fecId);
      const pcc = masters.candidates.get(fecId)?.pcc;
      if (pcc) add(committees, pcc, c.id, race.id, fecId);
      for (const l of masters.linkages) if (l.candId === fecId && l.cmteId) add(committees, l.cmteId, c.id, race.id, fecId);
      for (const cm of masters.committees.values()) if (cm.candId === fecId) add(committees, cm.cmteId, c.id, race.id, fecId);
    }
  }
  return { registry: compileRegistry(watchlist.actors), committees, candidates, masters };
}

/** FEC candidate ids linked to any committee (watched or not), from cm and ccl: for detail fields. */
export function committeeCandidateIds(plan: MoneyPlan, cmteId: string): string[] {
  const watched = plan.committees.get(cmteId);
  if (watched) return watched.fecCandidateIds;
  const out = new Set<string>();
  const cm = plan.masters.committees.get(cmteId);
  if (cm?.candId) out.add(cm.candId);
  return [...out];
}
