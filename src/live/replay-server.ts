import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { compareStatusIds } from './mastodon.js';

/**
 * A local stand-in for Jetstream and a Mastodon instance, on loopback only, for tests and benches.
 * It replays a log of Jetstream v1 events on `/subscribe` (v1 frames, cursor = time_us) and on
 * `/xrpc/network.bsky.jetstream.subscribeEvents` (v2 frames, cursor = seq), and serves Mastodon
 * SSE streaming plus the REST timelines used to fill gaps. Every connection can be dropped abruptly
 * after a number of frames, to test reconnects.
 */
export interface ReplayServerOptions {
  /** Jetstream v1 event lines (JSON text), replayed in this order. */
  jetstream?: string[];
  /** Drop a Jetstream or Mastodon stream connection (TCP reset) after this many frames. */
  dropAfter?: number;
  /** Also send these raw frames first on every Jetstream connection (malformed-frame tests). */
  junkFrames?: string[];
  /** Jetstream frames per second per connection (default: as fast as the connection takes them). */
  rate?: number;
}

export interface ReplayServer {
  /** `http://127.0.0.1:PORT` */
  httpUrl: string;
  /** `ws://127.0.0.1:PORT` */
  wsUrl: string;
  /** Connections accepted so far, per protocol. */
  connections: { jetstream: number; mastodon: number };
  /** Cursors asked for by Jetstream clients, in order (`undefined` when none). */
  cursorsRequested: (string | undefined)[];
  /** Append Jetstream v1 event lines; connected clients get them. */
  appendJetstream(lines: string[]): void;
  /** Publish Mastodon statuses: added to the timeline and sent to connected streams. */
  publishMastodon(statuses: Record<string, unknown>[]): void;
  close(): Promise<void>;
}

interface Logged {
  raw: string;
  timeUs: number;
  collection?: string;
}

const V2_PATH = '/xrpc/network.bsky.jetstream.subscribeEvents';

/** Start a replay server on 127.0.0.1 with an ephemeral port. */
export async function startReplayServer(options: ReplayServerOptions = {}): Promise<ReplayServer> {
  const log: Logged[] = [];
  const waiters = new Set<() => void>();
  const statuses: Record<string, unknown>[] = [];
  const sseClients = new Set<{ res: ServerResponse; tag?: string; sent: number }>();
  const connections = { jetstream: 0, mastodon: 0 };
  const cursorsRequested: (string | undefined)[] = [];

  const append = (lines: string[]) => {
    for (const raw of lines) {
      const e = JSON.parse(raw) as { time_us: number; commit?: { collection?: string } };
      log.push({ raw, timeUs: e.time_us, collection: e.commit?.collection });
    }
    for (const w of [...waiters]) w();
  };
  append(options.jetstream ?? []);

  const http = createServer((req, res) => handleHttp(req, res));
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (p) => (p.has('xrpc.v1.json') ? 'xrpc.v1.json' : false) });
  http.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path !== '/subscribe' && path !== V2_PATH) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => void serveJetstream(ws, req));
  });

  async function serveJetstream(ws: WebSocket, req: IncomingMessage): Promise<void> {
    connections.jetstream++;
    const url = new URL(req.url ?? '/', 'http://x');
    const v2 = url.pathname === V2_PATH;
    const wanted = new Set(url.searchParams.getAll(v2 ? 'collections' : 'wantedCollections'));
    const cursor = url.searchParams.get('cursor') ?? undefined;
    cursorsRequested.push(cursor);
    // v1 replays every event at or after the time cursor; v2 every event at or after the seq.
    let i = 0;
    if (cursor !== undefined) {
      const c = Number(cursor);
      if (v2) i = Math.max(0, c - 1);
      else while (i < log.length && log[i].timeUs < c) i++;
    }
    let sent = 0;
    let open = true;
    const started = performance.now();
    ws.on('close', () => (open = false));
    for (const junk of options.junkFrames ?? []) ws.send(junk);
    while (open) {
      if (i >= log.length) {
        await new Promise<void>((resolve) => {
          const done = () => {
            waiters.delete(done);
            ws.off('close', done);
            resolve();
          };
          waiters.add(done);
          ws.once('close', done);
        });
        continue;
      }
      const e = log[i++];
      if (!v2 && cursor !== undefined && e.timeUs < Number(cursor)) continue;
      if (e.collection && wanted.size && !wanted.has(e.collection)) continue;
      ws.send(v2 ? toV2(e.raw, i) : e.raw);
      sent++;
      if (options.dropAfter && sent >= options.dropAfter) {
        ws.terminate();
        return;
      }
      if (options.rate) {
        // Pace: never ahead of rate × elapsed time.
        const ahead = sent / options.rate - (performance.now() - started) / 1000;
        if (ahead > 0.005) await new Promise((r) => setTimeout(r, ahead * 1000));
      }
      if (ws.bufferedAmount > 1 << 20) await new Promise((r) => setTimeout(r, 1));
      else if (sent % 256 === 0) await new Promise((r) => setImmediate(r));
    }
  }

  function handleHttp(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    if (path === '/api/v1/streaming/public' || path === '/api/v1/streaming/hashtag') {
      connections.mastodon++;
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      res.write(':)\n\n');
      const client = { res, tag: path.endsWith('hashtag') ? (url.searchParams.get('tag') ?? '').toLowerCase() : undefined, sent: 0 };
      sseClients.add(client);
      res.on('close', () => sseClients.delete(client));
      return;
    }
    const tagMatch = /^\/api\/v1\/timelines\/tag\/([^/]+)$/.exec(path);
    if (path === '/api/v1/timelines/public' || tagMatch) {
      const tag = tagMatch ? decodeURIComponent(tagMatch[1]).toLowerCase() : undefined;
      const minId = url.searchParams.get('min_id');
      const limit = Math.min(40, Number(url.searchParams.get('limit') ?? 20));
      const page = statuses
        .filter((s) => matches(s, tag) && (minId === null || compareStatusIds(String(s.id), minId) > 0))
        .sort((a, b) => compareStatusIds(String(a.id), String(b.id)))
        .slice(0, limit)
        .reverse();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(page));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":"not found"}');
  }

  function matches(s: Record<string, unknown>, tag: string | undefined): boolean {
    if (tag === undefined) return true;
    return Array.isArray(s.tags) && s.tags.some((t) => (t as { name?: string }).name?.toLowerCase() === tag);
  }

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  return {
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    connections,
    cursorsRequested,
    appendJetstream: append,
    publishMastodon(list) {
      for (const s of list) {
        statuses.push(s);
        for (const c of [...sseClients]) {
          if (!matches(s, c.tag)) continue;
          c.res.write(`event: update\ndata: ${JSON.stringify(s)}\n\n`);
          c.sent++;
          if (options.dropAfter && c.sent >= options.dropAfter) {
            // Cut mid-event: half an event, then FIN without the chunked terminator.
            sseClients.delete(c);
            c.res.write('event: update\ndata: {"id":"1');
            c.res.socket?.end();
          }
        }
      }
    },
    async close() {
      for (const c of sseClients) c.res.socket?.destroy();
      for (const ws of wss.clients) ws.terminate();
      for (const w of [...waiters]) w();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** Re-frame a v1 event in the v2 wire format (formats.md §3.2 b). */
export function toV2(raw: string, seq: number): string {
  const e = JSON.parse(raw) as Record<string, unknown> & { commit?: Record<string, unknown> };
  const payload: Record<string, unknown> = {
    $type: `network.bsky.jetstream.subscribeEvents#${String(e.kind)}`,
    seq,
    did: e.did,
    time: new Date(Math.floor(Number(e.time_us) / 1000)).toISOString(),
  };
  if (e.kind === 'commit' && e.commit) Object.assign(payload, e.commit);
  else if (e.kind === 'identity' || e.kind === 'account') payload[String(e.kind)] = e[String(e.kind)];
  return JSON.stringify({ $type: 'message', payload });
}
