/**
 * ForceAtlas2 off the page's thread: the network is drawn at once and settles as positions arrive,
 * so a 2,000-node group stays interactive while it is laid out. A same-origin module file (the CSP
 * allows workers from 'self' only; the FA2 package's own worker is built from a blob: URL).
 */
import { runLayout, type LayoutInput } from './network-graph.js';

// The dashboard's types are the page's (DOM lib); in a worker, postMessage takes the message alone.
const scope = self as unknown as { onmessage: (ev: MessageEvent<LayoutInput>) => void; postMessage: (m: unknown) => void };
scope.onmessage = (ev) => {
  runLayout(ev.data, 10, (x, y, done) => scope.postMessage({ x, y, done, last: done >= ev.data.iterations }));
};
