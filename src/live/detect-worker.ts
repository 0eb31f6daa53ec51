/**
 * Worker-thread entry for {@link WorkerDetector}: compiles the watchlist once, then runs the
 * per-post detectors on each batch it is sent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compileWatchlist, detectPostFindings } from '../analyze/index.js';
import type { Post, Watchlist } from '../model/types.js';

const cw = compileWatchlist((workerData as { watchlist: Watchlist }).watchlist);
parentPort!.on('message', (m: { id: number; posts: Post[] }) => {
  try {
    parentPort!.postMessage({ id: m.id, findings: detectPostFindings(m.posts, cw) });
  } catch (err) {
    parentPort!.postMessage({ id: m.id, error: String((err as Error)?.stack ?? err) });
  }
});
