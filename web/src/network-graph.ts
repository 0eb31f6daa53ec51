/**
 * A coordinated group as a graphology graph, clustered and laid out as Gephi would: ForceAtlas2
 * (Jacomy et al., 2014, PLoS ONE 9(6): e98679) for positions, Louvain (Blondel et al., 2008) for
 * communities. No rendering here, so bench/network-view.ts can time it in Node.
 */
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import forceAtlas2, { type ForceAtlas2Settings } from 'graphology-layout-forceatlas2';
import type { Schemas } from './client.js';

/** Nodes and edges as the API sends them (types generated from its OpenAPI document). */
export type NetNode = Schemas['NetworkNode'];
export type NetEdge = Schemas['NetworkEdge'];

/** Graphology graph of a group: one edge per pair (the heavier co-action names it), arrows for amplification. */
export function buildGraph(nodes: NetNode[], edges: NetEdge[]): Graph {
  const g = new Graph({ type: 'mixed', multi: false });
  const maxActivity = Math.max(1, ...nodes.map((n) => n.activity));
  nodes.forEach((n, i) => {
    // Deterministic start (golden-angle spiral) so the same group always lays out the same way.
    const r = Math.sqrt(i + 1);
    const a = i * 2.399963;
    g.addNode(n.id, {
      label: n.source ? `${n.label} (amplified)` : n.label,
      x: r * Math.cos(a),
      y: r * Math.sin(a),
      size: 4 + 14 * Math.sqrt(n.activity / maxActivity),
      registry: Boolean(n.actorId),
      source: Boolean(n.source),
      forceLabel: Boolean(n.actorId || n.source),
    });
  });
  for (const e of edges) {
    if (!g.hasNode(e.source) || !g.hasNode(e.target) || e.source === e.target) continue;
    const directed = e.kind === 'amplifies';
    const existing = directed ? g.directedEdge(e.source, e.target) : g.undirectedEdge(e.source, e.target);
    if (existing !== undefined) {
      const w = g.getEdgeAttribute(existing, 'weight') as number;
      if (e.weight > (g.getEdgeAttribute(existing, 'top') as number)) g.mergeEdgeAttributes(existing, { kind: e.kind, top: e.weight });
      g.setEdgeAttribute(existing, 'weight', w + e.weight);
      continue;
    }
    const attrs = { weight: e.weight, top: e.weight, kind: e.kind };
    if (directed) g.addDirectedEdge(e.source, e.target, attrs);
    else g.addUndirectedEdge(e.source, e.target, attrs);
  }
  return g;
}

/** Communities by Louvain on the undirected co-action edges, written as the node attribute `community`. */
export function assignCommunities(g: Graph): void {
  const simple = new Graph({ type: 'undirected' });
  g.forEachNode((n) => simple.addNode(n));
  g.forEachEdge((_e, a, s, t) => {
    if (!simple.hasEdge(s, t)) simple.addEdge(s, t, { weight: a.weight });
  });
  const community = simple.size ? louvain(simple, { getEdgeWeight: 'weight', rng: seeded(7) }) : {};
  g.forEachNode((n) => g.setNodeAttribute(n, 'community', community[n] ?? 0));
}

/** ForceAtlas2 iterations and settings for a graph of `order` nodes (Barnes-Hut past 300). */
export function layoutPlan(g: Graph): { iterations: number; settings: ForceAtlas2Settings } {
  const order = g.order;
  return { iterations: order > 1000 ? 100 : order > 200 ? 150 : 300, settings: { ...forceAtlas2.inferSettings(g), barnesHutOptimize: order > 300, adjustSizes: false } };
}

/** The graph as plain arrays, for the layout worker (layout.worker.ts). */
export function layoutInput(g: Graph): LayoutInput {
  const ids = g.nodes();
  const index = new Map(ids.map((n, i) => [n, i]));
  const x = new Float64Array(ids.length);
  const y = new Float64Array(ids.length);
  ids.forEach((n, i) => {
    x[i] = g.getNodeAttribute(n, 'x') as number;
    y[i] = g.getNodeAttribute(n, 'y') as number;
  });
  const ends = new Uint32Array(g.size * 2);
  const weights = new Float64Array(g.size);
  let e = 0;
  g.forEachEdge((_k, a, s, t) => {
    ends[2 * e] = index.get(s)!;
    ends[2 * e + 1] = index.get(t)!;
    weights[e++] = a.weight as number;
  });
  return { x, y, ends, weights, ...layoutPlan(g) };
}

export interface LayoutInput {
  x: Float64Array;
  y: Float64Array;
  /** Edge endpoints as node indexes, two per edge. */
  ends: Uint32Array;
  weights: Float64Array;
  iterations: number;
  settings: ForceAtlas2Settings;
}

/** Run ForceAtlas2 on plain arrays, calling `progress` every `step` iterations with the positions. */
export function runLayout(input: LayoutInput, step: number, progress: (x: Float64Array, y: Float64Array, done: number) => void): void {
  const g = new Graph({ type: 'undirected', multi: true });
  for (let i = 0; i < input.x.length; i++) g.addNode(i, { x: input.x[i], y: input.y[i] });
  for (let e = 0; e < input.weights.length; e++) g.addEdge(input.ends[2 * e], input.ends[2 * e + 1], { weight: input.weights[e] });
  const x = new Float64Array(input.x.length);
  const y = new Float64Array(input.y.length);
  for (let done = 0; done < input.iterations; ) {
    const n = Math.min(step, input.iterations - done);
    forceAtlas2.assign(g, { iterations: n, getEdgeWeight: 'weight', settings: input.settings });
    done += n;
    g.forEachNode((k, a) => {
      x[Number(k)] = a.x as number;
      y[Number(k)] = a.y as number;
    });
    progress(x, y, done);
  }
}

/** Communities and ForceAtlas2 positions at once, on this thread (bench/network-view.ts, and browsers without workers). */
export function layoutGraph(g: Graph): void {
  assignCommunities(g);
  const input = layoutInput(g);
  const ids = g.nodes();
  runLayout(input, input.iterations, (x, y) => ids.forEach((n, i) => g.mergeNodeAttributes(n, { x: x[i], y: y[i] })));
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}
