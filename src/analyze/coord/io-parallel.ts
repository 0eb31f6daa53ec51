/**
 * Read an IO-archive CSV on several cores (default both of a 2-core machine): the file is split at
 * record boundaries; worker threads read the later ranges while this thread reads the first, and
 * their columns are appended in order (ids re-interned).
 *
 * Choosing the split: a newline inside a quoted tweet_text is not a record boundary. We take the
 * first newline after the midpoint that is followed by a digit run and a comma (how every tweets
 * row starts), then check it: the range before it is read from its own verified start, so its
 * tokenizer knows whether the split fell inside quotes (its last record would be unterminated). If
 * any split did, the parallel result is discarded and the file is read serially.
 */
import { statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { QuarantineEntry } from '../../model/types.js';
import { appendColumns, type ColumnsParts, PostColumns } from './columns.js';
import { readIoArchiveColumns, type ColumnarOptions, type ColumnarRead } from './io-columns.js';
import { startWorker } from './workers.js';

const MIN_PARALLEL_BYTES = 32 << 20;

async function findSplit(file: string, around: number): Promise<number | undefined> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    const { bytesRead } = await fh.read(buf, 0, buf.length, around);
    const s = buf.subarray(0, bytesRead);
    for (let i = s.indexOf(0x0a); i !== -1 && i + 1 < s.length; i = s.indexOf(0x0a, i + 1)) {
      let j = i + 1;
      while (j < s.length && s[j] >= 0x30 && s[j] <= 0x39) j++;
      if (j - i - 1 >= 3 && s[j] === 0x2c) return around + i + 1;
    }
    return undefined;
  } finally {
    await fh.close();
  }
}

interface WorkerResult {
  read: ColumnarRead;
  parts: ColumnsParts;
  endedInQuote: boolean;
  quarantine: QuarantineEntry[];
}

/**
 * Read `file` into `cols` with `threads` readers (default 2: this thread and one worker) when the
 * file is large enough. Quarantined records of later ranges have line numbers counted from their
 * range's start (their byte offsets are exact).
 */
export async function readIoArchiveParallel(file: string, cols: PostColumns, opts: ColumnarOptions & { threads?: number; minParallelBytes?: number } = {}): Promise<ColumnarRead> {
  const size = statSync(file).size;
  const threads = Math.max(1, Math.floor(opts.threads ?? 2));
  const splits: number[] = [];
  if (threads > 1 && size >= (opts.minParallelBytes ?? MIN_PARALLEL_BYTES)) {
    for (let k = 1; k < threads; k++) {
      const at = await findSplit(file, Math.floor((size * k) / threads));
      if (at !== undefined && at > (splits.at(-1) ?? 0)) splits.push(at);
    }
  }
  if (!splits.length) return readIoArchiveColumns(file, cols, opts);

  const bounds = [...splits, size];
  const progress = new Array<number>(bounds.length).fill(0);
  const report = (): void => opts.onBytes?.(progress.reduce((a, b) => a + b, 0));
  const workers = splits.map((start, i) => {
    const worker = startWorker('io-worker', {
      file,
      start,
      end: bounds[i + 1],
      kinds: [...cols.tables.keys()],
      watchedMentions: opts.watchedMentions ? [...opts.watchedMentions] : undefined,
      withText: opts.withText,
      keepRawText: opts.keepRawText,
      urls: opts.urls,
      distinctHashtags: opts.distinctHashtags,
    });
    const quarantine: QuarantineEntry[] = [];
    const done = new Promise<WorkerResult>((resolve, reject) => {
      worker.on('message', (m: { type: string; bytes?: number; entries?: QuarantineEntry[]; read?: ColumnarRead; parts?: ColumnsParts; endedInQuote?: boolean }) => {
        if (m.type === 'bytes') {
          progress[i + 1] = m.bytes!;
          report();
        } else if (m.type === 'quarantine') quarantine.push(...m.entries!);
        else if (m.type === 'done') resolve({ read: m.read!, parts: m.parts!, endedInQuote: m.endedInQuote!, quarantine });
      });
      worker.on('error', reject);
      worker.on('exit', (code) => code !== 0 && reject(new Error(`coord: reader thread exited with code ${code}`)));
    });
    return { worker, done };
  });
  let endedInQuote = false;
  const firstQuarantine: QuarantineEntry[] = [];
  const first = await readIoArchiveColumns(file, cols, {
    ...opts,
    end: splits[0],
    onBytes: (b) => {
      progress[0] = b;
      report();
    },
    onQuarantine: (q) => {
      if (q.reason.includes('unterminated_quote')) endedInQuote = true;
      firstQuarantine.push(q);
    },
  });
  const results = await Promise.all(workers.map((w) => w.done));
  // Every range but the last must end on a record boundary; otherwise a split fell inside quotes.
  if (endedInQuote || results.slice(0, -1).some((r) => r.endedInQuote)) {
    // Rare: read everything serially instead.
    const fresh = new PostColumns([...cols.tables.keys()]);
    const all = await readIoArchiveColumns(file, fresh, opts);
    Object.assign(cols, fresh);
    return { ...all, threads: 1 };
  }
  const total = { read: first.read, quarantined: first.quarantined, bytes: first.bytes, threads: bounds.length };
  for (const q of firstQuarantine) opts.onQuarantine?.(q);
  for (const r of results) {
    for (const q of r.quarantine) opts.onQuarantine?.(q);
    appendColumns(cols, r.parts);
    total.read += r.read.read;
    total.quarantined += r.read.quarantined;
    total.bytes += r.read.bytes;
  }
  return total;
}
