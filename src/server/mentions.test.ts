import { describe, expect, it } from 'vitest';
import { syntheticJetstreamPost } from '../live/synthetic.js';
import { parseJetstreamFrame } from '../live/bluesky.js';
import { TEST_WATCHLIST } from '../live/testing.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { Post } from '../model/types.js';
import { MentionCounter } from './mentions.js';

const post = (n: number, text: string, mentions: string[] = []): Post => {
  const p = parseJetstreamFrame(syntheticJetstreamPost(n, { text, spacingUs: 1_200_000_000 }), 'x', new Map()).post!;
  return { ...p, mentions };
};

describe('MentionCounter', () => {
  it('counts handle mentions and whole-word names per candidate and bucket, once per post', async () => {
    const posts = [
      post(0, 'Vote FIREFLY!'), // alias, folded
      post(1, 'hello', ['Firefly.example']), // handle mention
      post(2, 'Rufus Firefly and Ada Trentino debate', ['firefly.example']), // both candidates, Firefly once
      post(3, 'fireflyer is not a name'), // not a whole word
      post(4, 'weather'),
    ];
    const store = await openSqliteStore(':memory:');
    await store.putPosts(posts.slice(0, 3));
    const m = new MentionCounter(TEST_WATCHLIST);
    m.addLive(posts.slice(0, 3)); // before the scan starts: left to the scan
    await m.scan(store);
    expect(m.ready).toBe(true);
    m.addLive(posts.slice(3));
    const day = m.series('fd-01', 'day');
    const total = (c: string) => [...day.values()].reduce((n, r) => n + (r[c] ?? 0), 0);
    expect(total('cand-rufus')).toBe(3);
    expect(total('cand-trentino')).toBe(1);
    // Posts are 20 minutes apart: posts 0-2 fall in the hours 00 and 01... keys are hours.
    const hours = [...m.series('fd-01', 'hour').keys()];
    expect(hours.every((h) => /T\d\d:00:00Z$/.test(h))).toBe(true);
    await store.close();
  });
});
