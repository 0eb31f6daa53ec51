/**
 * The registry of ingest formats, format detection and the one entry point `readPosts`.
 */
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { IngestFormatError, UsageError } from '../errors.js';
import { GENERIC_CSV, GENERIC_JSONL } from './generic.js';
import { IO_ARCHIVE } from './io-archive.js';
import { BatchBuilder, type IngestBatch, type IngestFormat, type ReadOptions } from './record.js';
import { X_V2 } from './x-v2.js';
import { X_V1 } from './x-v1.js';
import { foreignBom, foreignBomReason } from './lines.js';
import { BLUESKY } from './bluesky.js';
import { MASTODON } from './mastodon.js';
import { TELEGRAM } from './telegram.js';

/**
 * Every format, in detection order: the specific shapes first, the generic ones last.
 */
export const FORMATS: readonly IngestFormat[] = [X_V2, X_V1, BLUESKY, MASTODON, TELEGRAM, IO_ARCHIVE, GENERIC_JSONL, GENERIC_CSV];

/** The format with this id; a UsageError listing the ids when there is none. */
export function formatById(id: string): IngestFormat {
  const format = FORMATS.find((f) => f.id === id);
  if (!format) {
    throw new UsageError(`ingest: unknown format ${JSON.stringify(id)}; known formats: ${FORMATS.map((f) => f.id).join(', ')}`);
  }
  return format;
}

const HEAD_BYTES = 64 * 1024;

async function readHead(file: string): Promise<{ head: string; size: number }> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (err) {
    throw new UsageError(`ingest: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err });
  }
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(Math.min(size, HEAD_BYTES));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return { head: buf.subarray(0, bytesRead).toString('utf8'), size };
  } finally {
    await fh.close();
  }
}

/**
 * The format of `file`, from its first 64 KiB. IngestFormatError when no format recognises it.
 *
 * @example const format = await detectFormat('pages.jsonl'); // X_V2
 */
export async function detectFormat(file: string): Promise<IngestFormat> {
  const { head, size } = await readHead(file);
  const format = FORMATS.find((f) => f.sniff(head, file));
  if (!format) {
    const what = size === 0 ? 'it is empty' : 'its start matches no known format';
    throw new IngestFormatError(
      `ingest: cannot tell the format of ${basename(file)}: ${what}. Pass --format with one of: ${FORMATS.map((f) => f.id).join(', ')}`,
    );
  }
  return format;
}

/**
 * Read posts from `file` in batches, with `options.format` or the detected format. An empty file
 * gives one batch with a `file_empty` quarantine entry instead of a detection error, so that it is
 * counted like any other bad input.
 *
 * @example
 * for await (const batch of readPosts('tweets.csv')) await store.putPosts(batch.posts);
 */
export async function* readPosts(file: string, options: ReadOptions & { format?: string } = {}): AsyncGenerator<IngestBatch> {
  let format: IngestFormat;
  if (options.format) {
    format = formatById(options.format);
  } else {
    const { head, size } = await readHead(file);
    const bom = size ? await foreignBom(file) : undefined;
    if (bom || (head.trim() === '' && size <= HEAD_BYTES)) {
      // Nothing to detect a format from: report it like any other bad input instead of throwing.
      const batch = new BatchBuilder('detect', file, 1);
      batch.bytesRead = size;
      if (bom) batch.quarantine({ file, line: 1, offset: 0 }, 'utf8_invalid', foreignBomReason(bom));
      else batch.quarantine({ file }, 'file_empty', size ? 'the file holds only blank lines, no records' : 'the file is empty (0 bytes), no records');
      yield batch.take()!;
      return;
    }
    format = await detectFormat(file);
  }
  yield* format.read(file, options);
}

/** Everything `batches` yields, gathered (for tests and small files). */
export async function collect(batches: AsyncIterable<IngestBatch>): Promise<Omit<IngestBatch, 'bytesRead'> & { batches: number; bytesRead: number }> {
  const all = { posts: [] as IngestBatch['posts'], accounts: [] as IngestBatch['accounts'], quarantined: [] as IngestBatch['quarantined'], skipped: 0, warned: 0, warnings: [] as string[], read: 0, bytesRead: 0, batches: 0 };
  for await (const b of batches) {
    all.posts.push(...b.posts);
    all.accounts.push(...b.accounts);
    all.quarantined.push(...b.quarantined);
    all.skipped += b.skipped;
    all.warned += b.warned;
    all.warnings.push(...b.warnings);
    all.read += b.read;
    all.bytesRead = b.bytesRead;
    all.batches++;
  }
  return all;
}
