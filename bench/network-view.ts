/**
 * Network view bench: building, clustering (Louvain) and laying out (ForceAtlas2) a generated
 * coordinated group as the dashboard does (web/src/network-graph.ts), in Node, without the WebGL drawing.
 * The browser test test/e2e/dashboard-explore.browser.test.ts times the whole view in Chromium.
 *
 *   npx tsx bench/network-view.ts [--nodes 2000] [--runs 5]
 */
import { parseArgs } from 'node:util';

interface NetNode {
  id: string;
  label: string;
  activity: number;
}
interface NetEdge {
  source: string;
  target: string;
  weight: number;
  kind: string;
}
// The web module is typed for the bundler (web/tsconfig.json), not for Node's module rules, so it is
// loaded by path when the bench runs instead of being imported for this project's type check.
const WEB_GRAPH = '../web/src/network-graph.js';
const { buildGraph, layoutGraph } = (await import(WEB_GRAPH)) as { buildGraph: (n: NetNode[], e: NetEdge[]) => unknown; layoutGraph: (g: unknown) => void };

const { values } = parseArgs({ options: { nodes: { type: 'string', default: '2000' }, runs: { type: 'string', default: '5' } } });
const n = Number(values.nodes);
const nodes: NetNode[] = Array.from({ length: n }, (_, i) => ({ id: `x:gen${i}`, label: `gen${i}`, activity: 1 + (i % 17) }));
const edges: NetEdge[] = [];
// The same shape as the browser test: a tree with cross links.
for (let i = 1; i < n; i++) {
  edges.push({ source: nodes[i].id, target: nodes[Math.floor(i / 2)].id, weight: 1 + (i % 5), kind: 'repost' });
  if (i % 3 === 0) edges.push({ source: nodes[i].id, target: nodes[(i * 7) % n].id, weight: 1, kind: 'hashtag' });
}
const build: number[] = [];
const layout: number[] = [];
for (let r = 0; r < Number(values.runs); r++) {
  const t0 = performance.now();
  const g = buildGraph(nodes, edges);
  const t1 = performance.now();
  layoutGraph(g);
  const t2 = performance.now();
  build.push(t1 - t0);
  layout.push(t2 - t1);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`network view: ${n} nodes, ${edges.length} edges — build ${median(build).toFixed(0)} ms, Louvain + ForceAtlas2 ${median(layout).toFixed(0)} ms (median of ${values.runs})`);
