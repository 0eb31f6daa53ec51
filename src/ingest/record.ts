/**
 * Shared pieces of every ingest format: the batch type, quarantine entries with readable reasons,
 * and small field coercions. One bad record never stops a file: mapping functions throw a
 * `RecordIssue`, the reader turns it into a quarantine entry and goes on.
 */
import type { Account, Post, QuarantineEntry, SourceRef } from '../model/types.js';
import { safeTerminal } from '../util/escape.js';
import { nulFreeAccount, nulFreePost, nulFreeQuarantine, withoutNul } from '../util/nul.js';
import { parseTimestamp, type TimeOptions } from './time.js';

/** One batch of a streaming read. `read` = posts.length + quarantined.length + skipped. */
export interface IngestBatch {
  /** Normalized posts, each with `source {file, line, offset}`, `contentHash` = sha256(raw) and `raw`. */
  posts: Post[];
  /** Profiles the source gave, deduplicated within the batch. */
  accounts: Account[];
  quarantined: QuarantineEntry[];
  /**
   * Records that are expected not to be posts (Bluesky likes and follows, identity events, Telegram
   * service messages, stream deletions): counted, not quarantined, so real errors stay visible.
   */
  skipped: number;
  /** Posts in this batch stored with a warning note (Post.notes), and the first few warnings. */
  warned: number;
  warnings: string[];
  /** Records read in this batch (a v2 page of 100 tweets is 100 records). */
  read: number;
  /** Bytes of the file consumed so far, for progress bars. */
  bytesRead: number;
}

/** Options common to every format's `read`. */
export interface ReadOptions {
  /** Records per batch (default 5000). */
  batchSize?: number;
  /** Largest record (line, CSV row, JSON document part) in bytes (default 4 MiB). */
  maxRecordBytes?: number;
}

/** A format: metadata for `--help` and detection, and a streaming reader. */
export interface IngestFormat {
  /** 'x-v2' | 'x-v1' | 'io-archive' | 'jsonl' | 'csv' | 'bluesky' | 'mastodon' | 'telegram' */
  id: string;
  title: string;
  /** One paragraph for --help. */
  description: string;
  /** Whether `head` (the first 64 KiB of `file`, decoded) looks like this format. */
  sniff(head: string, file: string): boolean;
  read(file: string, options?: ReadOptions): AsyncIterable<IngestBatch>;
}

/** Records per batch unless ReadOptions.batchSize says otherwise. */
export const DEFAULT_BATCH_SIZE = 5000;
/** Largest record (line, row, element) unless ReadOptions.maxRecordBytes says otherwise. */
export const DEFAULT_MAX_RECORD_BYTES = 4 * 1024 * 1024;
/** Quarantine excerpts never exceed this many bytes. */
export const EXCERPT_BYTES = 2048;

/** Quarantine codes used by ingest. */
export type IssueCode =
  | 'json_malformed'
  | 'json_too_deep'
  | 'field_missing'
  | 'field_invalid'
  | 'timestamp_invalid'
  | 'record_too_large'
  | 'record_unsupported'
  | 'utf8_invalid'
  | 'file_empty'
  | 'delimiter_wrong'
  | 'csv_malformed'
  | 'csv_ragged';

/** A problem with one record, thrown by mapping functions and caught by the reader. */
export class RecordIssue extends Error {
  constructor(
    readonly code: IssueCode,
    /** Reason without the `module: file:line:` prefix. */
    readonly detail: string,
    readonly field?: string,
  ) {
    super(detail);
  }
}

/** A value quoted for a message: control codes made visible, cut to `max` characters. */
export function quote(value: unknown, max = 80): string {
  const s = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return `"${safeTerminal(s, max).replace(/"/g, '\\"')}"`;
}

/** At most EXCERPT_BYTES of a raw record, cut at a character boundary; invalid bytes become U+FFFD. */
export function excerptOf(raw: Uint8Array | string): string {
  if (typeof raw === 'string' && raw.length * 3 <= EXCERPT_BYTES) return withoutNul(raw);
  const bytes = typeof raw === 'string' ? Buffer.from(raw.slice(0, EXCERPT_BYTES)) : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  // NULs become U+2400 as everywhere (PostgreSQL cannot store them).
  const text = withoutNul(cutUtf8(bytes).toString('utf8'));
  // Invalid bytes decode to U+FFFD and NULs to U+2400 (3 bytes each): cut again if the text grew.
  return Buffer.byteLength(text) <= EXCERPT_BYTES ? text : cutUtf8(Buffer.from(text)).toString('utf8');
}

/** The first EXCERPT_BYTES of `bytes`, not splitting a multi-byte character at the cut. */
function cutUtf8(bytes: Buffer): Buffer {
  let end = Math.min(bytes.length, EXCERPT_BYTES);
  if (end < bytes.length) while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

/** A quarantine entry whose reason reads `ingest/<format>: <file>:<line>: <detail>`. */
export function quarantineEntry(
  format: string,
  source: SourceRef,
  code: IssueCode,
  detail: string,
  options: { field?: string; raw?: Uint8Array | string } = {},
): QuarantineEntry {
  const line = source.line === undefined ? source.file : `${source.file}:${source.line}`;
  const where = source.index === undefined ? line : `${line} (record ${source.index + 1})`;
  const entry: QuarantineEntry = { source, code, reason: `ingest/${format}: ${where}: ${detail}` };
  if (options.field !== undefined) entry.field = options.field;
  if (options.raw !== undefined && (typeof options.raw === 'string' ? options.raw.length : options.raw.byteLength) > 0) {
    entry.excerpt = excerptOf(options.raw);
  }
  return entry;
}

/** Created times before this are noted as implausible (before any platform Vigil reads). */
const EARLIEST_PLAUSIBLE = '1990-01-01T00:00:00.000Z';
/** Warnings kept per batch as text (all are counted). */
const WARNINGS_KEPT = 20;

/**
 * Collects posts, accounts and quarantine entries and hands out batches of about `batchSize` records.
 * Accounts are deduplicated per batch by (platform, id); a later profile replaces an earlier one.
 * Every post, account and entry passes through util/nul.ts, so both stores receive the same text.
 */
export class BatchBuilder {
  private posts: Post[] = [];
  private accounts = new Map<string, Map<string, Account>>(); // platform -> id -> account
  private quarantined: QuarantineEntry[] = [];
  private skipped = 0;
  private warned = 0;
  private warnings: string[] = [];
  /** A day past the time of reading: later created times are noted (a wrong clock or field). */
  private readonly latestPlausible = new Date(Date.now() + 86_400_000).toISOString();
  bytesRead = 0;

  constructor(
    readonly format: string,
    readonly file: string,
    private readonly batchSize: number,
  ) {}

  /**
   * Add a post. A created time before 1990 or more than a day after now (years 0001 and 2999) is
   * kept as given, with a note on the post and a warning in the batch: quarantining would lose a
   * record whose text may matter, while storing it silently would put it on a timeline.
   */
  addPost(post: Post): void {
    post = nulFreePost(post);
    const when = post.createdAt < EARLIEST_PLAUSIBLE ? 'before 1990' : post.createdAt > this.latestPlausible ? 'in the future (after the time of reading)' : undefined;
    if (when) post = { ...post, notes: [...(post.notes ?? []), `createdAt ${post.createdAt} is ${when}: the source's clock or field is likely wrong; kept as given`] };
    if (post.notes) {
      this.warned++;
      if (this.warnings.length < WARNINGS_KEPT) {
        const where = post.source.line === undefined ? post.source.file : `${post.source.file}:${post.source.line}`;
        this.warnings.push(`ingest/${this.format}: ${where}: post ${quote(post.id, 40)}: ${post.notes.join('; ')}`);
      }
    }
    this.posts.push(post);
  }

  /** Count a record that is expected not to be a post (see IngestBatch.skipped). */
  skip(): void {
    this.skipped++;
  }

  addAccount(account: Account): void {
    account = nulFreeAccount(account);
    let byId = this.accounts.get(account.platform);
    if (!byId) this.accounts.set(account.platform, (byId = new Map()));
    byId.set(account.id, account);
  }


  /**
   * Quarantine one record. `index` is its place within the line or document when that holds several
   * records, so that each gets its own entry (the store keeps one per source and code).
   */
  quarantine(source: SourceRef, code: IssueCode, detail: string, options?: { field?: string; raw?: Uint8Array | string; index?: number }): void {
    const at = options?.index === undefined ? source : { ...source, index: options.index };
    this.quarantined.push(nulFreeQuarantine(quarantineEntry(this.format, at, code, detail, options)));
  }

  /**
   * Run one record's mapping: a RecordIssue it throws quarantines the record (with `raw`, which may
   * be a function so that it is only computed for a bad record, and `index` as in `quarantine`),
   * anything else is a bug and propagates.
   */
  attempt(source: SourceRef, raw: Uint8Array | string | (() => string) | undefined, map: () => void, index?: number): void {
    try {
      map();
    } catch (err) {
      if (!(err instanceof RecordIssue)) throw err;
      this.issue(source, err, typeof raw === 'function' ? raw() : raw, index);
    }
  }

  /** Quarantine from a RecordIssue thrown by a mapping function. */
  issue(source: SourceRef, issue: RecordIssue, raw?: Uint8Array | string, index?: number): void {
    this.quarantine(source, issue.code, issue.detail, { field: issue.field, raw, index });
  }

  get size(): number {
    return this.posts.length + this.quarantined.length + this.skipped;
  }

  get full(): boolean {
    return this.size >= this.batchSize;
  }

  /** The batch so far (or undefined when nothing is pending), and start a new one. */
  take(): IngestBatch | undefined {
    if (this.size === 0 && this.accounts.size === 0) return undefined;
    const batch: IngestBatch = {
      posts: this.posts,
      accounts: [...this.accounts.values()].flatMap((byId) => [...byId.values()]),
      quarantined: this.quarantined,
      skipped: this.skipped,
      warned: this.warned,
      warnings: this.warnings,
      read: this.size,
      bytesRead: this.bytesRead,
    };
    this.posts = [];
    this.accounts = new Map();
    this.quarantined = [];
    this.skipped = 0;
    this.warned = 0;
    this.warnings = [];
    return batch;
  }
}

// ---------------------------------------------------------------- field coercion

type Obj = Record<string, unknown>;

/** A plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A native id as a string. JSON numbers are accepted only when they are safe integers: a larger
 * number has already lost digits in JSON.parse (19-digit X ids), so the record is rejected. `exact`
 * (from `exactNumbers` over the record's JSON source) lets the message quote the id as written.
 */
export function idField(obj: Obj, field: string, required: true, exact?: NumberLookup): string;
export function idField(obj: Obj, field: string, required?: false, exact?: NumberLookup): string | undefined;
export function idField(obj: Obj, field: string, required = false, exact?: NumberLookup): string | undefined {
  const v = obj[field];
  if (v === undefined || v === null || v === '') {
    if (required) throw new RecordIssue('field_missing', `field "${field}" is missing`, field);
    return undefined;
  }
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  if (typeof v === 'number') {
    const written = exact?.(field, v);
    const shown = written ?? `${quote(v)} (as parsed; the digits written in the file are lost)`;
    throw new RecordIssue('field_invalid', `field "${field}": the number ${shown} is too large to be exact (above 2^53, JSON parsers round it); ids must be strings`, field);
  }
  throw new RecordIssue('field_invalid', `field "${field}": expected a string id, got ${quote(v)}`, field);
}

/** Finds how a large number was written in a record's JSON source (see `exactNumbers`). */
export type NumberLookup = (field: string, value: number) => string | undefined;

/**
 * A lookup of the digits of `"field": <number>` in JSON `text` as written (JSON.parse rounds
 * `672419773767028736` to `672419773767028700`). The text is scanned once, on the first call, for
 * numbers of 16 digits or more, so a line of many bad records costs one pass.
 */
export function exactNumbers(text: string): NumberLookup {
  let found: Map<string, string> | undefined;
  return (field, value) => {
    if (!found) {
      found = new Map();
      for (const m of text.matchAll(/"((?:[^"\\]|\\.){1,200})"\s*:\s*(-?\d{16,400})(?![\d.eE])/g)) {
        found.set(`${m[1]}\u0000${Number(m[2])}`, m[2]!);
      }
    }
    return found.get(`${field}\u0000${value}`);
  };
}

/** A string field (a missing required one is `field_missing`, a non-string `field_invalid`). */
export function stringField(obj: Obj, field: string, required: true): string;
export function stringField(obj: Obj, field: string, required?: false): string | undefined;
export function stringField(obj: Obj, field: string, required = false): string | undefined {
  const v = obj[field];
  if (v === undefined || v === null) {
    if (required) throw new RecordIssue('field_missing', `field "${field}" is missing`, field);
    return undefined;
  }
  if (typeof v !== 'string') throw new RecordIssue('field_invalid', `field "${field}": expected a string, got ${quote(v)}`, field);
  return v;
}

/** A required time field normalized to ISO UTC, or `timestamp_invalid` naming the field and value. */
export function timeField(value: unknown, field: string, options?: TimeOptions): string {
  if (value === undefined || value === null || value === '') {
    throw new RecordIssue('field_missing', `field "${field}" is missing`, field);
  }
  const iso = typeof value === 'string' ? parseTimestamp(value, options) : undefined;
  if (!iso) throw new RecordIssue('timestamp_invalid', `field "${field}": not an ISO 8601 time: ${quote(value)}`, field);
  return iso;
}

/** Unique non-empty strings in first-seen order. */
export function uniq(values: Iterable<string | undefined | null>): string[] {
  const out = new Set<string>();
  for (const v of values) if (v) out.add(v);
  return [...out];
}
