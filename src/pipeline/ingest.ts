import { stat } from 'node:fs/promises';
import { IngestFormatError, UsageError, VigilError } from '../errors.js';
import { readPosts, type IngestBatch } from '../ingest/index.js';
import type { Store } from '../store/store.js';
import { startWorker } from '../util/worker.js';
import type { WorkerMessage } from './ingest-worker.js';

/** Loads at least this large let the store defer index upkeep (Store.bulkLoad). */
const BULK_MIN_BYTES = 64 * 2 ** 20;

/** Files at least this large are parsed in a worker thread while the main thread writes. */
const WORKER_MIN_BYTES = 16 * 2 ** 20;

/**
 * Read a file's batches from a worker thread (see ingest-worker.ts). Errors keep their class and code.
 * The young generation is enlarged in the worker: parsing makes many short-lived objects, and a
 * larger nursery cuts its garbage-collection time by about a quarter.
 */
async function* readPostsInWorker(file: string, format: string | undefined, batchSize: number | undefined): AsyncGenerator<IngestBatch> {
  const worker = startWorker(new URL('./ingest-worker.js', import.meta.url), {
    workerData: { file, format, batchSize },
    resourceLimits: { maxYoungGenerationSizeMb: 192 },
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
      yield m.batch;
      worker.postMessage('ack');
    }
  } finally {
    await worker.terminate();
  }
}

/** Counts for one ingest run. `read = stored + duplicates + quarantined` always holds. */
export interface IngestCounts {
  read: number;
  stored: number;
  duplicates: number;
  quarantined: number;
}

export interface IngestProgress {
  /** Called after each batch with the file, its size and bytes consumed so far. */
  onBatch?(file: string, bytesRead: number, fileSize: number, totals: IngestCounts): void;
  /** Called once per file before reading, with its size. */
  onFile?(file: string, fileSize: number): void;
}

/** `worker`: true parses in a worker thread, false never does, unset decides by file size. */
type IngestOptions = { format?: string; batchSize?: number; worker?: boolean };

/** Read one file into the store, adding to `totals`; returns the file's own counts. */
async function ingestFile(store: Store, file: string, size: number, options: IngestOptions, progress: IngestProgress, totals: IngestCounts): Promise<IngestCounts> {
  progress.onFile?.(file, size);
  const counts: IngestCounts = { read: 0, stored: 0, duplicates: 0, quarantined: 0 };
  const batches =
    (options.worker ?? size >= WORKER_MIN_BYTES)
      ? readPostsInWorker(file, options.format, options.batchSize)
      : readPosts(file, { format: options.format, batchSize: options.batchSize });
  for await (const batch of batches) {
    const { stored, duplicates } = batch.posts.length ? await store.putPosts(batch.posts) : { stored: 0, duplicates: 0 };
    if (batch.accounts.length) await store.putAccounts(batch.accounts);
    if (batch.quarantined.length) await store.putQuarantine(batch.quarantined);
    for (const c of [counts, totals]) {
      c.read += batch.posts.length + batch.quarantined.length;
      c.stored += stored;
      c.duplicates += duplicates;
      c.quarantined += batch.quarantined.length;
    }
    progress.onBatch?.(file, batch.bytesRead, size, totals);
  }
  return counts;
}

/**
 * Read files with the ingest parsers and write each batch to the store: read → normalize → store.
 * Every record ends up stored, counted as a duplicate, or quarantined. Large files are parsed in a
 * worker thread, and large loads let the store defer its index upkeep.
 */
export async function ingestFiles(
  store: Store,
  files: string[],
  options: IngestOptions = {},
  progress: IngestProgress = {},
): Promise<{ totals: IngestCounts; perFile: Map<string, IngestCounts> }> {
  // Check every file before reading any, so a typo in the last name does not waste a long run.
  const sizes = new Map<string, number>();
  for (const file of files) {
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new UsageError(`ingest: ${file} is not a file`);
      sizes.set(file, info.size);
    } catch (err) {
      if (err instanceof UsageError) throw err;
      throw new UsageError(`ingest: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err });
    }
  }
  const totals: IngestCounts = { read: 0, stored: 0, duplicates: 0, quarantined: 0 };
  const perFile = new Map<string, IngestCounts>();
  const load = async () => {
    for (const [file, size] of sizes) perFile.set(file, await ingestFile(store, file, size, options, progress, totals));
  };
  const totalBytes = [...sizes.values()].reduce((a, b) => a + b, 0);
  await (totalBytes >= BULK_MIN_BYTES ? store.bulkLoad(load) : load());
  return { totals, perFile };
}

/** The closing line every ingest prints. */
export function ingestSummary(c: IngestCounts): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return `${n(c.read)} read, ${n(c.stored)} stored, ${n(c.duplicates)} duplicates, ${n(c.quarantined)} quarantined`;
}
