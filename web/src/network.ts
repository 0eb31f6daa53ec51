/**
 * A coordinated group drawn as analysts draw it in Gephi: the graph and its layout come from
 * network-graph.ts, sigma.js renders it with WebGL (thousands of nodes, zoom and pan built in).
 *
 * Node size follows activity, colour the community; registry accounts get a dark red ring, amplified
 * authors are orange. Edge width follows weight, colour the co-action; `amplifies` edges are arrows.
 * Labels are drawn on the canvas as text, so a hostile handle is never markup.
 */
import Sigma from 'sigma';
import { EdgeArrowProgram, EdgeLineProgram } from 'sigma/rendering';
import { createNodeBorderProgram } from '@sigma/node-border';
import { h, navigate, whenMounted } from './dom.js';
import { assignCommunities, buildGraph, layoutGraph, layoutInput, type NetEdge, type NetNode } from './network-graph.js';

export type { NetEdge, NetNode };

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
    assignCommunities(g);
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
    // Small groups are laid out before the first frame; large ones are drawn at once and settle as
    // the worker's positions arrive, so the page never freezes.
    const inWorker = g.order > 300 && typeof Worker !== 'undefined';
    if (!inWorker) layoutGraph(g);
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
    const laidOut = () => (canvas.dataset.layoutMs = String(Math.round(performance.now() - started)));
    sigma.once('afterRender', () => {
      canvas.dataset.nodes = String(g.order);
      canvas.dataset.edges = String(g.size);
      canvas.dataset.renderMs = String(Math.round(performance.now() - started));
      if (!inWorker) laidOut();
    });
    // Where the most active account is drawn now, so a test can click it like a user would.
    let top: string | undefined;
    g.forEachNode((n, a) => {
      if (!top || (a.size as number) > (g.getNodeAttribute(top, 'size') as number)) top = n;
    });
    sigma.on('afterRender', () => {
      if (!top) return;
      const p = sigma.graphToViewport(g.getNodeAttributes(top) as { x: number; y: number });
      Object.assign(canvas.dataset, { topNode: top, topX: String(Math.round(p.x)), topY: String(Math.round(p.y)) });
    });
    sigma.refresh();
    let worker: Worker | undefined;
    if (inWorker) {
      const ids = g.nodes();
      worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (ev: MessageEvent<{ x: Float64Array; y: Float64Array; last: boolean }>) => {
        const { x, y, last } = ev.data;
        ids.forEach((n, i) => g.mergeNodeAttributes(n, { x: x[i], y: y[i] }));
        if (last) {
          laidOut();
          worker?.terminate();
        }
      };
      worker.postMessage(layoutInput(g));
    }
    return () => {
      worker?.terminate();
      sigma.kill();
    };
  });
  return wrap;
}
