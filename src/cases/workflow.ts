/**
 * The case workflow: analyst actions on an incident (status, note, assignee, a decision on one
 * finding, a merge into another incident, a split of chosen findings into a new one), each kept
 * twice in the store in one transaction — as a row of the incident's audit trail (`case_actions`:
 * who, when, what) and as a ledger entry (`incident:<id>`), so that `vigil verify` finds a trail
 * edited outside Vigil (ledger-verify.ts). Decisions on findings are keyed by finding id, which
 * analyze keeps stable across runs (`<kind>:<platform>:<post id>`, groups by their members), so a
 * dismissal made today still holds after the next `vigil analyze`; merges and splits are kept
 * beside analyze's incidents and folded in on every read (foldCases).
 */
import type { CaseAction, CaseChange, Finding, FindingDecision, Incident, IncidentStatus, LedgerRecord } from '../model/types.js';
import { combineScores, sortByTime } from './incidents.js';
import { sha256 } from '../util/hash.js';
import { canonicalJson, fieldHash, incidentRef } from './ledger.js';

export const INCIDENT_STATUSES: readonly IncidentStatus[] = ['open', 'reviewing', 'confirmed', 'dismissed'];
export const FINDING_DECISIONS: readonly FindingDecision[] = ['open', 'confirmed', 'dismissed'];
/** Longest note, and longest analyst name, accepted. */
export const NOTE_MAX = 4000;
export const NAME_MAX = 80;
/** Most findings one split moves (the page's selection is at most one page of them). */
export const SPLIT_MAX = 1000;

/** Why a change was refused: a plain message for a 400 answer. */
export type ChangeProblem = { field: string; message: string };

/**
 * Check a change as a client sent it (unknown JSON) and return it typed, or the first problem.
 * Names are trimmed; an empty assignee hands the incident back (null).
 */
export function parseCaseChange(body: unknown): { change: CaseChange } | { problem: ChangeProblem } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { problem: { field: '', message: 'body must be a JSON object' } };
  const b = body as Record<string, unknown>;
  const extra = Object.keys(b).filter((k) => !['status', 'note', 'assignee', 'finding', 'mergeInto', 'split', 'splitFrom'].includes(k));
  if (extra.length) return { problem: { field: extra[0]!, message: `unknown field ${JSON.stringify(extra[0])}` } };
  const change: CaseChange = {};
  if (b.status !== undefined) {
    if (typeof b.status !== 'string' || !INCIDENT_STATUSES.includes(b.status as IncidentStatus)) return { problem: { field: 'status', message: `status must be one of ${INCIDENT_STATUSES.join(', ')}` } };
    change.status = b.status as IncidentStatus;
  }
  if (b.note !== undefined) {
    if (typeof b.note !== 'string' || b.note.trim() === '' || b.note.length > NOTE_MAX) return { problem: { field: 'note', message: `note must be a non-empty string of at most ${NOTE_MAX} characters` } };
    change.note = b.note;
  }
  if (b.assignee !== undefined) {
    if (b.assignee !== null && (typeof b.assignee !== 'string' || b.assignee.trim().length > NAME_MAX)) return { problem: { field: 'assignee', message: `assignee must be a name of at most ${NAME_MAX} characters, or null` } };
    change.assignee = typeof b.assignee === 'string' && b.assignee.trim() !== '' ? b.assignee.trim() : null;
  }
  if (b.finding !== undefined) {
    const f = b.finding as Record<string, unknown> | null;
    if (typeof f !== 'object' || f === null || typeof f.id !== 'string' || f.id === '' || f.id.length > 1000 || !FINDING_DECISIONS.includes(f.decision as FindingDecision)) {
      return { problem: { field: 'finding', message: `finding must be {"id": "…", "decision": "${FINDING_DECISIONS.join('" | "')}"}` } };
    }
    change.finding = { id: f.id, decision: f.decision as FindingDecision };
  }
  if (b.mergeInto !== undefined) {
    if (b.mergeInto !== null && (typeof b.mergeInto !== 'string' || b.mergeInto === '' || b.mergeInto.length > 1000)) return { problem: { field: 'mergeInto', message: 'mergeInto must be an incident id, or null to undo a merge' } };
    change.mergeInto = b.mergeInto as string | null;
  }
  if (b.split !== undefined) {
    const sp = b.split as Record<string, unknown> | null;
    const ids = typeof sp === 'object' && sp !== null ? sp.findings : undefined;
    const okIds = Array.isArray(ids) && ids.length > 0 && ids.length <= SPLIT_MAX && ids.every((id) => typeof id === 'string' && id !== '' && id.length <= 1000);
    const extraSplit = okIds ? Object.keys(sp!).filter((k) => k !== 'findings' && k !== 'into') : [];
    if (!okIds || extraSplit.length || (sp!.into !== undefined && (typeof sp!.into !== 'string' || sp!.into === '' || sp!.into.length > 1000))) {
      return { problem: { field: 'split', message: `split must be {"findings": ["finding id", …] (1–${SPLIT_MAX}), "into"?: "a split of this incident"}` } };
    }
    change.split = { findings: [...new Set(ids as string[])].sort() };
    if (typeof sp!.into === 'string') change.split.into = sp!.into;
  }
  if (b.splitFrom !== undefined) {
    // Only the store sets a split's origin (through split); a client may only undo it.
    if (b.splitFrom !== null) return { problem: { field: 'splitFrom', message: 'splitFrom may only be null, to undo a split' } };
    change.splitFrom = null;
  }
  if (change.split && (change.mergeInto !== undefined || change.splitFrom !== undefined)) return { problem: { field: 'split', message: 'split is an action of its own: not with mergeInto or splitFrom' } };
  if (!Object.keys(change).length) return { problem: { field: '', message: 'nothing to change: give status, note, assignee, finding, mergeInto, split or splitFrom' } };
  return { change };
}

/** The audit-trail entry for `change` (fields absent from the change are left out). */
export function caseAction(seq: number, incidentId: string, at: string, by: string, change: CaseChange, statusBefore: IncidentStatus): CaseAction {
  const action: CaseAction = { seq, incidentId, at, by };
  if (change.status !== undefined) {
    action.status = change.status;
    action.previousStatus = statusBefore;
  }
  if (change.note !== undefined) action.note = change.note;
  if (change.assignee !== undefined) action.assignee = change.assignee;
  if (change.finding) action.finding = { id: change.finding.id, decision: change.finding.decision };
  if (change.mergeInto !== undefined) action.mergeInto = change.mergeInto;
  if (change.split) action.split = { findings: [...new Set(change.split.findings)].sort(), ...(change.split.into !== undefined ? { into: change.split.into } : {}) };
  if (change.splitFrom !== undefined) action.splitFrom = change.splitFrom && { incident: change.splitFrom.incident, findings: [...change.splitFrom.findings] };
  if (change.unsplit !== undefined) action.unsplit = change.unsplit;
  return action;
}

/**
 * The ledger record of an audit-trail entry: the SHA-256 of the whole entry (who and when included,
 * so an edited author or time is found) and one field hash per change. The field names `status` and
 * `note` are those of the older status actions (ledger.ts actionRecord), so verify reads both alike.
 */
export function caseActionRecord(action: CaseAction): LedgerRecord {
  const fields: Record<string, string> = { by: fieldHash(action.by) };
  if (action.status !== undefined) fields.status = fieldHash(action.status);
  if (action.note !== undefined) fields.note = fieldHash(action.note);
  if (action.assignee !== undefined) fields.assignee = fieldHash(action.assignee);
  if (action.finding) fields.finding = fieldHash(action.finding);
  if (action.mergeInto !== undefined) fields.mergeInto = fieldHash(action.mergeInto);
  if (action.split) fields.split = fieldHash(action.split);
  if (action.splitFrom !== undefined) fields.splitFrom = fieldHash(action.splitFrom);
  if (action.unsplit !== undefined) fields.unsplit = fieldHash(action.unsplit);
  return { kind: 'action', ref: incidentRef(action.incidentId), source: { file: 'vigil:analyst' }, sha256: sha256(canonicalJson(action)), fields };
}

/** The latest decision per finding id in a trail (oldest first), `open` decisions included. */
export function latestDecisions(actions: Iterable<CaseAction>): Map<string, CaseAction> {
  const out = new Map<string, CaseAction>();
  for (const a of actions) if (a.finding) out.set(a.finding.id, a);
  return out;
}

/**
 * Fold merges into what readers see: an incident an analyst merged into another (same race) keeps
 * its row, marked `mergedInto`; the target lists the findings of both (`mergedFrom` names the
 * others) with its score and time span recomputed from them (analyze recomputes incidents from
 * findings on every run; the merge is kept apart, in the store, and applied here on each read).
 * Lists show the targets and leave the merged ones out (`!mergedInto`).
 */
export async function foldMerges(incidents: Incident[], findingsOf: (ids: string[]) => Promise<Finding[]>): Promise<Incident[]> {
  const byId = new Map(incidents.map((i) => [i.id, i]));
  const into = new Map<string, Incident[]>();
  for (const i of incidents) {
    const target = i.mergedInto ? byId.get(i.mergedInto) : undefined;
    if (!target || target.mergedInto) continue; // no chains: a target merged itself keeps its own
    into.set(target.id, [...(into.get(target.id) ?? []), i]);
  }
  for (const [id, sources] of into) {
    const target = byId.get(id)!;
    const ids = [...new Set([...target.findingIds, ...sources.flatMap((s) => s.findingIds)])];
    const findings = sortByTime(await findingsOf(ids));
    target.findingIds = findings.map((f) => f.id);
    target.mergedFrom = sources.map((s) => s.id).sort();
    target.score = combineScores(findings);
    if (findings.length) {
      target.firstSeen = findings[0]!.observedAt;
      target.lastSeen = findings[findings.length - 1]!.observedAt;
    }
  }
  return incidents;
}

/**
 * The id of the incident made by splitting `findings` off `sourceId`: derived from both, so the same
 * choice made again (after an undo) brings back the same incident, its status, notes and history.
 */
export function splitIncidentId(sourceId: string, findings: readonly string[]): string {
  return `${sourceId}:split-${sha256(canonicalJson([...findings].sort())).slice(0, 12)}`;
}

/**
 * The stored body of a new split incident: the original's computed fields (subject, race, DISARM
 * techniques and legal indicators as analyze found them for the whole group), a title saying it was
 * split, and none of the analyst's state (a new case starts open, with nobody holding it).
 */
export function splitIncidentBody(source: Incident, id: string, findings: readonly string[]): Incident {
  const { assignee: _a, mergedInto: _m, mergedFrom: _f, splitFrom: _s, splitInto: _i, splitUndone: _u, ...computed } = source;
  return { ...computed, id, title: `${source.title} (split)`, findingIds: [...findings], status: 'open', notes: [] };
}

/** Score and time span of an incident from the findings it now holds (kept as stored when none). */
function recompute(incident: Incident, findings: Finding[]): void {
  const sorted = sortByTime(findings);
  incident.findingIds = sorted.map((f) => f.id);
  incident.score = combineScores(sorted);
  if (sorted.length) {
    incident.firstSeen = sorted[0]!.observedAt;
    incident.lastSeen = sorted[sorted.length - 1]!.observedAt;
  }
}

/**
 * Fold splits into what readers see, before merges. A split incident (`splitFrom`) holds the findings
 * the analyst moved that still exist — by id, so a re-run of analyze that rewrites them leaves them
 * there — and its original lists the rest (`splitInto` names the splits). A finding analyze produces
 * later goes where analyze files it, the original: a split moves the findings chosen, nothing else.
 * An undone split (`splitUndone`) holds nothing; lists leave it out.
 */
export async function foldSplits(incidents: Incident[], findingsOf: (ids: string[]) => Promise<Finding[]>): Promise<Incident[]> {
  const byId = new Map(incidents.map((i) => [i.id, i]));
  const moved = new Map<string, Set<string>>();
  for (const s of incidents) {
    if (s.splitUndone) {
      s.findingIds = [];
      s.score = 0;
      continue;
    }
    if (!s.splitFrom) continue;
    recompute(s, await findingsOf(s.splitFrom.findings));
    const source = byId.get(s.splitFrom.incident);
    if (!source || source.splitFrom) continue; // one level: a split is not split again
    const set = moved.get(source.id) ?? new Set<string>();
    for (const id of s.splitFrom.findings) set.add(id);
    moved.set(source.id, set);
    source.splitInto = [...(source.splitInto ?? []), s.id].sort();
  }
  for (const [id, set] of moved) {
    const source = byId.get(id)!;
    recompute(source, await findingsOf(source.findingIds.filter((f) => !set.has(f))));
  }
  return incidents;
}

/** Splits, then merges, folded into incidents as stored (what every store read returns). */
export async function foldCases(incidents: Incident[], findingsOf: (ids: string[]) => Promise<Finding[]>): Promise<Incident[]> {
  return foldMerges(await foldSplits(incidents, findingsOf), findingsOf);
}

/**
 * Where a split goes and what it then holds: a new incident (`into` absent, id derived from the
 * choice) or more findings for a split already made off the same incident. `existing` is the stored
 * split state of the target, if it has a row. Returns a problem message when `into` is no such split.
 */
export function planSplit(sourceId: string, split: { findings: string[]; into?: string }, existing: { from: string | null; findings: string[] | null } | undefined): { id: string; findings: string[] } | { problem: string } {
  if (split.into === undefined) return { id: splitIncidentId(sourceId, split.findings), findings: [...split.findings].sort() };
  if (!existing || existing.from !== sourceId || !existing.findings) return { problem: `incident ${JSON.stringify(split.into)} is not a split of ${JSON.stringify(sourceId)}` };
  return { id: split.into, findings: [...new Set([...existing.findings, ...split.findings])].sort() };
}
