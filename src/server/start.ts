import { randomUUID } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { relative, resolve, isAbsolute, sep } from 'node:path';
import { WebhookDispatcher, type TargetStatus } from '../alerts/webhook.js';
import { buildIncidents } from '../cases/incidents.js';
import { UsageError } from '../errors.js';
import { runJetstream, type ConnectorStatus } from '../live/jetstream.js';
import { runMastodonStream } from '../live/mastodon-stream.js';
import { LivePipeline, type IncidentEvent } from '../live/pipeline.js';
import type { Finding, Post, Watchlist } from '../model/types.js';
import type { Store } from '../store/store.js';
import { safeTerminal } from '../util/escape.js';
import { VigilApi } from './api.js';
import { isLoopback, type TokenEntry } from './auth.js';
import { ApiError, badRequest } from './errors.js';
import { StoreWatcher } from './freshness.js';
import { createVigilServer } from './http.js';
import { MentionCounter } from './mentions.js';

export interface ServeOptions {
  store: Store;
  watchlist: Watchlist;
  host: string;
  port: number;
  tokens: TokenEntry[];
  /** Per-post detectors (analyze's detectPostFindings bound to the compiled watchlist). */
  detect: (posts: Post[]) => Finding[] | Promise<Finding[]>;
  /** Built dashboard folder; absent = API only. */
  webRoot?: string;
  /** Jetstream endpoints to follow. */
  jetstream?: string[];
  /** Mastodon streams to follow. */
  mastodon?: { instance: string; timeline: 'public' | 'public:local' | 'public:remote' | 'hashtag'; tag?: string; token?: string }[];
  /** Folder analysts may import files from; absent = imports off. */
  importDir?: string;
  /** Re-run detection over the store after an import (analyze's analyzeStore). */
  analyzeAfterImport?: (store: Store) => Promise<unknown>;
  ingest?: (store: Store, file: string, format?: string) => Promise<unknown>;
  /** How often to look for changes other processes committed to the store, ms (default 2000; 0 = never). */
  refreshMs?: number;
  log: (line: string) => void;
}

export interface RunningServer {
  url: string;
  api: VigilApi;
  pipeline: LivePipeline;
  alertTargets: () => TargetStatus[];
  /** Stop streams, write what is queued, wait for alerts, close the HTTP server (the store stays open). */
  close(): Promise<void>;
}

/**
 * Start Vigil's server: API + dashboard + live streams + alerts in one process. Refuses a
 * non-loopback bind without tokens.
 */
export async function startServer(o: ServeOptions): Promise<RunningServer> {
  if (!isLoopback(o.host) && o.tokens.length === 0) {
    throw new UsageError(`serve: refusing to listen on ${o.host} without access tokens; set VIGIL_TOKENS or --tokens-file (or bind to 127.0.0.1)`);
  }
  // Search indexes deferred by bulk loads are built before serving, not on a user's first search.
  await o.store.prepareSearch();
  const pipeline = new LivePipeline({
    store: o.store,
    detect: o.detect,
    buildIncidents: (f) => buildIncidents(f, o.watchlist),
    onError: (err) => o.log(`live: a batch could not be stored (its cursor was not advanced): ${safeTerminal(String((err as Error)?.message ?? err), 300)}`),
  });
  const dispatcher = new WebhookDispatcher({
    webhooks: o.watchlist.webhooks,
    onReport: (s, what) => o.log(`alerts: ${what === 'suspended' ? 'suspended' : 'gave up on a delivery to'} ${safeTerminal(s.target, 200)} (${safeTerminal(s.lastError ?? 'unknown error', 200)}; ${s.gaveUp} given up)`),
  });
  pipeline.on('incident', (ev: IncidentEvent) => dispatcher.handle(ev));

  const ac = new AbortController();
  const mentions = new MentionCounter(o.watchlist);
  pipeline.on('posts', (posts: Post[]) => mentions.addLive(posts));
  const jobs = new Map<string, { id: string; file: string; state: 'running' | 'done' | 'failed'; error?: string; result?: unknown }>();
  let importRoot: string | undefined;
  if (o.importDir) importRoot = await realpath(o.importDir);
  const api = new VigilApi({
    store: o.store,
    watchlist: o.watchlist,
    tokens: o.tokens,
    live: pipeline,
    alertTargets: () => dispatcher.targets(),
    log: o.log,
    mentions,
    startImport:
      importRoot && o.ingest
        ? async (file, format) => {
            // Only files inside the import folder, after resolving links: a request names a file, not a path.
            // Refuse a path out of the folder before touching the disk, so answers do not tell which
            // files exist elsewhere; then resolve links and check again.
            const inside = (p: string) => {
              const rel = relative(importRoot!, p);
              return !(rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel) || file.includes('\0'));
            };
            if (!inside(resolve(importRoot!, file))) throw badRequest('file must be inside the import folder');
            let real: string;
            try {
              real = await realpath(resolve(importRoot!, file));
            } catch {
              throw new ApiError(404, 'not_found', 'server: no such file in the import folder');
            }
            if (!inside(real)) throw badRequest('file must be inside the import folder');
            const rel = relative(importRoot!, real);
            const job: { id: string; file: string; state: 'running' | 'done' | 'failed'; error?: string; result?: unknown } = { id: randomUUID(), file: rel, state: 'running' };
            jobs.set(job.id, job);
            void (async () => {
              try {
                job.result = await o.ingest!(o.store, real, format);
                await o.analyzeAfterImport?.(o.store);
                api.views.invalidate();
                await mentions.scan(o.store, ac.signal);
                job.state = 'done';
              } catch (err) {
                job.state = 'failed';
                job.error = (err as Error).message;
              }
            })();
            return { id: job.id };
          }
        : undefined,
    importStatus: (id) => jobs.get(id),
  });
  await api.restoreAlerts();
  // Analyze, ingest or leads run beside the server: their changes reach views and alerts without a restart.
  const watcher = new StoreWatcher({
    store: o.store,
    views: api.views,
    events: pipeline,
    intervalMs: o.refreshMs,
    onError: (err) => o.log(`refresh: could not read the store's changes: ${safeTerminal(String((err as Error)?.message ?? err), 300)}`),
  });
  if (o.refreshMs !== 0) await watcher.start();
  const server = createVigilServer({ api, webRoot: o.webRoot, live: pipeline });
  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(o.port, o.host, () => res());
  });
  const port = (server.address() as AddressInfo).port;
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;

  const scanning = mentions.scan(o.store, ac.signal).catch((err) => o.log(`mentions: archive scan stopped: ${safeTerminal(String((err as Error)?.message), 200)}`));
  const onStatus = (s: ConnectorStatus) =>
    o.log(`live: ${s.source} ${s.state}${s.error ? ` (${safeTerminal(s.error, 200)})` : ''}${s.retryInMs !== undefined ? `, retry in ${s.retryInMs} ms` : ''}`);
  const running: Promise<void>[] = [];
  for (const url of o.jetstream ?? []) running.push(runJetstream({ url, store: o.store, pipeline, signal: ac.signal, onStatus }));
  for (const m of o.mastodon ?? []) running.push(runMastodonStream({ ...m, store: o.store, pipeline, signal: ac.signal, onStatus }));

  return {
    url: `http://${host}:${port}`,
    api,
    pipeline,
    alertTargets: () => dispatcher.targets(),
    async close() {
      watcher.stop();
      ac.abort();
      await Promise.allSettled([...running, scanning]);
      await pipeline.flush();
      await dispatcher.idle();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
