/**
 * Vigil's generic import formats, JSONL and CSV, for partner spreadsheets, scrapers and news monitors.
 * Required: id, platform, author_handle, created_at, text. Optional: author_id, lang, urls, hashtags,
 * mentions, reply_to, repost_of, quote_of (the reference names post_id, reply_to_post_id,
 * repost_of_post_id and quote_of_post_id are accepted too). Unknown fields are ignored.
 * See docs/sources/generic.md and reference/formats.md section 6.
 */
import type { Post, SourceRef } from '../model/types.js';
import { sha256 } from '../util/hash.js';
import { readCsvFormat, type CsvFormatSpec } from './csv-format.js';
import { genericList } from './fields.js';
import { isJsonProblem, readJson } from './json.js';
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
  type IngestBatch,
  type IngestFormat,
  type ReadOptions,
} from './record.js';

type Obj = Record<string, unknown>;

/** Field name -> accepted names, first preferred. */
const ALIASES = {
  id: ['id', 'post_id'],
  platform: ['platform'],
  author_handle: ['author_handle'],
  author_id: ['author_id'],
  created_at: ['created_at'],
  text: ['text'],
  lang: ['lang'],
  urls: ['urls'],
  hashtags: ['hashtags'],
  mentions: ['mentions'],
  reply_to: ['reply_to', 'reply_to_post_id'],
  repost_of: ['repost_of', 'repost_of_post_id'],
  quote_of: ['quote_of', 'quote_of_post_id'],
} as const;

type Field = keyof typeof ALIASES;
const REQUIRED: Field[] = ['id', 'platform', 'author_handle', 'created_at', 'text'];
/** Other names for our platform ids, so that the same post from two sources dedupes. */
const PLATFORM_ALIASES: Record<string, string> = { twitter: 'x', 'x.com': 'x', 'twitter.com': 'x', bsky: 'bluesky', 'bsky.app': 'bluesky' };
const PLATFORM_RE = /^[a-z][a-z0-9._-]{0,31}(?::[a-z0-9._-]{1,64})?$/;

/** The name under which `field` appears in `record` (first alias present), or the preferred name. */
function nameIn(record: Obj, field: Field): string {
  return ALIASES[field].find((n) => record[n] !== undefined && record[n] !== null && record[n] !== '') ?? ALIASES[field][0];
}

/**
 * Map one generic record (a JSON object, or a CSV row as an object of strings) to a Post.
 * Pure; throws RecordIssue.
 */
export function mapGeneric(record: Obj, raw: string, source: SourceRef): Post {
  const exact = exactNumbers(raw); // a numeric id too large for JSON.parse is quoted as written
  // Required fields are checked first, so `get` reads every field as optional.
  const get = (field: Field): string | undefined => {
    const name = nameIn(record, field);
    return field === 'id' || field.endsWith('_of') || field === 'reply_to' || field === 'author_id'
      ? idField(record, name, false, exact)
      : stringField(record, name);
  };
  for (const field of REQUIRED) {
    const v = record[nameIn(record, field)];
    if (v === undefined || v === null || (v === '' && field !== 'text')) {
      throw new RecordIssue('field_missing', `field "${field}" is missing`, field);
    }
  }
  const id = get('id')!;
  const named = get('platform')!.trim().toLowerCase();
  const platform = PLATFORM_ALIASES[named] ?? named;
  if (!PLATFORM_RE.test(platform)) {
    throw new RecordIssue('field_invalid', `field "platform": ${quote(platform)} is not a platform name (x, bluesky, mastodon, telegram, news, other:<name>, …)`, 'platform');
  }
  const handle = get('author_handle')!.trim().replace(/^@+/, '');
  if (!handle) throw new RecordIssue('field_missing', 'field "author_handle" is missing', 'author_handle');
  const createdAt = timeField(record.created_at, 'created_at');
  const text = get('text')!;
  const post: Post = {
    platform,
    id,
    authorId: get('author_id') ?? handle,
    authorHandle: handle,
    createdAt,
    text,
    urls: genericList(record[nameIn(record, 'urls')], 'urls'),
    hashtags: genericList(record[nameIn(record, 'hashtags')], 'hashtags').map((h) => h.replace(/^#+/, '')),
    mentions: genericList(record[nameIn(record, 'mentions')], 'mentions').map((m) => m.replace(/^@+/, '')),
    source,
    contentHash: sha256(raw),
    raw,
  };
  const lang = get('lang');
  if (lang) post.lang = lang;
  const replyTo = get('reply_to');
  if (replyTo) post.replyTo = replyTo;
  const repostOf = get('repost_of');
  if (repostOf) post.repostOf = repostOf;
  const quoteOf = get('quote_of');
  if (quoteOf) post.quoteOf = quoteOf;
  return post;
}

async function* readJsonl(file: string, options: ReadOptions = {}): AsyncGenerator<IngestBatch> {
  const batch = new BatchBuilder('jsonl', file, options.batchSize ?? DEFAULT_BATCH_SIZE);
  for await (const items of readJson(file, options)) {
    for (const item of items) {
      batch.bytesRead = item.end;
      if (isJsonProblem(item)) {
        batch.quarantine({ file, line: item.line, offset: item.offset }, item.code, item.detail, { raw: item.excerpt });
        continue;
      }
      const source: SourceRef = { file, line: item.line, offset: item.offset };
      // A whole-file document may be an array of records; JSONL has one record per line.
      const records = item.document && Array.isArray(item.value) ? item.value : [item.value];
      for (const record of records) {
        const raw = item.document ? JSON.stringify(record) : item.text;
        if (!isObject(record)) {
          batch.quarantine(source, 'record_unsupported', `expected a JSON object, got ${quote(record)}`, { raw });
          continue;
        }
        batch.attempt(source, raw, () => batch.addPost(mapGeneric(record, raw, source)));
      }
      if (batch.full) yield batch.take()!;
    }
  }
  const last = batch.take();
  if (last) yield last;
}

const CSV_COLUMNS = [...new Set(Object.values(ALIASES).flat())];
const TEXT_COLUMN = CSV_COLUMNS.indexOf('text'); // an empty text cell is an empty text, not a missing one

const CSV_SPEC: CsvFormatSpec = {
  format: 'csv',
  columns: CSV_COLUMNS,
  required: REQUIRED.map((f) => ALIASES[f]),
  map(values, record, source, batch): void {
    const row: Obj = {};
    for (let i = 0; i < CSV_COLUMNS.length; i++) {
      const v = values[i];
      if (v !== undefined && (v !== '' || i === TEXT_COLUMN)) row[CSV_COLUMNS[i]!] = v;
    }
    batch.addPost(mapGeneric(row, record.text!, source));
  },
};

/**
 * Whether `text` (a header or a first record, quotes removed) names our generic fields: at least three
 * of the five required ones, one of them `platform` or `author_handle` (which no platform's own format
 * uses). Lenient on purpose: a first record missing a field must still be read, and quarantined.
 */
function hasGenericKeys(text: string): boolean {
  const has = (name: string): boolean => new RegExp(`(?:^|[^a-z_])${name}(?:[^a-z_]|$)`).test(text);
  if (!has('platform') && !has('author_handle')) return false;
  return ['(?:post_)?id', 'platform', 'author_handle', 'created_at', 'text'].filter(has).length >= 3;
}

/** Generic JSONL (one object per line). */
export const GENERIC_JSONL: IngestFormat = {
  id: 'jsonl',
  title: 'Generic JSONL posts',
  description:
    'One JSON object per line with id, platform, author_handle, created_at (ISO 8601 with Z or an offset) and text; optional author_id, lang, urls, hashtags, mentions (JSON arrays of strings), reply_to, repost_of, quote_of. Ids must be strings (or small integers). Unknown fields are ignored.',
  sniff: (head) => {
    const first = head.replace(/^\uFEFF/, '').trimStart().split('\n', 1)[0] ?? '';
    return first.startsWith('{') && hasGenericKeys(first.replace(/"/g, ' '));
  },
  read: readJsonl,
};

/** Generic CSV (header row, RFC 4180). */
export const GENERIC_CSV: IngestFormat = {
  id: 'csv',
  title: 'Generic CSV posts',
  description:
    'RFC 4180 CSV with a header row: id, platform, author_handle, created_at (ISO 8601 with Z or an offset) and text are required; author_id, lang, urls, hashtags, mentions, reply_to, repost_of, quote_of are optional. List cells are JSON arrays (["a","b"]) or |-separated (a|b). Unknown columns are ignored.',
  sniff: (head) => {
    const first = head.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
    if (first.trimStart().startsWith('{') || first.trimStart().startsWith('[')) return false;
    // A header with no comma but `;`, tab or `|`: claim it, so that reading reports delimiter_wrong
    // for the file instead of detection failing without a quarantine entry.
    return hasGenericKeys(first.replace(/"/g, '')) || (!first.includes(',') && /[;\t|]/.test(first));
  },
  read: (file, options) => readCsvFormat(file, CSV_SPEC, options),
};
