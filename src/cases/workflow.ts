/**
 * The case workflow: analyst actions on an incident (status, note, assignee, a decision on one
 * finding), each kept twice in the store in one transaction — as a row of the incident's audit
 * trail (`case_actions`: who, when, what) and as a ledger entry (`incident:<id>`), so that `vigil
 * verify` finds a trail edited outside Vigil (ledger-verify.ts). Decisions on findings are keyed by
 * finding id, which analyze keeps stable across runs (`<kind>:<platform>:<post id>`, groups by their
 * members), so a dismissal made today still holds after the next `vigil analyze`.
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

/** Why a change was refused: a plain message for a 400 answer. */
export type ChangeProblem = { field: string; message: string };

/**
 * Check a change as a client sent it (unknown JSON) and return it typed, or the first problem.
 * Names are trimmed; an empty assignee hands the incident back (null).
 */
export function parseCaseChange(body: unknown): { change: CaseChange } | { problem: ChangeProblem } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { problem: { field: '', message: 'body must be a JSON object' } };
  const b = body as Record<string, unknown>;
  const extra = Object.keys(b).filter((k) => !['status', 'note', 'assignee', 'finding', 'mergeInto'].includes(k));
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
  if (!Object.keys(change).length) return { problem: { field: '', message: 'nothing to change: give status, note, assignee, finding or mergeInto' } };
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
