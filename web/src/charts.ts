import { h } from './dom.js';

export const KIND_ORDER = ['directive', 'harassment', 'threat', 'coordination', 'amplification', 'foreign_money'];

/**
 * Stacked bars of findings per day and kind on a time axis, over a grey backdrop of the race's
 * candidate mentions per day (scaled to its own maximum). SVG built node by node; colours from CSS.
 */
export function timelineChart(buckets: { t: string; counts: Record<string, number>; mentions?: Record<string, number> }[]): HTMLElement {
  const width = 760;
  const height = 170;
  const pad = 26;
  if (!buckets.length) return h('p', { class: 'muted' }, 'No findings yet.');
  const DAY = 86_400_000;
  const times = buckets.map((b) => Date.parse(b.t.length === 10 ? `${b.t}T00:00:00Z` : b.t));
  const t0 = Math.min(...times);
  const span = Math.max(...times) - t0 + DAY;
  const plotW = width - 2 * pad;
  const plotH = height - 2 * pad;
  const xOf = (t: number) => pad + ((t - t0) / span) * plotW;
  const bw = Math.max(2, Math.min(40, (DAY / span) * plotW - 2));
  const totals = buckets.map((b) => Object.values(b.counts).reduce((a, c) => a + c, 0));
  const mentionTotals = buckets.map((b) => Object.values(b.mentions ?? {}).reduce((a, c) => a + c, 0));
  const max = Math.max(1, ...totals);
  const maxMentions = Math.max(1, ...mentionTotals);
  const svg = h('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': 'Findings over time by kind, over candidate mentions' });
  buckets.forEach((b, i) => {
    if (!mentionTotals[i]) return;
    const mh = (mentionTotals[i] / maxMentions) * plotH;
    svg.appendChild(h('rect', { x: xOf(times[i]).toFixed(1), y: (height - pad - mh).toFixed(1), width: bw.toFixed(1), height: mh.toFixed(1), class: 'mentions' }, h('title', {}, `${b.t}: ${mentionTotals[i]} candidate mentions`)));
  });
  svg.appendChild(h('line', { x1: pad, y1: height - pad, x2: width - pad, y2: height - pad, class: 'axis' }));
  buckets.forEach((b, i) => {
    const x = xOf(times[i]) + bw * 0.2;
    let y = height - pad;
    for (const kind of KIND_ORDER) {
      const n = b.counts[kind] ?? 0;
      if (!n) continue;
      const bh = (n / max) * plotH;
      y -= bh;
      svg.appendChild(h('rect', { x: x.toFixed(1), y: y.toFixed(1), width: (bw * 0.6).toFixed(1), height: bh.toFixed(1), class: `k-${kind}` }, h('title', {}, `${b.t}: ${n} ${kind}`)));
    }
  });
  svg.appendChild(h('text', { x: pad, y: height - 8, class: 'tick' }, new Date(t0).toISOString().slice(0, 10)));
  svg.appendChild(h('text', { x: width - pad, y: height - 8, class: 'tick end' }, new Date(t0 + span - DAY).toISOString().slice(0, 10)));
  svg.appendChild(h('text', { x: pad, y: 14, class: 'tick' }, `findings max ${max}/day · mentions max ${mentionTotals.some(Boolean) ? maxMentions : 0}/day (grey)`));
  return svg;
}

interface NetNode {
  id: string;
  actorId?: string;
  country?: string;
}

/**
 * A small force-directed layout (Fruchterman–Reingold, 1991) for one coordinated group, drawn as
 * SVG. Registry-linked accounts are coloured by that link; node count is bounded by the API.
 */
export function networkChart(nodes: NetNode[], edges: { source: string; target: string; weight: number }[]): HTMLElement {
  const size = 600;
  const n = nodes.length;
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  // Deterministic start on a circle, so the same group always draws the same way.
  for (let i = 0; i < n; i++) {
    x[i] = size / 2 + (size / 3) * Math.cos((2 * Math.PI * i) / Math.max(1, n));
    y[i] = size / 2 + (size / 3) * Math.sin((2 * Math.PI * i) / Math.max(1, n));
  }
  const k = Math.sqrt((size * size) / Math.max(1, n));
  const pairs = edges.map((e) => [index.get(e.source), index.get(e.target)]).filter((p): p is [number, number] => p[0] !== undefined && p[1] !== undefined);
  for (let iter = 0, t = size / 10; iter < 120; iter++, t *= 0.96) {
    const dx = new Float64Array(n);
    const dy = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const ddx = x[i] - x[j] || 0.01;
        const ddy = y[i] - y[j] || 0.01;
        const d2 = ddx * ddx + ddy * ddy;
        const f = (k * k) / d2;
        dx[i] += ddx * f;
        dy[i] += ddy * f;
        dx[j] -= ddx * f;
        dy[j] -= ddy * f;
      }
    }
    for (const [a, b] of pairs) {
      const ddx = x[a] - x[b];
      const ddy = y[a] - y[b];
      const d = Math.sqrt(ddx * ddx + ddy * ddy) || 0.01;
      const f = d / k;
      dx[a] -= ddx * f;
      dy[a] -= ddy * f;
      dx[b] += ddx * f;
      dy[b] += ddy * f;
    }
    for (let i = 0; i < n; i++) {
      const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1;
      x[i] += (dx[i] / d) * Math.min(d, t);
      y[i] += (dy[i] / d) * Math.min(d, t);
    }
  }
  // Fit the layout into the drawing (uniform scale, so shapes keep their proportions).
  const margin = 30;
  const minX = Math.min(...x), maxX = Math.max(...x), minY = Math.min(...y), maxY = Math.max(...y);
  const scale = Math.min((size - 2 * margin) / Math.max(1, maxX - minX), (size - 2 * margin) / Math.max(1, maxY - minY));
  for (let i = 0; i < n; i++) {
    x[i] = margin + (x[i] - minX) * scale + ((size - 2 * margin) - (maxX - minX) * scale) / 2;
    y[i] = margin + (y[i] - minY) * scale + ((size - 2 * margin) - (maxY - minY) * scale) / 2;
  }
  const svg = h('svg', { viewBox: `0 0 ${size} ${size}`, class: 'network', role: 'img', 'aria-label': 'Coordinated accounts' });
  for (const [a, b] of pairs) svg.appendChild(h('line', { x1: x[a].toFixed(1), y1: y[a].toFixed(1), x2: x[b].toFixed(1), y2: y[b].toFixed(1), class: 'edge' }));
  nodes.forEach((node, i) => {
    svg.appendChild(
      h('circle', { cx: x[i].toFixed(1), cy: y[i].toFixed(1), r: node.actorId ? 9 : 6, class: node.actorId ? 'node registry' : 'node' }, h('title', {}, node.actorId ? `${node.id} — registry: ${node.actorId} (${node.country ?? '?'})` : node.id)),
    );
  });
  return svg;
}
