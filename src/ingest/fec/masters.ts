/**
 * Load the small FEC master files (cm, cn, ccl) fully into maps. Rejected rows are quarantined.
 */
import type { QuarantineEntry } from '../../model/types.js';
import { readLines } from './lines.js';
import {
  parseCandidateLine,
  parseCommitteeLine,
  parseLinkageLine,
  rowQuarantine,
  type CandidateRecord,
  type CommitteeRecord,
  type LinkageRecord,
} from './records.js';
import type { FecSource } from './sources.js';

/** Committees, candidates and candidate–committee links, keyed by FEC id. */
export interface FecMasters {
  committees: Map<string, CommitteeRecord>;
  candidates: Map<string, CandidateRecord>;
  linkages: LinkageRecord[];
  rows: number;
  rejected: number;
}

export function emptyMasters(): FecMasters {
  return { committees: new Map(), candidates: new Map(), linkages: [], rows: 0, rejected: 0 };
}

/** Read one cm/cn/ccl source into `masters`; returns the quarantine entries of its bad rows. */
export async function loadMasterSource(source: FecSource, masters: FecMasters): Promise<QuarantineEntry[]> {
  const quarantine: QuarantineEntry[] = [];
  const stream = await source.open();
  for await (const batch of readLines(stream)) {
    for (const raw of batch) {
      if (raw.bytes.length === 0) continue; // blank lines are not records
      masters.rows++;
      const r =
        source.kind === 'cm' ? parseCommitteeLine(raw) : source.kind === 'cn' ? parseCandidateLine(raw) : parseLinkageLine(raw);
      if (!r.ok) {
        masters.rejected++;
        quarantine.push(rowQuarantine(source.file, raw, r.issue));
        continue;
      }
      const rec = r.record;
      if (source.kind === 'cm') masters.committees.set((rec as CommitteeRecord).cmteId, rec as CommitteeRecord);
      else if (source.kind === 'cn') masters.candidates.set((rec as CandidateRecord).candId, rec as CandidateRecord);
      else masters.linkages.push(rec as LinkageRecord);
    }
  }
  return quarantine;
}
