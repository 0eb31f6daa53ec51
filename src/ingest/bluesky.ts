/**
 * Bluesky (AT Protocol) posts: Jetstream v1 JSONL (`{did, time_us, kind, commit}`), Jetstream v2
 * frames (`{$type: 'message', payload}`), and the XRPC shapes `com.atproto.repo.listRecords`
 * (`{records: [{uri, cid, value}]}`) and `app.bsky.feed.getAuthorFeed` (`{feed: [{post}]}`) or
 * `searchPosts` (`{posts: [...]}`), as JSONL or one document.
 * See docs/sources/bluesky.md and reference/formats.md section 3.
 */
import type { Account, Post, SourceRef } from '../model/types.js';
import { sha256 } from '../util/hash.js';
import { isJsonProblem, readJson, TextLocator } from './json.js';
import {
  BatchBuilder,
  DEFAULT_BATCH_SIZE,
  isObject,
  quote,
  RecordIssue,
  timeField,
  uniq,
  type IngestBatch,
  type IngestFormat,
  type ReadOptions,
} from './record.js';

type Obj = Record<string, unknown>;
const FORMAT = 'bluesky';
const POST = 'app.bsky.feed.post';
const REPOST = 'app.bsky.feed.repost';

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}

/** The uri of a StrongRef-like object. */
function refUri(ref: unknown): string | undefined {
  return isObject(ref) ? str(ref.uri) : undefined;
}

/** Text of `text` between UTF-8 byte offsets (facet indices are bytes, not UTF-16 units). */
export function sliceUtf8(text: string, byteStart: number, byteEnd: number): string | undefined {
  const bytes = Buffer.from(text);
  if (!(byteStart >= 0 && byteEnd <= bytes.length && byteStart < byteEnd)) return undefined;
  return bytes.subarray(byteStart, byteEnd).toString('utf8');
}

/**
 * Map an `app.bsky.feed.post` or `app.bsky.feed.repost` record to a Post. Pure; throws RecordIssue.
 * `uri` is the record's at-uri, `did` its author, `handle` the author's handle when known.
 */
export function mapBlueskyRecord(record: Obj, uri: string, did: string, handle: string | undefined, raw: string, source: SourceRef): Post {
  const type = record.$type;
  const createdAt = timeField(record.createdAt, 'createdAt');
  const base = { platform: 'bluesky', id: uri, authorId: did, authorHandle: handle ?? did, createdAt, source, contentHash: sha256(raw), raw };
  if (type === REPOST) {
    const subject = refUri(record.subject);
    if (!subject) throw new RecordIssue('field_missing', 'field "subject.uri" is missing', 'subject');
    return { ...base, text: '', urls: [], hashtags: [], mentions: [], repostOf: subject };
  }
  if (typeof record.text !== 'string') {
    throw new RecordIssue(record.text === undefined ? 'field_missing' : 'field_invalid', 'field "text" is missing or not a string', 'text');
  }
  const text = record.text;
  const urls: string[] = [];
  const hashtags: string[] = [];
  const mentions: string[] = [];
  for (const facet of Array.isArray(record.facets) ? record.facets.filter(isObject) : []) {
    const index = isObject(facet.index) ? facet.index : {};
    for (const feature of Array.isArray(facet.features) ? facet.features.filter(isObject) : []) {
      const kind = feature.$type;
      if (kind === 'app.bsky.richtext.facet#link') urls.push(str(feature.uri) ?? '');
      else if (kind === 'app.bsky.richtext.facet#tag') hashtags.push(str(feature.tag) ?? '');
      else if (kind === 'app.bsky.richtext.facet#mention') {
        // The text shows @handle; the DID is the identity. Keep the handle (watchlists hold handles).
        const shown = sliceUtf8(text, Number(index.byteStart), Number(index.byteEnd))?.replace(/^@/, '');
        mentions.push(shown && /^[\w.-]{1,253}$/.test(shown) ? shown : (str(feature.did) ?? ''));
      }
    }
  }
  if (Array.isArray(record.tags)) for (const t of record.tags) if (typeof t === 'string') hashtags.push(t);
  const embed = isObject(record.embed) ? record.embed : undefined;
  let quoteOf: string | undefined;
  if (embed?.$type === 'app.bsky.embed.record') quoteOf = refUri(embed.record);
  else if (embed?.$type === 'app.bsky.embed.recordWithMedia' && isObject(embed.record)) quoteOf = refUri(embed.record.record);
  else if (embed?.$type === 'app.bsky.embed.external' && isObject(embed.external)) urls.push(str(embed.external.uri) ?? '');
  if (embed?.$type === 'app.bsky.embed.recordWithMedia' && isObject(embed.media) && isObject(embed.media.external)) {
    urls.push(str(embed.media.external.uri) ?? '');
  }
  const post: Post = { ...base, text, urls: uniq(urls), hashtags: uniq(hashtags), mentions: uniq(mentions) };
  const lang = Array.isArray(record.langs) ? str(record.langs[0]) : undefined;
  if (lang) post.lang = lang;
  const replyTo = isObject(record.reply) ? refUri(record.reply.parent) : undefined;
  if (replyTo) post.replyTo = replyTo;
  if (quoteOf) post.quoteOf = quoteOf;
  return post;
}

/** `at://did/collection/rkey` -> [did, collection]. */
function parseAtUri(uri: string): [string, string] | undefined {
  const m = /^at:\/\/([^/]{1,2048})\/([^/]{1,317})\/[^/]{1,512}$/.exec(uri);
  return m ? [m[1]!, m[2]!] : undefined;
}

/** A post-like record found in a JSON value; `source` is the object it came in (kept as raw). */
type Found = { record: Obj; uri: string; did: string; handle?: string; account?: Account; source?: Obj };
type Unit = Found | { skip: string } | { issue: RecordIssue };

/** One JSON value (a Jetstream event or an XRPC response) -> the units it holds. */
function unitsOf(value: unknown): Unit[] {
  if (!isObject(value)) return [{ issue: new RecordIssue('record_unsupported', `expected a JSON object, got ${quote(value)}`) }];
  // Jetstream v2 frame: flat commit fields inside `payload`.
  if (value.$type === 'message' && isObject(value.payload)) {
    const p = value.payload;
    const kind = String(p.$type ?? '');
    if (!kind.endsWith('#commit')) return [{ skip: `Jetstream event of kind ${quote(kind)}: not a post` }];
    return [commitUnit(str(p.did), p.operation, p.collection, p.rkey, p.record)];
  }
  if (value.$type === 'error') return [{ skip: `a Jetstream error frame: ${quote(value.message ?? value.error)}` }];
  // Jetstream v1 event.
  if (typeof value.kind === 'string' && typeof value.did === 'string') {
    if (value.kind !== 'commit' || !isObject(value.commit)) return [{ skip: `Jetstream event of kind ${quote(value.kind)}: not a post` }];
    const c = value.commit;
    return [commitUnit(value.did, c.operation, c.collection, c.rkey, c.record)];
  }
  // XRPC responses.
  if (Array.isArray(value.records)) {
    return value.records.map((r): Unit => {
      if (!isObject(r) || typeof r.uri !== 'string' || !isObject(r.value)) return { issue: new RecordIssue('field_missing', 'a listRecords entry without uri or value', 'uri') };
      const parsed = parseAtUri(r.uri);
      if (!parsed) return { issue: new RecordIssue('field_invalid', `field "uri": not an at-uri: ${quote(r.uri)}`, 'uri') };
      return collectionUnit(parsed[1], { record: r.value, uri: r.uri, did: parsed[0], source: r });
    });
  }
  const views = Array.isArray(value.feed) ? value.feed.map((f) => (isObject(f) ? f.post : f)) : Array.isArray(value.posts) ? value.posts : undefined;
  if (views) return views.map(viewUnit);
  if (typeof value.uri === 'string' && isObject(value.record)) return [viewUnit(value)];
  return [{ issue: new RecordIssue('record_unsupported', 'not a Jetstream event, listRecords, feed or post view') }];
}

function collectionUnit(collection: string, unit: Found): Unit {
  if (collection !== POST && collection !== REPOST) return { skip: `record of collection ${quote(collection)}: not a post (only ${POST} and ${REPOST} are read)` };
  return unit;
}

function commitUnit(did: string | undefined, operation: unknown, collection: unknown, rkey: unknown, record: unknown): Unit {
  if (!did) return { issue: new RecordIssue('field_missing', 'field "did" is missing', 'did') };
  if (typeof collection !== 'string' || typeof rkey !== 'string') {
    return { issue: new RecordIssue('field_missing', 'field "commit.collection" or "commit.rkey" is missing', 'collection') };
  }
  if (operation === 'delete') return { skip: `a delete of a ${quote(collection)} record (deletions are not applied)` };
  if (!isObject(record)) return { issue: new RecordIssue('field_missing', 'field "commit.record" is missing', 'record') };
  return collectionUnit(collection, { record, uri: `at://${did}/${collection}/${rkey}`, did });
}

/** An `app.bsky.feed.defs#postView`: {uri, author: {did, handle, displayName}, record}. */
function viewUnit(view: unknown): Unit {
  if (!isObject(view) || typeof view.uri !== 'string' || !isObject(view.record)) {
    return { issue: new RecordIssue('field_missing', 'a post view without uri or record', 'uri') };
  }
  const parsed = parseAtUri(view.uri);
  const author = isObject(view.author) ? view.author : {};
  const did = str(author.did) ?? parsed?.[0];
  if (!did || !parsed) return { issue: new RecordIssue('field_invalid', `field "uri": not an at-uri: ${quote(view.uri)}`, 'uri') };
  const handle = str(author.handle);
  const account: Account | undefined = handle ? { platform: FORMAT, id: did, handle } : undefined;
  if (account && str(author.displayName)) account.displayName = str(author.displayName);
  return collectionUnit(parsed[1], { record: view.record, uri: view.uri, did, handle, account, source: view });
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
      const units = unitsOf(item.value);
      const locator = item.document ? new TextLocator(item.text, item.offset) : undefined;
      for (const [k, unit] of units.entries()) {
        const here: SourceRef = { file, line: item.line, offset: item.offset };
        const index = units.length > 1 ? k : undefined;
        // Likes, follows, profile updates, deletions, identity and account events: expected, not errors.
        if ('skip' in unit) {
          batch.skip();
          continue;
        }
        if ('issue' in unit) {
          batch.issue(here, unit.issue, item.text, index);
          continue;
        }
        const source = locator ? { file, ...locator.locate(`"${unit.uri}"`) } : here;
        // A Jetstream line is one event: keep it as is. From a response, keep the entry or post view.
        const raw = unit.source ? JSON.stringify(unit.source) : item.text;
        batch.attempt(source, raw, () => {
          batch.addPost(mapBlueskyRecord(unit.record, unit.uri, unit.did, unit.handle, raw, source));
          if (unit.account) batch.addAccount(unit.account);
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
  if (/"did"\s*:\s*"did:/.test(start) && /"kind"\s*:\s*"(?:commit|identity|account)"/.test(start)) return true;
  if (/"\$type"\s*:\s*"message"/.test(start) && start.includes('network.bsky.jetstream')) return true;
  return /"uri"\s*:\s*"at:\/\//.test(start) && /"(?:records|feed|posts)"\s*:/.test(start);
}

/** Bluesky posts and reposts from Jetstream or XRPC responses. */
export const BLUESKY: IngestFormat = {
  id: FORMAT,
  title: 'Bluesky (Jetstream JSONL, listRecords, getAuthorFeed)',
  description:
    'Bluesky app.bsky.feed.post records (and app.bsky.feed.repost records, as posts with repostOf and empty text) from Jetstream v1/v2 JSONL captures or from com.atproto.repo.listRecords, getAuthorFeed and searchPosts responses. The id is the at-uri, the author id the DID; the handle is known only from feed views (Jetstream gives the DID). createdAt is client-declared. Mentions come from facets (UTF-8 byte offsets), links from link facets and external embeds, quotes from record embeds. Likes, follows, profile updates, deletions and identity/account events are counted as skipped (not posts), apart from quarantine.',
  sniff,
  read,
};
