import type { Post } from '../model/types.js';
import { sha256 } from '../util/hash.js';
import { excerpt, type LiveItem } from './item.js';

/**
 * Jetstream frames (formats.md §3.2) to live items. Both wire formats are accepted:
 * v1 `/subscribe` objects `{did, time_us, kind, commit:{…}}` and v2
 * `{"$type":"message","payload":{"$type":"…subscribeEvents#commit", seq, …}}`.
 * Post and repost records become posts; other records are counted as skipped.
 */

const POST = 'app.bsky.feed.post';
const REPOST = 'app.bsky.feed.repost';
const V2_PREFIX = 'network.bsky.jetstream.subscribeEvents#';

/** A flat commit, the same for both wire formats. */
interface Commit {
  did: string;
  operation: string;
  collection: string;
  rkey: string;
  record?: Record<string, unknown>;
  /** Observed time, ISO. */
  observedAt: string;
}

/** A terminal v2 error frame: the connection should be closed and the error reported. */
export class JetstreamErrorFrame extends Error {
  constructor(readonly error: string, message: string) {
    super(`jetstream: server error ${error}: ${message}`);
  }
}

/**
 * Parse one Jetstream text frame. `stream` names the source in SourceRefs
 * (`jetstream:ws://host/subscribe`). `handles` maps DIDs to handles learned from identity events
 * and is updated in place.
 */
export function parseJetstreamFrame(raw: string, stream: string, handles: Map<string, string>): LiveItem {
  let frame: unknown;
  try {
    frame = JSON.parse(raw);
  } catch {
    return quarantine(raw, stream, undefined, 'json_malformed', 'frame is not valid JSON');
  }
  if (!isObject(frame)) return quarantine(raw, stream, undefined, 'frame_invalid', 'frame is not a JSON object');
  if (frame.$type === 'error') {
    throw new JetstreamErrorFrame(String(frame.error ?? 'unknown'), String(frame.message ?? ''));
  }
  if (frame.$type === 'message') return parseV2(raw, frame.payload, stream, handles);
  return parseV1(raw, frame, stream, handles);
}

function parseV1(raw: string, f: Record<string, unknown>, stream: string, handles: Map<string, string>): LiveItem {
  const timeUs = f.time_us;
  if (typeof timeUs !== 'number' || !Number.isFinite(timeUs)) {
    return quarantine(raw, stream, undefined, 'field_missing', 'time_us is missing or not a number', 'time_us');
  }
  // The rewritten server adds a v2 `cursor`; older deployments resume by time_us.
  const cursor = typeof f.cursor === 'number' ? String(f.cursor) : String(timeUs);
  const observedAt = new Date(Math.floor(timeUs / 1000)).toISOString();
  if (typeof f.did !== 'string') return quarantine(raw, stream, cursor, 'field_missing', 'did is missing', 'did');
  if (f.kind === 'identity' && isObject(f.identity)) return identity(f.did, f.identity, handles, cursor);
  if (f.kind !== 'commit') return { skipped: String(f.kind ?? 'unknown'), cursor };
  const c = f.commit;
  if (!isObject(c)) return quarantine(raw, stream, cursor, 'field_missing', 'commit is missing', 'commit');
  return fromCommit(raw, stream, cursor, handles, {
    did: f.did,
    operation: String(c.operation),
    collection: String(c.collection),
    rkey: String(c.rkey),
    record: isObject(c.record) ? c.record : undefined,
    observedAt,
  });
}

function parseV2(raw: string, p: unknown, stream: string, handles: Map<string, string>): LiveItem {
  if (!isObject(p) || typeof p.$type !== 'string' || !p.$type.startsWith(V2_PREFIX)) {
    return quarantine(raw, stream, undefined, 'frame_invalid', 'v2 message without a known payload $type', 'payload.$type');
  }
  const kind = p.$type.slice(V2_PREFIX.length);
  const cursor = typeof p.seq === 'number' ? String(p.seq) : undefined;
  if (kind === 'identity' && isObject(p.identity) && typeof p.identity.did === 'string') {
    return identity(p.identity.did, p.identity, handles, cursor);
  }
  if (kind !== 'commit') return { skipped: kind, cursor };
  if (cursor === undefined) return quarantine(raw, stream, undefined, 'field_missing', 'seq is missing', 'seq');
  if (typeof p.did !== 'string') return quarantine(raw, stream, cursor, 'field_missing', 'did is missing', 'did');
  const time = typeof p.time === 'string' ? Date.parse(p.time) : NaN;
  if (!Number.isFinite(time)) return quarantine(raw, stream, cursor, 'timestamp_invalid', 'time is not a datetime', 'time');
  return fromCommit(raw, stream, cursor, handles, {
    did: p.did,
    operation: String(p.operation),
    collection: String(p.collection),
    rkey: String(p.rkey),
    record: isObject(p.record) ? p.record : undefined,
    observedAt: new Date(time).toISOString(),
  });
}

function identity(did: string, id: Record<string, unknown>, handles: Map<string, string>, cursor?: string): LiveItem {
  const handle = typeof id.handle === 'string' && id.handle !== 'handle.invalid' ? id.handle : undefined;
  if (!handle) return { skipped: 'identity', cursor };
  // Bounded: a long-running stream sees millions of DIDs; keep the most recent ones.
  if (handles.size >= 200_000) handles.delete(handles.keys().next().value as string);
  handles.set(did, handle);
  return { account: { platform: 'bluesky', id: did, handle }, cursor };
}

function fromCommit(raw: string, stream: string, cursor: string | undefined, handles: Map<string, string>, c: Commit): LiveItem {
  if (c.operation !== 'create' || (c.collection !== POST && c.collection !== REPOST)) {
    return { skipped: c.operation === 'create' ? c.collection : `${c.operation}:${c.collection}`, cursor };
  }
  const r = c.record;
  if (!r) return quarantine(raw, stream, cursor, 'field_missing', 'create commit without record', 'record');
  const uri = `at://${c.did}/${c.collection}/${c.rkey}`;
  const declared = typeof r.createdAt === 'string' ? Date.parse(r.createdAt) : NaN;
  const post: Post = {
    platform: 'bluesky',
    id: uri,
    authorId: c.did,
    authorHandle: handles.get(c.did) ?? c.did,
    // createdAt is client-declared and can be back-dated; the observed time is the fallback.
    createdAt: Number.isFinite(declared) ? new Date(declared).toISOString() : c.observedAt,
    text: '',
    urls: [],
    hashtags: [],
    mentions: [],
    source: { file: stream, cursor },
    contentHash: sha256(raw),
    raw,
  };
  if (c.collection === REPOST) {
    const subject = strongRefUri(r.subject);
    if (!subject) return quarantine(raw, stream, cursor, 'field_missing', 'repost without subject.uri', 'subject.uri');
    post.repostOf = subject;
    post.repostOfAuthor = didOfUri(subject);
    return { post, cursor };
  }
  if (typeof r.text !== 'string') return quarantine(raw, stream, cursor, 'field_missing', 'post record without text', 'record.text');
  post.text = r.text;
  if (Array.isArray(r.langs) && typeof r.langs[0] === 'string') post.lang = r.langs[0];
  applyFacets(post, r.facets, handles);
  if (Array.isArray(r.tags)) for (const t of r.tags.slice(0, 8)) if (typeof t === 'string') post.hashtags.push(t);
  if (isObject(r.reply)) post.replyTo = strongRefUri(r.reply.parent);
  if (isObject(r.embed)) {
    const e = r.embed;
    if (e.$type === 'app.bsky.embed.record') post.quoteOf = strongRefUri(e.record);
    if (e.$type === 'app.bsky.embed.recordWithMedia' && isObject(e.record)) post.quoteOf = strongRefUri(e.record.record);
    const media = e.$type === 'app.bsky.embed.recordWithMedia' ? e.media : e;
    if (isObject(media) && media.$type === 'app.bsky.embed.external' && isObject(media.external)) {
      const u = media.external.uri;
      if (typeof u === 'string' && !post.urls.includes(u)) post.urls.push(u);
    }
  }
  return { post, cursor };
}

/** Facet indices are UTF-8 byte offsets (formats.md §3.1), so slice the encoded text. */
function applyFacets(post: Post, facets: unknown, handles: Map<string, string>): void {
  if (!Array.isArray(facets)) return;
  let bytes: Uint8Array | undefined;
  const decoder = new TextDecoder();
  for (const facet of facets.slice(0, 100)) {
    if (!isObject(facet) || !Array.isArray(facet.features)) continue;
    for (const f of facet.features) {
      if (!isObject(f)) continue;
      if (f.$type === 'app.bsky.richtext.facet#link' && typeof f.uri === 'string') post.urls.push(f.uri);
      else if (f.$type === 'app.bsky.richtext.facet#tag' && typeof f.tag === 'string') post.hashtags.push(f.tag);
      else if (f.$type === 'app.bsky.richtext.facet#mention' && typeof f.did === 'string') {
        // The visible `@handle` is what the author typed; the DID is the identity behind it.
        let handle = handles.get(f.did);
        const idx = facet.index;
        if (!handle && isObject(idx) && typeof idx.byteStart === 'number' && typeof idx.byteEnd === 'number') {
          bytes ??= new TextEncoder().encode(post.text);
          const shown = decoder.decode(bytes.subarray(idx.byteStart, Math.min(idx.byteEnd, idx.byteStart + 300)));
          if (/^@[\w.-]+$/.test(shown)) handle = shown.slice(1);
        }
        post.mentions.push(handle ?? f.did);
      }
    }
  }
}

function strongRefUri(ref: unknown): string | undefined {
  return isObject(ref) && typeof ref.uri === 'string' ? ref.uri : undefined;
}

function didOfUri(uri: string): string | undefined {
  const m = /^at:\/\/([^/]{1,2048})\//.exec(uri);
  return m ? m[1] : undefined;
}

function quarantine(raw: string, stream: string, cursor: string | undefined, code: string, reason: string, field?: string): LiveItem {
  return { quarantine: { source: { file: stream, cursor }, code, reason: `jetstream: ${reason}`, field, excerpt: excerpt(raw) }, cursor };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
