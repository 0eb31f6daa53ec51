/**
 * One account as the dashboard's account page shows it: registry entry or candidate it belongs to,
 * first and last post, posts per hour, the findings naming it, their incidents and the coordinated
 * groups it is in. The posts themselves page through `GET /api/v1/posts?author=`.
 */
import type { Finding, FindingKind } from '../model/types.js';
import type { Store } from '../store/store.js';
import { badRequest } from './errors.js';
import type { Group } from './networks.js';
import { registryIndex } from './networks.js';
import type { Views } from './views.js';

/** Posts read to build an account's activity; past this the counts say "at least". */
export const ACTIVITY_SCAN = 5000;

/** Posts per hour (`2026-10-02T14:00:00Z`), oldest first, from newest-first posts. */
export function hourly(times: string[]): { t: string; n: number }[] {
  const counts = new Map<string, number>();
  for (const t of times) {
    const h = `${t.slice(0, 13)}:00:00Z`;
    counts.set(h, (counts.get(h) ?? 0) + 1);
  }
  return [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([t, n]) => ({ t, n }));
}

/** Findings per hour and kind, oldest first (the per-actor timeline). */
export function findingsHourly(findings: Finding[]): { t: string; counts: Partial<Record<FindingKind, number>> }[] {
  const out = new Map<string, Partial<Record<FindingKind, number>>>();
  for (const f of findings) {
    const h = `${f.observedAt.slice(0, 13)}:00:00Z`;
    const c = out.get(h) ?? {};
    c[f.kind] = (c[f.kind] ?? 0) + 1;
    out.set(h, c);
  }
  return [...out].sort(([a], [b]) => (a < b ? -1 : 1)).map(([t, counts]) => ({ t, counts }));
}

/** `GET /api/v1/accounts/{platform:handle}`. */
export async function accountView(store: Store, views: Views, groups: Map<string, Group>, id: string) {
  const colon = id.indexOf(':');
  if (colon < 1 || colon === id.length - 1 || id.length > 300) throw badRequest('account id must be platform:handle');
  const platform = id.slice(0, colon).toLowerCase();
  const handle = id.slice(colon + 1).replace(/^@/, '');
  const key = `${platform}:${handle}`.toLowerCase();

  // Activity from the account's own posts (newest first), bounded.
  const times: string[] = [];
  let after: string | undefined;
  let capped = false;
  let displayHandle = handle;
  do {
    const r = await store.searchPosts({ author: handle, after, limit: 500 });
    for (const p of r.posts) {
      if (p.platform !== platform) continue;
      if (!times.length) displayHandle = p.authorHandle;
      times.push(p.createdAt);
    }
    after = r.next;
    if (after && times.length >= ACTIVITY_SCAN) capped = true;
  } while (after && !capped);

  const registry = registryIndex(views.watchlist).get(key);
  const actor = registry ? views.actorsById.get(registry.actorId) : undefined;
  let candidate: { id: string; name: string; raceId: string } | undefined;
  for (const race of views.watchlist.races) {
    for (const c of race.candidates) if ((c.handles[platform] ?? []).some((h) => h.toLowerCase() === handle.toLowerCase())) candidate = { id: c.id, name: c.name, raceId: race.id };
  }

  const { findings, incidents, networks, coActors } = (await accountIndex(views, groups)).get(key) ?? { findings: [], incidents: [], networks: [], coActors: [] };

  return {
    account: { id: `${platform}:${displayHandle}`, platform, handle: displayHandle },
    registry: actor ? { id: actor.id, name: actor.name, country: actor.country, role: actor.role, kind: actor.kind } : null,
    candidate: candidate ?? null,
    posts: times.length,
    postsCapped: capped,
    firstSeen: capped ? null : (times[times.length - 1] ?? null),
    lastSeen: times[0] ?? null,
    activity: hourly(times),
    findings: findings.slice(0, 200).map((f) => ({ id: f.id, kind: f.kind, score: f.score, observedAt: f.observedAt, explanation: f.explanation, raceIds: f.targets.raceIds })),
    incidents,
    networks,
    coActors,
  };
}

interface AccountEntry {
  findings: Finding[];
  incidents: { id: string; title: string; score: number; status: string; raceId: string }[];
  networks: { id: string; label: string; accounts: number; score: number; source: boolean }[];
  coActors: { account: string; weight: number; kinds: string[] }[];
}

const indexes = new WeakMap<Views, { version: number; index: Promise<Map<string, AccountEntry>> }>();

/**
 * What the read models say about every account (`platform:handle`, lower case): findings naming it,
 * their incidents, its groups and co-actors. Built once per views version, so an account page costs
 * a lookup and its own post scan, not a pass over every finding and edge.
 */
function accountIndex(views: Views, groups: Map<string, Group>): Promise<Map<string, AccountEntry>> {
  const hit = indexes.get(views);
  if (hit?.version === views.version) return hit.index;
  const index = buildAccountIndex(views, groups);
  indexes.set(views, { version: views.version, index });
  index.catch(() => indexes.delete(views));
  return index;
}

async function buildAccountIndex(views: Views, groups: Map<string, Group>): Promise<Map<string, AccountEntry>> {
  const out = new Map<string, AccountEntry>();
  const entry = (account: string) => {
    const k = account.toLowerCase();
    let e = out.get(k);
    if (!e) out.set(k, (e = { findings: [], incidents: [], networks: [], coActors: [] }));
    return e;
  };
  for (const race of views.watchlist.races) {
    const v = await views.raceView(race);
    const rows = new Map(v.incidents.map((i) => [i.id, i]));
    for (const f of v.findings) {
      for (const a of new Set(f.subjects.accounts.map((x) => x.toLowerCase()))) {
        const e = entry(a);
        e.findings.push(f);
        for (const id of v.incidentsOfFinding.get(f.id) ?? []) {
          const i = rows.get(id);
          if (i && !e.incidents.some((x) => x.id === id)) e.incidents.push({ id: i.id, title: i.title, score: i.score, status: i.status, raceId: i.raceId });
        }
      }
    }
  }
  const co = new Map<string, Map<string, { account: string; weight: number; kinds: Set<string> }>>();
  const coOf = (a: string, other: string) => {
    const k = a.toLowerCase();
    let m = co.get(k);
    if (!m) co.set(k, (m = new Map()));
    let c = m.get(other);
    if (!c) m.set(other, (c = { account: other, weight: 0, kinds: new Set() }));
    return c;
  };
  for (const g of groups.values()) {
    const accounts = g.nodes.filter((n) => !n.source).length;
    for (const n of g.nodes) entry(n.id).networks.push({ id: g.id, label: g.label, accounts, score: g.score, source: n.source ?? false });
    // Who each account co-acted with, over all its groups: summed edge weight and the co-action kinds.
    for (const e of g.edges) {
      for (const [a, b] of [[e.source, e.target], [e.target, e.source]]) {
        const c = coOf(a, b);
        c.weight += e.weight;
        c.kinds.add(e.kind);
      }
    }
  }
  for (const [k, m] of co) {
    entry(k).coActors = [...m.values()].sort((a, b) => b.weight - a.weight || (a.account < b.account ? -1 : 1)).slice(0, 100).map((c) => ({ account: c.account, weight: c.weight, kinds: [...c.kinds].sort() }));
  }
  for (const e of out.values()) e.findings.sort((a, b) => (a.observedAt < b.observedAt ? 1 : -1));
  return out;
}
