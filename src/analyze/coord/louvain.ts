/**
 * Louvain community detection (Blondel, Guillaume, Lambiotte & Lefebvre 2008, "Fast unfolding of
 * communities in large networks") on an undirected weighted graph in CSR form. Node visiting order
 * is shuffled with a seeded generator, so runs are repeatable.
 */
import { seededRandom as rng } from '../../util/random.js';

/** Undirected weighted graph: neighbours of node v are `adj[off[v] .. off[v+1])`. */
export interface Csr {
  n: number;
  off: Int32Array;
  adj: Int32Array;
  w: Float64Array;
}

/** CSR from an edge list (each undirected edge once; self loops allowed, counted once). */
export function toCsr(n: number, a: ArrayLike<number>, b: ArrayLike<number>, w: ArrayLike<number>): Csr {
  const deg = new Int32Array(n + 1);
  for (let i = 0; i < a.length; i++) {
    deg[a[i] + 1]++;
    if (a[i] !== b[i]) deg[b[i] + 1]++;
  }
  for (let v = 0; v < n; v++) deg[v + 1] += deg[v];
  const pos = deg.slice(0, n);
  const adj = new Int32Array(deg[n]);
  const ww = new Float64Array(deg[n]);
  for (let i = 0; i < a.length; i++) {
    adj[pos[a[i]]] = b[i];
    ww[pos[a[i]]++] = w[i];
    if (a[i] !== b[i]) {
      adj[pos[b[i]]] = a[i];
      ww[pos[b[i]]++] = w[i];
    }
  }
  return { n, off: deg, adj, w: ww };
}

/** One pass of local moves; returns the community of each node and whether anything moved. */
function localMoves(g: Csr, random: () => number): { comm: Int32Array; moved: boolean } {
  const { n, off, adj, w } = g;
  const comm = new Int32Array(n);
  const k = new Float64Array(n); // weighted degree (a self loop counts twice)
  let m2 = 0;
  for (let v = 0; v < n; v++) {
    comm[v] = v;
    for (let e = off[v]; e < off[v + 1]; e++) k[v] += adj[e] === v ? 2 * w[e] : w[e];
    m2 += k[v];
  }
  if (m2 === 0) return { comm, moved: false };
  const tot = Float64Array.from(k);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  const linkTo = new Float64Array(n);
  const touched: number[] = [];
  let movedAny = false;
  for (let pass = 0; pass < 50; pass++) {
    let moved = 0;
    for (let oi = 0; oi < n; oi++) {
      const v = order[oi];
      const cv = comm[v];
      for (let e = off[v]; e < off[v + 1]; e++) {
        const u = adj[e];
        if (u === v) continue;
        const cu = comm[u];
        if (linkTo[cu] === 0) touched.push(cu);
        linkTo[cu] += w[e];
      }
      tot[cv] -= k[v];
      // Gain of joining c: linkTo[c] - tot[c] * k[v] / m2 (constant factors dropped).
      let best = cv;
      let bestGain = linkTo[cv] - (tot[cv] * k[v]) / m2;
      for (const c of touched) {
        const gain = linkTo[c] - (tot[c] * k[v]) / m2;
        if (gain > bestGain + 1e-12) {
          best = c;
          bestGain = gain;
        }
      }
      tot[best] += k[v];
      if (best !== cv) {
        comm[v] = best;
        moved++;
      }
      for (const c of touched) linkTo[c] = 0;
      linkTo[cv] = 0;
      touched.length = 0;
    }
    if (moved === 0) break;
    movedAny = true;
  }
  return { comm, moved: movedAny };
}

/**
 * Communities of an undirected weighted graph: an Int32Array of dense community ids (0..c-1),
 * numbered in order of their smallest node.
 */
export function louvain(g: Csr, seed = 1): Int32Array {
  const random = rng(seed);
  let membership = Int32Array.from({ length: g.n }, (_, i) => i);
  let graph = g;
  for (let level = 0; level < 20; level++) {
    const { comm, moved } = localMoves(graph, random);
    if (!moved) break;
    // Renumber communities densely.
    const id = new Int32Array(graph.n).fill(-1);
    let c = 0;
    for (let v = 0; v < graph.n; v++) if (id[comm[v]] === -1) id[comm[v]] = c++;
    for (let v = 0; v < membership.length; v++) membership[v] = id[comm[membership[v]]];
    // Aggregate: one node per community, edge weights summed.
    const agg = new Map<number, number>();
    for (let v = 0; v < graph.n; v++) {
      const cv = id[comm[v]];
      for (let e = graph.off[v]; e < graph.off[v + 1]; e++) {
        const u = graph.adj[e];
        if (u < v) continue; // each undirected edge once (self loops: u === v)
        const cu = id[comm[u]];
        const key = cv < cu ? cv * c + cu : cu * c + cv;
        agg.set(key, (agg.get(key) ?? 0) + graph.w[e]);
      }
    }
    const a: number[] = [];
    const b: number[] = [];
    const w: number[] = [];
    for (const [key, weight] of agg) {
      a.push(Math.floor(key / c));
      b.push(key % c);
      w.push(weight);
    }
    graph = toCsr(c, a, b, w);
    if (c === 1) break;
  }
  // Number communities in order of their smallest node, for stable output.
  const renum = new Int32Array(g.n).fill(-1);
  let next = 0;
  const out = new Int32Array(g.n);
  for (let v = 0; v < g.n; v++) {
    if (renum[membership[v]] === -1) renum[membership[v]] = next++;
    out[v] = renum[membership[v]];
  }
  return out;
}

/** Modularity Q of a partition (for tests and reports). */
export function modularity(g: Csr, comm: Int32Array): number {
  let m2 = 0;
  const tot = new Map<number, number>();
  let inside = 0;
  for (let v = 0; v < g.n; v++) {
    for (let e = g.off[v]; e < g.off[v + 1]; e++) {
      const u = g.adj[e];
      const wt = u === v ? 2 * g.w[e] : g.w[e];
      m2 += wt;
      tot.set(comm[v], (tot.get(comm[v]) ?? 0) + wt);
      if (comm[u] === comm[v]) inside += wt;
    }
  }
  if (m2 === 0) return 0;
  let q = inside / m2;
  for (const t of tot.values()) q -= (t / m2) ** 2;
  return q;
}

/** Connected components: a dense component id per node. */
export function components(g: Csr): Int32Array {
  const comp = new Int32Array(g.n).fill(-1);
  const stack: number[] = [];
  let c = 0;
  for (let s = 0; s < g.n; s++) {
    if (comp[s] !== -1) continue;
    comp[s] = c;
    stack.push(s);
    while (stack.length) {
      const v = stack.pop()!;
      for (let e = g.off[v]; e < g.off[v + 1]; e++) {
        const u = g.adj[e];
        if (comp[u] === -1) {
          comp[u] = c;
          stack.push(u);
        }
      }
    }
    c++;
  }
  return comp;
}
