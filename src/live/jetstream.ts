import WebSocket from 'ws';
import type { Store } from '../store/store.js';
import { backoffDelay, sleep, type BackoffOptions } from './backoff.js';
import { JetstreamErrorFrame, parseJetstreamFrame } from './bluesky.js';
import { cursorKey, type LivePipeline } from './pipeline.js';

/** Connection state changes reported to the caller (`vigil serve` logs them). */
export interface ConnectorStatus {
  source: string;
  state: 'connecting' | 'connected' | 'disconnected' | 'gave_up';
  attempt: number;
  error?: string;
  /** Delay before the next attempt, ms. */
  retryInMs?: number;
}

export interface JetstreamOptions {
  /**
   * Endpoint: `wss://host/subscribe` (v1 frames) or `wss://host/xrpc/network.bsky.jetstream.subscribeEvents` (v2).
   * Query parameters are added here; give the bare endpoint.
   */
  url: string;
  store: Store;
  pipeline: LivePipeline;
  /** Collections to ask for (default posts and reposts). */
  collections?: string[];
  signal: AbortSignal;
  backoff?: BackoffOptions;
  /** Consecutive failed attempts after which the connector gives up (default: never). */
  maxAttempts?: number;
  /** How far before the newest time cursor to resume, µs (default 2 s; time_us runs up to 1.5 s backwards in samples). */
  resumeMarginUs?: number;
  /** Reconnect when no frame arrives for this long, ms (default 60 000). */
  idleMs?: number;
  onStatus?: (status: ConnectorStatus) => void;
}

/** Jetstream v1 cursors are unix microseconds; v2 cursors (and v1 `cursor` fields) are sequence numbers below 1e15. */
const TIME_CURSOR_MIN = 1e15;
/**
 * time_us is not monotonic (up to 1.5 s backwards in samples/bluesky/golden_v1.jsonl), so resume a
 * little before the newest time seen; frames seen twice are stored once (counted as duplicates).
 */
const RESUME_MARGIN_US = 2_000_000;

/**
 * A stream URL fit for names, logs and the store: without `user:password@`, query or fragment,
 * which may hold credentials. Otherwise unchanged, so stored cursor keys stay the same.
 */
export function publicStreamUrl(url: string): string {
  return url.replace(/[?#].*$/, '').replace(/^([a-z][a-z0-9+.-]{0,20}:\/\/)[^/]*@/i, '$1');
}

/** The stream name used in SourceRefs and for the stored cursor. */
export function jetstreamSource(url: string): string {
  return `jetstream:${publicStreamUrl(url)}`;
}

/**
 * Follow a Jetstream endpoint until `signal` aborts: resume from the stored cursor, push every frame
 * to the pipeline, reconnect with backoff and jitter when the connection drops.
 */
export async function runJetstream(options: JetstreamOptions): Promise<void> {
  const source = jetstreamSource(options.url);
  const v2 = /\/xrpc\/network\.bsky\.jetstream\.subscribeEvents\/?$/.test(options.url);
  const collections = options.collections ?? ['app.bsky.feed.post', 'app.bsky.feed.repost'];
  const handles = new Map<string, string>();
  const stored = await options.store.getState(cursorKey(source));
  let newest = stored !== undefined && /^\d{1,19}$/.test(stored) ? Number(stored) : undefined;
  let failures = 0;
  const report = (s: Omit<ConnectorStatus, 'source'>) => options.onStatus?.({ source, ...s });
  const fullMargin = options.resumeMarginUs ?? RESUME_MARGIN_US;
  // A link that drops more often than the margin's worth of frames would replay the same frames
  // forever: after a connection that got nowhere, halve the margin; after progress, restore it.
  let margin = fullMargin;

  while (!options.signal.aborted) {
    const url = new URL(options.url);
    for (const c of collections) url.searchParams.append(v2 ? 'collections' : 'wantedCollections', c);
    const newestAtConnect = newest;
    if (newest !== undefined) {
      const resume = newest >= TIME_CURSOR_MIN ? newest - margin : newest;
      url.searchParams.set('cursor', String(resume));
    }
    report({ state: 'connecting', attempt: failures });
    let healthy = false;
    const error = await new Promise<string | undefined>((resolve) => {
      const ws = new WebSocket(url, v2 ? ['xrpc.v1.json'] : [], { maxPayload: 2 << 20, handshakeTimeout: 10_000 });
      let idle: NodeJS.Timeout | undefined;
      const armIdle = () => {
        clearTimeout(idle);
        idle = setTimeout(() => ws.terminate(), options.idleMs ?? 60_000);
      };
      const abort = () => ws.close(1000);
      options.signal.addEventListener('abort', abort, { once: true });
      let failure: string | undefined;
      ws.on('open', () => {
        report({ state: 'connected', attempt: failures });
        armIdle();
      });
      ws.on('message', (data, isBinary) => {
        armIdle();
        if (!healthy) {
          healthy = true;
          failures = 0;
        }
        const raw = isBinary ? Buffer.from(data as Buffer).toString('utf8') : data.toString();
        const receivedAt = performance.now();
        let item;
        try {
          item = parseJetstreamFrame(raw, source, handles);
        } catch (err) {
          if (err instanceof JetstreamErrorFrame) {
            failure = err.message;
            ws.close();
            return;
          }
          throw err;
        }
        if (item.cursor !== undefined) {
          const n = Number(item.cursor);
          // A time cursor from the future (a clock gone wrong) would make the next resume skip
          // everything before it: only cursors up to a day ahead of our clock move the resume point.
          const plausible = Number.isSafeInteger(n) && (n < TIME_CURSOR_MIN || n <= Date.now() * 1000 + 86_400_000_000);
          if (plausible && (newest === undefined || n > newest)) newest = n;
          // Persist the newest cursor seen, not this frame's, since frames arrive slightly out of order.
          item.cursor = newest === undefined ? undefined : String(newest);
        }
        if (!options.pipeline.push(source, item, receivedAt)) {
          ws.pause();
          void options.pipeline.drained().then(() => ws.resume());
        }
      });
      ws.on('error', (err) => {
        failure = err.message;
      });
      ws.on('close', (code) => {
        clearTimeout(idle);
        options.signal.removeEventListener('abort', abort);
        resolve(failure ?? (options.signal.aborted ? undefined : `connection closed (${code})`));
      });
    });
    if (options.signal.aborted) break;
    if (newest !== undefined && newestAtConnect !== undefined && newest <= newestAtConnect) margin = Math.floor(margin / 2);
    else margin = Math.min(fullMargin, Math.max(1000, margin * 2));
    if (!healthy) failures++;
    if (options.maxAttempts !== undefined && failures >= options.maxAttempts) {
      report({ state: 'gave_up', attempt: failures, error });
      return;
    }
    const delay = backoffDelay(failures, options.backoff);
    report({ state: 'disconnected', attempt: failures, error, retryInMs: delay });
    await sleep(delay, options.signal);
  }
}
