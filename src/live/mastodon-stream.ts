import type { Store } from '../store/store.js';
import { backoffDelay, sleep, type BackoffOptions } from './backoff.js';
import { publicStreamUrl, type ConnectorStatus } from './jetstream.js';
import type { LiveItem } from './item.js';
import { compareStatusIds, mapStatus, parseMastodonEvent, SseParser } from './mastodon.js';
import { cursorKey, type LivePipeline } from './pipeline.js';

export interface MastodonStreamOptions {
  /** Instance base URL, e.g. `https://social.example`. */
  instance: string;
  /** `public`, `public:local`, `public:remote` or `hashtag` (with `tag`). */
  timeline: 'public' | 'public:local' | 'public:remote' | 'hashtag';
  tag?: string;
  /** Access token; many instances require one for streaming. Never logged. */
  token?: string;
  store: Store;
  pipeline: LivePipeline;
  signal: AbortSignal;
  backoff?: BackoffOptions;
  maxAttempts?: number;
  /** Reconnect when no byte (heartbeats included) arrives for this long, ms (default 90 000). */
  idleMs?: number;
  /** Most REST pages fetched to fill a gap after a reconnect (default 100 pages of 40). */
  maxBackfillPages?: number;
  onStatus?: (status: ConnectorStatus) => void;
}

/** Largest REST answer read; a page of 40 statuses is well under 1 MiB. The instance is untrusted. */
export const MAX_REST_BYTES = 8 << 20;

/** Parse a JSON answer, refusing one over MAX_REST_BYTES without buffering the rest. */
async function readJsonLimited(res: Response): Promise<unknown> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Leaving the loop early (the throw) cancels the body stream.
  for await (const chunk of res.body ?? []) {
    size += chunk.length;
    if (size > MAX_REST_BYTES) throw new Error(`REST answer larger than ${MAX_REST_BYTES} bytes`);
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/** The stream name used in SourceRefs and for the stored cursor. */
export function mastodonSource(o: Pick<MastodonStreamOptions, 'instance' | 'timeline' | 'tag'>): string {
  return `mastodon:${publicStreamUrl(o.instance).replace(/\/+$/, '')}/${o.timeline}${o.tag ? `:${o.tag}` : ''}`;
}

/**
 * Follow a Mastodon streaming timeline over SSE until `signal` aborts. Mastodon streams do not
 * replay, so after every (re)connect the gap since the stored cursor (the newest status id seen) is
 * filled from the REST timeline with `min_id`, page by page. Events that arrive together with a
 * connection reset can be discarded by the HTTP client; the same gap-filling recovers them.
 */
export async function runMastodonStream(options: MastodonStreamOptions): Promise<void> {
  const base = options.instance.replace(/\/+$/, '');
  const source = mastodonSource(options);
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let newest = await options.store.getState(cursorKey(source));
  let failures = 0;
  const report = (s: Omit<ConnectorStatus, 'source'>) => options.onStatus?.({ source, ...s });

  // `newest` only moves past ids whose predecessors have all been pushed: while a gap is being
  // filled from REST, stream items carry no cursor, so a crash mid-gap resumes before the gap.
  let backfilling = false;
  let streamNewest: string | undefined;
  const max = (a: string | undefined, b: string | undefined) =>
    a === undefined ? b : b === undefined ? a : compareStatusIds(a, b) >= 0 ? a : b;
  const push = (item: LiveItem, fromBackfill: boolean): boolean => {
    if (fromBackfill) {
      newest = max(newest, item.cursor);
      item.cursor = newest;
    } else {
      streamNewest = max(streamNewest, item.cursor);
      item.cursor = backfilling ? undefined : (newest = max(newest, streamNewest));
    }
    return options.pipeline.push(source, item, performance.now());
  };

  const streamPath =
    options.timeline === 'hashtag'
      ? `/api/v1/streaming/hashtag?tag=${encodeURIComponent(options.tag ?? '')}`
      : `/api/v1/streaming/${options.timeline === 'public' ? 'public' : options.timeline === 'public:local' ? 'public/local' : 'public/remote'}`;
  const restPath =
    options.timeline === 'hashtag'
      ? `/api/v1/timelines/tag/${encodeURIComponent(options.tag ?? '')}`
      : `/api/v1/timelines/public${options.timeline === 'public:local' ? '?local=true' : options.timeline === 'public:remote' ? '?remote=true' : ''}`;

  async function newestId(signal: AbortSignal): Promise<string> {
    const url = new URL(base + restPath);
    url.searchParams.set('limit', '1');
    const res = await fetch(url, { headers: { ...headers, accept: 'application/json' }, signal });
    if (!res.ok) throw new Error(`timeline HTTP ${res.status}`);
    const list = (await readJsonLimited(res)) as { id?: unknown }[];
    return Array.isArray(list) && typeof list[0]?.id === 'string' ? list[0].id : '0';
  }

  async function backfill(signal: AbortSignal): Promise<void> {
    if (newest === undefined) return;
    backfilling = true;
    try {
      let since = newest;
      let complete = false;
      for (let page = 0; page < (options.maxBackfillPages ?? 100) && !complete; page++) {
        const url = new URL(base + restPath);
        url.searchParams.set('min_id', since);
        url.searchParams.set('limit', '40');
        const res = await fetch(url, { headers: { ...headers, accept: 'application/json' }, signal });
        if (!res.ok) throw new Error(`backfill HTTP ${res.status}`);
        const list = (await readJsonLimited(res)) as unknown;
        if (!Array.isArray(list) || list.length === 0) {
          complete = true;
          break;
        }
        // A page holds the statuses just after min_id, newest first; push them oldest first.
        const items = list.map((s) => mapStatus(s, JSON.stringify(s), source));
        items.sort((x, y) => compareStatusIds(x.cursor ?? '', y.cursor ?? ''));
        for (const item of items) if (!push(item, true)) await options.pipeline.drained();
        const last = items[items.length - 1].cursor;
        if (!last || compareStatusIds(last, since) <= 0 || list.length < 40) complete = true;
        else since = last;
      }
      // A gap larger than the page budget: reconnect and go on from where this backfill got to.
      if (!complete) throw new Error('gap larger than the backfill page budget; continuing after a reconnect');
      // The gap is filled: the stream's newest id may now become the cursor. (A backfill cut short
      // leaves the cursor where it got to, so the next one starts there.)
      newest = max(newest, streamNewest);
    } finally {
      backfilling = false;
    }
  }

  while (!options.signal.aborted) {
    report({ state: 'connecting', attempt: failures });
    const ac = new AbortController();
    const abort = () => ac.abort();
    options.signal.addEventListener('abort', abort, { once: true });
    let idle: NodeJS.Timeout | undefined;
    const armIdle = () => {
      clearTimeout(idle);
      idle = setTimeout(() => ac.abort(), options.idleMs ?? 90_000);
    };
    let healthy = false;
    let error: string | undefined;
    let gapError: string | undefined;
    try {
      armIdle();
      // Without a cursor, take the timeline's newest id as the starting point ("from now"), or '0'
      // when it is empty, so that whatever a first connection loses is filled from REST.
      if (newest === undefined) newest = await newestId(ac.signal);
      const res = await fetch(base + streamPath, { headers, signal: ac.signal });
      if (!res.ok || !res.body) throw new Error(`stream HTTP ${res.status}`);
      report({ state: 'connected', attempt: failures });
      healthy = true;
      failures = 0;
      // A gap that cannot be filled must not be skipped: drop the stream and try again.
      const filled = backfill(ac.signal).catch((err: Error) => {
        gapError = err.message;
        ac.abort();
      });
      const parser = new SseParser(1 << 20);
      const decoder = new TextDecoder();
      for await (const chunk of res.body) {
        armIdle();
        for (const ev of parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }))) {
          if (!push(parseMastodonEvent(ev, source), false)) await options.pipeline.drained();
        }
      }
      await filled;
      error = gapError ?? 'stream ended';
    } catch (err) {
      error = gapError ?? (err as Error).message;
    } finally {
      clearTimeout(idle);
      options.signal.removeEventListener('abort', abort);
      ac.abort();
    }
    if (options.signal.aborted) break;
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
