/**
 * Entries of the coordination engine: on files (fast columnar path for IO archives, the ingest
 * readers for other formats) and on batches of `Post` objects (the store path of `vigil analyze`).
 */
import { statSync } from 'node:fs';
import type { QuarantineEntry } from '../../model/types.js';
import { readPosts } from '../../ingest/index.js';
import { PostColumns, type CoKind } from './columns.js';
import { DEFAULT_ENGINE_OPTIONS, runEngineParallel, type EngineOptions, type EnginePhase, type EngineResult, type ProvenanceRow } from './engine.js';
import { addPost, type EnginePost, type ExtractOptions } from './extract.js';
import { readIoArchiveParallel } from './io-parallel.js';

/** Hooks for progress and side outputs. */
export interface RunHooks {
  /** A file starts (its size in bytes). */
  onFile?: (file: string, bytes: number) => void;
  /** Bytes of the current file consumed. */
  onBytes?: (bytes: number) => void;
  onPhase?: (phase: EnginePhase, kind?: CoKind) => void;
  onQuarantine?: (entry: QuarantineEntry) => void;
  onProvenance?: (row: ProvenanceRow, cols: PostColumns) => void;
}

export interface FileRun {
  result: EngineResult;
  read: number;
  quarantined: number;
  /** Records that are not posts (likes, follows, service messages): counted, neither stored nor quarantined. */
  skipped: number;
  /** Records read but without a usable time (store path) are counted in `quarantined`. */
  bytes: number;
}

export type RunOptions = Partial<EngineOptions> & ExtractOptions & { threads?: number };

function kindsOf(opts: RunOptions): CoKind[] {
  return [...(opts.kinds ?? DEFAULT_ENGINE_OPTIONS.kinds)];
}

/**
 * Run on files. IO archives go through the columnar reader (two threads); other formats through
 * `readPosts` of src/ingest. Every record is counted as read, and as quarantined when it is.
 */
export async function coordinationFromFiles(files: string[], format: string | undefined, opts: RunOptions = {}, hooks: RunHooks = {}): Promise<FileRun> {
  const kinds = kindsOf(opts);
  const cols = new PostColumns(kinds);
  let read = 0;
  let quarantined = 0;
  let skipped = 0;
  let bytes = 0;
  for (const file of files) {
    const size = statSync(file).size;
    hooks.onFile?.(file, size);
    if (format === 'io-archive') {
      const r = await readIoArchiveParallel(file, cols, { ...opts, withText: kinds.includes('text'), onBytes: hooks.onBytes, onQuarantine: hooks.onQuarantine });
      read += r.read;
      quarantined += r.quarantined;
    } else {
      for await (const batch of readPosts(file, { format })) {
        read += batch.read;
        skipped += batch.skipped;
        quarantined += batch.quarantined.length;
        for (const q of batch.quarantined) hooks.onQuarantine?.(q);
        for (const p of batch.posts) {
          if (addPost(cols, p, opts) < 0) {
            quarantined++;
            hooks.onQuarantine?.({ source: p.source, code: 'timestamp_invalid', reason: `coord: ${p.source.file}: post ${p.id} has no valid time`, field: 'createdAt' });
          }
        }
        hooks.onBytes?.(batch.bytesRead);
      }
    }
    bytes += size;
  }
  const result = await runEngineParallel(cols, { ...opts, kinds }, hooks);
  return { result, read, quarantined, skipped, bytes };
}

/**
 * Run on batches of normalized posts (from the store). Keeps each post's source and hash for
 * evidence; pass `keepRawText: true` to match groups against a watchlist.
 *
 * @example
 * const r = await coordinationFromPosts(store.iteratePosts({ batchSize: 5000 }), { kinds: ['repost', 'link'], keepRawText: true });
 * const findings = coordinationFindings(r, { watchlist, matcher });
 */
export async function coordinationFromPosts(
  batches: AsyncIterable<EnginePost[] | { posts: EnginePost[] }> | Iterable<EnginePost[] | { posts: EnginePost[] }>,
  opts: RunOptions = {},
  hooks: Pick<RunHooks, 'onPhase' | 'onProvenance'> = {},
): Promise<EngineResult> {
  const kinds = kindsOf(opts);
  const cols = new PostColumns(kinds);
  for await (const batch of batches as AsyncIterable<EnginePost[] | { posts: EnginePost[] }>) {
    for (const p of Array.isArray(batch) ? batch : batch.posts) addPost(cols, p, opts);
  }
  return runEngineParallel(cols, { ...opts, kinds }, hooks);
}
