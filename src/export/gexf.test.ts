import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toGexf, xmlEscape, type Network } from './gexf.js';
import { toGraphml } from './graphml.js';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/coord/${name}`, import.meta.url), 'utf8');

/** A small XML checker: tags balance, attributes are quoted, no raw `<` or `&` in text. Returns the element paths seen. */
function xmlPaths(xml: string): Set<string> {
  const paths = new Set<string>();
  const stack: string[] = [];
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '');
  const re = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(body))) {
    if (m.index !== consumed) throw new Error(`malformed XML near ${body.slice(consumed, consumed + 40)}`);
    consumed = re.lastIndex;
    if (m[5] !== undefined) {
      if (/&(?!amp;|lt;|gt;|quot;|apos;|#\d+;)/.test(m[5])) throw new Error(`bad entity in ${m[5]}`);
      continue;
    }
    const [, close, name, , selfClose] = m;
    if (close) {
      if (stack.pop() !== name) throw new Error(`unbalanced </${name}>`);
    } else {
      const local = name.replace(/^.*:/, name.startsWith('viz:') ? 'viz:' : '');
      paths.add([...stack, local].join('/'));
      if (!selfClose) stack.push(name);
    }
  }
  if (consumed !== body.length || stack.length) throw new Error('unterminated XML');
  return paths;
}

const HOSTILE = 'x"><script>&\u0001\u001b[31m';

function network(): Network {
  return {
    directed: false,
    description: 'test <net>',
    nodeAttributes: [{ id: 'group', title: 'group', type: 'string' }, { id: 'foreign', title: 'foreign_link', type: 'boolean' }],
    edgeAttributes: [{ id: 'mean_dt', title: 'mean_dt_seconds', type: 'double' }],
    nodes: [
      { id: 'a', label: HOSTILE, attributes: { group: 'group:1', foreign: true }, color: [214, 39, 40] },
      { id: 'b', label: 'bee', attributes: { group: 'group:1', foreign: false }, color: [31, 119, 180] },
    ],
    edges: [
      { source: 'a', target: 'b', weight: 3, kind: 'repost', start: '2024-03-01T10:00:00.000Z', end: '2024-03-02T09:00:00.000Z', attributes: { mean_dt: 20 } },
      { source: 'a', target: 'b', weight: 1, kind: 'link', start: '2024-03-03T12:00:00.000Z', end: '2024-03-03T12:00:00.000Z', attributes: { mean_dt: 60 } },
    ],
  };
}

describe('GEXF', () => {
  it('uses the GEXF 1.3 root and namespaces of the sample file', () => {
    const ours = toGexf(network());
    const sampleRoot = fixture('v1_3.gexf').match(/<gexf [^>]*>/)![0];
    const ourRoot = ours.match(/<gexf [^>]*>/)![0];
    for (const ns of ['xmlns="http://gexf.net/1.3"', 'xmlns:viz="http://gexf.net/1.3/viz"', 'version="1.3"']) {
      expect(sampleRoot).toContain(ns);
      expect(ourRoot).toContain(ns);
    }
  });

  it('nests elements as the sample does, with weights, kinds, intervals and colours', () => {
    const ours = xmlPaths(toGexf(network()));
    const sample = xmlPaths(fixture('v1_3.gexf'));
    for (const p of ['gexf/graph/attributes/attribute', 'gexf/graph/nodes/node/attvalues/attvalue', 'gexf/graph/nodes/node/viz:color', 'gexf/graph/edges/edge']) {
      expect(sample.has(p), p).toBe(true);
      expect(ours.has(p), p).toBe(true);
    }
    const xml = toGexf(network());
    expect(xml).toContain('mode="dynamic" timeformat="dateTime" timerepresentation="interval"');
    expect(xml).toMatch(/<edge id="0" source="a" target="b" weight="3" kind="repost" start="2024-03-01T10:00:00.000Z" end="2024-03-02T09:00:00.000Z">/);
    expect(xml).toContain('<viz:color r="214" g="39" b="40"/>');
    // Issue 11: the co-action also as an attribute, since common readers drop `kind`.
    expect(xml).toContain('<attribute id="co_action" title="co_action" type="string"/>');
    expect(xml).toContain('<attvalue for="co_action" value="repost"/>');
    expect(xml).toContain('<attvalue for="first_at" value="2024-03-01T10:00:00.000Z"/>');
  });

  it('writes GEXF 1.2draft as a static graph, the co-action and times as attributes only', () => {
    const xml = toGexf(network(), new Date(), '1.2');
    expect(xml).toContain('<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz"');
    expect(xml).toContain('version="1.2"');
    expect(xml).toContain('mode="static"');
    expect(xml).not.toMatch(/ kind="| start="|timeformat/);
    expect(xml).toContain('<attvalue for="co_action" value="link"/>');
    expect(() => xmlPaths(xml)).not.toThrow();
  });

  it('escapes hostile labels so the document stays well-formed', () => {
    const xml = toGexf(network());
    expect(() => xmlPaths(xml)).not.toThrow();
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('\u001b');
    expect(xmlEscape('a&b"c')).toBe('a&amp;b&quot;c');
  });
});

describe('GraphML', () => {
  it('uses the namespace and key/graph/node/edge/data nesting of the sample file', () => {
    const xml = toGraphml(network());
    expect(xml).toContain('<graphml xmlns="http://graphml.graphdrawing.org/xmlns"');
    expect(fixture('attributes.graphml')).toContain('<graphml xmlns="http://graphml.graphdrawing.org/xmlns"');
    const ours = xmlPaths(xml);
    const sample = xmlPaths(fixture('attributes.graphml'));
    for (const p of ['graphml/key', 'graphml/graph/node/data', 'graphml/graph/edge/data']) {
      expect(sample.has(p), p).toBe(true);
      expect(ours.has(p), p).toBe(true);
    }
    expect(xml).toContain('edgedefault="undirected"');
    expect(xml).toMatch(/<data key="e_weight">3<\/data>/);
  });
});
