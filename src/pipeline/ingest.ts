import { stat } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import { readPosts } from '../ingest/index.js';
import type { Store } from '../store/store.js';

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

/**
 * Read files with the ingest parsers and write each batch to the store: read → normalize → store.
 * Every record ends up stored, counted as a duplicate, or quarantined.
 */
export async function ingestFiles(
  store: Store,
  files: string[],
  options: { format?: string; batchSize?: number } = {},
  progress: IngestProgress = {},
): Promise<{ totals: IngestCounts; perFile: Map<string, IngestCounts> }> {
  const totals: IngestCounts = { read: 0, stored: 0, duplicates: 0, quarantined: 0 };
  const perFile = new Map<string, IngestCounts>();
  for (const file of files) {
    let size: number;
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new UsageError(`ingest: ${file} is not a file`);
      size = info.size;
    } catch (err) {
      if (err instanceof UsageError) throw err;
      throw new UsageError(`ingest: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err });
    }
    progress.onFile?.(file, size);
    const counts: IngestCounts = { read: 0, stored: 0, duplicates: 0, quarantined: 0 };
    perFile.set(file, counts);
    for await (const batch of readPosts(file, { format: options.format, batchSize: options.batchSize })) {
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
  }
  return { totals, perFile };
}

/** The closing line every ingest prints. */
export function ingestSummary(c: IngestCounts): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return `${n(c.read)} read, ${n(c.stored)} stored, ${n(c.duplicates)} duplicates, ${n(c.quarantined)} quarantined`;
}
