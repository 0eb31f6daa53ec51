/**
 * The coordination engine: co-action rows → per-kind weighted edges (CooRTweet or toolkit
 * semantics) → thresholds → one combined account graph → connected components and seeded
 * Louvain communities → groups scored against chance, with per-edge provenance.
 *
 * Timestamps. IO archives give minutes only (`2024-03-01 14:05`), so every post of a minute gets
 * second 0 and Δt is a multiple of 60 s: two posts one second apart across a minute boundary show
 * Δt = 60, two posts 59 s apart inside a minute show Δt = 0. With |Δt| ≤ window inclusive, a window
 * below 60 s on such data means "same minute" and a window of 60 means "same or adjacent minute".
 * Ties (Δt = 0) are co-actions like any other; nothing is reordered or jittered, so results match
 * CooRTweet on the same integer timestamps. `minuteOnly` in the result says when this applies.
 */
import { PairCounter } from './hash-table.js';
import { CO_KINDS, type CoKind, type Interner, PostColumns } from './columns.js';
import { louvain, toCsr, components } from './louvain.js';
import { forEachPair, pairRows, subsetRows, thresholdEdges, type CoRows, type EdgeList, type KeptPairs, type Semantics, type SortedRows, type Threshold } from './pairs.js';
import { clusterNearDuplicates, type NearDuplicateIndex } from './minhash.js';
import { groupEvidence, scoreFromEvidence, type GroupEvidence } from './null-model.js';
import { refineCommunities } from './refine.js';
import { runWorker } from './workers.js';

/** Options of a coordination run. Defaults: window 60 s, min participation 2, edge weight 0.5. */
export interface EngineOptions {
  kinds: readonly CoKind[];
  timeWindow: number;
  minParticipation: number;
  threshold: Threshold;
  semantics: Semantics;
  /** Louvain seed. */
  seed: number;
  /** Jaccard threshold for near-duplicate text (MinHash/LSH); 1 = exact normalized text only. */
  textSimilarity: number;
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  kinds: ['repost', 'link', 'hashtag'],
  timeWindow: 60,
  minParticipation: 2,
  threshold: { edgeWeight: 0.5 },
  semantics: 'coortweet',
  seed: 1,
  textSimilarity: 0.8,
};

/** Per-kind outcome. Arrays of `edges` and the per-edge arrays share indices. */
export interface KindResult {
  kind: CoKind;
  rows: number;
  /** Edges before the threshold. */
  edgesBefore: number;
  /** Weight cut applied and its rule in words. */
  cut: number;
  rule: string;
  /** Edges kept (directed a→b with toolkit semantics, else a < b). */
  edges: EdgeList;
  /** First and last co-action of each kept edge (epoch ms). */
  first: Float64Array;
  last: Float64Array;
  /** Mean |Δt| of each kept edge's co-actions (seconds). */
  meanDt: Float64Array;
  /** Co-actions expected by chance for each kept edge (see `exposure`). */
  expected: Float64Array;
  sorted: SortedRows;
  /** Object ids → strings for this kind (`value(id)`). */
  objects: Interner;
}

/** A community of the combined graph with its readable score parts. */
export interface Group {
  /** Stable id from the sorted member account ids. */
  id: string;
  /** Dense account ids. */
  members: number[];
  component: number;
  /** Co-action weight inside the group by kind. */
  coActions: Partial<Record<CoKind, number>>;
  edges: number;
  density: number;
  /** Total weight W and what chance would give, E. */
  weight: number;
  expected: number;
  /**
   * Evidence against chance in orders of magnitude: −log10 of the corrected p-value bound of the
   * group's joint events under the null model of `null-model.ts` (= `chance.evidence`). Above 3,
   * chance is a poor explanation even after allowing for every pair that was looked at.
   */
  surprise: number;
  /** The null model's parts: events, joins observed and expected, corrected log10 p. */
  chance: Omit<GroupEvidence, 'memberEvents'>;
  /** Events each member took part in (dense account id → count), out of `chance.totalEvents`. */
  memberEvents: Map<number, number>;
  /** 1 − mean |Δt| / window, weighted by co-actions. */
  tightness: number;
  /** Mean weight per edge. */
  repetition: number;
  firstMs: number;
  lastMs: number;
  /** 0..1, higher is less likely by chance. */
  score: number;
  /** Most pushed objects, per kind, with how many member rows co-acted on them. */
  objects: { kind: CoKind; object: string; rows: number }[];
  /** Posts (dense ids) of the group's internal co-actions, at most 500. */
  posts: number[];
  /** Reposted authors (dense account ids) per member, counted over internal co-reposts. */
  repostedAuthors: Map<number, Map<number, number>>;
  /** Sample of co-action pairs on the group's strongest edges: [kind, object, post a, post b] as dense ids. */
  evidence: { kind: CoKind; object: number; postA: number; postB: number }[];
}

export interface EngineResult {
  options: EngineOptions;
  cols: PostColumns;
  kinds: KindResult[];
  /** Combined graph over accounts (sum of kept weights of every kind). */
  graph: { a: Int32Array; b: Int32Array; weight: Float64Array };
  /** Community and component per account (-1 for accounts without a kept edge). */
  community: Int32Array;
  component: Int32Array;
  groups: Group[];
  minuteOnly: boolean;
}

/** One provenance row: a co-action behind a kept edge. */
export interface ProvenanceRow {
  kind: CoKind;
  edge: number;
  object: string;
  postA: number;
  postB: number;
  dtSeconds: number;
}

function rowsOf(cols: PostColumns, kind: CoKind): CoRows {
  const t = cols.tables.get(kind)!;
  const post = t.post.view();
  const n = post.length;
  const acct = new Int32Array(n);
  const timeMs = new Float64Array(n);
  const author = cols.author.data;
  const times = cols.timeMs.data;
  for (let i = 0; i < n; i++) {
    acct[i] = author[post[i]];
    timeMs[i] = times[post[i]];
  }
  return { obj: t.obj.view(), acct, post, timeMs, accounts: cols.accounts.size, posts: cols.posts, objects: t.objects.size };
}

/**
 * Chance exposure: for each account, the number of other rows within the window of its rows on the
 * same objects. If accounts were assigned to rows at random, a's co-actions with b would number
 * about X_a · n_b / R (n_b: rows of b, R: all rows). Popular objects and busy times raise X_a; very
 * active accounts raise n_b. `E_ab` averages both directions.
 */
function exposure(s: SortedRows, accounts: number, windowMs: number): { x: Float64Array; n: Float64Array; total: number } {
  const x = new Float64Array(accounts);
  const n = new Float64Array(accounts);
  const { starts, acct, timeMs } = s;
  for (let g = 0; g + 1 < starts.length; g++) {
    const begin = starts[g];
    const end = starts[g + 1];
    let lo = begin;
    let hi = begin;
    for (let i = begin; i < end; i++) {
      while (timeMs[lo] < timeMs[i] - windowMs) lo++;
      if (hi < i) hi = i;
      while (hi + 1 < end && timeMs[hi + 1] <= timeMs[i] + windowMs) hi++;
      x[acct[i]] += hi - lo;
      n[acct[i]]++;
    }
  }
  return { x, n, total: acct.length };
}

/** Poisson upper-tail bound −log10 P(X ≥ w | e) (Chernoff), 0 when w ≤ e. */
export function poissonSurprise(w: number, e: number): number {
  if (w <= e) return 0;
  const lambda = Math.max(e, 1e-12);
  return (lambda - w + w * Math.log(w / lambda)) / Math.LN10;
}

/** Stable short id of a set of account ids (FNV-1a 64 over the sorted ids). */
export function groupId(accountIds: string[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (const id of [...accountIds].sort()) {
    for (let i = 0; i < id.length; i++) {
      h1 = Math.imul(h1 ^ id.charCodeAt(i), 0x01000193);
      h2 = Math.imul(h2 ^ id.charCodeAt(i), 0x5bd1e995);
    }
    h1 = Math.imul(h1 ^ 0x2c, 0x01000193);
  }
  return `group:${(h1 >>> 0).toString(16).padStart(8, '0')}${(h2 >>> 0).toString(16).padStart(8, '0')}`;
}

/** Phases reported to `onPhase`. */
export type EnginePhase = 'near-duplicates' | 'pairing' | 'pairing workers' | 'communities' | 'provenance' | 'chance';

/** What pairing one kind yields (computed on this thread or in a worker). */
export interface PairedKind {
  kind: CoKind;
  rows: number;
  edgesBefore: number;
  cut: number;
  rule: string;
  edges: EdgeList;
  expected: Float64Array;
  sorted: SortedRows;
  kept?: KeptPairs;
}

type PairSettings = Pick<EngineOptions, 'timeWindow' | 'minParticipation' | 'semantics' | 'threshold'>;

/**
 * Pair, threshold and price one kind's rows, from what an earlier run kept when given (`pairRows`).
 * Pure: safe to run in a worker thread.
 */
export function pairKind(kind: CoKind, rows: CoRows, opts: PairSettings, kept?: KeptPairs, oldObj?: Int32Array): PairedKind {
  const paired = pairRows(rows, opts, kept, oldObj);
  const t = thresholdEdges(paired.edges, opts.threshold);
  const kept2 = t.edges;
  const ex = exposure(paired.sorted, rows.accounts, opts.timeWindow * 1000);
  const expected = new Float64Array(kept2.a.length);
  for (let e = 0; e < kept2.a.length; e++) {
    const a = kept2.a[e];
    const b = kept2.b[e];
    expected[e] = ex.total ? (ex.x[a] * ex.n[b] + ex.x[b] * ex.n[a]) / (2 * ex.total) : 0;
  }
  return { kind, rows: rows.obj.length, edgesBefore: paired.edges.a.length, cut: t.cut, rule: t.rule, edges: kept2, expected, sorted: paired.sorted, kept: paired.kept };
}

/**
 * What the pairing of each kind left for the next run over the same columns plus posts added after
 * them (`KeptPairs`), valid for the pairing settings it ran with. `runEngineParallel` updates it in place.
 */
export interface PairMemory {
  settings: string;
  kinds: Map<CoKind, KeptPairs>;
}

/** The pairing settings a `PairMemory` holds for. */
function pairSettingsKey(opts: EngineOptions): string {
  return JSON.stringify([opts.timeWindow, opts.minParticipation, opts.semantics]);
}

type Hooks = { onPhase?: (phase: EnginePhase, kind?: CoKind) => void; onProvenance?: (row: ProvenanceRow, cols: PostColumns) => void };

/** Options of `runEngineParallel` beyond the engine's. */
export interface ParallelOptions {
  threads?: number;
  /** Near-duplicate clusters of the texts an earlier run saw (their ids first in the text table), updated in place. */
  textIndex?: NearDuplicateIndex;
  /** What an earlier run over the first posts of `cols` kept of its pairing, updated in place. */
  pairMemory?: PairMemory;
}

/** Near-duplicate clustering, then the kinds to pair, in order. */
function prepare(cols: PostColumns, opts: EngineOptions, hooks: Hooks, textIndex?: NearDuplicateIndex): CoKind[] {
  if (cols.tables.has('text') && opts.textSimilarity < 1) {
    hooks.onPhase?.('near-duplicates');
    clusterNearDuplicates(cols, opts.textSimilarity, opts.seed, textIndex);
  }
  return CO_KINDS.filter((kind) => cols.tables.has(kind) && opts.kinds.includes(kind));
}

/**
 * Run the engine on columns already filled (by `readIoArchiveColumns` or `addPost`).
 * `onProvenance` receives every co-action behind every kept edge (for a side file).
 */
export function runEngine(cols: PostColumns, options: Partial<EngineOptions> = {}, hooks: Hooks = {}): EngineResult {
  const opts: EngineOptions = { ...DEFAULT_ENGINE_OPTIONS, ...options };
  const paired = prepare(cols, opts, hooks).map((kind) => {
    hooks.onPhase?.('pairing', kind);
    return pairKind(kind, rowsOf(cols, kind), opts);
  });
  return finish(cols, opts, paired, hooks);
}

/**
 * `runEngine` with the co-action kinds paired on `threads` threads (default 2): the kinds with
 * the most rows go to worker threads while this thread pairs the rest. Kinds that `pairMemory`
 * holds are paired here: only what the new posts touch is paired again. Same result as `runEngine`.
 */
export async function runEngineParallel(cols: PostColumns, options: Partial<EngineOptions> & ParallelOptions = {}, hooks: Hooks = {}): Promise<EngineResult> {
  const { textIndex, pairMemory, ...engineOptions } = options;
  const opts: EngineOptions = { ...DEFAULT_ENGINE_OPTIONS, ...engineOptions };
  const settingsKey = pairSettingsKey(opts);
  const memory = pairMemory?.settings === settingsKey ? pairMemory.kinds : new Map<CoKind, KeptPairs>();
  // Clustering may merge the clusters of texts seen before: their rows' objects as the kept pairing saw them.
  const keptText = memory.get('text');
  const oldTextObj = keptText && cols.tables.get('text')?.obj.view().slice(0, keptText.rows);
  const kinds = prepare(cols, opts, hooks, textIndex);
  const pair = (kind: CoKind, rows: CoRows) => pairKind(kind, rows, opts, memory.get(kind), kind === 'text' ? oldTextObj : undefined);
  const threads = Math.max(1, Math.floor(options.threads ?? 2));
  // Greedy split by row count: the biggest kinds paired from scratch to workers, one each, the rest here.
  const fromScratch = kinds.filter((k) => !memory.has(k)).sort((a, b) => cols.tables.get(b)!.rows - cols.tables.get(a)!.rows);
  const remote = threads < 2 || kinds.length < 2 ? [] : fromScratch.slice(0, Math.min(threads - 1, kinds.length - 1));
  const settings: PairSettings = { timeWindow: opts.timeWindow, minParticipation: opts.minParticipation, semantics: opts.semantics, threshold: opts.threshold };
  const pending = new Map<CoKind, Promise<PairedKind>>();
  for (const kind of remote) {
    const rows = rowsOf(cols, kind);
    const transfer = [rows.obj.slice(), rows.acct, rows.post.slice(), rows.timeMs];
    const data = { kind, rows: { ...rows, obj: transfer[0], post: transfer[2] }, settings };
    pending.set(kind, runWorker<PairedKind>('pair-worker', data, transfer.map((a) => a.buffer as ArrayBuffer)));
  }
  const local = new Map<CoKind, PairedKind>();
  for (const kind of kinds) {
    if (pending.has(kind)) continue;
    hooks.onPhase?.('pairing', kind);
    local.set(kind, pair(kind, rowsOf(cols, kind)));
  }
  if (pending.size) hooks.onPhase?.('pairing workers');
  for (const [kind, p] of pending) local.set(kind, await p);
  const paired = kinds.map((k) => local.get(k)!);
  if (pairMemory) {
    pairMemory.settings = settingsKey;
    pairMemory.kinds = new Map(paired.flatMap((p) => (p.kept ? [[p.kind, p.kept] as const] : [])));
  }
  return finish(cols, opts, paired, hooks);
}

function finish(cols: PostColumns, opts: EngineOptions, paired: PairedKind[], hooks: Hooks): EngineResult {
  const windowMs = opts.timeWindow * 1000;
  let minuteOnly = cols.posts > 0;
  for (let i = 0; i < cols.posts && minuteOnly; i++) if (cols.timeMs.data[i] % 60_000 !== 0) minuteOnly = false;
  // 1. Each kind's kept edges, with room for their first/last times and mean Δt.
  const kinds: KindResult[] = paired.map((p) => ({
    ...p,
    first: new Float64Array(p.edges.a.length).fill(Infinity),
    last: new Float64Array(p.edges.a.length).fill(-Infinity),
    meanDt: new Float64Array(p.edges.a.length),
    objects: cols.tables.get(p.kind)!.objects,
  }));

  // 2. Combined undirected graph and its communities.
  hooks.onPhase?.('communities');
  const index = new PairCounter(1 << 12);
  const ga: number[] = [];
  const gb: number[] = [];
  const gw: number[] = [];
  for (const k of kinds) {
    for (let e = 0; e < k.edges.a.length; e++) {
      const a = Math.min(k.edges.a[e], k.edges.b[e]);
      const b = Math.max(k.edges.a[e], k.edges.b[e]);
      let slot = index.get(a, b);
      if (slot === 0) {
        ga.push(a);
        gb.push(b);
        gw.push(0);
        slot = index.add(a, b, ga.length);
      }
      gw[slot - 1] += k.edges.weight[e];
    }
  }
  const n = cols.accounts.size;
  // Only accounts with a kept edge enter the graph algorithms (most accounts have none).
  const local = new Int32Array(n).fill(-1);
  const nodes: number[] = [];
  for (const list of [ga, gb]) for (const v of list) if (local[v] === -1) local[v] = nodes.push(v) - 1;
  const csr = toCsr(nodes.length, ga.map((v) => local[v]), gb.map((v) => local[v]), gw);
  // Louvain, then connected parts and dense pieces merged (refine.ts): one network, one group.
  const localCommunity = refineCommunities(csr, louvain(csr, opts.seed));
  const localComponent = components(csr);
  const community = new Int32Array(n).fill(-1);
  const component = new Int32Array(n).fill(-1);
  nodes.forEach((v, i) => {
    community[v] = localCommunity[i];
    component[v] = localComponent[i];
  });

  // 3. Groups: communities with at least two members joined by kept edges.
  const hasEdge = new Uint8Array(n);
  for (const v of nodes) hasEdge[v] = 1;
  const byComm = new Map<number, number[]>();
  for (let v = 0; v < n; v++) {
    if (!hasEdge[v]) continue;
    const c = community[v];
    let list = byComm.get(c);
    if (!list) byComm.set(c, (list = []));
    list.push(v);
  }
  const groupOf = new Int32Array(n).fill(-1);
  const groups: Group[] = [];
  for (const members of byComm.values()) {
    if (members.length < 2) continue;
    for (const v of members) groupOf[v] = groups.length;
    groups.push({
      id: groupId(members.map((v) => cols.accounts.value(v))),
      members,
      component: component[members[0]],
      coActions: {},
      edges: 0,
      density: 0,
      weight: 0,
      expected: 0,
      surprise: 0,
      chance: { events: {}, joins: 0, expectedJoins: 0, eventsUsed: 0, log10P: 0, evidence: 0, tested: 0, totalEvents: 0 },
      memberEvents: new Map(),
      tightness: 0,
      repetition: 0,
      firstMs: Infinity,
      lastMs: -Infinity,
      score: 0,
      objects: [],
      posts: [],
      repostedAuthors: new Map(),
      evidence: [],
    });
  }

  // 4. Provenance walk: per kept edge first/last/mean Δt, per group objects and evidence samples.
  hooks.onPhase?.('provenance');
  const objectCounts = groups.map(() => new Map<string, number>());
  // Evidence comes from each group's three strongest edges (any kind), a few pairs each.
  const EVIDENCE_PER_EDGE = 4;
  const POSTS_PER_GROUP = 500;
  const countedRepost = new Uint8Array(cols.posts);
  const strongest = groups.map(() => [] as { kind: CoKind; e: number; w: number }[]);
  for (const k of kinds) {
    for (let e = 0; e < k.edges.a.length; e++) {
      const g = groupOf[k.edges.a[e]];
      if (g < 0 || g !== groupOf[k.edges.b[e]]) continue;
      const list = strongest[g];
      list.push({ kind: k.kind, e, w: k.edges.weight[e] });
      list.sort((x, y) => y.w - x.w);
      if (list.length > 3) list.pop();
    }
  }
  const evidenceEdges = new Map<CoKind, Map<number, number>>(); // kind → edge → pairs taken
  for (const list of strongest) {
    for (const { kind, e } of list) {
      if (!evidenceEdges.has(kind)) evidenceEdges.set(kind, new Map());
      evidenceEdges.get(kind)!.set(e, 0);
    }
  }
  for (const k of kinds) {
    const evidenceTaken = evidenceEdges.get(k.kind) ?? new Map<number, number>();
    const edgeIndex = new PairCounter(Math.max(16, k.edges.a.length));
    for (let e = 0; e < k.edges.a.length; e++) edgeIndex.add(k.edges.a[e], k.edges.b[e], e + 1);
    const sumDt = new Float64Array(k.edges.a.length);
    const count = new Float64Array(k.edges.a.length);
    // Both accounts of a kept edge are in the graph: the pairs among their rows are all it needs, in the same order.
    const s = subsetRows(k.sorted, (i) => hasEdge[k.sorted.acct[i]] === 1);
    const record = (e: number, i: number, j: number): void => {
      const ti = s.timeMs[i];
      const tj = s.timeMs[j];
      const lo = Math.min(ti, tj);
      const hi = Math.max(ti, tj);
      if (lo < k.first[e]) k.first[e] = lo;
      if (hi > k.last[e]) k.last[e] = hi;
      sumDt[e] += (hi - lo) / 1000;
      count[e]++;
      const a = s.acct[i];
      const g = groupOf[a];
      if (g >= 0 && g === groupOf[s.acct[j]]) {
        const grp = groups[g];
        if (grp.posts.length < POSTS_PER_GROUP) grp.posts.push(s.post[i], s.post[j]);
        if (k.kind === 'repost') {
          for (const p of [s.post[i], s.post[j]]) {
            const author = cols.repostAuthor.get(p);
            if (author === undefined || countedRepost[p]) continue;
            countedRepost[p] = 1;
            const member = cols.author.data[p];
            let m = grp.repostedAuthors.get(member);
            if (!m) grp.repostedAuthors.set(member, (m = new Map()));
            m.set(author, (m.get(author) ?? 0) + 1);
          }
        }
        const key = `${k.kind}\u0000${s.obj[i]}`;
        const m = objectCounts[g];
        m.set(key, (m.get(key) ?? 0) + 1);
        const taken = evidenceTaken.get(e);
        if (taken !== undefined && taken < EVIDENCE_PER_EDGE) {
          evidenceTaken.set(e, taken + 1);
          groups[g].evidence.push({ kind: k.kind, object: s.obj[i], postA: s.post[i], postB: s.post[j] });
        }
      }
      hooks.onProvenance?.({ kind: k.kind, edge: e, object: k.objects.value(s.obj[i]), postA: s.post[i], postB: s.post[j], dtSeconds: (tj - ti) / 1000 }, cols);
    };
    forEachPair(s, windowMs, (i, j) => {
      const a = s.acct[i];
      const b = s.acct[j];
      if (k.edges.directed) {
        const e1 = edgeIndex.get(a, b);
        if (e1) record(e1 - 1, i, j);
        const e2 = edgeIndex.get(b, a);
        if (e2) record(e2 - 1, j, i);
      } else {
        const e = a < b ? edgeIndex.get(a, b) : edgeIndex.get(b, a);
        if (e) record(e - 1, i, j);
      }
    });
    for (let e = 0; e < k.edges.a.length; e++) k.meanDt[e] = count[e] ? sumDt[e] / count[e] : 0;
  }

  // 5. Score each group against chance (null-model.ts) and describe its internal edges.
  hooks.onPhase?.('chance');
  const dtWeighted = new Float64Array(groups.length);
  let candidates = 0;
  for (const k of kinds) candidates += k.edgesBefore;
  const chance = groupEvidence(kinds, groupOf, groups.map((g) => g.members), windowMs, candidates);
  for (const k of kinds) {
    for (let e = 0; e < k.edges.a.length; e++) {
      const g = groupOf[k.edges.a[e]];
      if (g < 0 || g !== groupOf[k.edges.b[e]]) continue;
      const grp = groups[g];
      const w = k.edges.weight[e];
      grp.coActions[k.kind] = (grp.coActions[k.kind] ?? 0) + w;
      grp.weight += w;
      grp.expected += k.expected[e];
      dtWeighted[g] += k.meanDt[e] * w;
      if (k.first[e] < grp.firstMs) grp.firstMs = k.first[e];
      if (k.last[e] > grp.lastMs) grp.lastMs = k.last[e];
    }
  }
  for (let i = 0; i < ga.length; i++) {
    const g = groupOf[ga[i]];
    if (g >= 0 && g === groupOf[gb[i]]) groups[g].edges++;
  }
  groups.forEach((grp, g) => {
    const size = grp.members.length;
    grp.density = grp.edges / ((size * (size - 1)) / 2);
    grp.repetition = grp.edges ? grp.weight / grp.edges : 0;
    grp.tightness = grp.weight && opts.timeWindow > 0 ? Math.max(0, 1 - dtWeighted[g] / grp.weight / opts.timeWindow) : 1;
    const { memberEvents, ...parts } = chance[g];
    grp.chance = parts;
    grp.memberEvents = memberEvents;
    grp.surprise = parts.evidence;
    grp.score = scoreGroup(grp);
    grp.objects = [...objectCounts[g]]
      .sort((x, y) => y[1] - x[1])
      .slice(0, 10)
      .map(([key, rows]) => {
        const [kind, obj] = key.split('\u0000');
        const kr = kinds.find((x) => x.kind === kind)!;
        return { kind: kind as CoKind, object: kr.objects.value(Number(obj)), rows };
      });
  });
  groups.sort((x, y) => y.surprise - x.surprise || y.weight - x.weight || (x.id < y.id ? -1 : 1));
  return { options: opts, cols, kinds, graph: { a: Int32Array.from(ga), b: Int32Array.from(gb), weight: Float64Array.from(gw) }, community, component, groups, minuteOnly };
}

/**
 * Score in 0..1, a monotone function of the evidence against chance alone (`scoreFromEvidence`):
 * 0.5 at a corrected p-value of 1 in 1,000. Density, tightness and repetition are reported beside
 * it but do not move it: a group's events already carry them.
 */
export function scoreGroup(g: Pick<Group, 'surprise'>): number {
  return scoreFromEvidence(g.surprise);
}
