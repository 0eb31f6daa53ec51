/**
 * A static picture of a coordinated network for the HTML report: laid out in Node at export time
 * with ForceAtlas2 (graphology-layout-forceatlas2, synchronous, from seeded starting positions, so
 * the same network draws the same way every time) and written as inline SVG — no script, nothing
 * loaded. Node size follows activity, registry accounts are red and ringed, the authors the group
 * amplified are orange; edge width follows weight and the dash pattern the co-action kind. Labels
 * are escaped like every other text in the report.
 */
import { createRequire } from 'node:module';
import { UndirectedGraph } from 'graphology';
import { escapeHtml, safeTerminal } from '../util/escape.js';
import { seededRandom } from '../util/random.js';

export interface PictureNode {
  id: string;
  label: string;
  activity: number;
  /** A registry account (its actor id). */
  actorId?: string;
  /** The author of a post the group amplified (not a member). */
  source?: boolean;
}

export interface PictureEdge {
  source: string;
  target: string;
  weight: number;
  kind: string;
}

/** Most nodes drawn (the busiest), and most labelled; a report page stays legible. */
export const PICTURE_MAX_NODES = 150;
const LABELLED = 30;
const WIDTH = 760;
const HEIGHT = 460;
const MARGIN = 40;
const ITERATIONS = 300;

/** Dash pattern per co-action kind (solid for reposts, the strongest signal). */
const DASH: Record<string, string | undefined> = { repost: undefined, link: '6 3', hashtag: '2 3', text: '8 2 2 2', amplifies: undefined };
const EDGE_COLOUR: Record<string, string> = { amplifies: '#e8823a' };

const esc = (s: string, max = 120) => escapeHtml(safeTerminal(s, max));

// A CommonJS module whose types declare an ES default export: required, so Node and TypeScript
// (module nodenext) agree on what the import is.
const forceAtlas2 = createRequire(import.meta.url)('graphology-layout-forceatlas2') as (typeof import('graphology-layout-forceatlas2'))['default'];

/** Positions in the SVG's coordinates, by node id: ForceAtlas2 from seeded starts, scaled to fit. */
export function layoutNetwork(nodes: PictureNode[], edges: PictureEdge[], seed = 1): Map<string, { x: number; y: number }> {
  const graph = new UndirectedGraph<{ x: number; y: number; size: number }, { weight: number }>();
  const rnd = seededRandom(seed);
  for (const n of nodes) graph.addNode(n.id, { x: rnd() * 100, y: rnd() * 100, size: 1 });
  for (const e of edges) {
    if (e.source === e.target || !graph.hasNode(e.source) || !graph.hasNode(e.target)) continue;
    if (graph.hasEdge(e.source, e.target)) graph.updateEdgeAttribute(e.source, e.target, 'weight', (w) => (w ?? 0) + e.weight);
    else graph.addEdge(e.source, e.target, { weight: e.weight });
  }
  if (graph.order > 1) forceAtlas2.assign(graph, { iterations: ITERATIONS, getEdgeWeight: 'weight', settings: { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > 300 } });
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  graph.forEachNode((_, a) => {
    x0 = Math.min(x0, a.x);
    x1 = Math.max(x1, a.x);
    y0 = Math.min(y0, a.y);
    y1 = Math.max(y1, a.y);
  });
  const sx = x1 > x0 ? (WIDTH - 2 * MARGIN) / (x1 - x0) : 0;
  const sy = y1 > y0 ? (HEIGHT - 2 * MARGIN) / (y1 - y0) : 0;
  const out = new Map<string, { x: number; y: number }>();
  graph.forEachNode((id, a) => out.set(id, { x: sx ? MARGIN + (a.x - x0) * sx : WIDTH / 2, y: sy ? MARGIN + (a.y - y0) * sy : HEIGHT / 2 }));
  return out;
}

const r1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The SVG of one network, at most {@link PICTURE_MAX_NODES} nodes (the most active, registry
 * accounts and amplified authors first); `shown` says how many were drawn of how many.
 */
export function networkSvg(allNodes: PictureNode[], allEdges: PictureEdge[], title: string, seed = 1): { svg: string; shown: number; total: number } {
  const rank = (n: PictureNode) => (n.actorId || n.source ? 1e12 : 0) + n.activity;
  const nodes = [...allNodes].sort((a, b) => rank(b) - rank(a) || (a.id < b.id ? -1 : 1)).slice(0, PICTURE_MAX_NODES);
  const keep = new Set(nodes.map((n) => n.id));
  const edges = allEdges.filter((e) => keep.has(e.source) && keep.has(e.target) && e.source !== e.target);
  const pos = layoutNetwork(nodes, edges, seed);
  const maxActivity = Math.max(1, ...nodes.map((n) => n.activity));
  const maxWeight = Math.max(1, ...edges.map((e) => e.weight));
  const radius = (n: PictureNode) => r1(3 + 9 * Math.sqrt(n.activity / maxActivity));
  const labelled = new Set([...nodes].sort((a, b) => rank(b) - rank(a)).slice(0, LABELLED).map((n) => n.id));
  const lines = edges.map((e) => {
    const a = pos.get(e.source)!;
    const b = pos.get(e.target)!;
    const dash = DASH[e.kind];
    return `<line x1="${r1(a.x)}" y1="${r1(a.y)}" x2="${r1(b.x)}" y2="${r1(b.y)}" stroke="${EDGE_COLOUR[e.kind] ?? '#8a96a3'}" stroke-opacity="0.7" stroke-width="${r1(0.6 + 3.4 * (e.weight / maxWeight))}"${dash ? ` stroke-dasharray="${dash}"` : ''}><title>${esc(`${e.kind}: ${e.source} – ${e.target}, weight ${e.weight}`, 400)}</title></line>`;
  });
  const circles = nodes.map((n) => {
    const p = pos.get(n.id)!;
    const fill = n.actorId ? '#b3261e' : n.source ? '#e8823a' : '#3a72c2';
    const ring = n.actorId ? ' stroke="#5a0000" stroke-width="2.5"' : ' stroke="#fff" stroke-width="1"';
    const who = `${n.id}${n.actorId ? ` (registry: ${n.actorId})` : ''}${n.source ? ' (amplified author)' : ''}, activity ${n.activity}`;
    // Labels right of the dot, or left of it near the right edge, so none is cut off.
    const left = p.x > WIDTH - 130;
    const label = labelled.has(n.id)
      ? `<text x="${r1(left ? p.x - radius(n) - 2 : p.x + radius(n) + 2)}" y="${r1(p.y + 3)}" font-size="10" fill="#1b1b1b"${left ? ' text-anchor="end"' : ''}>${esc(n.label, 40)}</text>`
      : '';
    return `<g><circle cx="${r1(p.x)}" cy="${r1(p.y)}" r="${radius(n)}" fill="${fill}"${ring}><title>${esc(who, 400)}</title></circle>${label}</g>`;
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" class="network" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${esc(title, 200)}"><title>${esc(title, 200)}</title><rect x="0" y="0" width="${WIDTH}" height="${HEIGHT}" fill="#fff" stroke="#bbb"/>${lines.join('')}${circles.join('')}</svg>`;
  return { svg, shown: nodes.length, total: allNodes.length };
}
