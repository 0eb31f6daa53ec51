/**
 * GraphML writer (reference/formats.md §8.2), the fallback for tools without GEXF. Keys follow
 * Gephi's own GraphML export: `label`, `weight`, colour as `r`/`g`/`b` integers; edge times
 * (`start`, `end`) and the co-action (`kind`, attr.name `co_action` as in the GEXF attribute) are
 * plain string keys, since GraphML has no time model.
 */
import { xmlEscape, type AttrSpec, type AttrType, type Network } from './gexf.js';

const GRAPHML_TYPE: Record<AttrType, string> = { string: 'string', integer: 'long', double: 'double', boolean: 'boolean' };

/** Serialise a network as GraphML, line by line. */
export function* graphmlLines(net: Network): Generator<string> {
  const nodeKeys: AttrSpec[] = [{ id: 'label', title: 'label', type: 'string' }, ...net.nodeAttributes, { id: 'r', title: 'r', type: 'integer' }, { id: 'g', title: 'g', type: 'integer' }, { id: 'b', title: 'b', type: 'integer' }];
  const edgeKeys: AttrSpec[] = [{ id: 'weight', title: 'weight', type: 'double' }, { id: 'kind', title: 'co_action', type: 'string' }, { id: 'start', title: 'start', type: 'string' }, { id: 'end', title: 'end', type: 'string' }, ...net.edgeAttributes];
  yield '<?xml version="1.0" encoding="UTF-8"?>';
  yield '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">';
  for (const k of nodeKeys) yield `  <key id="n_${xmlEscape(k.id)}" for="node" attr.name="${xmlEscape(k.title)}" attr.type="${GRAPHML_TYPE[k.type]}"/>`;
  for (const k of edgeKeys) yield `  <key id="e_${xmlEscape(k.id)}" for="edge" attr.name="${xmlEscape(k.title)}" attr.type="${GRAPHML_TYPE[k.type]}"/>`;
  yield `  <graph id="G" edgedefault="${net.directed ? 'directed' : 'undirected'}">`;
  const data = (prefix: string, key: string, v: unknown): string => `      <data key="${prefix}_${xmlEscape(key)}">${xmlEscape(v as string)}</data>`;
  for (const n of net.nodes) {
    yield `    <node id="${xmlEscape(n.id)}">`;
    yield data('n', 'label', n.label);
    for (const a of net.nodeAttributes) if (n.attributes[a.id] !== undefined) yield data('n', a.id, n.attributes[a.id]);
    if (n.color) for (const [i, c] of ['r', 'g', 'b'].entries()) yield data('n', c, n.color[i]);
    yield '    </node>';
  }
  let i = 0;
  for (const e of net.edges) {
    yield `    <edge id="e${i++}" source="${xmlEscape(e.source)}" target="${xmlEscape(e.target)}">`;
    yield data('e', 'weight', e.weight);
    if (e.kind) yield data('e', 'kind', e.kind);
    if (e.start) yield data('e', 'start', e.start);
    if (e.end) yield data('e', 'end', e.end);
    for (const a of net.edgeAttributes) if (e.attributes[a.id] !== undefined) yield data('e', a.id, e.attributes[a.id]);
    yield '    </edge>';
  }
  yield '  </graph>';
  yield '</graphml>';
}

/** The whole GraphML document as one string. */
export function toGraphml(net: Network): string {
  return [...graphmlLines(net)].join('\n') + '\n';
}
