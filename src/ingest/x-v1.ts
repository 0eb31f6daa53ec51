/**
 * X/Twitter API v1.1 statuses, the shape of most academic Twitter datasets from 2010 to 2022: one
 * status, an array of them (user timelines, `statuses/retweets`, `lookup`), search results
 * `{statuses: [...], search_metadata}`, and JSONL of statuses or streaming messages (twarc 1,
 * the streaming API). See docs/sources/x-v1.md and reference/formats.md.
 *
 * Numeric `id` values above 2^53 lose digits in JSON.parse, so ids come from `id_str`, and each
 * status's raw evidence is its exact source text (cut out of the array, not re-serialised).
 */
import type { Account, Post, SourceRef } from '../model/types.js';
import { sha256 } from '../util/hash.js';
import { isJsonProblem, jsonMembers, readJson } from './json.js';
import {
  BatchBuilder,
  DEFAULT_BATCH_SIZE,
  exactNumbers,
  idField,
  isObject,
  quote,
  RecordIssue,
  uniq,
  type IngestBatch,
  type IngestFormat,
  type NumberLookup,
  type ReadOptions,
} from './record.js';
import { parseEpochSeconds, parseTimestamp } from './time.js';

type Obj = Record<string, unknown>;
const FORMAT = 'x-v1';

const MONTHS: Record<string, string> = { Jan: '01', Feb: '02', Mar: '03', Apr: '04', May: '05', Jun: '06', Jul: '07', Aug: '08', Sep: '09', Oct: '10', Nov: '11', Dec: '12' };

/**
 * v1.1 `created_at` (`Sun Mar 26 19:17:08 +0000 2006`) to ISO UTC, or undefined.
 * @example parseV1Time('Thu Mar 08 12:38:03 +0000 2018') // '2018-03-08T12:38:03.000Z'
 */
export function parseV1Time(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d{2}) (\d{2}:\d{2}:\d{2}) ([+-]\d{2})(\d{2}) (\d{4})$/.exec(value);
  const month = m && MONTHS[m[1]!];
  if (!m || !month) return parseTimestamp(value); // some re-exports write ISO times
  return parseTimestamp(`${m[6]}-${month}-${m[2]}T${m[3]}${m[4]}:${m[5]}`);
}

/** Streaming API messages that are not statuses: counted as skipped. */
const NOTICES = ['delete', 'limit', 'scrub_geo', 'status_withheld', 'user_withheld', 'disconnect', 'warning', 'friends', 'friends_str', 'event', 'control'];

function list(value: unknown): Obj[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}

/** `id_str`, else a numeric `id` when it is exact (idField names the digits as written otherwise). */
function v1Id(obj: Obj, field: 'id' | 'in_reply_to_status_id' | 'quoted_status_id', required: boolean, exact: NumberLookup): string | undefined {
  const s = str(obj[`${field}_str`]);
  if (s) return s;
  return required ? idField(obj, field, true, exact) : idField(obj, field, false, exact);
}

/** Full text: `extended_tweet.full_text` (streaming), `full_text` (tweet_mode=extended), else `text`. */
function fullText(status: Obj): string | undefined {
  const ext = isObject(status.extended_tweet) ? status.extended_tweet : undefined;
  return str(ext?.full_text) ?? (typeof status.full_text === 'string' ? status.full_text : undefined) ?? (typeof status.text === 'string' ? status.text : undefined);
}

function entitiesOf(status: Obj): Obj | undefined {
  const ext = isObject(status.extended_tweet) ? status.extended_tweet : undefined;
  return isObject(ext?.entities) ? ext.entities : isObject(status.entities) ? status.entities : undefined;
}

/** Profile fields of a v1.1 user object; undefined without id and screen_name. */
export function mapV1User(user: Obj): Account | undefined {
  const id = str(user.id_str) ?? (Number.isSafeInteger(user.id) ? String(user.id) : undefined);
  const handle = str(user.screen_name);
  if (!id || !handle) return undefined;
  const account: Account = { platform: 'x', id, handle };
  if (str(user.name)) account.displayName = user.name as string;
  if (str(user.description)) account.description = user.description as string;
  if (str(user.location)) account.location = user.location as string;
  const created = parseV1Time(user.created_at);
  if (created) account.createdAt = created;
  return account;
}

/**
 * Map one v1.1 status to a Post (pure; throws RecordIssue). Platform `x`, so the same tweet from v1.1
 * and v2 files is stored once. `raw` is the status's source text; `exact` quotes rounded ids as written.
 */
export function mapV1Status(status: Obj, raw: string, source: SourceRef, exact: NumberLookup = () => undefined): Post {
  const id = v1Id(status, 'id', true, exact)!;
  if (!isObject(status.user)) throw new RecordIssue('field_missing', 'field "user" is missing', 'user');
  const user = status.user;
  const authorId = str(user.id_str) ?? idField(user, 'id', true, exact);
  const handle = str(user.screen_name) ?? authorId;
  if (status.created_at === undefined && status.timestamp_ms === undefined) throw new RecordIssue('field_missing', 'field "created_at" is missing', 'created_at');
  const createdAt =
    parseV1Time(status.created_at) ??
    (typeof status.timestamp_ms === 'string' && /^\d{1,15}$/.test(status.timestamp_ms) ? parseEpochSeconds(status.timestamp_ms.slice(0, -3) || '0') : undefined);
  if (!createdAt) throw new RecordIssue('timestamp_invalid', `field "created_at": not a v1.1 time ("Sun Mar 26 19:17:08 +0000 2006"): ${quote(status.created_at)}`, 'created_at');
  const own = fullText(status);
  if (own === undefined) throw new RecordIssue('field_missing', 'field "text" (or "full_text") is missing', 'text');

  const original = isObject(status.retweeted_status) ? status.retweeted_status : undefined;
  const entities = [entitiesOf(status), original && entitiesOf(original)];
  // A retweet's own text is cut ("RT @a: …"): show the original's full text after the prefix.
  const prefix = original ? /^RT @\w{1,50}: /.exec(own)?.[0] : undefined;
  const originalText = original && fullText(original);
  const text = prefix && originalText !== undefined ? prefix + originalText : own;
  const post: Post = {
    platform: 'x',
    id,
    authorId,
    authorHandle: handle,
    createdAt,
    text,
    urls: uniq(entities.flatMap((e) => list(e?.urls).map((u) => str(u.expanded_url) ?? str(u.url)))),
    hashtags: uniq(entities.flatMap((e) => list(e?.hashtags).map((h) => str(h.text)))),
    mentions: uniq(entities.flatMap((e) => list(e?.user_mentions).map((m) => str(m.screen_name)))),
    source,
    contentHash: sha256(raw),
    raw,
  };
  const lang = str(status.lang);
  if (lang && lang !== 'und') post.lang = lang;
  const replyTo = v1Id(status, 'in_reply_to_status_id', false, exact);
  if (replyTo) post.replyTo = replyTo;
  if (original) {
    const repostOf = v1Id(original, 'id', false, exact);
    if (repostOf) post.repostOf = repostOf;
    const by = isObject(original.user) ? (str(original.user.id_str) ?? idField(original.user, 'id', false, exact)) : undefined;
    if (by) post.repostOfAuthor = by;
  }
  const quoteOf = v1Id(status, 'quoted_status_id', false, exact) ?? (isObject(status.quoted_status) ? v1Id(status.quoted_status, 'id', false, exact) : undefined);
  if (quoteOf) post.quoteOf = quoteOf;
  return post;
}

/** Line and byte offset of positions in a text, for positions visited in increasing order. */
class Positions {
  private at = 0;
  private line: number;
  private offset: number;
  constructor(
    private readonly text: string,
    line: number,
    offset: number,
  ) {
    this.line = line;
    this.offset = offset;
  }
  of(index: number): { line: number; offset: number } {
    const between = this.text.slice(this.at, index);
    for (let k = between.indexOf('\n'); k !== -1; k = between.indexOf('\n', k + 1)) this.line++;
    this.offset += Buffer.byteLength(between);
    this.at = index;
    return { line: this.line, offset: this.offset };
  }
}

type Unit = { status: unknown; raw: string; start?: number } | { notice: true } | { issue: RecordIssue };

/** The statuses one JSON value holds, each with its exact source text where it can be cut out. */
function unitsOf(value: unknown, text: string): Unit[] {
  const elements = (array: unknown[], from: number): Unit[] => {
    const spans = jsonMembers(text, from);
    const exact = spans && spans.length === array.length;
    return array.map((status, k) => (exact ? { status, raw: text.slice(spans[k]!.start, spans[k]!.end), start: spans[k]!.start } : { status, raw: JSON.stringify(status) }));
  };
  if (Array.isArray(value)) return elements(value, 0);
  if (!isObject(value)) return [{ issue: new RecordIssue('record_unsupported', `expected a v1.1 status object or array, got ${quote(value)}`) }];
  if (Array.isArray(value.statuses)) {
    const member = jsonMembers(text)?.find((m) => m.key === 'statuses');
    return member ? elements(value.statuses, member.start) : value.statuses.map((status) => ({ status, raw: JSON.stringify(status) }));
  }
  if (NOTICES.some((k) => k in value) && !('id_str' in value) && !('text' in value)) return [{ notice: true }];
  return [{ status: value, raw: text.trim() }];
}

async function* read(file: string, options: ReadOptions = {}): AsyncGenerator<IngestBatch> {
  const batch = new BatchBuilder(FORMAT, file, options.batchSize ?? DEFAULT_BATCH_SIZE);
  for await (const items of readJson(file, options)) {
    for (const item of items) {
      batch.bytesRead = item.end;
      if (isJsonProblem(item)) {
        batch.quarantine({ file, line: item.line, offset: item.offset }, item.code, item.detail, { raw: item.excerpt });
        continue;
      }
      const here: SourceRef = { file, line: item.line, offset: item.offset };
      const units = unitsOf(item.value, item.text);
      const positions = new Positions(item.text, item.line, item.offset);
      for (const [k, unit] of units.entries()) {
        const index = units.length > 1 ? k : undefined;
        if ('notice' in unit) {
          batch.skip(); // a deletion, limit or other streaming notice: not a post
          continue;
        }
        if ('issue' in unit) {
          batch.issue(here, unit.issue, item.text, index);
          continue;
        }
        const status = unit.status;
        // In a pretty-printed file each status points at its own line; on one line, the line.
        const source: SourceRef = item.document && unit.start !== undefined ? { file, ...positions.of(unit.start) } : here;
        if (!isObject(status)) {
          batch.quarantine(source, 'record_unsupported', `expected a status object, got ${quote(status)}`, { raw: unit.raw, index });
          continue;
        }
        batch.attempt(source, unit.raw, () => {
          batch.addPost(mapV1Status(status, unit.raw, source, exactNumbers(unit.raw)));
          const account = isObject(status.user) ? mapV1User(status.user) : undefined;
          if (account) batch.addAccount(account);
        }, index);
      }
      if (batch.full) yield batch.take()!;
    }
  }
  const last = batch.take();
  if (last) yield last;
}

function sniff(head: string): boolean {
  const start = head.replace(/^\uFEFF/, '').trimStart().slice(0, 16384);
  if (!start.startsWith('{') && !start.startsWith('[')) return false;
  // v1.1 statuses carry `id_str` and a `user` object with `screen_name`; v2 tweets have neither.
  if (/"id_str"\s*:/.test(start) && /"screen_name"\s*:/.test(start) && /"created_at"\s*:\s*"[A-Z][a-z]{2} [A-Z][a-z]{2} \d/.test(start)) return true;
  return /^\{\s*"(?:delete|limit)"\s*:\s*\{/.test(start) && /"id_str"\s*:/.test(start);
}

/** X/Twitter API v1.1 statuses. */
export const X_V1: IngestFormat = {
  id: FORMAT,
  title: 'X/Twitter API v1.1 JSON (statuses, search, timelines, stream)',
  description:
    'X API v1.1 statuses, as most academic Twitter datasets of 2010-2022 hold them: one status, an array (user timeline, retweets, lookup), search results ({statuses, search_metadata}), or JSONL of statuses and streaming messages (twarc 1). Ids come from id_str (numeric ids above 2^53 are rounded by JSON parsers); text from extended_tweet.full_text, full_text or text; a retweet shows "RT @user: " and the original full text, with repostOf; quotes from quoted_status_id_str. created_at ("Sun Mar 26 19:17:08 +0000 2006") is read as given. Each status keeps its exact source text as raw. Deletion, limit and other stream notices are counted as skipped (not posts).',
  sniff,
  read,
};
