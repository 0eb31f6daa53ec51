/**
 * Twitter/X Transparency Center information-operations archive, tweets file (CSV). Columns are
 * mapped by header name, so older and newer column orders both work; tweetid, userid and tweet_time
 * are required. See docs/sources/io-archive.md and reference/formats.md section 2.
 */
import type { Account, Post, SourceRef } from '../model/types.js';
import { sha256 } from '../util/hash.js';
import { readCsvFormat, type CsvFormatSpec } from './csv-format.js';
import type { CsvRecord } from './csv.js';
import { parseListCell } from './fields.js';
import { quote, RecordIssue, type BatchBuilder, type IngestFormat, type ReadOptions } from './record.js';
import { parseLooseDate, parseTimestamp } from './time.js';

const FORMAT = 'io-archive';

/** Columns read, in this order (the others, such as counts and coordinates, are not decoded). */
const COLUMNS = [
  'tweetid',
  'userid',
  'user_display_name',
  'user_screen_name',
  'user_reported_location',
  'user_profile_description',
  'account_creation_date',
  'tweet_language',
  'tweet_text',
  'tweet_time',
  'in_reply_to_tweetid',
  'quoted_tweet_tweetid',
  'is_retweet',
  'retweet_userid',
  'retweet_tweetid',
  'hashtags',
  'urls',
  'user_mentions',
] as const;

const C = Object.fromEntries(COLUMNS.map((name, i) => [name, i])) as Record<(typeof COLUMNS)[number], number>;

// `1.01421E+18`: an id that went through a spreadsheet and lost its digits.
const MANGLED_ID = /^\d(?:\.\d+)?[eE]\+?\d+$/;

function id(values: (string | undefined)[], column: (typeof COLUMNS)[number], required: boolean): string | undefined {
  const v = values[C[column]];
  if (v === undefined || v === '') {
    if (required) throw new RecordIssue('field_missing', `field "${column}" is empty`, column);
    return undefined;
  }
  if (MANGLED_ID.test(v)) {
    throw new RecordIssue('field_invalid', `field "${column}": ${quote(v)} is in scientific notation (a spreadsheet rounded it); the id is lost`, column);
  }
  return v;
}

function opt(values: (string | undefined)[], column: (typeof COLUMNS)[number]): string | undefined {
  const v = values[C[column]];
  return v === undefined || v === '' ? undefined : v;
}

/**
 * Map one decoded row (in COLUMNS order) to a Post and, unless `withAccount` is false, the author's
 * Account. `contentHash` is sha256 of the row's bytes. Pure; throws RecordIssue.
 */
export function mapIoRow(
  values: (string | undefined)[],
  raw: string,
  contentHash: string,
  source: SourceRef,
  withAccount = true,
): { post: Post; account?: Account } {
  const tweetId = id(values, 'tweetid', true)!;
  const userId = id(values, 'userid', true)!;
  const time = values[C.tweet_time];
  if (!time) throw new RecordIssue('field_missing', 'field "tweet_time" is empty', 'tweet_time');
  const createdAt = parseTimestamp(time, { assumeUtc: true });
  if (!createdAt) throw new RecordIssue('timestamp_invalid', `field "tweet_time": not an ISO 8601 time: ${quote(time)}`, 'tweet_time');
  const handle = opt(values, 'user_screen_name') ?? userId;

  const post: Post = {
    platform: 'x',
    id: tweetId,
    authorId: userId,
    authorHandle: handle,
    createdAt,
    text: values[C.tweet_text] ?? '',
    urls: parseListCell(values[C.urls]),
    hashtags: parseListCell(values[C.hashtags]),
    mentions: parseListCell(values[C.user_mentions]),
    source,
    contentHash,
    raw,
  };
  const lang = opt(values, 'tweet_language');
  if (lang) post.lang = lang;
  const replyTo = id(values, 'in_reply_to_tweetid', false);
  if (replyTo) post.replyTo = replyTo;
  const quoteOf = id(values, 'quoted_tweet_tweetid', false);
  if (quoteOf) post.quoteOf = quoteOf;
  const retweetOf = id(values, 'retweet_tweetid', false);
  const isRetweet = /^true$/i.test(values[C.is_retweet] ?? '') || retweetOf !== undefined;
  if (isRetweet && retweetOf) {
    post.repostOf = retweetOf;
    const author = id(values, 'retweet_userid', false);
    if (author) post.repostOfAuthor = author;
  }

  if (!withAccount) return { post };
  const account: Account = { platform: 'x', id: userId, handle };
  const name = opt(values, 'user_display_name');
  if (name) account.displayName = name;
  const description = opt(values, 'user_profile_description');
  if (description) account.description = description;
  const location = opt(values, 'user_reported_location');
  if (location) account.location = location;
  const created = opt(values, 'account_creation_date');
  const createdIso = created ? parseLooseDate(created) : undefined;
  if (createdIso) account.createdAt = createdIso;
  return { post, account };
}

/** Most author ids one read remembers to skip repeated profiles (bounds memory on huge archives). */
const SEEN_ACCOUNTS_MAX = 200_000;

/**
 * The spec for one read. Every row of an archive repeats its author's profile columns (a snapshot
 * taken at disclosure), so each author's account is emitted once per read, not once per row or batch:
 * that spares the store hundreds of thousands of identical upserts.
 */
function spec(): CsvFormatSpec {
  let seen = new Set<string>();
  return {
    format: FORMAT,
    columns: COLUMNS,
    required: [['tweetid'], ['userid'], ['tweet_time']],
    map(values: (string | undefined)[], record: CsvRecord, source: SourceRef, batch: BatchBuilder): void {
      const userId = values[C.userid];
      const withAccount = !userId || !seen.has(userId);
      // Hash the bytes as read (same digest as the decoded string, without encoding it again).
      const { post, account } = mapIoRow(values, record.text!, sha256(record.bytes), source, withAccount);
      batch.addPost(post);
      if (account) {
        batch.addAccount(account);
        if (seen.size >= SEEN_ACCOUNTS_MAX) seen = new Set();
        // A copy, not the value itself: V8 makes a value of 13+ characters a slice of its row's text,
        // and a remembered slice keeps the whole row alive (about 90 MB over 200,000 ids).
        seen.add(Buffer.from(account.id).toString());
      }
    },
  };
}

function sniff(head: string): boolean {
  const firstLine = head.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  // `tweetid` plus one more archive column: a header missing a required column is still this format,
  // so that reading it reports the missing column instead of detection failing.
  return /(?:^|[,;\t|"])tweetid(?:[,;\t|"]|$)/.test(firstLine) && /userid|tweet_time|tweet_text|user_screen_name/.test(firstLine);
}

/** Transparency Center information-operations tweets CSV. */
export const IO_ARCHIVE: IngestFormat = {
  id: FORMAT,
  title: 'X Transparency Center information-operations archive (CSV)',
  description:
    'The tweets file of an X/Twitter Transparency Center information-operations disclosure (tweetid, userid, user_screen_name, tweet_text, tweet_time, …; hashed or unhashed). Columns are matched by header name; tweetid, userid and tweet_time are required. tweet_time (YYYY-MM-DD HH:MM) is read as UTC. hashtags, urls and user_mentions are Python list reprs; user_mentions holds user ids. Retweets point at retweet_tweetid and retweet_userid. One account per author per read is taken from the user columns.',
  sniff,
  read: (file: string, options?: ReadOptions) => readCsvFormat(file, spec(), options),
};
