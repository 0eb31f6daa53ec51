/**
 * A coordinated group drawn as analysts draw it in Gephi: graphology holds the graph, ForceAtlas2
 * (Jacomy et al., 2014, PLoS ONE 9(6): e98679) lays it out, Louvain (Blondel et al., 2008) finds
 * communities, sigma.js renders it with WebGL (thousands of nodes, zoom and pan built in).
 *
 * Node size follows activity, colour the community; registry accounts get a dark red ring, amplified
 * authors are orange. Edge width follows weight, colour the co-action; `amplifies` edges are arrows.
 * Labels are drawn on the canvas as text, so a hostile handle is never markup.
 */
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import Sigma from 'sigma';
import { EdgeArrowProgram, EdgeLineProgram } from 'sigma/rendering';
import { createNodeBorderProgram } from '@sigma/node-border';
import { h, navigate, whenMounted } from './dom.js';

export interface NetNode {
  id: string;
  label: string;
  actorId?: string;
  country?: string;
  activity: number;
  source?: boolean;
}
export interface NetEdge {
  source: string;
  target: string;
  weight: number;
  kind: string;
}

/** Co-action colours, also used by the legend (CSS classes `co-<kind>`). */
export const CO_ACTION_COLOURS: Record<string, string> = {
  repost: '#3a72c2',
  link: '#2a9d8f',
  hashtag: '#9b5de5',
  text: '#6c757d',
  amplifies: '#e8823a',
  'co-action': '#8a96a3',
};
const COMMUNITY = ['#4e79a7', '#59a14f', '#b07aa1', '#76b7b2', '#edc948', '#9c755f', '#bab0ac', '#86bcb6', '#a0cbe8', '#8cd17d'];
const REGISTRY_RING = '#8b0000';
const SOURCE_FILL = '#e8823a';

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

/** Communities (Louvain on the undirected co-action edges) and ForceAtlas2 positions, written onto the graph. */
export function layoutGraph(g: Graph): void {
  const simple = new Graph({ type: 'undirected' });
  g.forEachNode((n) => simple.addNode(n));
  g.forEachEdge((_e, a, s, t) => {
    if (!simple.hasEdge(s, t)) simple.addEdge(s, t, { weight: a.weight });
  });
  const community = simple.size ? louvain(simple, { getEdgeWeight: 'weight', rng: seeded(7) }) : {};
  g.forEachNode((n, a) => g.setNodeAttribute(n, 'community', community[n] ?? 0));
  const order = g.order;
  forceAtlas2.assign(g, {
    iterations: order > 1000 ? 80 : order > 200 ? 150 : 300,
    getEdgeWeight: 'weight',
    settings: { ...forceAtlas2.inferSettings(g), barnesHutOptimize: order > 300, adjustSizes: false },
  });
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

/**
 * The network view: a sigma.js canvas (click a node for its account page) with a legend. The
 * container reports what it drew in `data-nodes`, `data-edges` and `data-render-ms` (layout and
 * first frame), which the browser tests read.
 */
export function networkView(nodes: NetNode[], edges: NetEdge[]): HTMLElement {
  const canvas = h('div', { class: 'sigma', role: 'img', 'aria-label': `Network of ${nodes.length} accounts; click an account to open it` });
  const legend = h(
    'p',
    { class: 'legend net-legend' },
    'Size: activity · fill: community · ',
    h('span', { class: 'ring' }, '◯'),
    ' registry account · ',
    h('span', { class: 'swatch src' }, '●'),
    ' amplified author · edges: ',
    Object.entries(CO_ACTION_COLOURS)
      .filter(([k]) => k !== 'co-action')
      .map(([k]) => h('span', { class: `co co-${k}` }, k === 'amplifies' ? 'amplifies →' : `co-${k}`)),
  );
  const wrap = h('div', { class: 'network-view' }, canvas, legend, h('p', { class: 'muted' }, 'Scroll or pinch to zoom, drag to pan, click an account to open it.'));
  whenMounted(canvas, () => {
    const started = performance.now();
    const g = buildGraph(nodes, edges);
    layoutGraph(g);
    const maxW = Math.max(1, ...g.mapEdges((_e, a) => a.weight as number));
    g.forEachNode((n, a) => {
      g.mergeNodeAttributes(n, {
        color: a.source ? SOURCE_FILL : COMMUNITY[(a.community as number) % COMMUNITY.length],
        type: a.registry ? 'ring' : 'circle',
        ringColor: REGISTRY_RING,
      });
    });
    g.forEachEdge((e, a) => {
      g.mergeEdgeAttributes(e, {
        size: 0.6 + 4 * Math.sqrt((a.weight as number) / maxW),
        color: CO_ACTION_COLOURS[a.kind as string] ?? CO_ACTION_COLOURS['co-action'],
        type: a.kind === 'amplifies' ? 'arrow' : 'line',
      });
    });
    const sigma = new Sigma(g, canvas as HTMLDivElement, {
      nodeProgramClasses: {
        ring: createNodeBorderProgram({
          borders: [
            { size: { value: 0.35 }, color: { attribute: 'ringColor' } },
            { size: { fill: true }, color: { attribute: 'color' } },
          ],
        }),
      },
      edgeProgramClasses: { line: EdgeLineProgram, arrow: EdgeArrowProgram },
      renderEdgeLabels: false,
      labelRenderedSizeThreshold: nodes.length > 500 ? 12 : 5,
      zIndex: true,
    });
    sigma.on('clickNode', ({ node }) => navigate(`/account/${encodeURIComponent(node)}`));
    sigma.on('enterNode', () => canvas.classList.add('pointer'));
    sigma.on('leaveNode', () => canvas.classList.remove('pointer'));
    sigma.once('afterRender', () => {
      canvas.dataset.nodes = String(g.order);
      canvas.dataset.edges = String(g.size);
      canvas.dataset.renderMs = String(Math.round(performance.now() - started));
    });
    sigma.refresh();
    return () => sigma.kill();
  });
  return wrap;
}
