/**
 * Worker thread of `vigil analyze`: the per-post detectors over a range of a SQLite store's posts
 * (analyze-posts.ts), on a connection of its own. Posts back progress, then what it saw and the
 * harassment-campaign records.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compileWatchlist } from '../analyze/index.js';
import { HarassmentCampaigns, type CampaignState } from '../analyze/harassment-campaign.js';
import { SqliteStore } from '../store/sqlite.js';
import { detectPosts, type PostsJob, type PostsMessage } from './analyze-posts.js';
import { PhaseClock } from './timings.js';

const job = workerData as PostsJob;
const port = parentPort!;
const send = (m: PostsMessage) => port.postMessage(m);

try {
  const store = new SqliteStore(job.path);
  let done: PostsMessage;
  try {
    const cw = compileWatchlist(job.watchlist);
    const campaigns = new HarassmentCampaigns(cw, job.campaigns ? (JSON.parse(job.campaigns) as CampaignState) : undefined);
    const clock = new PhaseClock();
    const batches = store.iteratePostsSince(job.after, job.upTo, { batchSize: job.batchSize, raw: false });
    const pass = await detectPosts(batches, store, cw, campaigns, clock, (analyzed) => send({ type: 'progress', analyzed }));
    done = { type: 'done', analyzed: pass.analyzed, platforms: [...pass.platforms], campaigns: JSON.stringify(campaigns.state()), timings: await clock.result() };
  } finally {
    await store.close();
  }
  // After closing: the main thread writes next.
  send(done);
} catch (err) {
  const e = err as Error;
  send({ type: 'error', message: e.message, stack: e.stack });
}
