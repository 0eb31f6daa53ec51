/**
 * Response schemas of the case-workflow routes (server/cases.ts), part of the OpenAPI document: the
 * incident page's types are generated from them with the rest (scripts/api-types.ts).
 */
import { arr, counts, int, nullable, num, obj, ref, str } from './openapi-build.js';

const status = { enum: ['open', 'reviewing', 'confirmed', 'dismissed'] };
const decision = { enum: ['open', 'confirmed', 'dismissed'] };
/** A split incident's origin: the incident it was split off and the finding ids moved. */
const splitFrom = obj({ incident: str, findings: arr(str) });
const source = obj({ file: str, line: int, offset: int, cursor: str, index: int }, ['line', 'offset', 'cursor', 'index']);

export const CASE_SCHEMAS: Record<string, unknown> = {
  Me: obj({ role: { enum: ['viewer', 'analyst'] }, name: str }),
  Incident: obj(
    {
      id: str,
      raceId: str,
      subject: str,
      title: str,
      findingIds: arr(str),
      firstSeen: str,
      lastSeen: str,
      score: num,
      techniques: arr(obj({ id: str, name: str, rationale: str })),
      legal: arr(obj({ jurisdiction: str, provision: str, title: str, rationale: str, caveats: arr(str) })),
      status,
      notes: arr(str),
      assignee: str,
      mergedInto: str,
      mergedFrom: arr(str),
      splitFrom: splitFrom,
      splitInto: arr(str),
      splitUndone: str,
    },
    ['assignee', 'mergedInto', 'mergedFrom', 'splitFrom', 'splitInto', 'splitUndone'],
  ),
  CaseAction: obj(
    { seq: int, incidentId: str, at: str, by: str, status, previousStatus: status, note: str, assignee: nullable(str), finding: obj({ id: str, decision }), mergeInto: nullable(str), split: obj({ findings: arr(str), into: str }, ['into']), splitFrom: nullable(splitFrom), unsplit: str },
    ['status', 'previousStatus', 'note', 'assignee', 'finding', 'mergeInto', 'split', 'splitFrom', 'unsplit'],
  ),
  IncidentListRow: obj({ id: str, raceId: str, title: str, score: num, status, assignee: nullable(str), findingCount: int, firstSeen: str, lastSeen: str }),
  IncidentList: obj({ items: arr(ref('IncidentListRow')), next: str, total: int, assignees: arr(str) }, ['next']),
  FindingRow: obj({
    id: str,
    kind: str,
    subjects: obj({ accounts: arr(str), actorIds: arr(str) }),
    targets: obj({ candidateIds: arr(str), raceIds: arr(str) }),
    score: num,
    observedAt: str,
    explanation: str,
    detail: { type: 'object' },
    evidenceCount: int,
    decision: nullable(obj({ decision, by: str, at: str, note: nullable(str) })),
  }),
  IncidentView: obj({
    incident: ref('Incident'),
    race: nullable(obj({ id: str, office: str, jurisdiction: str, electionDate: str })),
    actors: arr(obj({ id: str, name: str, country: str })),
    members: arr(obj({ id: str, name: str, role: str, country: str })),
    history: arr(ref('CaseAction')),
    findings: obj({ items: arr(ref('FindingRow')), total: int, offset: int, limit: int, byKind: counts, byDecision: counts }),
  }),
  EvidenceItem: obj({ kind: str, ref: str, source, sha256: str, post: nullable(ref('Post')) }),
  EvidencePage: obj({ items: arr(ref('EvidenceItem')), total: int, offset: int, limit: int }),
  CasePatchResult: obj({ action: ref('CaseAction'), incident: ref('Incident') }),
};
