/**
 * Incidents: findings grouped per race and per subject, with a timeline span, a combined score,
 * suggested DISARM techniques and legal indicators. A pure planner: it reads findings and the
 * watchlist and returns incidents; the store keeps analyst status and notes when they are written.
 */
import type { Actor, Finding, FindingKind, Incident, Race, Watchlist } from '../model/types.js';
import { foldHandle } from '../util/normalize.js';
import { rootActorId } from './actors.js';
import { techniquesForFindings } from './disarm.js';
import { legalIndicatorsFor } from './legal.js';

/** Subject of findings that fit no other heading (money rows with no registry actor, mostly). */
export const UNATTRIBUTED = 'unattributed';
/** Subject prefix of the safety incident of one candidate: `safety:<candidate id>`. */
export const SAFETY = 'safety:';

/** Kinds about the safety of a candidate: filed per candidate, whoever sent them. */
const SAFETY_KINDS = new Set<FindingKind>(['harassment', 'threat', 'harassment_campaign']);
const NETWORK_KINDS = new Set<FindingKind>(['coordination', 'amplification']);
/** Race id used for findings that name no race and no watchlist candidate. */
export const NO_RACE = 'unassigned';

/** Jurisdiction whose legal pack applies when a finding's race is not in the watchlist. */
const DEFAULT_JURISDICTION = 'US';

/**
 * Combined incident score in 0..1: per finding kind, the strongest finding counts (fifty copies of
 * one post are one behaviour, not fifty pieces of independent evidence); distinct kinds then combine
 * as a noisy-OR, 1 - Π(1 - max_kind), because different behaviours by the same subject corroborate
 * each other. Rounded to three decimals.
 */
export function combineScores(findings: Pick<Finding, 'kind' | 'score'>[]): number {
  const best = new Map<FindingKind, number>();
  for (const f of findings) {
    const s = Number.isFinite(f.score) ? Math.min(1, Math.max(0, f.score)) : 0;
    best.set(f.kind, Math.max(best.get(f.kind) ?? 0, s));
  }
  let miss = 1;
  for (const s of best.values()) miss *= 1 - s;
  return Math.round((1 - miss) * 1000) / 1000;
}

/** `platform:handle` with the handle folded, the form registry accounts are compared in. */
function accountKey(account: string): string {
  const i = account.indexOf(':');
  return i < 0 ? foldHandle(account) : `${account.slice(0, i).toLowerCase()}:${foldHandle(account.slice(i + 1))}`;
}

/** Race ids of a finding: its own, else those of the watchlist races its target candidates run in. */
function racesOf(f: Finding, racesByCandidate: Map<string, string[]>): string[] {
  const ids = new Set(f.targets.raceIds);
  if (!ids.size) for (const c of f.targets.candidateIds) for (const r of racesByCandidate.get(c) ?? []) ids.add(r);
  return ids.size ? [...ids] : [NO_RACE];
}

/** The root of each named actor's affiliation chain, else the finding's coordination group. */
function ownSubjects(f: Finding, actorsById: Map<string, Actor>): string[] {
  if (f.subjects.actorIds.length) return [...new Set(f.subjects.actorIds.map((id) => rootActorId(id, actorsById)))];
  const group = f.detail['groupId'];
  if (typeof group === 'string' && group !== '') return [group.startsWith('group:') ? group : `group:${group}`];
  return [];
}

/**
 * Subjects of a finding (see `buildIncidents`). `networkOf` maps folded accounts of coordinated
 * networks to the subjects of those networks. An empty list: not an interference incident.
 */
function subjectsOf(f: Finding, actorsById: Map<string, Actor>, networkOf: Map<string, string[]>, safetyOf: Map<string, string[]>, fold: (a: string) => string): string[] {
  const own = ownSubjects(f, actorsById);
  if (SAFETY_KINDS.has(f.kind)) {
    // A candidate's safety comes first; a registry actor's or network's part also goes to its incident.
    const safety = f.targets.candidateIds.map((c) => `${SAFETY}${c}`);
    const all = [...new Set([...safety, ...own])];
    return all.length ? all : [UNATTRIBUTED];
  }
  if (own.length) return own;
  if (f.kind === 'directive') {
    // A directive by an account of a coordinated network is part of that network's work; by anyone
    // else it is campaign speech (supporters, the candidate, a namesake's fans): no incident —
    // unless its author also harassed or threatened a candidate: then it is context for that
    // candidate's safety (a threat tied to a directive).
    const via = new Set<string>();
    for (const a of f.subjects.accounts) for (const s of [...(networkOf.get(fold(a)) ?? []), ...(safetyOf.get(fold(a)) ?? [])]) via.add(s);
    return [...via];
  }
  return [UNATTRIBUTED];
}

/** Timeline sort key: epoch ms, unparsable times last. */
function timeKey(f: Finding): number {
  const t = Date.parse(f.observedAt);
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

/** Findings with their time keys, in timeline order: observation time (unparsable last), then id. */
function timeline(findings: Iterable<Finding>): { f: Finding; t: number }[] {
  return [...findings]
    .map((f) => ({ f, t: timeKey(f) }))
    .sort((a, b) => (a.t !== b.t ? (a.t < b.t ? -1 : 1) : a.f.id < b.f.id ? -1 : a.f.id > b.f.id ? 1 : 0));
}

/** Findings in timeline order: observation time (unparsable last), then id. Returns a new array. */
export function sortByTime(findings: Iterable<Finding>): Finding[] {
  return timeline(findings).map((x) => x.f);
}

function subjectLabel(subject: string, actorsById: Map<string, Actor>, candidateNames: Map<string, string>): string {
  if (subject.startsWith(SAFETY)) return `Safety of ${candidateNames.get(subject.slice(SAFETY.length)) ?? subject.slice(SAFETY.length)}`;
  const actor = actorsById.get(subject);
  if (actor) return `${actor.name} (${actor.country})`;
  if (subject.startsWith('group:')) return `Coordinated network ${subject.slice('group:'.length)}`;
  if (subject === UNATTRIBUTED) return 'Foreign-marked activity with no registry actor';
  return `Actor ${subject} (not in registry)`;
}

function raceLabel(raceId: string, racesById: Map<string, Race>): string {
  const race = racesById.get(raceId);
  return race ? `${race.office}, ${race.jurisdiction}` : raceId === NO_RACE ? 'no race named' : raceId;
}

/** Whether a threat in these findings is tied to a voting directive: in the same post, or by an account that also posted one. */
function threatWithDirective(findings: Finding[]): boolean {
  const directing = new Set(findings.filter((f) => f.kind === 'directive').flatMap((f) => f.subjects.accounts));
  return findings.some(
    (f) => f.kind === 'threat' && (typeof f.detail['directive'] === 'string' || f.subjects.accounts.some((a) => directing.has(a))),
  );
}

/** Registry actors named directly by findings, in first-seen order (ids unknown to the registry are skipped). */
export function memberActors(findings: Finding[], actorsById: ReadonlyMap<string, Actor>): Actor[] {
  const out = new Map<string, Actor>();
  for (const f of findings) {
    for (const id of f.subjects.actorIds) {
      const a = actorsById.get(id);
      if (a && !out.has(id)) out.set(id, a);
    }
  }
  return [...out.values()];
}

/**
 * Group findings into incidents per (race, subject), organised so an analyst can act:
 *
 * - interference, per foreign actor: findings naming registry actors go to the top of each actor's
 *   affiliation chain (a consul's and his ministry's posts land in the government's incident; the
 *   members are listed through {@link memberActors}); coordination and amplification findings go
 *   there through the actors they name, so the networks around an actor are merged into its
 *   incident; a network naming no actor is its own subject (`group:<detail.groupId>`);
 * - safety, per candidate: harassment, threats and harassment campaigns go to `safety:<candidate>`
 *   (and, when they name registry actors, to those actors' incidents too);
 * - a directive by an account of a coordinated network joins that network's incident; a directive
 *   by anyone else — supporters' "vote for her", the candidate's own appeals, a namesake's award
 *   vote — is campaign speech and files no incident (the finding stays in the store);
 * - {@link UNATTRIBUTED}: what is left (foreign-marked money with no registry actor).
 * - race: the finding's race ids, else the races of its target candidates, else {@link NO_RACE}. A
 *   finding with several races or subjects goes to each incident.
 * - id `inc:<race>:<subject>`, stable across runs; status `open`, no notes (the store keeps the
 *   analyst's when it replaces an incident).
 *
 * @example buildIncidents(findings, watchlist).map((i) => i.id) // ['inc:us-ca-99:gov-xf', ...]
 */
export function buildIncidents(findings: Finding[], watchlist: Watchlist): Incident[] {
  const actorsById = new Map(watchlist.actors.map((a) => [a.id, a]));
  const racesById = new Map(watchlist.races.map((r) => [r.id, r]));
  const racesByCandidate = new Map<string, string[]>();
  for (const race of watchlist.races) {
    for (const c of race.candidates) racesByCandidate.set(c.id, [...(racesByCandidate.get(c.id) ?? []), race.id]);
  }
  const registryAccounts = new Set<string>();
  for (const a of watchlist.actors) {
    for (const [platform, handles] of Object.entries(a.handles)) for (const h of handles) registryAccounts.add(accountKey(`${platform}:${h}`));
  }
  // Co-acting accounts repeat across findings: fold each once.
  const folded = new Map<string, string>();
  const fold = (account: string) => {
    let k = folded.get(account);
    if (k === undefined) folded.set(account, (k = accountKey(account)));
    return k;
  };

  const candidateNames = new Map(watchlist.races.flatMap((r) => r.candidates.map((c) => [c.id, c.name] as const)));
  const networkOf = new Map<string, string[]>();
  const safetyOf = new Map<string, string[]>();
  for (const f of findings) {
    const into = NETWORK_KINDS.has(f.kind) ? networkOf : f.kind === 'threat' || f.kind === 'harassment' ? safetyOf : undefined;
    if (!into) continue;
    const subjects = into === networkOf ? ownSubjects(f, actorsById) : f.targets.candidateIds.map((c) => `${SAFETY}${c}`);
    for (const a of f.subjects.accounts) into.set(fold(a), [...new Set([...(into.get(fold(a)) ?? []), ...subjects])]);
  }

  const groups = new Map<string, { raceId: string; subject: string; findings: Map<string, Finding> }>();
  for (const f of findings) {
    for (const raceId of racesOf(f, racesByCandidate)) {
      for (const subject of subjectsOf(f, actorsById, networkOf, safetyOf, fold)) {
        const id = `inc:${raceId}:${subject}`;
        let g = groups.get(id);
        if (!g) groups.set(id, (g = { raceId, subject, findings: new Map() }));
        g.findings.set(f.id, f);
      }
    }
  }

  const incidents: Incident[] = [];
  for (const [id, g] of groups) {
    const ordered = timeline(g.findings.values());
    const list = ordered.map((x) => x.f);
    const kinds = new Set(list.map((f) => f.kind));
    const actors = memberActors(list, actorsById);
    const coActors = new Set<string>();
    for (const f of list) {
      if (f.kind !== 'coordination' && f.kind !== 'amplification') continue;
      for (const acc of f.subjects.accounts) {
        const k = fold(acc);
        if (!registryAccounts.has(k)) coActors.add(k);
      }
    }
    const race = racesById.get(g.raceId);
    const jurisdiction = race ? race.jurisdiction.split('-')[0]!.toUpperCase() : DEFAULT_JURISDICTION;
    // Unparsable times sort last; they only show when no finding has a valid time.
    const first = ordered[0]!;
    let lastIndex = ordered.length - 1;
    while (lastIndex > 0 && !Number.isFinite(ordered[lastIndex]!.t)) lastIndex--;
    const last = ordered[lastIndex]!;
    const iso = (x: { f: Finding; t: number }) => (Number.isFinite(x.t) ? new Date(x.t).toISOString() : x.f.observedAt);
    incidents.push({
      id,
      raceId: g.raceId,
      subject: g.subject,
      title: `${subjectLabel(g.subject, actorsById, candidateNames)}: ${[...kinds].join(', ').replace(/_/g, ' ')} in ${raceLabel(g.raceId, racesById)}`,
      findingIds: list.map((f) => f.id),
      firstSeen: iso(first),
      lastSeen: iso(last),
      score: combineScores(list),
      techniques: techniquesForFindings(list, actorsById),
      legal: legalIndicatorsFor(
        {
          kinds,
          actors,
          directiveActors: memberActors(list.filter((f) => f.kind === 'directive'), actorsById),
          nonRegistryCoActors: coActors.size,
          paid: list.some((f) => f.detail['paid'] === true || f.detail['promoted'] === true),
          threatWithDirective: threatWithDirective(list),
        },
        jurisdiction,
      ),
      status: 'open',
      notes: [],
    });
  }
  return incidents.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
