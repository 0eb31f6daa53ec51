/**
 * Worker thread: reads one byte range of an IO-archive CSV into columns and posts them back.
 * Started by `readIoArchiveParallel`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { QuarantineEntry } from '../../model/types.js';
import { columnsParts, PostColumns, type CoKind } from './columns.js';
import { readIoArchiveColumns } from './io-columns.js';

interface Job {
  file: string;
  start: number;
  end: number;
  kinds: CoKind[];
  watchedMentions?: string[];
  withText?: boolean;
  keepRawText?: boolean;
  urls?: 'normalized' | 'as-written';
  distinctHashtags?: boolean;
}

const job = workerData as Job;
const cols = new PostColumns(job.kinds);
const quarantined: QuarantineEntry[] = [];
let lastReport = 0;
let endedInQuote = false;
const read = await readIoArchiveColumns(job.file, cols, {
  start: job.start,
  end: job.end,
  withText: job.withText,
  keepRawText: job.keepRawText,
  urls: job.urls,
  distinctHashtags: job.distinctHashtags,
  watchedMentions: job.watchedMentions ? new Set(job.watchedMentions) : undefined,
  onQuarantine: (q) => {
    // A range that ends inside quotes shows as an unterminated last record: the next split is wrong.
    if (q.reason.includes('unterminated_quote')) endedInQuote = true;
    quarantined.push(q);
    if (quarantined.length >= 1000) parentPort!.postMessage({ type: 'quarantine', entries: quarantined.splice(0) });
  },
  onBytes: (b) => {
    if (b - lastReport >= 8 << 20) {
      parentPort!.postMessage({ type: 'bytes', bytes: b });
      lastReport = b;
    }
  },
});
if (quarantined.length) parentPort!.postMessage({ type: 'quarantine', entries: quarantined });
const parts = columnsParts(cols);
const buffers = [parts.postIds.bytes, parts.postIds.ends, parts.author, parts.timeMs, parts.accounts.bytes, parts.accounts.ends, ...parts.tables.flatMap((t) => [t.obj, t.post, t.objects.bytes, t.objects.ends])].map((a) => a.buffer as ArrayBuffer);
parentPort!.postMessage({ type: 'done', read, parts, endedInQuote }, buffers);
