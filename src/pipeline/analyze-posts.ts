/**
 * The per-post detectors of `vigil analyze` (directive, harassment, threat with attribution, and the
 * records harassment campaigns keep) over a range of stored posts, batch by batch, each batch's
 * findings written at once. On a SQLite file store the pass runs in a worker thread
 * (analyze-posts-worker.ts) with its own connection, while the main thread runs the coordination
 * engine: the two are independent until campaigns are filed, and on two cores they overlap.
 */
import { findingsForPost, type CompiledWatchlist } from '../analyze/index.js';
import { classifyPostDetail, type ClassificationDetail } from '../analyze/classify/classify.js';
import type { HarassmentCampaigns } from '../analyze/harassment-campaign.js';
import type { Finding, Post, Watchlist } from '../model/types.js';
import type { Store } from '../store/store.js';
import { startWorker } from '../util/worker.js';
import { timedBatches, type PhaseClock, type PhaseTiming } from './timings.js';

/** What a pass over posts saw. */
export interface PostPass {
  analyzed: number;
  platforms: Set<string>;
}

/** Run the detectors over `batches`, writing findings to `store` and adding to `campaigns`. */
export async function detectPosts(
  batches: AsyncIterable<Post[]>,
  store: Pick<Store, 'putFindings'>,
  cw: CompiledWatchlist,
  campaigns: HarassmentCampaigns,
  clock: PhaseClock,
  onBatch?: (analyzed: number) => void,
): Promise<PostPass> {
  let analyzed = 0;
  const platforms = new Set<string>();
  clock.skip();
  for await (const batch of timedBatches(batches, clock, 'posts: store reads')) {
    const start = performance.now();
    const found: Finding[] = [];
    const details: ClassificationDetail[] = [];
    for (const post of batch) {
      const d = classifyPostDetail(post, cw);
      details.push(d);
      found.push(...findingsForPost(post, d, cw));
      platforms.add(post.platform);
    }
    campaigns.add(batch, details);
    const detected = performance.now();
    clock.add('posts: detectors', (detected - start) / 1000);
    if (found.length) await store.putFindings(found);
    clock.add('posts: findings written', (performance.now() - detected) / 1000);
    analyzed += batch.length;
    onBatch?.(analyzed);
  }
  clock.skip();
  return { analyzed, platforms };
}

/** What the worker thread is given. */
export interface PostsJob {
  /** The SQLite file. */
  path: string;
  watchlist: Watchlist;
  /** The harassment-campaign records so far (`CampaignState` as JSON), or undefined for none. */
  campaigns?: string;
  /** Insertion marks: posts after `after` up to `upTo`. */
  after: number;
  upTo: number;
  batchSize: number;
}

export type PostsMessage =
  | { type: 'progress'; analyzed: number }
  | { type: 'done'; analyzed: number; platforms: string[]; campaigns: string; timings: PhaseTiming[] }
  | { type: 'error'; message: string; stack?: string };

/** The pass run by a worker thread: its result, with the campaign records as JSON. */
export interface ThreadPass {
  done: Promise<PostPass & { campaigns: string; timings: PhaseTiming[] }>;
  /** Stop the thread (when the run fails elsewhere). */
  stop(): Promise<void>;
}

/** Start the pass over `job`'s posts in a worker thread. */
export function detectPostsInThread(job: PostsJob, onBatch?: (analyzed: number) => void): ThreadPass {
  // A larger young generation: the detectors make many short-lived objects per post (as ingest's parser).
  const worker = startWorker(new URL('./analyze-posts-worker.js', import.meta.url), { workerData: job, resourceLimits: { maxYoungGenerationSizeMb: 96 } });
  const done = new Promise<PostPass & { campaigns: string; timings: PhaseTiming[] }>((resolve, reject) => {
    worker.on('message', (m: PostsMessage) => {
      if (m.type === 'progress') onBatch?.(m.analyzed);
      else if (m.type === 'done') resolve({ analyzed: m.analyzed, platforms: new Set(m.platforms), campaigns: m.campaigns, timings: m.timings });
      else reject(Object.assign(new Error(m.message), { stack: m.stack }));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`analyze: the per-post thread exited with code ${code} before it finished`)));
  });
  // Awaited later; a failure meanwhile must not count as unhandled.
  done.catch(() => undefined);
  return { done, stop: async () => void (await worker.terminate()) };
}
