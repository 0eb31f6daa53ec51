/**
 * X/Twitter API v2: response pages (`data` + `includes.users`), JSONL of pages (twarc2 output),
 * JSONL of single tweets or filtered-stream messages, and a single pretty-printed page file.
 * See docs/sources/x-v2.md and reference/formats.md section 1.
 */
import type { Account, Post } from '../model/types.js';
import { sha256 } from '../util/hash.js';
import { isJsonProblem, readJson, TextLocator } from './json.js';
import {
  BatchBuilder,
  DEFAULT_BATCH_SIZE,
  exactNumbers,
  idField,
  isObject,
  quote,
  RecordIssue,
  stringField,
  timeField,
  uniq,
  type IngestBatch,
  type IngestFormat,
  type NumberLookup,
  type ReadOptions,
} from './record.js';
import { parseTimestamp } from './time.js';

type Obj = Record<string, unknown>;

const FORMAT = 'x-v2';

function list(value: unknown): Obj[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function entityStrings(entities: unknown, key: string, field: string): string[] {
  return isObject(entities) ? list(entities[key]).map((e) => (typeof e[field] === 'string' ? (e[field] as string) : '')) : [];
}

/** Profile fields of a v2 user object; undefined when it lacks id or username. */
export function mapXUser(user: Obj): Account | undefined {
  if (typeof user.id !== 'string' || typeof user.username !== 'string') return undefined;
  const account: Account = { platform: 'x', id: user.id, handle: user.username };
  if (typeof user.name === 'string') account.displayName = user.name;
  if (typeof user.description === 'string' && user.description) account.description = user.description;
  if (typeof user.location === 'string' && user.location) account.location = user.location;
  const created = typeof user.created_at === 'string' ? parseTimestamp(user.created_at) : undefined;
  if (created) account.createdAt = created;
  return account;
}

/**
 * Map one v2 tweet object to a Post (pure; throws RecordIssue). `users` and `tweets` are the page's
 * includes by id. `raw` is a one-tweet page `{data, includes: {users, tweets}}` holding the tweet, its
 * author and the retweeted original when included: itself valid v2 input.
 */
export function mapXTweet(tweet: Obj, users: Map<string, Obj>, tweets: Map<string, Obj>, source: Post['source'], exact?: NumberLookup): Post {
  if (typeof tweet.id_str === 'string' && isObject(tweet.user) && tweet.author_id === undefined) {
    throw new RecordIssue('record_unsupported', 'an X API v1.1 status (it has id_str and user, not author_id): read this file with --format x-v1');
  }
  // `exact`: numbers as written in the JSON source, so that an id JSON.parse rounded is quoted exactly.
  const id = idField(tweet, 'id', true, exact);
  const note = isObject(tweet.note_tweet) ? tweet.note_tweet : undefined;
  if (tweet.text === undefined && tweet.action !== undefined) {
    throw new RecordIssue('record_unsupported', `a compliance event (action ${quote(tweet.action)}), not a tweet`);
  }
  const text = note && typeof note.text === 'string' ? note.text : stringField(tweet, 'text', true);
  const authorId = idField(tweet, 'author_id', true, exact);
  const createdAt = timeField(tweet.created_at, 'created_at');
  // twarc2 `flatten` output embeds the author (and referenced tweets) in the tweet itself.
  const embedded = isObject(tweet.author) && tweet.author.id === authorId ? tweet.author : undefined;
  const user = users.get(authorId) ?? embedded;
  const handle = user && typeof user.username === 'string' ? user.username : authorId;

  let replyTo: string | undefined;
  let repostOf: string | undefined;
  let quoteOf: string | undefined;
  let flatOriginal: Obj | undefined;
  for (const ref of list(tweet.referenced_tweets)) {
    const refId = typeof ref.id === 'string' ? ref.id : undefined;
    if (ref.type === 'replied_to') replyTo ??= refId;
    else if (ref.type === 'retweeted') {
      repostOf ??= refId;
      if (typeof ref.text === 'string') flatOriginal ??= ref; // flattened: the whole original is here
    } else if (ref.type === 'quoted') quoteOf ??= refId;
  }
  // A retweet's own text is cut ("RT @a: …"): when the original is included, show its full text
  // after the "RT @a: " prefix and take its entities too, as the X client does.
  const original = repostOf ? (tweets.get(repostOf) ?? flatOriginal) : undefined;
  const originalNote = original && isObject(original.note_tweet) ? original.note_tweet : undefined;
  const originalText = originalNote && typeof originalNote.text === 'string' ? originalNote.text : original?.text;
  const prefix = /^RT @\w{1,50}: /.exec(text)?.[0];
  const fullText = prefix && typeof originalText === 'string' ? prefix + originalText : text;
  const entities = [tweet.entities, note?.entities, original?.entities, originalNote?.entities];
  // The final URL when X followed the redirects (unwound_url), else the t.co expansion, else t.co.
  const urls = uniq(
    entities.flatMap((e) =>
      isObject(e)
        ? list(e.urls).map((u) => firstString(u.unwound_url, u.expanded_url, u.url))
        : [],
    ),
  );
  const hashtags = uniq(entities.flatMap((e) => entityStrings(e, 'hashtags', 'tag')));
  const mentions = uniq(entities.flatMap((e) => entityStrings(e, 'mentions', 'username')));

  const includes: Obj = {};
  if (user) includes.users = [user];
  if (original) includes.tweets = [original];
  const raw = JSON.stringify(user || original ? { data: tweet, includes } : { data: tweet });
  const post: Post = {
    platform: 'x',
    id,
    authorId,
    authorHandle: handle,
    createdAt,
    text: fullText,
    urls,
    hashtags,
    mentions,
    source,
    contentHash: sha256(raw),
    raw,
  };
  if (typeof tweet.lang === 'string' && tweet.lang) post.lang = tweet.lang;
  if (replyTo) post.replyTo = replyTo;
  if (repostOf) {
    post.repostOf = repostOf;
    if (original && typeof original.author_id === 'string') post.repostOfAuthor = original.author_id;
    else if (prefix) {
      // Original not included: the "RT @user:" mention carries the retweeted author's id.
      const rtHandle = prefix.slice(4, -2);
      const mention = isObject(tweet.entities) ? list(tweet.entities.mentions).find((m) => m.username === rtHandle) : undefined;
      if (mention && typeof mention.id === 'string') post.repostOfAuthor = mention.id;
    }
  }
  if (quoteOf) post.quoteOf = quoteOf;
  return post;
}

function byId(items: Obj[]): Map<string, Obj> {
  const map = new Map<string, Obj>();
  for (const item of items) if (typeof item.id === 'string') map.set(item.id, item);
  return map;
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
      const value = item.value;
      const here = { file, line: item.line, offset: item.offset };
      if (!isObject(value) && !Array.isArray(value)) {
        batch.quarantine(here, 'record_unsupported', `expected a v2 page or tweet object, got ${quote(value)}`, { raw: item.text });
        continue;
      }
      // A page has `data` (array or one object); anything else is a single tweet (or an array of them).
      const page = isObject(value) && 'data' in value ? value : undefined;
      const data = page ? page.data : value;
      const tweets = Array.isArray(data) ? data : data === undefined || data === null ? [] : [data];
      const includes = page && isObject(page.includes) ? page.includes : {};
      const users = byId(list(includes.users));
      const included = byId(list(includes.tweets));
      for (const u of users.values()) {
        const account = mapXUser(u);
        if (account) batch.addAccount(account);
      }
      const locator = item.document ? new TextLocator(item.text, item.offset) : undefined;
      const exact = exactNumbers(item.text);
      for (const [k, tweet] of tweets.entries()) {
        const source = locator && isObject(tweet) && typeof tweet.id === 'string' ? { file, ...locator.locate(`"${tweet.id}"`) } : here;
        // Several tweets on one line (a page, an array): each rejected one is its own entry.
        const index = tweets.length > 1 && source === here ? k : undefined;
        const embedded = isObject(tweet) && isObject(tweet.author) ? mapXUser(tweet.author) : undefined;
        if (embedded) batch.addAccount(embedded);
        if (!isObject(tweet)) {
          batch.quarantine(source, 'record_unsupported', `expected a tweet object, got ${quote(tweet)}`, { raw: item.text, index });
          continue;
        }
        batch.attempt(source, () => JSON.stringify(tweet), () => batch.addPost(mapXTweet(tweet, users, included, source, exact)), index);
      }
      if (batch.full) yield batch.take()!;
    }
  }
  const last = batch.take();
  if (last) yield last;
}

const SINGLE_TWEET_KEYS = ['edit_history_tweet_ids', 'author_id'];

function sniff(head: string): boolean {
  const start = head.replace(/^\uFEFF/, '').trimStart();
  if (!start.startsWith('{') && !start.startsWith('[')) return false;
  // A page: the `data` key with tweets inside (twarc pages and API responses).
  if (/"data"\s*:/.test(start) && /"(?:text|edit_history_tweet_ids|author_id)"\s*:/.test(start) && !/"platform"\s*:/.test(start.slice(0, 4096))) {
    return !/"(?:did|commit|kind)"\s*:/.test(start.slice(0, 512));
  }
  // Single tweets: `id` + `text` and at least one v2-only key.
  const firstObject = start.slice(0, 8192);
  if (/"account"\s*:/.test(firstObject) && /"content"\s*:/.test(firstObject)) return false; // a Mastodon status
  return /"id"\s*:/.test(firstObject) && /"text"\s*:/.test(firstObject) && SINGLE_TWEET_KEYS.some((k) => firstObject.includes(`"${k}"`)) && !/"platform"\s*:/.test(firstObject);
}

/** X/Twitter API v2 pages and tweets. */
export const X_V2: IngestFormat = {
  id: FORMAT,
  title: 'X/Twitter API v2 JSON',
  description:
    'X API v2 responses: JSONL of pages ({data, includes.users}, as twarc2 writes them), JSONL of single tweets (also twarc2 flatten output, with the author embedded) or filtered-stream messages, or one pretty-printed page. Text comes from note_tweet when present; replies, retweets and quotes from referenced_tweets; handles from includes.users (the author id stands in when the user is not included). Each tweet of a page is one record; the errors array is not counted.',
  sniff,
  read,
};

/** The first non-empty string among the values, or ''. */
function firstString(...values: unknown[]): string {
  for (const v of values) if (typeof v === 'string' && v) return v;
  return '';
}
