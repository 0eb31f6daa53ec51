import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { EventEmitter } from 'node:events';
import type { IncidentEvent } from '../live/pipeline.js';
import type { VigilApi } from './api.js';
import { isLoopback } from './auth.js';
import { ApiError } from './errors.js';

/**
 * The dashboard's Content-Security-Policy: scripts and styles only from this origin, no inline
 * script or style, no plugins, no framing, no foreign connections.
 */
export const DASHBOARD_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface HttpOptions {
  api: VigilApi;
  /** Built dashboard folder (web/dist); absent = API only. */
  webRoot?: string;
  /** Largest request body, bytes (default 64 KiB). */
  maxBodyBytes?: number;
  /** Live pipeline events for the SSE stream. */
  live?: EventEmitter;
  /** SSE heartbeat interval, ms (default 15 000). */
  heartbeatMs?: number;
  /** Most open event streams; more are answered 503 (default 1000). */
  maxStreams?: number;
}

/** The HTTP server: the JSON API, the SSE stream at `/api/v1/events`, and the dashboard's files. */
export function createVigilServer(options: HttpOptions): Server {
  const maxBody = options.maxBodyBytes ?? 64 * 1024;
  const sse = new Set<ServerResponse>();
  const onIncident = (ev: IncidentEvent) => {
    const data = `event: incident\ndata: ${JSON.stringify({ type: ev.type, at: ev.at, previousScore: ev.previousScore, incident: { id: ev.incident.id, raceId: ev.incident.raceId, title: ev.incident.title, score: ev.incident.score, status: ev.incident.status } })}\n\n`;
    // Once the API's views include this change, so a dashboard that reloads on the event sees it.
    void options.api.views.settled().then(() => {
      for (const res of sse) res.write(data);
    });
  };
  options.live?.on('incident', onIncident);
  const heartbeat = setInterval(() => {
    for (const res of sse) res.write(': keep-alive\n\n');
  }, options.heartbeatMs ?? 15_000);
  heartbeat.unref();

  const server = createServer((req, res) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    void route(req, res).catch((err) => {
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'internal', message: 'server: internal error' } });
      else res.destroy();
      options.api.options.log?.(`error ${(err as Error)?.message}`);
    });
  });
  server.on('close', () => {
    clearInterval(heartbeat);
    options.live?.off('incident', onIncident);
    for (const res of sse) res.end();
  });
  // Slow clients must not hold sockets forever.
  server.headersTimeout = 15_000;
  server.requestTimeout = 30_000;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Without tokens every caller is an analyst, which `serve` allows on loopback binds only. A page
    // on another site can still reach 127.0.0.1 through the analyst's browser by pointing its own
    // name there (DNS rebinding); its requests carry that name in Host, so refuse them.
    if (!options.api.options.tokens.length && !isLoopback(hostName(req.headers.host))) {
      return sendJson(res, 403, { error: { code: 'forbidden_host', message: 'server: without access tokens only loopback host names are served' } });
    }
    const url = req.url ?? '/';
    const pathname = url.split('?')[0];
    if (pathname === '/api/v1/events') return events(req, res);
    if (pathname.startsWith('/api/')) {
      res.setHeader('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
      res.setHeader('cache-control', 'no-store');
      let body: Buffer | undefined;
      try {
        body = await readBody(req, maxBody);
      } catch (err) {
        if (err instanceof ApiError) {
          sendJson(res, err.status, { error: { code: err.code, message: err.message } }, { connection: 'close' });
          return;
        }
        throw err;
      }
      const out = await options.api.handle({ method: req.method ?? 'GET', url, headers: req.headers, body });
      res.writeHead(out.status, out.headers);
      res.end(out.binary ?? out.body);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: { code: 'method_not_allowed', message: 'server: only GET here' } });
    return serveStatic(pathname, res);
  }

  function events(req: IncomingMessage, res: ServerResponse): void {
    const role = options.api.authenticate(req.headers);
    if (!role) {
      options.api.options.log?.('GET /api/v1/events 401 -');
      return sendJson(res, 401, { error: { code: 'unauthorized', message: 'server: a valid access token is required' } }, { 'www-authenticate': 'Bearer realm="vigil"' });
    }
    if (sse.size >= (options.maxStreams ?? 1000)) {
      return sendJson(res, 503, { error: { code: 'unavailable', message: 'server: too many open event streams' } }, { 'retry-after': '30' });
    }
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write('retry: 3000\n\n');
    sse.add(res);
    req.on('close', () => sse.delete(res));
  }

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    if (!options.webRoot) return sendJson(res, 404, { error: { code: 'not_found', message: 'server: no dashboard built (run npm run build:web)' } });
    let rel: string;
    try {
      rel = decodeURIComponent(pathname);
    } catch {
      return sendJson(res, 400, { error: { code: 'bad_request', message: 'server: bad path' } });
    }
    const root = normalize(options.webRoot + sep);
    let file = normalize(join(root, rel));
    if (!file.startsWith(root) || rel.includes('\0')) return sendJson(res, 404, { error: { code: 'not_found', message: 'server: not found' } });
    // Client-side routes (no extension) get the app shell.
    if (!extname(file)) file = join(root, 'index.html');
    let content: Buffer;
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      content = await readFile(file);
    } catch {
      return sendJson(res, 404, { error: { code: 'not_found', message: 'server: not found' } });
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': DASHBOARD_CSP,
      'cache-control': extname(file) === '.html' ? 'no-cache' : 'public, max-age=300',
    });
    res.end(content);
  }

  return server;
}

/** The host name of a Host header, without its port (`[::1]:8080` → `[::1]`); '' when absent. */
function hostName(host: string | undefined): string {
  if (!host) return '';
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.indexOf(':');
  return (colon < 0 ? host : host.slice(0, colon)).toLowerCase();
}

/** Read a request body, refusing (413) as soon as it passes `limit` bytes (RFC 9110 §15.5.14). */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) return Promise.reject(tooLarge(limit));
  if (req.method === 'GET' || req.method === 'HEAD') return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop buffering but leave the socket alone, so the 413 answer reaches the client.
        req.off('data', onData);
        req.resume();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function tooLarge(limit: number): ApiError {
  return new ApiError(413, 'payload_too_large', `server: request body is larger than ${limit} bytes`);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}
