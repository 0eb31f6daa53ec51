/**
 * Coordinated groups as the dashboard draws them, built from the store's coordination findings:
 * nodes (accounts, their registry link and activity), co-action edges by kind, the amplified source
 * posts and their authors, and the repost wave behind them. Also serialised as GEXF or GraphML for
 * Gephi with the writers in src/export.
 */
import { toGexf, type Network } from '../export/gexf.js';
import { toGraphml } from '../export/graphml.js';
import type { Finding, Post, Watchlist } from '../model/types.js';
import type { Store } from '../store/store.js';

/** Caps that keep one network response bounded (a 2,000-node group fits). */
export const MAX_NODES = 5000;
export const MAX_EDGES = 20000;

export interface GroupNode {
  /** `platform:handle`, as in finding subjects. */
  id: string;
  /** The handle. */
  label: string;
  actorId?: string;
  country?: string;
  /** Co-action rows the detector counted for this member (or its weighted degree); drives node size. */
  activity: number;
  /** The author of a post the group amplified (not a member). */
  source?: boolean;
}

export interface GroupEdge {
  source: string;
  target: string;
  weight: number;
  /** `repost`, `link`, `hashtag`, `text` (co-actions) or `amplifies` (member → amplified author). */
  kind: string;
}

export interface Group {
  id: string;
  /** Named by its registry member or most active account, not its hash. */
  label: string;
  findingId: string;
  score: number;
  raceIds: string[];
  explanation: string;
  observedAt: string;
  medianDelaySeconds?: number;
  /** Posts the group reposted together, oldest first, with their author when stored. */
  amplified: { ref: string; author?: string; createdAt?: string; text?: string }[];
  nodes: GroupNode[];
  edges: GroupEdge[];
}

/** Registry actors by `platform:handle` (lower case). */
export function registryIndex(watchlist: Watchlist): Map<string, { actorId: string; country: string; name: string }> {
  const out = new Map<string, { actorId: string; country: string; name: string }>();
  for (const a of watchlist.actors) for (const [platform, hs] of Object.entries(a.handles)) for (const h of hs) out.set(`${platform}:${h}`.toLowerCase(), { actorId: a.id, country: a.country, name: a.name });
  return out;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

async function getRef(store: Store, ref: string): Promise<Post | undefined> {
  const colon = ref.indexOf(':');
  return colon > 0 ? store.getPost(ref.slice(0, colon), ref.slice(colon + 1)) : undefined;
}

/** Coordinated groups from coordination findings (`detail.groupId`), by id. */
export async function loadGroups(store: Store, watchlist: Watchlist): Promise<Map<string, Group>> {
  const registry = registryIndex(watchlist);
  const out = new Map<string, Group>();
  for (const f of await store.listFindings({ kind: 'coordination' })) {
    const g = await groupOf(store, f, registry);
    out.set(g.id, g);
  }
  return out;
}

async function groupOf(store: Store, f: Finding, registry: ReturnType<typeof registryIndex>): Promise<Group> {
  const d = f.detail;
  const id = str(d.groupId) ?? f.id;
  const accounts = f.subjects.accounts.slice(0, MAX_NODES);
  const platform = accounts[0]?.slice(0, accounts[0].indexOf(':')) ?? 'x';
  const rows = new Map<string, number>();
  if (Array.isArray(d.members)) for (const m of d.members) if (m && typeof m.account === 'string') rows.set(`${platform}:${m.account}`.toLowerCase(), Number(m.rows) || 0);
  const nodes = new Map<string, GroupNode>();
  for (const a of accounts) nodes.set(a, { id: a, label: a.slice(a.indexOf(':') + 1), ...registry.get(a.toLowerCase()), activity: rows.get(a.toLowerCase()) ?? 0 });

  const evidencePosts: Post[] = [];
  for (const e of f.evidence.slice(0, 400)) {
    if (e.kind !== 'post') continue;
    const p = await getRef(store, e.ref);
    if (p) evidencePosts.push(p);
  }
  const edges: GroupEdge[] = [];
  const given = d.edges;
  if (Array.isArray(given)) {
    for (const e of given.slice(0, MAX_EDGES)) {
      if (Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'string') edges.push({ source: e[0], target: e[1], weight: Number(e[2] ?? 1), kind: str(e[3]) ?? 'co-action' });
      else if (e && typeof e === 'object' && typeof e.source === 'string' && typeof e.target === 'string') edges.push({ source: e.source, target: e.target, weight: Number(e.weight ?? 1), kind: str(e.kind) ?? 'co-action' });
    }
  } else {
    edges.push(...coActionEdges(evidencePosts));
    // Nothing to rebuild pairs from: a star around the first member, so the group still shows.
    if (!edges.length) for (const a of accounts.slice(1)) edges.push({ source: accounts[0], target: a, weight: 1, kind: 'co-action' });
  }

  // The amplified originals and their authors, linked from the members seen reposting them.
  const amplified: Group['amplified'] = [];
  const originals = Array.isArray(d.amplifiedPosts) ? d.amplifiedPosts.filter((x): x is string => typeof x === 'string').slice(0, 20) : [];
  const authorOf = new Map<string, string>();
  for (const pid of originals) {
    const ref = `${platform}:${pid}`;
    const p = await getRef(store, ref);
    if (!p) {
      amplified.push({ ref });
      continue;
    }
    const author = `${p.platform}:${p.authorHandle}`;
    authorOf.set(pid, author);
    amplified.push({ ref, author, createdAt: p.createdAt, text: p.text });
    if (!nodes.has(author)) nodes.set(author, { id: author, label: p.authorHandle, ...registry.get(author.toLowerCase()), activity: 0, source: true });
  }
  amplified.sort((a, b) => ((a.createdAt ?? '') < (b.createdAt ?? '') ? -1 : 1));
  const amplifies = new Map<string, GroupEdge>();
  for (const p of evidencePosts) {
    const to = p.repostOf ? authorOf.get(p.repostOf) : undefined;
    const from = `${p.platform}:${p.authorHandle}`;
    if (!to || to === from) continue;
    const key = `${from}\u0000${to}`;
    const e = amplifies.get(key) ?? { source: from, target: to, weight: 0, kind: 'amplifies' };
    e.weight++;
    amplifies.set(key, e);
  }
  edges.push(...amplifies.values());

  // Without detector rows, a member's activity is its weighted degree.
  const degree = new Map<string, number>();
  for (const e of edges) for (const n of [e.source, e.target]) degree.set(n, (degree.get(n) ?? 0) + e.weight);
  for (const n of nodes.values()) if (!n.activity) n.activity = degree.get(n.id) ?? 0;

  const members = [...nodes.values()].filter((n) => !n.source);
  const lead = members.find((n) => n.actorId) ?? [...members].sort((a, b) => b.activity - a.activity)[0];
  return {
    id,
    label: lead ? (members.length > 1 ? `${lead.label} + ${members.length - 1} accounts` : lead.label) : id,
    findingId: f.id,
    score: f.score,
    raceIds: f.targets.raceIds,
    explanation: f.explanation,
    observedAt: f.observedAt,
    medianDelaySeconds: typeof d.medianDelaySeconds === 'number' ? d.medianDelaySeconds : undefined,
    amplified,
    nodes: [...nodes.values()],
    edges,
  };
}

/**
 * Co-action edges from a coordination finding's evidence posts: authors who reposted the same post,
 * shared the same link or used the same hashtag are linked, one edge per pair and co-action kind,
 * weighted by how often.
 */
export function coActionEdges(posts: Post[]): GroupEdge[] {
  const byObject = new Map<string, string[]>();
  for (const p of posts) {
    const author = `${p.platform}:${p.authorHandle}`;
    const objects = [...(p.repostOf ? [`repost\u0000${p.repostOf}`] : []), ...p.urls.map((u) => `link\u0000${u}`), ...p.hashtags.map((h) => `hashtag\u0000${h.toLowerCase()}`)];
    for (const o of objects) {
      const list = byObject.get(o) ?? [];
      if (!list.includes(author)) list.push(author);
      byObject.set(o, list);
    }
  }
  const weights = new Map<string, number>();
  const link = (kind: string, x: string, y: string) => {
    const key = x < y ? `${kind}\u0000${x}\u0000${y}` : `${kind}\u0000${y}\u0000${x}`;
    weights.set(key, (weights.get(key) ?? 0) + 1);
  };
  for (const [object, authors] of byObject) {
    const kind = object.slice(0, object.indexOf('\u0000'));
    // Everyone who acted on the same object co-acted with everyone else; past a dozen accounts a
    // chain stands in for the clique, so the drawing stays readable and the edge count bounded.
    if (authors.length <= 12) for (let i = 0; i < authors.length; i++) for (let j = i + 1; j < authors.length; j++) link(kind, authors[i], authors[j]);
    else for (let i = 1; i < authors.length && i < 200; i++) link(kind, authors[i - 1], authors[i]);
  }
  return [...weights].map(([k, weight]) => {
    const [kind, source, target] = k.split('\u0000');
    return { source, target, weight, kind };
  });
}

/**
 * The repost wave: for each amplified original (at most 10), the members' reposts and quotes of it
 * with their delay in seconds. Members are looked up by author (indexed), at most 300 of them.
 */
export async function groupWave(store: Store, g: Group): Promise<{ ref: string; author?: string; createdAt: string; text?: string; reposts: { account: string; ref: string; createdAt: string; seconds: number }[] }[]> {
  const members = g.nodes.filter((n) => !n.source).slice(0, 300);
  const out = [];
  for (const a of g.amplified.slice(0, 10)) {
    if (!a.createdAt) continue;
    const pid = a.ref.slice(a.ref.indexOf(':') + 1);
    const t0 = Date.parse(a.createdAt);
    const until = new Date(t0 + 86_400_000).toISOString();
    const reposts = [];
    for (const m of members) {
      const r = await store.searchPosts({ author: m.label, since: a.createdAt, until, limit: 50 });
      for (const p of r.posts) {
        if (p.repostOf !== pid && p.quoteOf !== pid) continue;
        reposts.push({ account: m.id, ref: `${p.platform}:${p.id}`, createdAt: p.createdAt, seconds: (Date.parse(p.createdAt) - t0) / 1000 });
      }
    }
    reposts.sort((x, y) => x.seconds - y.seconds);
    out.push({ ref: a.ref, author: a.author, createdAt: a.createdAt, text: a.text, reposts });
  }
  return out;
}

// Node colours in the export: registry accounts red, amplified sources orange, others blue.
const COLOURS: Record<string, [number, number, number]> = { registry: [179, 38, 30], source: [232, 130, 58], member: [58, 114, 194] };

/** One group as an export network (the same nodes and edges the dashboard draws). */
export function groupNetwork(g: Group): Network {
  return {
    directed: false,
    description: `Vigil coordinated group ${g.id} (${g.label}), score ${g.score.toFixed(2)}, races ${g.raceIds.join(', ')}`,
    nodeAttributes: [
      { id: 'actor', title: 'registry_actor', type: 'string' },
      { id: 'country', title: 'country', type: 'string' },
      { id: 'activity', title: 'activity', type: 'double' },
      { id: 'source', title: 'amplified_source', type: 'boolean' },
    ],
    edgeAttributes: [],
    nodes: g.nodes.map((n) => ({
      id: n.id,
      label: n.label,
      attributes: { actor: n.actorId, country: n.country, activity: n.activity, source: n.source ?? false },
      color: n.actorId ? COLOURS.registry : n.source ? COLOURS.source : COLOURS.member,
    })),
    edges: g.edges.map((e) => ({ source: e.source, target: e.target, weight: e.weight, kind: e.kind, attributes: {} })),
  };
}

/** GEXF or GraphML of one group, as an attachment. */
export function groupExport(g: Group, format: 'gexf' | 'graphml'): { name: string; mediaType: string; content: string } {
  const stem = `vigil-network-${g.id.replace(/[^A-Za-z0-9._-]/g, '_')}`;
  return format === 'gexf'
    ? { name: `${stem}.gexf`, mediaType: 'application/gexf+xml', content: toGexf(groupNetwork(g)) }
    : { name: `${stem}.graphml`, mediaType: 'application/graphml+xml', content: toGraphml(groupNetwork(g)) };
}
