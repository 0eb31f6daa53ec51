import { mapMastodonAccount, mapStatus as mapArchivedStatus } from '../ingest/mastodon.js';
import { RecordIssue } from '../ingest/record.js';
import { excerpt, type LiveItem } from './item.js';

/**
 * Mastodon streaming (formats.md §4) to live items. SSE events `update` and `status.update` carry a
 * Status (as JSON, or as a JSON string holding JSON in the WebSocket form); `delete` carries an id.
 */

/** One server-sent event. */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * Incremental SSE parser (WHATWG HTML §9.2.6): feed text chunks, get complete events. Lines are
 * bounded: an event larger than `maxEventBytes` is dropped and reported through `onOversize`.
 */
export class SseParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];
  private dataLength = 0;
  private id: string | undefined;
  constructor(private readonly maxEventBytes = 1 << 20, private readonly onOversize?: (size: number) => void) {}

  feed(chunk: string): SseEvent[] {
    this.buffer += chunk;
    const out: SseEvent[] = [];
    let nl: number;
    while ((nl = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      // A CR at the end of a chunk may be the first half of a CRLF split across chunks.
      if (nl === this.buffer.length - 1 && this.buffer[nl] === '\r') break;
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + (this.buffer[nl] === '\r' && this.buffer[nl + 1] === '\n' ? 2 : 1));
      this.line(line, out);
    }
    if (this.buffer.length > this.maxEventBytes) {
      this.onOversize?.(this.buffer.length);
      this.buffer = '';
      this.reset();
    }
    return out;
  }

  private line(line: string, out: SseEvent[]): void {
    if (line === '') {
      if (this.data.length) out.push({ event: this.event || 'message', data: this.data.join('\n'), id: this.id });
      this.reset();
      return;
    }
    if (line.startsWith(':')) return; // comment / heartbeat
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'id') this.id = value;
    else if (field === 'data') {
      this.dataLength += value.length;
      if (this.dataLength > this.maxEventBytes) {
        this.onOversize?.(this.dataLength);
        this.data = [];
        return;
      }
      this.data.push(value);
    }
  }

  private reset(): void {
    this.event = '';
    this.data = [];
    this.dataLength = 0;
  }
}

/** Map one streaming event to a live item. */
export function parseMastodonEvent(ev: SseEvent, stream: string): LiveItem {
  if (ev.event === 'delete') return { skipped: 'delete' };
  if (ev.event !== 'update' && ev.event !== 'status.update') return { skipped: ev.event };
  let status: unknown;
  let raw = ev.data;
  try {
    status = JSON.parse(raw);
    // The WebSocket form holds the Status as a JSON string inside the JSON.
    if (typeof status === 'string') status = JSON.parse((raw = status));
  } catch {
    return quarantine(ev.data, stream, undefined, 'json_malformed', 'event data is not valid JSON');
  }
  return mapStatus(status, raw, stream);
}

/**
 * Map a Status entity (REST or streaming) to a post and its author's account, with the archive
 * parser's mapping (ingest/mastodon.ts), so live and archived copies of a status agree. The cursor
 * is the instance-local id (what REST `min_id` pages by).
 */
export function mapStatus(status: unknown, raw: string, stream: string): LiveItem {
  if (!isObject(status)) return quarantine(raw, stream, undefined, 'frame_invalid', 'status is not an object');
  const cursor = typeof status.id === 'string' && status.id.length <= 64 ? status.id : undefined;
  if (!cursor) return quarantine(raw, stream, undefined, 'field_missing', 'status.id is missing', 'id');
  try {
    const post = mapArchivedStatus(status, raw, { file: stream, cursor });
    const account = isObject(status.account) ? mapMastodonAccount(status.account) : undefined;
    return account ? { post, account, cursor } : { post, cursor };
  } catch (err) {
    if (err instanceof RecordIssue) return quarantine(raw, stream, cursor, err.code, err.detail, err.field);
    throw err;
  }
}

/** Compare two Mastodon ids: numeric snowflakes compare by length first, others as strings. */
export function compareStatusIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b) && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function quarantine(raw: string, stream: string, cursor: string | undefined, code: string, reason: string, field?: string): LiveItem {
  return { quarantine: { source: { file: stream, cursor }, code, reason: `mastodon: ${reason}`, field, excerpt: excerpt(raw) }, cursor };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
