/**
 * Telegram Desktop JSON export (`result.json`): a single-chat export `{name, type, id, messages}` or a
 * full account export with `chats.list` / `left_chats.list`. Streamed: each message is parsed on its
 * own (see json-stream.ts), so exports of any size are read in bounded memory.
 * See docs/sources/telegram.md and reference/formats.md section 5.
 */
import type { Post, SourceRef } from '../model/types.js';
import { sha256 } from '../util/hash.js';
import { stat } from 'node:fs/promises';
import { streamJsonArrays } from './json-stream.js';
import {
  BatchBuilder,
  DEFAULT_BATCH_SIZE,
  isObject,
  quote,
  RecordIssue,
  uniq,
  type IngestBatch,
  type IngestFormat,
  type ReadOptions,
} from './record.js';
import { parseEpochSeconds, parseTimestamp } from './time.js';

type Obj = Record<string, unknown>;
const FORMAT = 'telegram';

function idString(v: unknown): string | undefined {
  if (typeof v === 'string' && v) return v;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  return undefined;
}

/** Text runs of a message: `text_entities` when present, else `text` (a string or mixed array). */
function runs(message: Obj): Obj[] {
  if (Array.isArray(message.text_entities)) return message.text_entities.filter(isObject);
  if (typeof message.text === 'string') return [{ type: 'plain', text: message.text }];
  if (Array.isArray(message.text)) return message.text.map((r) => (typeof r === 'string' ? { type: 'plain', text: r } : isObject(r) ? r : {}));
  return [];
}

/**
 * Map one exported message of chat `chatId` to a Post. Pure; throws RecordIssue.
 * The id is `<chat id>/<message id>` (message ids are per chat).
 */
export function mapTelegramMessage(message: Obj, chatId: string, raw: string, source: SourceRef): Post {
  const messageId = idString(message.id);
  if (!messageId) throw new RecordIssue('field_missing', 'field "id" is missing', 'id');
  if (message.type !== 'message') {
    throw new RecordIssue('record_unsupported', `message of type ${quote(message.type)} (action ${quote(message.action ?? 'none')}): not a post`);
  }
  // date_unixtime is exact; `date` is the exporter's local time without a zone, read as UTC.
  let createdAt: string | undefined;
  if (message.date_unixtime !== undefined) {
    createdAt = parseEpochSeconds(message.date_unixtime as string);
    if (!createdAt) throw new RecordIssue('timestamp_invalid', `field "date_unixtime": not epoch seconds: ${quote(message.date_unixtime)}`, 'date_unixtime');
  } else if (typeof message.date === 'string') {
    createdAt = parseTimestamp(message.date, { assumeUtc: true });
    if (!createdAt) throw new RecordIssue('timestamp_invalid', `field "date": not an ISO 8601 time: ${quote(message.date)}`, 'date');
  } else {
    throw new RecordIssue('field_missing', 'field "date" is missing', 'date');
  }
  const authorId = idString(message.from_id) ?? chatId;
  const text = runs(message).map((r) => (typeof r.text === 'string' ? r.text : '')).join('');
  const urls: (string | undefined)[] = [];
  const hashtags: string[] = [];
  const mentions: string[] = [];
  for (const r of runs(message)) {
    const t = typeof r.text === 'string' ? r.text : '';
    if (r.type === 'hashtag') hashtags.push(t.replace(/^#/, ''));
    else if (r.type === 'mention') mentions.push(t.replace(/^@/, ''));
    else if (r.type === 'mention_name') mentions.push(idString(r.user_id) ? `user${idString(r.user_id)}` : t);
    else if (r.type === 'link') urls.push(t);
    else if (r.type === 'text_link') urls.push(typeof r.href === 'string' ? r.href : undefined);
  }
  const post: Post = {
    platform: FORMAT,
    id: `${chatId}/${messageId}`,
    authorId,
    authorHandle: authorId,
    createdAt,
    text,
    urls: uniq(urls),
    hashtags: uniq(hashtags),
    mentions: uniq(mentions),
    source,
    contentHash: sha256(raw),
    raw,
  };
  const reply = idString(message.reply_to_message_id);
  if (reply) post.replyTo = `${chatId}/${reply}`;
  return post;
}

async function* read(file: string, options: ReadOptions = {}): AsyncGenerator<IngestBatch> {
  const batch = new BatchBuilder(FORMAT, file, options.batchSize ?? DEFAULT_BATCH_SIZE);
  const stats = { targets: 0 };
  // Streamed, not parsed whole: a busy channel's export runs to hundreds of MB.
  for await (const items of streamJsonArrays(file, { arrayKey: 'messages', maxRecordBytes: options.maxRecordBytes, stats })) {
    for (const item of items) {
      batch.bytesRead = item.end;
      const source: SourceRef = { file, line: item.line, offset: item.offset };
      if (!('value' in item)) {
        batch.quarantine(source, item.code, item.detail, { raw: item.excerpt });
      } else if (!isObject(item.value)) {
        batch.quarantine(source, 'record_unsupported', `expected a message object, got ${quote(item.value)}`, { raw: item.text });
      } else if (typeof item.value.type === 'string' && item.value.type !== 'message' && idString(item.value.id)) {
        batch.skip(); // a service message (join, pin, call): expected, not a post
      } else {
        const chatId = idString(item.parent.id) ?? 'unknown';
        batch.attempt(source, item.text, () => batch.addPost(mapTelegramMessage(item.value as Obj, chatId, item.text, source)));
      }
      if (batch.full) yield batch.take()!;
    }
  }
  batch.bytesRead = (await stat(file)).size;
  if (stats.targets === 0 && batch.size === 0) {
    batch.quarantine({ file, line: 1, offset: 0 }, batch.bytesRead ? 'record_unsupported' : 'file_empty', batch.bytesRead ? 'not a Telegram Desktop export: no "messages" array' : 'the file is empty (0 bytes), no records');
  }
  const last = batch.take();
  if (last) yield last;
}

function sniff(head: string): boolean {
  const start = head.replace(/^\uFEFF/, '').trimStart().slice(0, 16384);
  if (!start.startsWith('{')) return false;
  if (/"messages"\s*:\s*\[/.test(start) && /"type"\s*:\s*"(?:saved_messages|replies|personal_chat|bot_chat|private_group|private_supergroup|public_supergroup|private_channel|public_channel)"/.test(start)) {
    return true;
  }
  return /"chats"\s*:\s*\{/.test(start) && /"list"\s*:/.test(start) && /"personal_information"|"about"/.test(start);
}

/** Telegram Desktop chat exports. */
export const TELEGRAM: IngestFormat = {
  id: FORMAT,
  title: 'Telegram Desktop export (result.json)',
  description:
    'A Telegram Desktop JSON export: one chat ({name, type, id, messages}) or a full account export (chats.list). Each message of type "message" is a post with id <chat id>/<message id>; service messages (joins, pins) are counted as skipped (not posts). The time is date_unixtime when present, else `date` read as UTC (the exporter wrote local time without a zone). The author is from_id; forwarded_from has only a display name, so forwards carry no repost link. The export is streamed message by message, so its size is not limited.',
  sniff,
  read,
};
