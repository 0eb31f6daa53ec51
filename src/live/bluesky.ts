import { mapBlueskyRecord } from '../ingest/bluesky.js';
import { RecordIssue } from '../ingest/record.js';
import type { Post } from '../model/types.js';
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
 * Parse one Jetstream text frame. Records are mapped by the archive parser's `mapBlueskyRecord`. `stream` names the source in SourceRefs
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
  if (!c.record) return quarantine(raw, stream, cursor, 'field_missing', 'create commit without record', 'record');
  const uri = `at://${c.did}/${c.collection}/${c.rkey}`;
  // The same mapping as for archives (ingest/bluesky.ts), so live and archived copies of a post agree.
  const record = { $type: c.collection, ...c.record };
  const map = (r: Record<string, unknown>) => mapBlueskyRecord(r, uri, c.did, handles.get(c.did), raw, { file: stream, cursor });
  let post: Post;
  try {
    try {
      post = map(record);
    } catch (err) {
      // createdAt is client-declared; a missing or broken one falls back to Jetstream's observed time.
      if (!(err instanceof RecordIssue) || err.field !== 'createdAt') throw err;
      post = map({ ...record, createdAt: c.observedAt });
    }
  } catch (err) {
    if (err instanceof RecordIssue) return quarantine(raw, stream, cursor, err.code, err.detail, err.field === 'text' ? 'record.text' : err.field);
    throw err;
  }
  if (post.repostOf) post.repostOfAuthor = didOfUri(post.repostOf);
  return { post, cursor };
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
