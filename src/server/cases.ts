/**
 * Case-workflow routes (issue 10 part 4): the incident list across races with who holds each, one
 * incident with its findings and their evidence paged, its audit trail, analyst actions (status,
 * note, assignee, a decision on one finding), and per-incident exports. api.ts registers them.
 */
import { affiliationChain } from '../cases/actors.js';
import { loadCaseBundle } from '../cases/case-bundle-builder.js';
import { memberActors } from '../cases/incidents.js';
import { INCIDENT_STATUSES, parseCaseChange } from '../cases/workflow.js';
import { EXPORTERS, exportStem, isExporterName, safeStem } from '../export/index.js';
import { zipFiles } from '../export/zip.js';
import type { CaseAction, Finding, Incident, IncidentStatus, Post, Watchlist } from '../model/types.js';
import type { Store } from '../store/store.js';
import type { Views } from './views.js';
import { ApiError, badRequest, notFound } from './errors.js';
import { paginate, parseLimit } from './paging.js';

export interface CaseDeps {
  store: Store;
  watchlist: Watchlist;
}

type ListRow = { id: string; raceId: string; title: string; score: number; status: IncidentStatus; assignee: string | null; findingCount: number; firstSeen: string; lastSeen: string };

/**
 * The incident list's rows, kept until the views' version moves (an analyst's action, a live batch
 * or a change another process committed all move it): reading and parsing every incident on each
 * request would put a thousand JSON bodies on the event loop per call.
 */
const listCache = new WeakMap<Views, { version: number; rows: Promise<ListRow[]> }>();

function listRows(store: Store, views: Views): Promise<ListRow[]> {
  const hit = listCache.get(views);
  if (hit && hit.version === views.version) return hit.rows;
  const rows = store.listIncidents().then((all) =>
    all.filter((i) => !i.mergedInto).map((i) => ({ id: i.id, raceId: i.raceId, title: i.title, score: i.score, status: i.status, assignee: i.assignee ?? null, findingCount: i.findingIds.length, firstSeen: i.firstSeen, lastSeen: i.lastSeen })),
  );
  listCache.set(views, { version: views.version, rows });
  rows.catch(() => listCache.delete(views));
  return rows;
}

/** Offset paging for lists shown as "showing 51–100 of 812": `offset` (default 0) and `limit`. */
function parseOffset(value: string | null): number {
  if (value === null) return 0;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 10_000_000) throw badRequest('offset must be a non-negative integer');
  return n;
}

async function mustIncident(store: Store, id: string): Promise<Incident> {
  const incident = await store.getIncident(id);
  if (!incident) throw notFound(`incident ${JSON.stringify(id)}`);
  return incident;
}

/**
 * `GET /api/v1/incidents`: every incident, highest score first, filtered by `status`, `assignee`
 * (`none` for nobody) and `race`; each row says who holds it and when it was last acted on.
 */
export async function incidentList(deps: CaseDeps & { views: Views }, query: URLSearchParams) {
  const status = query.get('status');
  if (status && !INCIDENT_STATUSES.includes(status as IncidentStatus)) throw badRequest(`status must be one of ${INCIDENT_STATUSES.join(', ')}`);
  const assignee = query.get('assignee');
  const race = query.get('race');
  const all = await listRows(deps.store, deps.views);
  const rows = all.filter((i) => (!race || i.raceId === race) && (!status || i.status === status) && (assignee === null || (assignee === 'none' ? !i.assignee : i.assignee === assignee)));
  const key = (r: { score: number; id: string }) => `${(1 - r.score).toFixed(9)}|${r.id}`;
  const page = paginate(rows, key, query.get('cursor'), parseLimit(query.get('limit')));
  const assignees = [...new Set(all.map((i) => i.assignee).filter((a): a is string => !!a))].sort();
  return { ...page, total: rows.length, assignees };
}

/** A finding as the incident page lists it: without its evidence refs (paged apart), with the decision on it. */
function findingRow(f: Finding, decision: CaseAction | undefined) {
  const { evidence, ...rest } = f;
  return {
    ...rest,
    evidenceCount: evidence.length,
    decision: decision ? { decision: decision.finding!.decision, by: decision.by, at: decision.at, note: decision.note ?? null } : null,
  };
}

/**
 * `GET /api/v1/incidents/:id`: the incident, its race, the subject's affiliation chain and the
 * registry actors its findings name (the head of state whose posts lead, not only the government),
 * its audit trail, and one page of findings (`offset`, `limit` ≤ 200, `kind`, `decision`) in time
 * order with totals, so the page says "showing 1–50 of 812" and never stops silently.
 */
export async function incidentView(deps: CaseDeps, id: string, query: URLSearchParams) {
  const incident = await mustIncident(deps.store, id);
  const actorsById = new Map(deps.watchlist.actors.map((a) => [a.id, a]));
  const all = incident.findingIds.length ? await deps.store.listFindings({ ids: incident.findingIds }) : [];
  all.sort((a, b) => (a.observedAt < b.observedAt ? -1 : a.observedAt > b.observedAt ? 1 : a.id < b.id ? -1 : 1));
  const decisions = await deps.store.findingDecisions(all.map((f) => f.id));
  const kind = query.get('kind');
  const decision = query.get('decision');
  const shown = all.filter((f) => (!kind || f.kind === kind) && (!decision || (decisions.get(f.id)?.finding?.decision ?? 'open') === decision));
  const offset = parseOffset(query.get('offset'));
  const limit = parseLimit(query.get('limit'), 50, 200);
  const byKind: Record<string, number> = {};
  for (const f of all) byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
  const byDecision: Record<string, number> = { open: 0, confirmed: 0, dismissed: 0 };
  for (const f of all) byDecision[decisions.get(f.id)?.finding?.decision ?? 'open']!++;
  return {
    incident,
    race: deps.watchlist.races.find((r) => r.id === incident.raceId) ?? null,
    actors: affiliationChain(incident.subject, actorsById),
    members: memberActors(all, actorsById).map((a) => ({ id: a.id, name: a.name, role: a.role, country: a.country })),
    history: await deps.store.listCaseActions(id),
    findings: { items: shown.slice(offset, offset + limit).map((f) => findingRow(f, decisions.get(f.id))), total: shown.length, offset, limit, byKind, byDecision },
  };
}

/**
 * `GET /api/v1/incidents/:id/evidence?finding=…`: one page of a finding's evidence, each post with
 * its text (shown as text by the dashboard) and author; refs that are no stored post (campaign-
 * finance rows) come with their source and hash only.
 */
export async function incidentEvidence(deps: CaseDeps, id: string, query: URLSearchParams) {
  const incident = await mustIncident(deps.store, id);
  const findingId = query.get('finding');
  if (!findingId) throw badRequest('finding is required');
  if (!incident.findingIds.includes(findingId)) throw notFound(`finding ${JSON.stringify(findingId)} in incident ${JSON.stringify(id)}`);
  const [finding] = await deps.store.listFindings({ ids: [findingId] });
  if (!finding) throw notFound(`finding ${JSON.stringify(findingId)}`);
  const offset = parseOffset(query.get('offset'));
  const limit = parseLimit(query.get('limit'), 20, 200);
  const items = [];
  for (const e of finding.evidence.slice(offset, offset + limit)) {
    const colon = e.ref.indexOf(':');
    const post = e.kind === 'post' && colon > 0 ? await deps.store.getPost(e.ref.slice(0, colon), e.ref.slice(colon + 1)) : undefined;
    items.push({ ...e, post: post ? publicPost(post) : null });
  }
  return { items, total: finding.evidence.length, offset, limit };
}

/** `PATCH /api/v1/incidents/:id`: one analyst action, signed with the caller's name; answers the updated view. */
export async function incidentPatch(deps: CaseDeps, id: string, body: unknown, by: string) {
  const parsed = parseCaseChange(body);
  if ('problem' in parsed) throw badRequest(parsed.problem.message);
  const incident = await mustIncident(deps.store, id);
  if (parsed.change.finding && !incident.findingIds.includes(parsed.change.finding.id)) throw badRequest(`finding ${JSON.stringify(parsed.change.finding.id)} is not in this incident`);
  const into = parsed.change.mergeInto;
  if (into) {
    // One level only: a merged incident's findings are shown in its target, which must be shown itself.
    const target = await deps.store.getIncident(into);
    if (!target || into === id) throw badRequest('mergeInto must name another incident');
    if (target.raceId !== incident.raceId) throw badRequest('incidents of different races are not merged');
    if (target.mergedInto) throw badRequest(`incident ${JSON.stringify(into)} is itself merged into ${JSON.stringify(target.mergedInto)}`);
    if (incident.mergedFrom?.length) throw badRequest('other incidents are merged into this one: undo those merges first');
    if (target.splitUndone || incident.splitUndone) throw badRequest('an undone split holds no findings: it is not merged');
  }
  const split = parsed.change.split;
  if (split) {
    // One level, as for merges: the findings moved are the original's own, shown in the original.
    if (incident.mergedInto) throw badRequest(`this incident is merged into ${JSON.stringify(incident.mergedInto)}: undo the merge first`);
    if (incident.mergedFrom?.length) throw badRequest('other incidents are merged into this one: undo those merges first');
    if (incident.splitFrom || incident.splitUndone) throw badRequest('a split incident is not split again: undo the split, or split the original');
    const missing = split.findings.find((f) => !incident.findingIds.includes(f));
    if (missing) throw badRequest(`finding ${JSON.stringify(missing)} is not in this incident`);
    if (split.findings.length >= incident.findingIds.length) throw badRequest('a split leaves at least one finding in the incident');
    if (split.into && !incident.splitInto?.includes(split.into)) throw badRequest(`incident ${JSON.stringify(split.into)} is not a split of this one`);
  }
  if (parsed.change.splitFrom === null) {
    if (!incident.splitFrom) throw badRequest('this incident is not a split, or its split was undone');
    if (incident.mergedInto || incident.mergedFrom?.length) throw badRequest('undo the merges of this split first');
  }
  const action = await deps.store.recordCaseAction(id, parsed.change, by);
  return { action, incident: await deps.store.getIncident(id) };
}

/**
 * `GET /api/v1/incidents/:id/export?format=`: one incident's case bundle through an exporter, named
 * after the incident (`vigil-report-inc_….html`); CSV comes as one zip of its files and manifest.
 */
export async function incidentExport(deps: CaseDeps, id: string, query: URLSearchParams): Promise<{ raw: string | Buffer; mediaType: string; fileName: string }> {
  const format = query.get('format') ?? 'json';
  if (!isExporterName(format)) throw badRequest(`format must be one of ${Object.keys(EXPORTERS).join(', ')}`);
  const incident = await mustIncident(deps.store, id);
  if (!deps.watchlist.races.some((r) => r.id === incident.raceId)) throw new ApiError(404, 'not_available', 'server: exports cover watchlist races only');
  const bundle = await loadCaseBundle(deps.store, deps.watchlist, incident.raceId);
  const keep = new Set(incident.findingIds);
  bundle.incidents = bundle.incidents.filter((i) => i.id === incident.id);
  bundle.findings = bundle.findings.filter((f) => keep.has(f.id));
  const refs = new Set(bundle.findings.flatMap((f) => f.evidence.map((e) => e.ref)));
  bundle.posts = bundle.posts.filter((p) => refs.has(`${p.platform}:${p.id}`));
  bundle.evidence = bundle.evidence.filter((e) => refs.has(e.ref));
  const raceStem = exportStem(bundle);
  const stem = safeStem(incident.id);
  // The exporters name files after the race; one incident's files are named after the incident.
  const rename = (s: string) => s.split(raceStem).join(stem);
  const files = EXPORTERS[format].export(bundle).map((f) => ({ ...f, name: rename(f.name), content: f.name.endsWith('-manifest.json') ? rename(f.content) : f.content }));
  if (files.length === 1) return { raw: files[0]!.content, mediaType: files[0]!.mediaType, fileName: files[0]!.name };
  return { raw: zipFiles(files), mediaType: 'application/zip', fileName: `vigil-${format}-${stem}.zip` };
}

/** A post as the API sends it: without the raw record (evidence hashes stay). */
export function publicPost(p: Post) {
  const { raw: _raw, ...rest } = p;
  return rest;
}
