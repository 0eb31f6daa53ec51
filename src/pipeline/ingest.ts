import { stat } from 'node:fs/promises';
import { IngestFormatError, StoreError, UsageError, VigilError } from '../errors.js';
import { formatById, readPosts, type IngestBatch } from '../ingest/index.js';
import type { SqlitePostRow } from '../store/sqlite-rows.js';
import type { Store } from '../store/store.js';
import { startWorker } from '../util/worker.js';
import type { WorkerMessage } from './ingest-worker.js';

/** Loads at least this large let the store defer index upkeep (Store.bulkLoad). */
const BULK_MIN_BYTES = 64 * 2 ** 20;

/** Files at least this large are parsed in a worker thread while the main thread writes. */
const WORKER_MIN_BYTES = 16 * 2 ** 20;

/**
 * Records per batch when the worker sends SQLite rows (unless the caller sets a size). The batch
 * being built outlives the worker's young-generation collections and is promoted, so smaller
 * batches cost less collection: on 1M IO-archive rows, 1,000 against 5,000 took 12 % less CPU,
 * a quarter less time and 150 MB less memory (interleaved runs, docs/scale.md).
 */
const WORKER_ROWS_BATCH = 1000;

/**
 * Read a file's batches from a worker thread (see ingest-worker.ts). Errors keep their class and code.
 * The young generation is enlarged in the worker: parsing makes many short-lived objects, and a
 * larger nursery cuts its garbage-collection time by about a quarter. With batches of 1,000 rows,
 * 64 MB does as well as 192 MB and holds 70 MB less (1M rows, three interleaved runs each: CPU
 * medians 14.7 s against 15.2 s; 32 MB took 17.4 s).
 */
async function* readPostsInWorker(file: string, format: string | undefined, batchSize: number | undefined, rows: boolean): AsyncGenerator<WorkerBatch> {
  const worker = startWorker(new URL('./ingest-worker.js', import.meta.url), {
    workerData: { file, format, batchSize, rows },
    resourceLimits: { maxYoungGenerationSizeMb: 64 },
  });
  const queue: WorkerMessage[] = [];
  let wake: (() => void) | null = null;
  let exitError: Error | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (m: WorkerMessage) => {
    queue.push(m);
    notify();
  });
  worker.on('error', (err) => {
    exitError = err;
    notify();
  });
  worker.on('exit', (code) => {
    if (code !== 0) exitError ??= new Error(`ingest: worker for ${file} stopped with exit code ${code}`);
    notify();
  });
  try {
    for (;;) {
      const m = queue.shift();
      if (!m) {
        if (exitError) throw exitError;
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      if (m.type === 'end') return;
      if (m.type === 'error') {
        if (m.code === 'usage') throw new UsageError(m.message);
        if (m.code === 'ingest_format') throw new IngestFormatError(m.message);
        if (m.code) throw new VigilError(m.code, m.message);
        throw Object.assign(new Error(m.message), { stack: m.stack });
      }
      yield m;
      worker.postMessage('ack');
    }
  } finally {
    await worker.terminate();
  }
}

async function* inMainThread(batches: AsyncIterable<IngestBatch>): AsyncGenerator<WorkerBatch> {
  for await (const batch of batches) yield { batch };
}

/** Counts for one ingest run. `read = stored + duplicates + quarantined + skipped` always holds. */
export interface IngestCounts {
  read: number;
  stored: number;
  duplicates: number;
  quarantined: number;
  /** Records that are expected not to be posts (likes, follows, deletions, service messages). */
  skipped: number;
  /** Posts stored with a warning note (implausible time, NUL characters); part of `stored` or `duplicates`. */
  warned: number;
}

/** A file that could not be read (missing, not a file, no known format), or failed part way. */
export interface IngestFailure {
  file: string;
  code: string;
  message: string;
}

const zero = (): IngestCounts => ({ read: 0, stored: 0, duplicates: 0, quarantined: 0, skipped: 0, warned: 0 });

export interface IngestProgress {
  /** Called after each batch with the file, its size and bytes consumed so far. */
  onBatch?(file: string, bytesRead: number, fileSize: number, totals: IngestCounts): void;
  /** Called once per file before reading, with its size. */
  onFile?(file: string, fileSize: number): void;
  /** Called with the warnings of each batch (the first few per batch; all are counted in `warned`). */
  onWarnings?(warnings: string[]): void;
}

/**
 * Where ingest writes: a store, or anything taking the same batches (worker/publish.ts sends them to
 * NATS JetStream; `stored` then counts records handed on).
 */
export type IngestSink = Pick<Store, 'putPosts' | 'putAccounts' | 'putQuarantine' | 'bulkLoad'> & {
  /** Posts as SQLite rows (SqliteStore): the worker thread then encodes them, not the main thread. */
  putPostRows?(rows: SqlitePostRow[]): Promise<{ stored: number; duplicates: number }>;
};

/** A batch, its posts possibly as SQLite rows (then `batch.posts` is empty). */
type WorkerBatch = { batch: IngestBatch; rows?: SqlitePostRow[] };

/**
 * `worker`: true parses in a worker thread, false never does, unset decides by file size.
 * `bulk`: true lets the store defer index upkeep (Store.bulkLoad), false never does, unset decides by size.
 */
type IngestOptions = { format?: string; batchSize?: number; worker?: boolean; bulk?: boolean };

/** Read one file into the store, adding to `totals`; returns the file's own counts. */
async function ingestFile(store: IngestSink, file: string, size: number, options: IngestOptions, progress: IngestProgress, totals: IngestCounts): Promise<IngestCounts> {
  progress.onFile?.(file, size);
  const counts = zero();
  const putRows = store.putPostRows?.bind(store);
  const batches: AsyncIterable<WorkerBatch> =
    (options.worker ?? size >= WORKER_MIN_BYTES)
      ? readPostsInWorker(file, options.format, options.batchSize ?? (putRows ? WORKER_ROWS_BATCH : undefined), putRows !== undefined)
      : inMainThread(readPosts(file, { format: options.format, batchSize: options.batchSize }));
  for await (const { batch, rows } of batches) {
    const posts = rows ? rows.length : batch.posts.length;
    const { stored, duplicates } = !posts ? { stored: 0, duplicates: 0 } : rows ? await putRows!(rows) : await store.putPosts(batch.posts);
    if (batch.accounts.length) await store.putAccounts(batch.accounts);
    if (batch.quarantined.length) await store.putQuarantine(batch.quarantined);
    if (batch.read !== posts + batch.quarantined.length + batch.skipped) {
      throw new Error(`ingest: ${file}: a batch reports ${batch.read} read but holds ${posts} posts, ${batch.quarantined.length} quarantined, ${batch.skipped} skipped`);
    }
    for (const c of [counts, totals]) {
      c.read += batch.read;
      c.stored += stored;
      c.duplicates += duplicates;
      c.quarantined += batch.quarantined.length;
      c.skipped += batch.skipped;
      c.warned += batch.warned;
    }
    if (batch.warnings.length) progress.onWarnings?.(batch.warnings);
    progress.onBatch?.(file, batch.bytesRead, size, totals);
  }
  // Nothing lost: checked per file, so a reader or store bug cannot pass as a count.
  if (counts.read !== counts.stored + counts.duplicates + counts.quarantined + counts.skipped) {
    throw new Error(`ingest: ${file}: ${ingestSummary(counts)} do not add up (read = stored + duplicates + quarantined + skipped)`);
  }
  return counts;
}

/**
 * Whether `err` is about one input file (it cannot be read, or holds no known format), so the other
 * files go on; store failures and bugs are not.
 */
function fileProblem(err: unknown): IngestFailure['code'] | undefined {
  if (err instanceof StoreError) return undefined;
  if (err instanceof VigilError) return err.code;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined;
}

/**
 * Read files with the ingest parsers and write each batch to the store: read → normalize → store.
 * Every record ends up stored, counted as a duplicate, quarantined or skipped. A file that cannot be
 * read (missing, not a file, no known format, failing part way) is reported in `failed` and the
 * others go on; an unknown `format` or a store failure stops the run. Large files are parsed in a
 * worker thread, and large loads let the store defer its index upkeep.
 */
export async function ingestFiles(
  store: IngestSink,
  files: string[],
  options: IngestOptions = {},
  progress: IngestProgress = {},
): Promise<{ totals: IngestCounts; perFile: Map<string, IngestCounts>; failed: IngestFailure[] }> {
  if (options.format) formatById(options.format); // a bad id concerns every file: say so before reading
  // Look at every file first, so a typo in the last name is reported at the start of a long run.
  const sizes = new Map<string, number>();
  const failed: IngestFailure[] = [];
  for (const file of files) {
    try {
      const info = await stat(file);
      if (info.isFile()) sizes.set(file, info.size);
      else failed.push({ file, code: 'usage', message: `ingest: ${file} is not a file` });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'usage';
      failed.push({ file, code, message: `ingest: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` });
    }
  }
  const totals = zero();
  const perFile = new Map<string, IngestCounts>();
  const load = async () => {
    for (const [file, size] of sizes) {
      const before = { ...totals };
      try {
        perFile.set(file, await ingestFile(store, file, size, options, progress, totals));
      } catch (err) {
        const code = fileProblem(err);
        if (!code) throw err;
        // What the file gave before it failed stays stored and counted (a rerun stores nothing twice).
        const partial = Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, v - before[k as keyof IngestCounts]])) as unknown as IngestCounts;
        perFile.set(file, partial);
        failed.push({ file, code, message: (err as Error).message });
      }
    }
  };
  const totalBytes = [...sizes.values()].reduce((a, b) => a + b, 0);
  await ((options.bulk ?? totalBytes >= BULK_MIN_BYTES) ? store.bulkLoad(load) : load());
  return { totals, perFile, failed };
}

/** The closing line every ingest prints. */
export function ingestSummary(c: IngestCounts): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const warned = c.warned ? `; ${n(c.warned)} stored with a warning` : '';
  return `${n(c.read)} read, ${n(c.stored)} stored, ${n(c.duplicates)} duplicates, ${n(c.quarantined)} quarantined, ${n(c.skipped)} skipped (not posts)${warned}`;
}
