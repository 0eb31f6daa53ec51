/**
 * GEXF 1.3 writer (reference/formats.md §8.1) for Gephi: node labels, edge weights and `kind`
 * (one edge per co-action kind, a multigraph), node colours (`viz:color`), and for the timeline
 * each edge's interval from its first to its last co-action (`mode="dynamic"`,
 * `timerepresentation="interval"`, `timeformat="datetime"`). Nodes carry no interval, so they
 * stay visible for the whole timeline.
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

function attributesBlock(cls: 'node' | 'edge', specs: AttrSpec[]): string[] {
  const type = (t: AttrSpec['type']) => (t === 'integer' ? 'long' : t);
  return [
    `    <attributes class="${cls}" mode="static">`,
    ...specs.map((a) => `      <attribute id="${xmlEscape(a.id)}" title="${xmlEscape(a.title)}" type="${type(a.type)}"/>`),
    '    </attributes>',
  ];
}

function attvalues(specs: AttrSpec[], values: Record<string, unknown>, indent: string): string[] {
  const present = specs.filter((a) => values[a.id] !== undefined && values[a.id] !== null);
  if (!present.length) return [];
  return [
    `${indent}<attvalues>`,
    ...present.map((a) => `${indent}  <attvalue for="${xmlEscape(a.id)}" value="${xmlEscape(values[a.id] as string)}"/>`),
    `${indent}</attvalues>`,
  ];
}

/** Serialise a network as GEXF 1.3, in chunks (lines) so large graphs can be streamed. */
export function* gexfLines(net: Network, now = new Date()): Generator<string> {
  const timed = net.edges.some((e) => e.start !== undefined);
  yield '<?xml version="1.0" encoding="UTF-8"?>';
  yield '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">';
  yield `  <meta lastmodifieddate="${now.toISOString().slice(0, 10)}">`;
  yield '    <creator>Vigil</creator>';
  yield `    <description>${xmlEscape(net.description)}</description>`;
  yield '  </meta>';
  yield `  <graph defaultedgetype="${net.directed ? 'directed' : 'undirected'}" mode="${timed ? 'dynamic' : 'static'}"${timed ? ' timeformat="datetime" timerepresentation="interval" timezone="UTC"' : ''}>`;
  yield* attributesBlock('node', net.nodeAttributes);
  yield* attributesBlock('edge', net.edgeAttributes);
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
    const time = e.start !== undefined ? ` start="${xmlEscape(e.start)}" end="${xmlEscape(e.end ?? e.start)}"` : '';
    const kind = e.kind ? ` kind="${xmlEscape(e.kind)}"` : '';
    const body = attvalues(net.edgeAttributes, e.attributes, '        ');
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
export function toGexf(net: Network, now = new Date()): string {
  return [...gexfLines(net, now)].join('\n') + '\n';
}
