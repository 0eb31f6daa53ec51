import { describe, expect, it } from 'vitest';
import { compileWatchlist, detectPostFindings } from '../analyze/index.js';
import { parseJetstreamFrame } from './bluesky.js';
import { syntheticJetstreamPost } from './synthetic.js';
import { TEST_WATCHLIST } from './testing.js';
import { WorkerDetector } from './worker-detector.js';

const cw = compileWatchlist(TEST_WATCHLIST);
const inThread = (posts: Parameters<typeof detectPostFindings>[0]) => detectPostFindings(posts, cw);
const posts = Array.from({ length: 300 }, (_, i) =>
  parseJetstreamFrame(syntheticJetstreamPost(i, { text: i % 7 === 0 ? `DO NOT VOTE for Rufus Firefly ${i}` : `harbour news ${i}` }), 'jetstream:t', new Map()).post!,
);

describe('WorkerDetector', () => {
  it('finds in a worker thread exactly what the detectors find on the main thread', async () => {
    const d = new WorkerDetector(TEST_WATCHLIST, inThread);
    try {
      const found = await d.detect(posts);
      expect(d.alive).toBe(true);
      expect(found.length).toBeGreaterThan(0);
      expect(found).toEqual(inThread(posts));
    } finally {
      await d.close();
    }
  });

  it('falls back to the main thread when the worker dies, losing no batch', async () => {
    const d = new WorkerDetector(TEST_WATCHLIST, inThread);
    const pending = d.detect(posts);
    await (d as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    expect(await pending).toEqual(inThread(posts));
    expect(d.alive).toBe(false);
    expect(await d.detect(posts.slice(0, 10))).toEqual(inThread(posts.slice(0, 10)));
    await d.close();
  });
});
