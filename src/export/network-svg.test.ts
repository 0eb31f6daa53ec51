import { describe, expect, it } from 'vitest';
import { layoutNetwork, networkSvg, PICTURE_MAX_NODES, type PictureEdge, type PictureNode } from './network-svg.js';

const ring = (n: number): { nodes: PictureNode[]; edges: PictureEdge[] } => ({
  nodes: Array.from({ length: n }, (_, i) => ({ id: `x:a${i}`, label: `a${i}`, activity: i % 7, ...(i === 5 ? { actorId: 'xf-consul' } : {}) })),
  edges: Array.from({ length: n }, (_, i) => ({ source: `x:a${i}`, target: `x:a${(i + 1) % n}`, weight: 1 + (i % 3), kind: i % 2 ? 'repost' : 'hashtag' })),
});

describe('networkSvg', () => {
  it('lays a network out the same way for the same seed, inside the picture', () => {
    const { nodes, edges } = ring(12);
    const a = layoutNetwork(nodes, edges, 7);
    expect([...layoutNetwork(nodes, edges, 7)]).toEqual([...a]);
    expect([...layoutNetwork(nodes, edges, 8)]).not.toEqual([...a]);
    for (const p of a.values()) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(760);
      expect(p.y).toBeLessThanOrEqual(460);
    }
  });

  it('draws at most the busiest nodes of a large group, registry accounts always, and says how many', () => {
    const { nodes, edges } = ring(2000);
    const pic = networkSvg(nodes, edges, 'big');
    expect(pic).toMatchObject({ shown: PICTURE_MAX_NODES, total: 2000 });
    expect(pic.svg.match(/<circle/g)).toHaveLength(PICTURE_MAX_NODES);
    expect(pic.svg).toContain('registry: xf-consul');
  });

  it('marks co-action kinds by dash pattern and weight by width', () => {
    const { nodes, edges } = ring(6);
    const svg = networkSvg(nodes, edges, 'six').svg;
    expect(svg.match(/stroke-dasharray="2 3"/g)).toHaveLength(3);
    expect(new Set(svg.match(/stroke-width="[0-9.]+"/g)).size).toBeGreaterThan(2);
  });

  it('draws a lone node and a network without edges', () => {
    expect(networkSvg([{ id: 'x:a', label: 'a', activity: 0 }], [], 'one').svg).toMatch(/<circle cx="380" cy="230"/);
  });
});
