/**
 * Our GEXF and GraphML read by other people's parsers (issue 11: "check the file opens in a GEXF
 * reader other than our own"): graphology-gexf (npm, always) and NetworkX (Python, when installed;
 * not required in CI). NetworkX 3.x parses GEXF 1.2draft and 1.3, but not dateTime intervals, so it
 * reads our 1.2 output; graphology reads both.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MultiGraph } from 'graphology';
import { parse } from 'graphology-gexf';
import { describe, expect, it } from 'vitest';
import { toGexf, type Network } from './gexf.js';
import { toGraphml } from './graphml.js';

const NET: Network = {
  directed: false,
  description: 'readers <test> & co',
  nodeAttributes: [
    { id: 'group', title: 'group', type: 'string' },
    { id: 'community', title: 'community', type: 'integer' },
    { id: 'foreign', title: 'foreign_link', type: 'boolean' },
  ],
  edgeAttributes: [{ id: 'mean_dt', title: 'mean_dt_seconds', type: 'double' }],
  nodes: [
    { id: '+AdnE1/x=', label: 'state_tv', attributes: { group: 'group:1', community: 0, foreign: true }, color: [214, 39, 40] },
    { id: '-1001234567890', label: 'canal "uno" <tg>', attributes: { group: 'group:1', community: 0, foreign: false }, color: [31, 119, 180] },
    { id: 'c', label: 'c', attributes: { community: 1, foreign: false } },
  ],
  edges: [
    { source: '+AdnE1/x=', target: '-1001234567890', weight: 3, kind: 'repost', start: '2026-10-01T10:00:00.000Z', end: '2026-10-02T09:00:00.000Z', attributes: { mean_dt: 20 } },
    { source: '+AdnE1/x=', target: '-1001234567890', weight: 1, kind: 'link', start: '2026-10-03T12:00:00.000Z', end: '2026-10-03T12:00:00.000Z', attributes: { mean_dt: 0 } },
    { source: '-1001234567890', target: 'c', weight: 2, kind: 'hashtag', start: '2026-10-04T08:00:00.000Z', end: '2026-10-04T08:01:00.000Z', attributes: { mean_dt: 60 } },
  ],
};

const edgesOf = (g: InstanceType<typeof MultiGraph>) =>
  g.mapEdges((_e, a, s, t) => `${s} ${t} ${a['co_action']} ${a['weight']} ${a['first_at']}`).sort();

const EXPECTED = [
  '+AdnE1/x= -1001234567890 link 1 2026-10-03T12:00:00.000Z',
  '+AdnE1/x= -1001234567890 repost 3 2026-10-01T10:00:00.000Z',
  '-1001234567890 c hashtag 2 2026-10-04T08:00:00.000Z',
];

describe('GEXF read by graphology-gexf', () => {
  for (const version of ['1.3', '1.2'] as const) {
    it(`parses GEXF ${version}: nodes, parallel edges of each co-action, attributes, ids exact`, () => {
      const g = parse(MultiGraph, toGexf(NET, new Date('2026-10-05T00:00:00Z'), version));
      expect(g.order).toBe(3);
      expect(g.size).toBe(3);
      expect(edgesOf(g)).toEqual(EXPECTED);
      expect(g.getNodeAttributes('-1001234567890')).toMatchObject({ label: 'canal "uno" <tg>', group: 'group:1', community: 0, foreign_link: false });
      expect(g.getNodeAttribute('+AdnE1/x=', 'color')).toBe('rgb(214,39,40)');
      // GEXF 1.3 also keeps the co-action in `kind`; 1.2 has no such attribute.
      expect(g.mapEdges((_e, a) => a['kind'] ?? null).sort()).toEqual(version === '1.3' ? ['hashtag', 'link', 'repost'] : [null, null, null]);
    });
  }
});

const python = spawnSync('python3', ['-c', 'import networkx'], { encoding: 'utf8' });
const hasNetworkx = !python.error && python.status === 0;

describe.skipIf(!hasNetworkx)('GEXF and GraphML read by NetworkX (when installed)', () => {
  const read = (file: string, fn: string): string[] => {
    const script = `import networkx as nx, json, sys
g = nx.${fn}(sys.argv[1])
print(json.dumps(sorted(f"{a} {b} {d.get('co_action')} {int(float(d['weight']))} {d.get('first_at', d.get('start'))}" for a, b, d in g.edges(data=True))))`;
    const res = spawnSync('python3', ['-c', script, file], { encoding: 'utf8' });
    expect(res.status, res.stderr).toBe(0);
    return JSON.parse(res.stdout) as string[];
  };
  const dir = mkdtempSync(join(tmpdir(), 'vigil-nx-'));

  it('reads our GEXF 1.2 with every edge, its co-action and times', () => {
    const file = join(dir, 'net12.gexf');
    writeFileSync(file, toGexf(NET, new Date(), '1.2'));
    expect(read(file, 'read_gexf')).toEqual(EXPECTED);
  });

  it('reads our GraphML with the co-action as an attribute', () => {
    const file = join(dir, 'net.graphml');
    writeFileSync(file, toGraphml(NET));
    expect(read(file, 'read_graphml')).toEqual(EXPECTED);
  });
});
