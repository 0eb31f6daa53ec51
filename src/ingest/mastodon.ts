/**
 * Mastodon (and Pleroma/Akkoma) Status entities: one Status, an array (timeline), a Context
 * (`{ancestors, descendants}`), JSONL of Statuses, or streaming events (`{event, payload}` with the
 * Status JSON-encoded in `payload`). See docs/sources/mastodon.md and reference/formats.md section 4.
 */
import type { Account, Post, SourceRef } from '../model/types.js';
import { sha256 } from '../util/hash.js';
import { isJsonProblem, jsonTooDeep, readJson, TextLocator, tooDeepDetail } from './json.js';
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
const FORMAT = 'mastodon';

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(s: string): string {
  return s.replace(/&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g, (all, body: string) => {
    if (body[0] !== '#') return NAMED[body.toLowerCase()] ?? all;
    const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : '\ufffd';
  });
}

/**
 * Status HTML to plain text: paragraphs become blank lines, `<br>` newlines, every tag is dropped
 * (its text kept, so a link's hidden `https://` part stays), entities are decoded. The result is
 * text, not HTML: escape it again wherever it is shown. Linear in the length of `html`.
 *
 * @example htmlToText('<p>a &amp; b<br>c</p><p>d</p>') // 'a & b\nc\n\nd'
 */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p\s*>\s*<p(?:\s[^>]*)?>/gi, '\n\n');
  return decodeEntities(stripTags(text)).trim();
}

/**
 * Drop every `<…>` (through the first `>` after a `<`, as `/<[^>]*>/g` would, so malformed real tags
 * such as `</span}</p>` go too) in one pass. That regex is quadratic on a run of `<` with no `>`.
 */
function stripTags(html: string): string {
  let out = '';
  let from = 0;
  for (let lt = html.indexOf('<'); lt >= 0; lt = html.indexOf('<', from)) {
    const gt = html.indexOf('>', lt + 1);
    if (gt < 0) break; // no `>` after this `<`: none after any later `<` either
    out += html.slice(from, lt);
    from = gt + 1;
  }
  return out + html.slice(from);
}

/** hrefs of links in Status HTML that are not mentions or hashtags. */
function contentLinks(html: string): string[] {
  const out: string[] = [];
  // `[^<>]` stops each try at the next tag, so hostile runs of `<a ` stay linear.
  for (const m of html.matchAll(/<a\s([^<>]{0,4000})>/gi)) {
    const attrs = m[1]!;
    if (/class="[^"]*(?:mention|hashtag)/i.test(attrs)) continue;
    const href = /href="([^"]{1,4000})"/i.exec(attrs)?.[1];
    if (href) out.push(decodeEntities(href));
  }
  return out;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}

/** `user@host` for an account: `acct` has no host for local accounts, so take it from the url. */
function fullAcct(account: Obj): string | undefined {
  const acct = str(account.acct) ?? str(account.username);
  if (!acct) return undefined;
  if (acct.includes('@')) return acct.replace(/^@/, '');
  const url = str(account.url) ?? str(account.uri);
  let host: string | undefined;
  try {
    host = url ? new URL(url).host : undefined;
  } catch {
    host = undefined;
  }
  return host ? `${acct}@${host}` : acct;
}

/** Profile of a Status's account; its id is the account's url (stable across instances). */
export function mapMastodonAccount(account: Obj): Account | undefined {
  const handle = fullAcct(account);
  const id = str(account.uri) ?? str(account.url) ?? handle;
  if (!id || !handle) return undefined;
  const out: Account = { platform: FORMAT, id, handle };
  if (str(account.display_name)) out.displayName = account.display_name as string;
  if (str(account.note)) out.description = htmlToText(account.note as string);
  const created = typeof account.created_at === 'string' ? account.created_at : undefined;
  if (created && !Number.isNaN(Date.parse(created))) out.createdAt = new Date(created).toISOString();
  return out;
}

/**
 * Map one Status to a Post (pure; throws RecordIssue). The id is the status `uri` (its federation
 * id, the same on every instance); a boost has empty text and points at the boosted status.
 */
export function mapStatus(status: Obj, raw: string, source: SourceRef): Post {
  const id = str(status.uri) ?? str(status.url);
  if (!id) throw new RecordIssue('field_missing', 'field "uri" is missing', 'uri');
  if (!isObject(status.account)) throw new RecordIssue('field_missing', 'field "account" is missing', 'account');
  const account = mapMastodonAccount(status.account);
  if (!account) throw new RecordIssue('field_missing', 'field "account.acct" is missing', 'account.acct');
  const createdAt = timeField(status.created_at, 'created_at');
  const base = { platform: FORMAT, id, authorId: account.id, authorHandle: account.handle, createdAt, source, contentHash: sha256(raw), raw };
  const reblog = isObject(status.reblog) ? status.reblog : undefined;
  if (reblog) {
    // A boost has no content of its own (like a Bluesky repost): it points at the boosted status.
    const target = str(reblog.uri) ?? str(reblog.url);
    if (!target) throw new RecordIssue('field_missing', 'field "reblog.uri" is missing', 'reblog.uri');
    const post: Post = { ...base, text: '', urls: [], hashtags: [], mentions: [], repostOf: target };
    const author = isObject(reblog.account) ? mapMastodonAccount(reblog.account) : undefined;
    if (author) post.repostOfAuthor = author.id;
    return post;
  }
  if (typeof status.content !== 'string') throw new RecordIssue('field_missing', 'field "content" is missing', 'content');
  const spoiler = str(status.spoiler_text);
  const body = htmlToText(status.content);
  const text = spoiler ? `${spoiler}\n\n${body}` : body;
  const card = isObject(status.card) ? str(status.card.url) : undefined;
  const tags = Array.isArray(status.tags) ? status.tags.filter(isObject).map((t) => str(t.name)) : [];
  // Local mentions have a bare `acct`: qualify them with the host of their url, as handles are.
  const mentions = Array.isArray(status.mentions) ? status.mentions.filter(isObject).map(fullAcct) : [];
  const post: Post = {
    ...base,
    text,
    urls: uniq([...contentLinks(status.content), card]),
    hashtags: uniq(tags),
    mentions: uniq(mentions),
  };
  const lang = str(status.language);
  if (lang) post.lang = lang;
  const replyTo = str(status.in_reply_to_id);
  if (replyTo) post.replyTo = replyTo;
  // Mastodon 4.4+: quote = {state, quoted_status}; Akkoma: quote = Status.
  const q = isObject(status.quote) ? (isObject(status.quote.quoted_status) ? status.quote.quoted_status : status.quote) : undefined;
  const quoteOf = q ? (str(q.uri) ?? str(q.url)) : undefined;
  if (quoteOf) post.quoteOf = quoteOf;
  return post;
}

/** `skip`: a bad value (quarantined); `notPost`: an expected non-status event (counted as skipped). */
type Unit = { status: Obj } | { skip: string } | { notPost: true };

function unitsOf(value: unknown): Unit[] {
  if (Array.isArray(value)) return value.flatMap(unitsOf);
  if (!isObject(value)) return [{ skip: `expected a Status object, got ${quote(value)}` }];
  if (typeof value.event === 'string' && 'payload' in value) {
    if (value.event !== 'update' && value.event !== 'status.update') return [{ notPost: true }]; // delete, notification, …
    if (typeof value.payload !== 'string') return isObject(value.payload) ? [{ status: value.payload }] : [{ skip: 'a streaming event without payload' }];
    let payload: unknown;
    try {
      payload = JSON.parse(value.payload);
    } catch (err) {
      return [{ skip: `the streaming payload is not JSON: ${(err as Error).message.slice(0, 120)}` }];
    }
    if (jsonTooDeep(value.payload, payload)) return [{ skip: tooDeepDetail('the streaming payload') }];
    return unitsOf(payload);
  }
  if (Array.isArray(value.ancestors) || Array.isArray(value.descendants)) {
    return [...((value.ancestors as unknown[]) ?? []), ...((value.descendants as unknown[]) ?? [])].flatMap(unitsOf);
  }
  if ('state' in value && 'quoted_status' in value && !('content' in value)) {
    return isObject(value.quoted_status) ? [{ status: value.quoted_status }] : [{ skip: `a Quote entity (state ${quote(value.state)}) without the quoted status` }];
  }
  return [{ status: value }];
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
      const units = unitsOf(item.value);
      const locator = item.document ? new TextLocator(item.text, item.offset) : undefined;
      for (const [k, unit] of units.entries()) {
        const index = units.length > 1 ? k : undefined;
        if ('notPost' in unit) {
          batch.skip();
          continue;
        }
        if ('skip' in unit) {
          batch.quarantine(here, 'record_unsupported', unit.skip, { raw: item.text, index });
          continue;
        }
        const uri = str(unit.status.uri);
        const source = locator && uri ? { file, ...locator.locate(`"${uri}"`) } : here;
        const raw = units.length === 1 && !item.document ? item.text : JSON.stringify(unit.status);
        batch.attempt(source, raw, () => {
          batch.addPost(mapStatus(unit.status, raw, source));
          const account = mapMastodonAccount(unit.status.account as Obj);
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
  const start = head.replace(/^\uFEFF/, '').trimStart().slice(0, 32768);
  if (!start.startsWith('{') && !start.startsWith('[')) return false;
  if (/"event"\s*:\s*"(?:update|status\.update|delete)"/.test(start) && /"payload"\s*:/.test(start)) return true;
  return /"content"\s*:/.test(start) && /"account"\s*:/.test(start) && /"(?:visibility|spoiler_text|reblog)"\s*:/.test(start);
}

/** Mastodon / Pleroma / Akkoma statuses. */
export const MASTODON: IngestFormat = {
  id: FORMAT,
  title: 'Mastodon statuses (REST or streaming JSON)',
  description:
    'Mastodon-API Status entities (Mastodon, Pleroma, Akkoma): one Status, an array or Context, JSONL of Statuses, or streaming update events whose payload is a JSON-encoded Status. The id is the status uri (the same on every instance), the author id the account url, the handle user@host. HTML content is turned into plain text; links come from the content and the card; a boost is a post with empty text pointing at the boosted status (repostOf); quotes (Mastodon 4.4+ and Akkoma) set quoteOf. in_reply_to_id is instance-local. Delete and other non-status streaming events are counted as skipped (not posts).',
  sniff,
  read,
};
