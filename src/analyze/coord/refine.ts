/**
 * Community refinement after Louvain, so that one dense network comes out as one group:
 *
 * 1. split: a community whose members are not connected through edges inside it is cut into its
 *    connected parts (Louvain can leave such communities; Leiden — Traag, Waltman & van Eck 2019,
 *    "From Louvain to Leiden: guaranteeing well-connected communities" — guarantees against them);
 * 2. merge: two communities are joined when the weight between them per member pair is at least
 *    half the weight per member pair inside the sparser of the two. Louvain's resolution limit cuts a
 *    near-clique whose members share most co-actions into pieces (three parts of one 35-account
 *    network in issue 8); its pieces are as tied to each other as inside themselves, so they merge,
 *    while two different networks joined by a few chance co-actions stay apart.
 */
import type { Csr } from './louvain.js';

/** The merge rule: cross weight per pair ≥ MERGE_RATIO × the lower of the two inner weights per pair. */
export const MERGE_RATIO = 0.5;

function find(parent: Int32Array, x: number): number {
  while (parent[x] !== x) {
    parent[x] = parent[parent[x]];
    x = parent[x];
  }
  return x;
}

/** Dense renumbering in order of the smallest node. */
function renumber(label: Int32Array): Int32Array {
  const id = new Map<number, number>();
  const out = new Int32Array(label.length);
  for (let v = 0; v < label.length; v++) {
    let c = id.get(label[v]);
    if (c === undefined) id.set(label[v], (c = id.size));
    out[v] = c;
  }
  return out;
}

/** Connected parts of each community (edges inside the community only). */
export function splitDisconnected(g: Csr, comm: Int32Array): Int32Array {
  const parent = Int32Array.from({ length: g.n }, (_, i) => i);
  for (let v = 0; v < g.n; v++) {
    for (let e = g.off[v]; e < g.off[v + 1]; e++) {
      const u = g.adj[e];
      if (comm[u] !== comm[v]) continue;
      const a = find(parent, u);
      const b = find(parent, v);
      if (a !== b) parent[a] = b;
    }
  }
  const root = new Int32Array(g.n);
  for (let v = 0; v < g.n; v++) root[v] = find(parent, v);
  return renumber(root);
}

/** Merge communities tied as densely to each other as inside (see the file comment). Repeats until stable. */
export function mergeDense(g: Csr, comm0: Int32Array, ratio = MERGE_RATIO): Int32Array {
  let comm = renumber(comm0);
  for (let round = 0; round < 10; round++) {
    let c = 0;
    for (let v = 0; v < g.n; v++) if (comm[v] + 1 > c) c = comm[v] + 1;
    const size = new Float64Array(c);
    const inner = new Float64Array(c);
    for (let v = 0; v < g.n; v++) size[comm[v]]++;
    const cross = new Map<number, number>();
    for (let v = 0; v < g.n; v++) {
      for (let e = g.off[v]; e < g.off[v + 1]; e++) {
        const u = g.adj[e];
        if (u < v) continue;
        const cu = comm[u];
        const cv = comm[v];
        if (cu === cv) inner[cv] += g.w[e];
        else {
          const key = cu < cv ? cu * c + cv : cv * c + cu;
          cross.set(key, (cross.get(key) ?? 0) + g.w[e]);
        }
      }
    }
    const perPair = (x: number): number => (size[x] > 1 ? inner[x] / ((size[x] * (size[x] - 1)) / 2) : Infinity);
    const parent = Int32Array.from({ length: c }, (_, i) => i);
    let merged = false;
    // Strongest ties first, so a piece joins the network it belongs to most.
    const ties = [...cross].map(([key, w]) => {
      const a = Math.floor(key / c);
      const b = key % c;
      return { a, b, density: w / (size[a] * size[b]) };
    });
    ties.sort((x, y) => y.density - x.density || x.a - y.a || x.b - y.b);
    for (const { a, b, density } of ties) {
      // Singletons have no inner density: they join when tied like the other side's members are.
      const bar = Math.min(perPair(a), perPair(b));
      if (!Number.isFinite(bar) || density < ratio * bar) continue;
      const ra = find(parent, a);
      const rb = find(parent, b);
      if (ra === rb) continue;
      parent[ra] = rb;
      merged = true;
    }
    if (!merged) break;
    comm = renumber(Int32Array.from(comm, (x) => find(parent, x)));
  }
  return comm;
}

/** Louvain communities made connected, then dense neighbours merged. */
export function refineCommunities(g: Csr, comm: Int32Array): Int32Array {
  return mergeDense(g, splitDisconnected(g, comm));
}
