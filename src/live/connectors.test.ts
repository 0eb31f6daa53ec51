import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildIncidents } from '../cases/incidents.js';
import { openSqliteStore } from '../store/sqlite.js';
import { jetstreamSource, runJetstream } from './jetstream.js';
import { MAX_REST_BYTES, mastodonSource, runMastodonStream } from './mastodon-stream.js';
import { cursorKey, LivePipeline, type IncidentEvent } from './pipeline.js';
import { startReplayServer, type ReplayServer } from './replay-server.js';
import { syntheticJetstreamLike, syntheticJetstreamPost, syntheticStatus } from './synthetic.js';
import { standInDetect, TEST_WATCHLIST, waitFor } from './testing.js';

const golden = readFileSync(new URL('../../test/fixtures/live/golden_v1.jsonl', import.meta.url), 'utf8').trim().split('\n');
const FAST = { baseMs: 5, maxMs: 50 };

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.reverse()) await f();
  cleanup = [];
});

async function setup(replay: ReplayServer) {
  const store = await openSqliteStore(':memory:');
  const pipeline = new LivePipeline({ store, detect: standInDetect, buildIncidents: (f) => buildIncidents(f, TEST_WATCHLIST), flushMs: 10, batchSize: 50 });
  cleanup.push(async () => {
    await replay.close();
    await store.close();
  });
  return { store, pipeline };
}

/** Run a connector until `until` holds, then stop it and flush. */
async function follow(start: (signal: AbortSignal) => Promise<void>, pipeline: LivePipeline, until: () => Promise<boolean>) {
  const ac = new AbortController();
  const running = start(ac.signal);
  try {
    await waitFor(until, 'the connector to catch up', 15_000);
  } finally {
    ac.abort();
    await running;
    await pipeline.flush();
  }
}

function jetstreamLog(n: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    // 10 posts per second: a 2 s resume margin replays ~24 frames, fewer than a connection carries.
    const spacingUs = 100_000;
    lines.push(syntheticJetstreamPost(i, { spacingUs, text: i % 10 === 3 ? `DO NOT VOTE for Firefly${'!'.repeat(i % 4)}` : undefined }));
    if (i % 5 === 0) lines.push(syntheticJetstreamLike(i, 1_790_000_000_000_000 + i * spacingUs + 1));
  }
  return lines;
}

describe.each(['/subscribe', '/xrpc/network.bsky.jetstream.subscribeEvents'])('Jetstream %s through a replay server that drops connections', (path) => {
  it('stores every post once across drops, resumes from the stored cursor, and raises incidents', async () => {
    const log = [...golden, ...jetstreamLog(300)];
    const replay = await startReplayServer({ jetstream: log, dropAfter: 60 });
    const { store, pipeline } = await setup(replay);
    const incidents: IncidentEvent[] = [];
    pipeline.on('incident', (e: IncidentEvent) => incidents.push(e));
    const url = replay.wsUrl + path;
    const expectedPosts = 2 + 300; // golden: one post and one repost
    await follow((signal) => runJetstream({ url, store, pipeline, signal, backoff: FAST }), pipeline, async () => (await store.countPosts()) >= expectedPosts);

    expect(await store.countPosts()).toBe(expectedPosts);
    expect(replay.connections.jetstream).toBeGreaterThan(5); // it was dropped and came back
    // Every frame is accounted for: stored, duplicate (replayed after a drop), skipped or quarantined.
    const t = pipeline.totals;
    expect(t.stored).toBe(expectedPosts);
    expect(t.quarantined).toBe(0);
    // The connector asks only for posts and reposts, so the server filters the 60 likes out.
    expect(pipeline.skippedByKind.get('app.bsky.feed.like')).toBeUndefined();
    expect(t.duplicates).toBeGreaterThan(0); // the resume margin replays a few frames
    const cursor = await store.getState(cursorKey(jetstreamSource(url)));
    expect(cursor).toBeDefined();

    // 30 directive posts against Firefly, all by different or same synthetic DIDs, one incident.
    const stored = await store.listIncidents({ raceId: 'fd-01' });
    expect(stored.map((i) => i.id)).toEqual(['inc:fd-01:gov-sy']);
    expect(stored[0].findingIds).toHaveLength(30);
    expect(incidents[0]).toMatchObject({ type: 'new' });
    expect(incidents.some((e) => e.type === 'updated')).toBe(incidents.length > 1);

    // A restart resumes from the stored cursor and stores nothing twice.
    const before = replay.cursorsRequested.length;
    const pipeline2 = new LivePipeline({ store, detect: standInDetect, buildIncidents: (f) => buildIncidents(f, TEST_WATCHLIST), flushMs: 10 });
    replay.appendJetstream([syntheticJetstreamPost(10_000, { spacingUs: 100_000 })]);
    await follow((signal) => runJetstream({ url, store, pipeline: pipeline2, signal, backoff: FAST }), pipeline2, async () => (await store.countPosts()) === expectedPosts + 1);
    const asked = replay.cursorsRequested[before];
    expect(asked).toBeDefined();
    if (path === '/subscribe') expect(Number(asked)).toBe(Number(cursor) - 2_000_000);
    else expect(asked).toBe(cursor);
    expect(pipeline2.totals.stored).toBe(1);
  });
});

describe('Jetstream connector failures', () => {
  it('does not let a frame stamped in the future move the resume cursor', async () => {
    const log = [syntheticJetstreamPost(0), syntheticJetstreamPost(1, { timeUs: 4_102_444_800_000_000 }), syntheticJetstreamPost(2)];
    const replay = await startReplayServer({ jetstream: log });
    const { store, pipeline } = await setup(replay);
    const url = `${replay.wsUrl}/subscribe`;
    await follow((signal) => runJetstream({ url, store, pipeline, signal, backoff: FAST }), pipeline, async () => (await store.countPosts()) === 3);
    expect(await store.getState(cursorKey(jetstreamSource(url)))).toBe(String(1_790_000_000_000_000 + 2 * 1000));
  });

  it('still makes progress when the link drops more often than the resume margin replays', async () => {
    // 1,000 posts/s: the 2 s margin covers all 400 frames, and every connection carries only 60.
    const replay = await startReplayServer({ jetstream: Array.from({ length: 400 }, (_, i) => syntheticJetstreamPost(i)), dropAfter: 60 });
    const { store, pipeline } = await setup(replay);
    const url = `${replay.wsUrl}/subscribe`;
    await follow((signal) => runJetstream({ url, store, pipeline, signal, backoff: FAST }), pipeline, async () => (await store.countPosts()) === 400);
    expect(await store.countPosts()).toBe(400);
  });

  it('quarantines junk frames with the stream name, and gives up on an endpoint that refuses', async () => {
    const replay = await startReplayServer({ jetstream: jetstreamLog(5).filter((l) => !l.includes('feed.like')), junkFrames: ['{"did":"x"', 'null'] });
    const { store, pipeline } = await setup(replay);
    const url = `${replay.wsUrl}/subscribe`;
    await follow((signal) => runJetstream({ url, store, pipeline, signal, backoff: FAST }), pipeline, async () => (await store.countPosts()) === 5);
    const q = await store.listQuarantine();
    expect(q.map((e) => e.code).sort()).toEqual(['frame_invalid', 'json_malformed']);
    expect(q[0].source.file).toBe(jetstreamSource(url));

    const statuses: string[] = [];
    await runJetstream({ url: `${replay.wsUrl}/nowhere`, store, pipeline, signal: new AbortController().signal, backoff: FAST, maxAttempts: 3, onStatus: (s) => statuses.push(s.state) });
    expect(statuses.filter((s) => s === 'connecting')).toHaveLength(3);
    expect(statuses.at(-1)).toBe('gave_up');
  });
});

describe('Mastodon streaming through a replay server that drops connections', () => {
  it('fills the gaps left by drops from the REST timeline and resumes after a restart', async () => {
    const replay = await startReplayServer({ dropAfter: 7 });
    const { store, pipeline } = await setup(replay);
    const opts = { instance: replay.httpUrl, timeline: 'hashtag' as const, tag: 'Distrito99' };
    const ac = new AbortController();
    const running = runMastodonStream({ ...opts, store, pipeline, signal: ac.signal, backoff: FAST });
    let n = 0;
    const publish = (count: number) => {
      const list = [];
      for (let i = 0; i < count; i++, n++) list.push(syntheticStatus(n, { tags: n % 9 === 8 ? ['other'] : ['Distrito99'], text: n % 6 === 0 ? 'DO NOT VOTE for Firefly!' : undefined }));
      replay.publishMastodon(list);
    };
    await waitFor(() => replay.connections.mastodon === 1, 'the first connection');
    // Publish in bursts; some land while the client is reconnecting and are only on the REST timeline.
    for (let round = 0; round < 12; round++) {
      publish(10);
      await new Promise((r) => setTimeout(r, 15));
    }
    const tagged = Array.from({ length: n }, (_, i) => i).filter((i) => i % 9 !== 8).length;
    await waitFor(async () => (await store.countPosts()) === tagged, `${tagged} posts`, 15_000);
    ac.abort();
    await running;
    await pipeline.flush();
    expect(await store.countPosts()).toBe(tagged);
    expect(replay.connections.mastodon).toBeGreaterThan(3);
    const cursor = await store.getState(cursorKey(mastodonSource(opts)));
    expect(cursor).toBe(String(110_000_000_000_000_000n + BigInt(n - 1)));
    expect((await store.listIncidents()).length).toBe(1);

    // Published while nobody listened: a restart fills them from REST.
    publish(5);
    const pipeline2 = new LivePipeline({ store, detect: standInDetect, buildIncidents: (f) => buildIncidents(f, TEST_WATCHLIST), flushMs: 10 });
    const expected = Array.from({ length: n }, (_, i) => i).filter((i) => i % 9 !== 8).length;
    const ac2 = new AbortController();
    const running2 = runMastodonStream({ ...opts, store, pipeline: pipeline2, signal: ac2.signal, backoff: FAST });
    await waitFor(async () => (await store.countPosts()) >= expected, 'the backfill after restart');
    ac2.abort();
    await running2;
    await pipeline2.flush();
    expect(pipeline2.totals.stored).toBe(expected - tagged);
  });
});

describe('Mastodon gap larger than the backfill page budget', () => {
  it('reconnects and goes on filling from where the last backfill stopped', async () => {
    const replay = await startReplayServer();
    const { store, pipeline } = await setup(replay);
    const opts = { instance: replay.httpUrl, timeline: 'public' as const };
    // A cursor from an earlier run, then 130 statuses published while nobody listened.
    replay.publishMastodon([syntheticStatus(0)]);
    await store.setState(cursorKey(mastodonSource(opts)), String(110_000_000_000_000_000n));
    replay.publishMastodon(Array.from({ length: 130 }, (_, i) => syntheticStatus(i + 1)));
    const statuses: string[] = [];
    await follow(
      (signal) => runMastodonStream({ ...opts, store, pipeline, signal, backoff: FAST, maxBackfillPages: 1, onStatus: (st) => statuses.push(st.error ?? st.state) }),
      pipeline,
      async () => (await store.countPosts()) === 130,
    );
    expect(await store.countPosts()).toBe(130); // status 0 was before the cursor
    expect(statuses.filter((e) => /page budget/.test(e)).length).toBeGreaterThanOrEqual(3); // 40 per page
    expect(await store.getState(cursorKey(mastodonSource(opts)))).toBe(String(110_000_000_000_000_130n));
  });
});


describe('Mastodon instance answers are bounded', () => {
  it('refuses a REST answer over MAX_REST_BYTES instead of buffering it', async () => {
    const { createServer } = await import('node:http');
    const server = createServer((req, res) => {
      if (!req.url?.startsWith('/api/v1/timelines/')) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' });
      // Valid JSON one MiB over the limit, written in pieces.
      res.write('[');
      const piece = ' '.repeat(1 << 20);
      for (let i = 0; i < MAX_REST_BYTES / piece.length + 1; i++) res.write(piece);
      res.end(']');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const store = await openSqliteStore(':memory:');
    cleanup.push(async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await store.close();
    });
    const pipeline = new LivePipeline({ store, detect: standInDetect, buildIncidents: (f) => buildIncidents(f, TEST_WATCHLIST), flushMs: 10 });
    const errors: string[] = [];
    const instance = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    await runMastodonStream({ instance, timeline: 'public', store, pipeline, signal: new AbortController().signal, backoff: FAST, maxAttempts: 1, onStatus: (s) => s.error && errors.push(s.error) });
    expect(errors).toEqual([`REST answer larger than ${MAX_REST_BYTES} bytes`]);
  });
});

describe('stream names keep credentials out of logs and the store', () => {
  it('drops user:password@, query and fragment, and leaves other URLs as they were', () => {
    expect(jetstreamSource('wss://bot:p@ss@jet.example.test/subscribe?token=abc#x')).toBe('jetstream:wss://jet.example.test/subscribe');
    expect(jetstreamSource('ws://127.0.0.1:6008/subscribe')).toBe('jetstream:ws://127.0.0.1:6008/subscribe');
    expect(mastodonSource({ instance: 'https://me:secret@social.example/', timeline: 'hashtag', tag: 'Distrito99' })).toBe('mastodon:https://social.example/hashtag:Distrito99');
  });
});
