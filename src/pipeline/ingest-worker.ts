/**
 * Worker thread for large ingests: parses one file with the ingest readers and hands batches to the
 * main thread, which writes them to the store. Parsing and SQLite writes then use both cores.
 * Flow control: at most MAX_IN_FLIGHT batches wait unacknowledged, so memory stays bounded however
 * fast the parser is. An account is sent again only when its profile changed: IO archives repeat the
 * author's profile on every row, and copying and upserting it per row cost as much as the post.
 * What was sent is remembered as numbers (a fingerprint of the account, a hash of its profile), not
 * strings: at 10M rows the strings held 300 MB of the worker's heap and V8 grew it to 1 GB (issue 13).
 * With `rows` (a SQLite store), posts are sent as `posts` rows (store/sqlite-rows.ts) rather than
 * objects: arrays of strings are several times cheaper to copy to the main thread and to bind there,
 * and the main thread, which writes, is the one that limits the speed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readPosts } from '../ingest/index.js';
import { sqlitePostRow, type SqlitePostRow } from '../store/sqlite-rows.js';
import { fingerprint53, fnv1a } from '../util/hash.js';

const MAX_IN_FLIGHT = 4;

export type WorkerMessage =
  | { type: 'batch'; batch: import('../ingest/index.js').IngestBatch; rows?: SqlitePostRow[] }
  | { type: 'end' }
  | { type: 'error'; code?: string; message: string; stack?: string };

const { file, format, batchSize, rows } = workerData as { file: string; format?: string; batchSize?: number; rows?: boolean };
const port = parentPort!;
let inFlight = 0;
/**
 * Fingerprint of platform + id → hash of the profile last sent (about 40 bytes an account). Two
 * accounts sharing a fingerprint only cost extra upserts (each one's profile differs from the
 * other's); a changed profile is missed only if its 32-bit hash also matches the old one.
 */
const sent = new Map<number, number>();
let wake: (() => void) | null = null;
port.on('message', () => {
  inFlight--;
  wake?.();
});

try {
  for await (const batch of readPosts(file, { format, batchSize })) {
    while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
    inFlight++;
    batch.accounts = batch.accounts.filter((a) => {
      const key = fingerprint53(`${a.platform}\u0000${a.id}`);
      const profile = fnv1a(JSON.stringify([a.handle, a.displayName, a.description, a.location, a.createdAt]));
      if (sent.get(key) === profile) return false;
      sent.set(key, profile);
      return true;
    });
    if (rows) {
      const encoded = batch.posts.map(sqlitePostRow); // NUL-free already: readers add posts through BatchBuilder.addPost
      batch.posts = [];
      port.postMessage({ type: 'batch', batch, rows: encoded } satisfies WorkerMessage);
    } else {
      port.postMessage({ type: 'batch', batch } satisfies WorkerMessage);
    }
  }
  port.postMessage({ type: 'end' } satisfies WorkerMessage);
} catch (err) {
  const e = err as Error & { code?: string };
  port.postMessage({ type: 'error', code: e.code, message: e.message, stack: e.stack } satisfies WorkerMessage);
}
