/**
 * Columnar fast path for IO-archive CSV: the tokenizer's column projection decodes only the
 * columns co-actions need (tweet text only for text co-actions) straight into `PostColumns`;
 * no `Post` object is built per row. A byte range `[start, end)` may be given so that workers
 * can each read part of a file (`start` must be a record boundary; the header is read from the
 * file's first line).
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { QuarantineEntry } from '../../model/types.js';
import { CsvTokenizer, type CsvRecord } from '../../ingest/csv.js';
import { parseListCell } from '../../ingest/fields.js';
import { quarantineEntry } from '../../ingest/record.js';
import { parseTimestamp } from '../../ingest/time.js';
import { FloatColumn, Interner, PostColumns } from './columns.js';
import { addCoActions, type ExtractOptions } from './extract.js';

// Columns always read; the others only when an option needs them (fewer decoded strings per row).
const BASE = ['tweetid', 'userid', 'tweet_time', 'is_retweet', 'retweet_tweetid', 'hashtags', 'urls'] as const;
const MANGLED_ID = /^\d(?:\.\d+)?[eE]\+?\d+$/;

const NONE: string[] = [];

/** `parseListCell` with fast paths for the common `[]` and `['one']` cells. */
export function listCell(cell: string | undefined): string[] {
  if (cell === undefined || cell === '' || cell === '[]') return NONE;
  const n = cell.length;
  if (n > 4 && cell.charCodeAt(1) === 0x27 && cell.charCodeAt(0) === 0x5b && cell.charCodeAt(n - 1) === 0x5d && cell.indexOf("'", 2) === n - 2 && !cell.includes('\\')) {
    return [cell.slice(2, n - 2)];
  }
  return parseListCell(cell);
}

/** Counts of a columnar read. */
export interface ColumnarRead {
  /** Records read (stored + quarantined). */
  read: number;
  quarantined: number;
  /** Bytes consumed, including the header when reading from the start. */
  bytes: number;
  /** Threads that read the file (1 when the split fell inside a quoted field and was undone). */
  threads?: number;
}

export interface ColumnarOptions extends ExtractOptions {
  start?: number;
  end?: number;
  /** Called about every MiB with the bytes consumed so far in this range. */
  onBytes?: (bytes: number) => void;
  /** Each quarantined record (line numbers are relative to `start` when a range is read). */
  onQuarantine?: (entry: QuarantineEntry) => void;
  /** Read `tweet_text` for text co-actions. */
  withText?: boolean;
}

/** Read the header line (up to the first LF) of a CSV file. */
export async function readHeaderBytes(file: string): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let pos = 0;
    for (;;) {
      const buf = Buffer.alloc(64 * 1024);
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) break;
      const nl = buf.subarray(0, bytesRead).indexOf(0x0a);
      if (nl >= 0) {
        chunks.push(buf.subarray(0, nl + 1));
        break;
      }
      chunks.push(buf.subarray(0, bytesRead));
      pos += bytesRead;
      if (pos > 1 << 20) break;
    }
    return Buffer.concat(chunks);
  } finally {
    await fh.close();
  }
}

/** Read an IO-archive tweets CSV (or a byte range of it) into `cols`. */
export async function readIoArchiveColumns(file: string, cols: PostColumns, opts: ColumnarOptions = {}): Promise<ColumnarRead> {
  const columns: string[] = [...BASE];
  const optional = (name: string, wanted: boolean): number => (wanted ? columns.push(name) - 1 : -1);
  const cText = optional('tweet_text', !!(opts.withText || opts.keepRawText));
  const cScreen = optional('user_screen_name', !!opts.keepRawText);
  const cRetweetUser = optional('retweet_userid', !!opts.keepRawText);
  const cReply = optional('in_reply_to_tweetid', cols.tables.has('reply'));
  const cMentions = optional('user_mentions', cols.tables.has('mention'));
  const get = (v: (string | undefined)[], c: number): string | undefined => (c < 0 ? undefined : v[c] || undefined);
  const tok = new CsvTokenizer({ columns });
  const start = opts.start ?? 0;
  let headerBytes = 0;
  if (start > 0) {
    const header = await readHeaderBytes(file);
    headerBytes = header.length;
    tok.push(header);
  }
  // Archives repeat each minute string thousands of times: parse each once.
  const timeTexts = new Interner();
  const timeValues = new FloatColumn();
  const counts = { read: 0, quarantined: 0 };
  const quarantine = (r: CsvRecord, code: Parameters<typeof quarantineEntry>[2], detail: string, field?: string): void => {
    counts.quarantined++;
    opts.onQuarantine?.(quarantineEntry('io-archive', { file, line: r.line, offset: r.offset - headerBytes + start }, code, detail, { field, raw: r.bytes }));
  };
  const handle = (r: CsvRecord): void => {
    counts.read++;
    if (r.error) return quarantine(r, r.error === 'record_too_large' ? 'record_too_large' : 'csv_malformed', `CSV: ${r.error}`);
    if (r.fieldCount !== tok.header!.length) return quarantine(r, 'csv_ragged', `${r.fieldCount} fields, header has ${tok.header!.length}`);
    const v = r.values;
    const id = v[0];
    const user = v[1];
    if (!id) return quarantine(r, 'field_missing', 'field "tweetid" is empty', 'tweetid');
    if ((id.includes('E') || id.includes('e')) && MANGLED_ID.test(id)) return quarantine(r, 'field_invalid', 'field "tweetid" is in scientific notation; the id is lost', 'tweetid');
    if (!user) return quarantine(r, 'field_missing', 'field "userid" is empty', 'userid');
    const timeText = v[2] ?? '';
    const known = timeTexts.size < 2_000_000 ? timeTexts.id(timeText) : timeTexts.find(timeText);
    let t = known >= 0 && known < timeValues.length ? timeValues.data[known] : NaN;
    if (Number.isNaN(t)) {
      const iso = parseTimestamp(timeText, { assumeUtc: true });
      t = iso ? Date.parse(iso) : NaN;
      if (known === timeValues.length) timeValues.push(t);
      if (Number.isNaN(t)) return quarantine(r, 'timestamp_invalid', `field "tweet_time": not a time`, 'tweet_time');
    }
    const post = cols.addPost(id, user, t);
    const text = get(v, cText);
    if (opts.keepRawText && text) cols.rawText[post] = text;
    const screen = get(v, cScreen);
    if (screen && cols.accountHandles[cols.author.data[post]] === undefined) cols.accountHandles[cols.author.data[post]] = screen;
    const retweetOf = v[4] || undefined;
    const isRetweet = retweetOf !== undefined || /^true$/i.test(v[3] ?? '');
    const retweetUser = get(v, cRetweetUser);
    if (isRetweet && retweetUser) cols.repostAuthor.set(post, cols.accounts.id(retweetUser));
    addCoActions(
      cols,
      post,
      {
        isRepost: isRetweet,
        repostOf: retweetOf,
        replyTo: get(v, cReply),
        urls: isRetweet ? NONE : listCell(v[6]),
        hashtags: isRetweet ? NONE : listCell(v[5]),
        mentions: isRetweet ? NONE : listCell(get(v, cMentions)),
        text: opts.withText ? text : undefined,
      },
      opts,
    );
  };
  const stream = createReadStream(file, { start, end: opts.end === undefined ? undefined : opts.end - 1, highWaterMark: 1 << 20 });
  let consumed = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    consumed += chunk.length;
    for (const r of tok.push(chunk)) handle(r);
    opts.onBytes?.(consumed);
  }
  for (const r of tok.push(Buffer.alloc(0), true)) handle(r);
  return { read: counts.read, quarantined: counts.quarantined, bytes: consumed };
}
