/**
 * Serialisations of an engine run: edges.csv, groups.json, the provenance side file and the
 * network for GEXF/GraphML. CSV cells are account ids, post ids, URLs and hashtags: they are
 * written exactly (RFC 4180 quoting only), so edges.csv joins the input and CooRTweet's edge lists
 * byte for byte; hashed ids are base64 and often begin with `+`. Only free text (the object of a
 * text co-action) gets the spreadsheet formula guard, or every cell with `spreadsheetSafe`.
 */
import type { Network, NetworkEdge, NetworkNode } from '../../export/gexf.js';
import { csvRow, type CsvGuard } from '../../util/escape.js';
import type { PostColumns } from './columns.js';
import type { EngineResult, ProvenanceRow } from './engine.js';
import { accountLabel, type GroupTargets } from './findings.js';

const iso = (ms: number): string => new Date(ms).toISOString();

/** Order an edge's endpoints as written: undirected edges by account id (string order). */
function endpoints(r: EngineResult, a: number, b: number, directed: boolean): [string, string] {
  const x = r.cols.accounts.value(a);
  const y = r.cols.accounts.value(b);
  return directed || x < y ? [x, y] : [y, x];
}

/** Options of the CSV side files. */
export interface CsvOptions {
  /** Put the formula guard (a leading `'`) on every cell that starts with = + - @, ids included. */
  spreadsheetSafe?: boolean;
}

const IDS_ONLY: CsvGuard = new Set<number>();
const OBJECT_CELL: CsvGuard = new Set([3]);

/** `edges.csv`: account_a,account_b,co_action,weight — then first/last co-action time. */
export function* edgesCsvLines(r: EngineResult, opts: CsvOptions = {}): Generator<string> {
  const guard = opts.spreadsheetSafe ? 'all' : IDS_ONLY;
  yield 'account_a,account_b,co_action,weight,first_at,last_at';
  for (const k of r.kinds) {
    const order = Array.from(k.edges.a, (_, i) => i).sort((i, j) => k.edges.weight[j] - k.edges.weight[i]);
    for (const e of order) {
      const [a, b] = endpoints(r, k.edges.a[e], k.edges.b[e], k.edges.directed);
      yield csvRow([a, b, k.kind, k.edges.weight[e], iso(k.first[e]), iso(k.last[e])], guard);
    }
  }
}

/** Header of the provenance side file. */
export const PROVENANCE_HEADER = 'account_a,account_b,co_action,object,post_a,post_b,dt_seconds';

/**
 * One provenance row: the edge's accounts (as in edges.csv), the object, the two posts and |Δt|.
 * The object of a text co-action is post text, so it gets the formula guard.
 */
export function provenanceLine(cols: PostColumns, row: ProvenanceRow, directed: boolean, opts: CsvOptions = {}): string {
  let pa = row.postA;
  let pb = row.postB;
  let x = cols.accounts.value(cols.author.data[pa]);
  let y = cols.accounts.value(cols.author.data[pb]);
  if (!directed && y < x) {
    [x, y] = [y, x];
    [pa, pb] = [pb, pa];
  }
  const guard = opts.spreadsheetSafe ? 'all' : row.kind === 'text' ? OBJECT_CELL : IDS_ONLY;
  return csvRow([x, y, row.kind, row.object, cols.postIds.get(pa), cols.postIds.get(pb), Math.abs(row.dtSeconds)], guard);
}

/** One entry of groups.json. */
export interface GroupJson {
  id: string;
  accounts: string[];
  co_actions: Record<string, number>;
  score: number;
  targets: { kind: 'candidate' | 'race'; id: string }[];
  handles: string[];
  component: number;
  first_at: string;
  last_at: string;
  score_parts: { size: number; edges: number; density: number; tightness: number; repetition: number; surprise: number; weight: number; expected: number; foreign_share: number };
  objects: { kind: string; object: string; rows: number }[];
  member_actors: GroupTargets['memberActors'];
  amplified: GroupTargets['amplified'];
}

const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;

/** groups.json entries, best score first. `targets` come from `groupTargets` when a watchlist is given. */
export function groupsJson(r: EngineResult, targets?: Map<string, GroupTargets>): GroupJson[] {
  return r.groups.map((g) => {
    const t = targets?.get(g.id);
    return {
      id: g.id,
      accounts: g.members.map((m) => r.cols.accounts.value(m)),
      co_actions: g.coActions as Record<string, number>,
      score: round(g.score),
      targets: t ? [...t.candidateIds.map((id) => ({ kind: 'candidate' as const, id })), ...t.raceIds.map((id) => ({ kind: 'race' as const, id }))] : [],
      handles: g.members.map((m) => accountLabel(r, m)),
      component: g.component,
      first_at: iso(g.firstMs),
      last_at: iso(g.lastMs),
      score_parts: {
        size: g.members.length,
        edges: g.edges,
        density: round(g.density),
        tightness: round(g.tightness),
        repetition: round(g.repetition),
        surprise: round(g.surprise, 2),
        weight: g.weight,
        expected: round(g.expected, 4),
        foreign_share: round(t?.foreignShare ?? 0),
      },
      objects: g.objects,
      member_actors: t?.memberActors ?? [],
      amplified: t?.amplified ?? [],
    };
  });
}

const FOREIGN: [number, number, number] = [214, 39, 40];
const GROUPED: [number, number, number] = [31, 119, 180];
const OTHER: [number, number, number] = [170, 170, 170];

/**
 * The kept-edge network for GEXF/GraphML: nodes are accounts with a kept edge (label = handle),
 * coloured red when foreign-linked (a registry actor or amplifying one), blue when in a group
 * scoring ≥ 0.5, grey otherwise; one edge per co-action kind with its weight and time interval.
 */
export function toNetwork(r: EngineResult, targets?: Map<string, GroupTargets>): Network {
  const groupOf = new Map<number, { id: string; score: number }>();
  for (const g of r.groups) for (const m of g.members) groupOf.set(m, { id: g.id, score: g.score });
  const foreign = new Set<string>();
  for (const t of targets?.values() ?? []) {
    for (const a of t.memberActors) foreign.add(a.account);
    for (const a of t.amplified) foreign.add(a.account);
  }
  const used = new Set<number>();
  for (const k of r.kinds) for (let e = 0; e < k.edges.a.length; e++) used.add(k.edges.a[e]).add(k.edges.b[e]);
  const nodes: NetworkNode[] = [...used].sort((x, y) => x - y).map((v) => {
    const label = accountLabel(r, v);
    const g = groupOf.get(v);
    const isForeign = foreign.has(label);
    return {
      id: r.cols.accounts.value(v),
      label,
      attributes: { group: g?.id, group_score: g ? round(g.score) : undefined, community: r.community[v], component: r.component[v], foreign: isForeign },
      color: isForeign ? FOREIGN : g && g.score >= 0.5 ? GROUPED : OTHER,
    };
  });
  const edges: NetworkEdge[] = [];
  for (const k of r.kinds) {
    for (let e = 0; e < k.edges.a.length; e++) {
      const [source, target] = endpoints(r, k.edges.a[e], k.edges.b[e], k.edges.directed);
      edges.push({ source, target, weight: k.edges.weight[e], kind: k.kind, start: iso(k.first[e]), end: iso(k.last[e]), attributes: { mean_dt: round(k.meanDt[e]), expected: round(k.expected[e], 4) } });
    }
  }
  return {
    directed: r.options.semantics === 'toolkit',
    description: `Vigil coordination network: ${r.kinds.map((k) => `co-${k.kind} ${k.rule}`).join('; ')}; window ${r.options.timeWindow} s`,
    nodeAttributes: [
      { id: 'group', title: 'group', type: 'string' },
      { id: 'group_score', title: 'group_score', type: 'double' },
      { id: 'community', title: 'community', type: 'integer' },
      { id: 'component', title: 'component', type: 'integer' },
      { id: 'foreign', title: 'foreign_link', type: 'boolean' },
    ],
    edgeAttributes: [
      { id: 'mean_dt', title: 'mean_dt_seconds', type: 'double' },
      { id: 'expected', title: 'expected_by_chance', type: 'double' },
    ],
    nodes,
    edges,
  };
}
