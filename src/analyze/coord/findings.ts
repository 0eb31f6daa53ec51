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
import { describeP } from './null-model.js';

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
  return r.cols.accountHandles[account] ?? r.cols.accounts.value(account);
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
    const ids = [accountLabel(r, account), r.cols.accounts.value(account)];
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
  /** Groups scoring below this are not findings (default 0.5: evidence 3, a corrected p of 1 in 1,000). */
  minScore?: number;
  /** Account creation times (ISO) by account id, when the source gave them (`Store.accountCreatedTimes`). */
  accountCreated?: ReadonlyMap<string, string>;
  /** Registry actors by id, to name members by role (consulate, state media, party). */
  actors?: ReadonlyMap<string, { name: string; role: string }>;
}

/** One member of a group as an analyst reads it. */
export interface MemberRow {
  account: string;
  /** Share of the group's events this member took part in. */
  eventShare: number;
  /** Rows of this member across co-action kinds (its activity in the run). */
  rows: number;
  createdAt?: string;
  actorId?: string;
}

/** Days between account creations that still count as one batch. */
const BATCH_GAP_DAYS = 3;

/** Accounts created in bursts: runs of creation times with gaps ≤ 3 days, of at least 3 members. */
export function creationBatches(created: { account: string; createdAt: string }[]): { from: string; to: string; accounts: string[] }[] {
  const xs = created.map((c) => ({ ...c, t: Date.parse(c.createdAt) })).filter((c) => Number.isFinite(c.t)).sort((a, b) => a.t - b.t);
  const out: { from: string; to: string; accounts: string[] }[] = [];
  let run: typeof xs = [];
  const flush = (): void => {
    if (run.length >= 3) out.push({ from: run[0]!.createdAt, to: run[run.length - 1]!.createdAt, accounts: run.map((c) => c.account) });
    run = [];
  };
  for (const c of xs) {
    if (run.length && c.t - run[run.length - 1]!.t > BATCH_GAP_DAYS * 86_400_000) flush();
    run.push(c);
  }
  flush();
  return out;
}

/** Account ids (`cols.accounts` values) of the members of the groups that may become findings: whose creation times to look up. */
export function scoredMemberIds(r: EngineResult, minScore = 0.5): string[] {
  const ids = new Set<string>();
  for (const g of r.groups) if (g.score >= minScore) for (const m of g.members) ids.add(r.cols.accounts.value(m));
  return [...ids];
}

/** Per-member rows of a group: event share, activity, creation time, registry actor. */
export function memberRows(r: EngineResult, g: Group, opts: Pick<FindingOptions, 'accountCreated'>, actorOf: (m: number) => string | undefined): MemberRow[] {
  const rows = new Map<number, number>();
  const members = new Set(g.members);
  for (const t of r.cols.tables.values()) {
    const post = t.post.view();
    for (let i = 0; i < post.length; i++) {
      const a = r.cols.author.data[post[i]];
      if (members.has(a)) rows.set(a, (rows.get(a) ?? 0) + 1);
    }
  }
  const total = Math.max(1, g.chance.totalEvents);
  return g.members
    .map((m) => {
      const row: MemberRow = { account: accountLabel(r, m), eventShare: Math.round(((g.memberEvents.get(m) ?? 0) / total) * 1000) / 1000, rows: rows.get(m) ?? 0 };
      const created = opts.accountCreated?.get(r.cols.accounts.value(m));
      if (created) row.createdAt = created;
      const actorId = actorOf(m);
      if (actorId) row.actorId = actorId;
      return row;
    })
    .sort((a, b) => b.eventShare - a.eventShare || (a.account < b.account ? -1 : 1));
}

/** Originals the group reposted and how long after them members reposted (median, seconds). */
function repostTiming(r: EngineResult, g: Group): { originals: string[]; medianDelay?: number } {
  const originals = g.objects.filter((o) => o.kind === 'repost').map((o) => o.object);
  const table = r.cols.tables.get('repost');
  if (!table || !originals.length) return { originals };
  const wanted = new Set(originals);
  // By object id: the repost table's objects are the reposted post ids.
  const timeOf = new Map<number, number>();
  for (let p = 0; p < r.cols.posts; p++) {
    const id = r.cols.postIds.get(p);
    if (wanted.has(id)) timeOf.set(table.objects.find(id), r.cols.timeMs.data[p]);
  }
  const members = new Set(g.members);
  const delays: number[] = [];
  const obj = table.obj.view();
  const post = table.post.view();
  for (let i = 0; i < obj.length; i++) {
    const t0 = timeOf.get(obj[i]);
    if (t0 === undefined || !members.has(r.cols.author.data[post[i]])) continue;
    delays.push((r.cols.timeMs.data[post[i]] - t0) / 1000);
  }
  delays.sort((a, b) => a - b);
  return { originals, medianDelay: delays.length ? delays[(delays.length - 1) >> 1] : undefined };
}

/**
 * The one sentence an analyst can check: how many accounts, how many events, how many joined vs
 * what chance gives, and the corrected p-value bound.
 */
export function chanceSentence(g: Group, window: number): string {
  const c = g.chance;
  const kinds = Object.entries(c.events).map(([k, v]) => `${v} on the same ${k === 'text' ? 'near-identical text' : k === 'repost' ? 'reposted post' : k === 'reply' ? 'replied-to post' : k}`).join(', ');
  return (
    `${g.members.length} accounts acted together in ${c.totalEvents} events within ${window} s (${kinds}); ` +
    `${c.joins} times a member joined another's action where chance (each account acting at its own rate on what was being posted) would give about ${c.expectedJoins.toFixed(1)}; ` +
    `the chance of this is ${describeP(c.log10P)} after allowing for ${c.tested.toLocaleString('en-US')} account pairs tested.`
  );
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
    const actorByLabel = new Map(t.memberActors.map((a) => [a.account, a.actorId]));
    const members = memberRows(r, g, opts, (m) => actorByLabel.get(accountLabel(r, m)));
    const timing = repostTiming(r, g);
    const batches = creationBatches(members.filter((m) => m.createdAt && !m.actorId).map((m) => ({ account: m.account, createdAt: m.createdAt! })));
    const registryMembers = t.memberActors.map((a) => ({ ...a, name: opts.actors?.get(a.actorId)?.name, role: opts.actors?.get(a.actorId)?.role }));
    const articles = g.objects.filter((o) => o.kind === 'link').map((o) => o.object);
    const nearCopies = g.chance.events.text ?? 0;
    const sentence = chanceSentence(g, window);
    const story = [
      registryMembers.length ? `Registry members: ${registryMembers.map((a) => `${a.account} (${a.name ?? a.actorId}${a.role ? `, ${a.role.replace(/_/g, ' ')}` : ''})`).join(', ')}.` : '',
      timing.originals.length ? `Reposted ${timing.originals.length} post(s) together${timing.medianDelay !== undefined ? `, median ${Math.round(timing.medianDelay)} s after the original` : ''}.` : '',
      articles.length ? `Pushed ${articles.length} link(s) together: ${articles.slice(0, 3).join(', ')}.` : '',
      nearCopies ? `${nearCopies} bursts of near-identical text.` : '',
      batches.length ? `Accounts created in ${batches.length} batch(es): ${batches.map((b) => `${b.accounts.length} between ${b.from.slice(0, 10)} and ${b.to.slice(0, 10)}`).join('; ')}.` : '',
    ].filter(Boolean).join(' ');
    const detail = {
      sentence,
      chance: g.chance,
      members,
      registryMembers,
      amplifiedPosts: timing.originals,
      medianDelaySeconds: timing.medianDelay,
      articles,
      nearCopyEvents: nearCopies,
      creationBatches: batches,
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
    const why = `${sentence} Co-actions: ${kinds}; density ${g.density.toFixed(2)}, timing tightness ${g.tightness.toFixed(2)}. ${story} An indicator of coordination to review, not proof of it.`.replace(/\s+/g, ' ');
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
