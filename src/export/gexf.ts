/**
 * GEXF writer (reference/formats.md §8.1) for Gephi and other readers: node labels, edge weights,
 * node colours (`viz:color`), one edge per co-action kind (a multigraph).
 *
 * GEXF 1.3 (default): the co-action in the edge's `kind` and, because common readers drop `kind`,
 * also in the edge attribute `co_action`; for the timeline each edge's interval from its first to
 * its last co-action (`mode="dynamic"`, `timerepresentation="interval"`, `timeformat="dateTime"`
 * as the 1.3 schema spells it, xsd:dateTime values). Nodes carry no interval, so they stay visible
 * for the whole timeline. The same times are edge attributes `first_at` / `last_at` too.
 *
 * GEXF 1.2 (`version: '1.2'`, the 1.2draft schema that NetworkX and older tools read): a static
 * graph, without `kind` (1.3 added it) and without intervals (NetworkX cannot parse dateTime
 * intervals); co-action and times are the edge attributes above.
 */

/* A network to export as GEXF or GraphML: plain data, built by a detector, serialised here. */

export type AttrType = 'string' | 'integer' | 'double' | 'boolean';
export type AttrValue = string | number | boolean;

export interface AttrSpec {
  id: string;
  title: string;
  type: AttrType;
}

export interface NetworkNode {
  id: string;
  label: string;
  attributes: Record<string, AttrValue | undefined>;
  /** RGB 0..255. */
  color?: [number, number, number];
}

export interface NetworkEdge {
  source: string;
  target: string;
  weight: number;
  /** Co-action kind: parallel edges of different kinds are allowed (GEXF 1.3 `kind`). */
  kind?: string;
  /** ISO 8601 times of the first and last co-action (GEXF interval). */
  start?: string;
  end?: string;
  attributes: Record<string, AttrValue | undefined>;
}

export interface Network {
  directed: boolean;
  description: string;
  nodeAttributes: AttrSpec[];
  edgeAttributes: AttrSpec[];
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

// XML 1.0 forbids most C0 controls even as character references; drop them (hostile text).
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Escape text for an XML attribute value or element content. */
export function xmlEscape(value: AttrValue): string {
  return String(value)
    .replace(INVALID_XML, '\ufffd')
    .replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;'))
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}

/** GEXF schema version written. */
export type GexfVersion = '1.3' | '1.2';

const NAMESPACES: Record<GexfVersion, { ns: string; viz: string; xsd: string; version: string }> = {
  '1.3': { ns: 'http://gexf.net/1.3', viz: 'http://gexf.net/1.3/viz', xsd: 'http://gexf.net/1.3/gexf.xsd', version: '1.3' },
  '1.2': { ns: 'http://www.gexf.net/1.2draft', viz: 'http://www.gexf.net/1.2draft/viz', xsd: 'http://www.gexf.net/1.2draft/gexf.xsd', version: '1.2' },
};

/** Edge attributes the writer adds from `kind`, `start` and `end`, so they survive readers that drop those. */
const EDGE_FIELDS: AttrSpec[] = [
  { id: 'co_action', title: 'co_action', type: 'string' },
  { id: 'first_at', title: 'first_at', type: 'string' },
  { id: 'last_at', title: 'last_at', type: 'string' },
];

function attributesBlock(cls: 'node' | 'edge', specs: AttrSpec[]): string[] {
  const type = (t: AttrSpec['type']) => (t === 'integer' ? 'long' : t);
  return [
    `    <attributes class="${cls}" mode="static">`,
    // The title doubles as the XML id: readers that key attributes by id (graphology) and those that
    // key them by title (Gephi, NetworkX) then show the same name.
    ...specs.map((a) => `      <attribute id="${xmlEscape(a.title)}" title="${xmlEscape(a.title)}" type="${type(a.type)}"/>`),
    '    </attributes>',
  ];
}

function attvalues(specs: AttrSpec[], values: Record<string, unknown>, indent: string): string[] {
  const present = specs.filter((a) => values[a.id] !== undefined && values[a.id] !== null);
  if (!present.length) return [];
  return [
    `${indent}<attvalues>`,
    ...present.map((a) => `${indent}  <attvalue for="${xmlEscape(a.title)}" value="${xmlEscape(values[a.id] as string)}"/>`),
    `${indent}</attvalues>`,
  ];
}

/** Serialise a network as GEXF (1.3 unless `version` says 1.2), in chunks (lines) so large graphs can be streamed. */
export function* gexfLines(net: Network, now = new Date(), version: GexfVersion = '1.3'): Generator<string> {
  const v = NAMESPACES[version];
  const timed = version === '1.3' && net.edges.some((e) => e.start !== undefined);
  const taken = new Set(net.edgeAttributes.flatMap((a) => [a.id, a.title]));
  const extra = EDGE_FIELDS.filter((a) => !taken.has(a.id));
  const edgeSpecs = [...net.edgeAttributes, ...extra];
  yield '<?xml version="1.0" encoding="UTF-8"?>';
  yield `<gexf xmlns="${v.ns}" xmlns:viz="${v.viz}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${v.ns} ${v.xsd}" version="${v.version}">`;
  yield `  <meta lastmodifieddate="${now.toISOString().slice(0, 10)}">`;
  yield '    <creator>Vigil</creator>';
  yield `    <description>${xmlEscape(net.description)}</description>`;
  yield '  </meta>';
  yield `  <graph defaultedgetype="${net.directed ? 'directed' : 'undirected'}" mode="${timed ? 'dynamic' : 'static'}"${timed ? ' timeformat="dateTime" timerepresentation="interval" timezone="UTC"' : ''}>`;
  yield* attributesBlock('node', net.nodeAttributes);
  yield* attributesBlock('edge', edgeSpecs);
  yield '    <nodes>';
  for (const n of net.nodes) {
    yield `      <node id="${xmlEscape(n.id)}" label="${xmlEscape(n.label)}">`;
    yield* attvalues(net.nodeAttributes, n.attributes, '        ');
    if (n.color) yield `        <viz:color r="${n.color[0]}" g="${n.color[1]}" b="${n.color[2]}"/>`;
    yield '      </node>';
  }
  yield '    </nodes>';
  yield '    <edges>';
  let i = 0;
  for (const e of net.edges) {
    const time = timed && e.start !== undefined ? ` start="${xmlEscape(e.start)}" end="${xmlEscape(e.end ?? e.start)}"` : '';
    const kind = e.kind && version === '1.3' ? ` kind="${xmlEscape(e.kind)}"` : '';
    const values = { ...e.attributes, co_action: e.kind, first_at: e.start, last_at: e.end ?? e.start };
    const body = attvalues(edgeSpecs, values, '        ');
    const open = `      <edge id="${i++}" source="${xmlEscape(e.source)}" target="${xmlEscape(e.target)}" weight="${e.weight}"${kind}${time}`;
    if (!body.length) yield `${open}/>`;
    else {
      yield `${open}>`;
      yield* body;
      yield '      </edge>';
    }
  }
  yield '    </edges>';
  yield '  </graph>';
  yield '</gexf>';
}

/** The whole GEXF document as one string. */
export function toGexf(net: Network, now = new Date(), version: GexfVersion = '1.3'): string {
  return [...gexfLines(net, now, version)].join('\n') + '\n';
}
