/**
 * From coordinated groups to findings. A group becomes a finding when it targets a watched race
 * (its members' co-action posts or pushed objects name a watched candidate or race) or involves a
 * foreign actor (a member is a registry actor: `coordination`; members repeatedly co-repost a
 * registry actor: `amplification`). Evidence: the posts behind the group's strongest edges.
 */
import type { EvidenceRef, Finding, Watchlist } from '../../model/types.js';
import { attribute } from '../attribution.js';
import type { CompiledWatchlist } from '../match/compile.js';
import { matchEntities } from '../match/match.js';
import type { EngineResult, Group } from './engine.js';

/** The core matcher, as `src/analyze` exposes it (`matchEntities`, `attribute` bound to a compiled watchlist). */
export interface CoordMatcher {
  matchEntities(text: string): { kind: 'candidate' | 'race' | 'actor'; id: string }[];
  attribute(platform: string, handle: string): { actor: { id: string } } | null;
}

/** The core matcher bound to a compiled watchlist. */
export function coordMatcher(cw: CompiledWatchlist): CoordMatcher {
  return { matchEntities: (text) => matchEntities(text, cw), attribute: (platform, handle) => attribute(platform, handle, cw) };
}

/** What a group touches in the watchlist. */
export interface GroupTargets {
  candidateIds: string[];
  raceIds: string[];
  /** Registry actors among the members. */
  memberActors: { account: string; actorId: string }[];
  /** Registry actors the members repeatedly co-repost (member → actor, reposts). */
  amplified: { account: string; actorId: string; reposts: number }[];
  /** Share of members that are registry actors or amplify one. */
  foreignShare: number;
}

/** Handle (or id) of an account for display and attribution. */
export function accountLabel(r: EngineResult, account: number): string {
  return r.cols.accountHandles[account] ?? r.cols.accounts.values[account];
}

/**
 * Match a group against the watchlist: candidates and races named in its co-action posts' text and
 * in the objects it pushed; registry actors among members and among the authors they co-reposted.
 */
export function groupTargets(r: EngineResult, g: Group, watchlist: Watchlist, matcher: CoordMatcher, platform = 'x'): GroupTargets {
  const candidates = new Set<string>();
  const races = new Set<string>();
  const take = (text: string): void => {
    for (const m of matcher.matchEntities(text)) {
      if (m.kind === 'candidate') candidates.add(m.id);
      else if (m.kind === 'race') races.add(m.id);
    }
  };
  for (const p of new Set(g.posts)) {
    const t = r.cols.rawText[p];
    if (t) take(t);
  }
  for (const o of g.objects) take(o.kind === 'hashtag' ? `#${o.object}` : o.kind === 'mention' ? `@${o.object}` : o.object);
  for (const race of watchlist.races) if (race.candidates.some((c) => candidates.has(c.id))) races.add(race.id);

  const actorOf = (account: number): string | undefined => {
    const ids = [accountLabel(r, account), r.cols.accounts.values[account]];
    for (const h of ids) {
      const hit = matcher.attribute(platform, h);
      if (hit) return hit.actor.id;
    }
    return undefined;
  };
  const memberActors: GroupTargets['memberActors'] = [];
  const foreign = new Set<number>();
  for (const m of g.members) {
    const actorId = actorOf(m);
    if (actorId) {
      memberActors.push({ account: accountLabel(r, m), actorId });
      foreign.add(m);
    }
  }
  const amplified: GroupTargets['amplified'] = [];
  const cache = new Map<number, string | undefined>();
  for (const [member, authors] of g.repostedAuthors) {
    for (const [author, reposts] of authors) {
      if (!cache.has(author)) cache.set(author, actorOf(author));
      const actorId = cache.get(author);
      if (actorId && reposts >= 2) {
        amplified.push({ account: accountLabel(r, member), actorId, reposts });
        foreign.add(member);
      }
    }
  }
  return {
    candidateIds: [...candidates].sort(),
    raceIds: [...races].sort(),
    memberActors,
    amplified,
    foreignShare: g.members.length ? foreign.size / g.members.length : 0,
  };
}

/** Options of `coordinationFindings`. */
export interface FindingOptions {
  watchlist: Watchlist;
  matcher: CoordMatcher;
  /** Platform of the accounts (default `x`). */
  platform?: string;
  /** Groups scoring below this are not findings (default 0.5). */
  minScore?: number;
}

function dominantKind(g: Group): string {
  let best = '';
  let w = -1;
  for (const [k, v] of Object.entries(g.coActions)) if (v! > w) [best, w] = [k, v!];
  return best;
}

function evidenceOf(r: EngineResult, g: Group, platform: string): EvidenceRef[] {
  const out: EvidenceRef[] = [];
  const seen = new Set<number>();
  for (const ev of g.evidence) {
    for (const p of [ev.postA, ev.postB]) {
      if (seen.has(p)) continue;
      seen.add(p);
      const source = r.cols.evidence.source[p];
      out.push({ kind: 'post', ref: `${platform}:${r.cols.postIds.get(p)}`, source: source ?? { file: 'unknown' }, sha256: r.cols.evidence.sha256[p] ?? '' });
    }
  }
  return out;
}

/**
 * Findings for the coordinated groups of an engine run (kinds `coordination` and `amplification`,
 * `detail.groupId` = the group id, `detail.method` = the dominant co-action kind).
 */
export function coordinationFindings(r: EngineResult, opts: FindingOptions): Finding[] {
  const platform = opts.platform ?? 'x';
  const minScore = opts.minScore ?? 0.5;
  const out: Finding[] = [];
  for (const g of r.groups) {
    if (g.score < minScore) continue;
    const t = groupTargets(r, g, opts.watchlist, opts.matcher, platform);
    const targeted = t.candidateIds.length > 0 || t.raceIds.length > 0;
    if (!targeted && !t.memberActors.length && !t.amplified.length) continue;
    const accounts = g.members.slice(0, 200).map((m) => `${platform}:${accountLabel(r, m)}`);
    const window = r.options.timeWindow;
    const kinds = Object.entries(g.coActions).map(([k, v]) => `${v} co-${k}${v === 1 ? '' : 's'}`).join(', ');
    const detail = {
      groupId: g.id,
      method: dominantKind(g),
      coActions: g.coActions,
      size: g.members.length,
      density: g.density,
      tightness: g.tightness,
      repetition: g.repetition,
      surprise: g.surprise,
      weight: g.weight,
      expected: g.expected,
      foreignShare: t.foreignShare,
      timeWindow: window,
      semantics: r.options.semantics,
      objects: g.objects.slice(0, 5),
      memberActors: t.memberActors,
      amplified: t.amplified,
      lastSeen: new Date(g.lastMs).toISOString(),
    };
    const base = {
      targets: { candidateIds: t.candidateIds, raceIds: t.raceIds },
      score: Math.round(g.score * 1000) / 1000,
      observedAt: new Date(g.firstMs).toISOString(),
      detail,
      evidence: evidenceOf(r, g, platform),
    };
    const why =
      `${g.members.length} accounts acted together within ${window} s: ${kinds} ` +
      `(chance would explain about ${g.expected.toFixed(1)}); density ${g.density.toFixed(2)}, timing tightness ${g.tightness.toFixed(2)}. ` +
      `An indicator of coordination to review, not proof of it.`;
    if (targeted || t.memberActors.length) {
      out.push({
        id: `coordination:${g.id}`,
        kind: 'coordination',
        subjects: { accounts, actorIds: [...new Set(t.memberActors.map((a) => a.actorId))] },
        explanation: why + (t.memberActors.length ? ` Registry actors among members: ${t.memberActors.map((a) => a.actorId).join(', ')}.` : ''),
        ...base,
      });
    }
    if (t.amplified.length) {
      const actors = [...new Set(t.amplified.map((a) => a.actorId))];
      out.push({
        id: `amplification:${g.id}`,
        kind: 'amplification',
        subjects: { accounts, actorIds: actors },
        explanation: `${new Set(t.amplified.map((a) => a.account)).size} members repeatedly co-reposted registry actor(s) ${actors.join(', ')} within ${window} s. ` + why,
        ...base,
      });
    }
  }
  return out;
}
