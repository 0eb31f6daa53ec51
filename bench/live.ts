/**
 * Live-path benchmark: Jetstream frames from a local replay server (loopback) through the real
 * per-post detectors and incident building into a SQLite store, with a dashboard SSE client
 * connected. Goal (issue 5): >= 5,000 posts/s sustained, <= 1 s from receipt to dashboard.
 *
 *   npx tsx bench/live.ts [--posts 100000] [--runs 3] [--seed 11] [--rate POSTS_PER_S] [--worker]
 *
 * Without --rate the source sends as fast as it can (throughput); with --rate 5000 the latency
 * figures are those of a stream at the firehose's average rate. --worker detects in a worker thread
 * (`vigil serve --detect-worker`).
 *
 * A child process plays the remote side: the replay server, and the dashboard's SSE client. Data:
 * seeded synthetic frames (fictional accounts), 2% voting directives against a fictional
 * candidate, 25% likes (filtered out by the server, like real Jetstream with wantedCollections).
 * Per run: posts/s from connect to last post stored; batch latency (oldest frame's receipt →
 * stored, detected, incidents updated and announced) p50/p95/max; SSE delivery (incident change →
 * event read by the client) p95; their sum bounds receipt → dashboard. Then medians.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compileWatchlist, detectPostFindings } from '../src/analyze/index.js';
import { buildIncidents } from '../src/cases/incidents.js';
import { seededRandom } from '../src/util/random.js';
import { runJetstream } from '../src/live/jetstream.js';
import { SseParser } from '../src/live/mastodon.js';
import { LivePipeline, type BatchReport } from '../src/live/pipeline.js';
import { startReplayServer } from '../src/live/replay-server.js';
import { syntheticJetstreamLike, syntheticJetstreamPost } from '../src/live/synthetic.js';
import { TEST_WATCHLIST } from '../src/live/testing.js';
import { WorkerDetector } from '../src/live/worker-detector.js';
import { VigilApi } from '../src/server/api.js';
import { createVigilServer } from '../src/server/http.js';
import { openSqliteStore } from '../src/store/sqlite.js';

const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '11' },
    rate: { type: 'string', default: '0' },
    worker: { type: 'boolean' },
    child: { type: 'boolean' },
  },
});
const N = Number(values.posts);
const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] : NaN);

/** An identity frame naming the consulate's DID, then posts 200 µs apart in stream time, and likes. */
function makeFrames(): string[] {
  const rng = seededRandom(Number(values.seed));
  const frames = [JSON.stringify({ did: 'did:plc:consul', time_us: 1_790_000_000_000_000, kind: 'identity', identity: { did: 'did:plc:consul', handle: 'consul.example', seq: 1, time: '2026-09-21T00:00:00Z' } })];
  const words = ['harbour', 'festival', 'weather', 'ferry', 'market', 'council', 'library', 'rain', 'bridge', 'school'];
  for (let i = 0; i < N; i++) {
    const directive = rng() < 0.02;
    const text = directive
      ? `DO NOT VOTE for Rufus Firefly, he betrays the diaspora ${i}`
      : `${words[Math.floor(rng() * 10)]} ${words[Math.floor(rng() * 10)]} update number ${i} from the coast`;
    frames.push(syntheticJetstreamPost(i, { did: directive && rng() < 0.5 ? 'did:plc:consul' : undefined, text, spacingUs: 200 }));
    if (rng() < 0.25) frames.push(syntheticJetstreamLike(i, 1_790_000_000_000_000 + i * 200 + 1));
  }
  return frames;
}

/** The remote side: replay server, and on request an SSE client that times each incident event. */
async function child(): Promise<void> {
  const replay = await startReplayServer({ jetstream: makeFrames(), rate: Number(values.rate) || undefined });
  const delays: number[] = [];
  const ac = new AbortController();
  process.on('message', async (m: { sse?: string; stop?: boolean }) => {
    if (m.sse) {
      const res = await fetch(m.sse, { signal: ac.signal });
      process.send!({ sseReady: true });
      const parser = new SseParser();
      const decoder = new TextDecoder();
      try {
        for await (const chunk of res.body!) {
          for (const ev of parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }))) {
            if (ev.event === 'incident') delays.push(Date.now() - Date.parse(JSON.parse(ev.data).at));
          }
        }
      } catch {
        /* aborted at the end */
      }
    }
    if (m.stop) {
      ac.abort();
      await new Promise<void>((r) => process.send!({ delays }, () => r()));
      await replay.close();
      process.exit(0);
    }
  });
  process.send!({ wsUrl: replay.wsUrl });
}

function nextMessage<T>(proc: ChildProcess, key: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: Record<string, unknown>) => {
      if (!(key in m)) return;
      proc.off('message', on);
      resolve(m as T);
    };
    proc.on('message', on);
  });
}

async function main(): Promise<void> {
  const cw = compileWatchlist(TEST_WATCHLIST);
  console.log(`${N.toLocaleString('en-US')} posts (+~25% likes)${Number(values.rate) ? ` sent at ${values.rate} posts/s` : ', sent as fast as taken'}; detectors: analyze/detectPostFindings ${values.worker ? 'in a worker thread' : 'on the main thread'}`);
  mkdirSync('bench/data', { recursive: true });
  const rates: number[] = [];
  const batchP95: number[] = [];
  const sseP95: number[] = [];
  for (let run = 1; run <= Number(values.runs); run++) {
    const dbPath = `bench/data/live-${run}.db`;
    for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) rmSync(f, { force: true });
    const store = await openSqliteStore(dbPath);
    const proc = fork(fileURLToPath(import.meta.url), [...process.argv.slice(2), '--child'], { execArgv: process.execArgv });
    const { wsUrl } = await nextMessage<{ wsUrl: string }>(proc, 'wsUrl');
    const detector = !values.worker ? undefined : new WorkerDetector(TEST_WATCHLIST, (posts) => detectPostFindings(posts, cw));
    const pipeline = new LivePipeline({ store, detect: (posts) => (detector ? detector.detect(posts) : detectPostFindings(posts, cw)), buildIncidents: (f) => buildIncidents(f, TEST_WATCHLIST) });
    const api = new VigilApi({ store, watchlist: TEST_WATCHLIST, tokens: [], live: pipeline });
    const server = createVigilServer({ api, live: pipeline });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    proc.send({ sse: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/events` });
    await nextMessage(proc, 'sseReady');
    const latencies: number[] = [];
    pipeline.on('batch', (b: BatchReport) => latencies.push(b.latencyMs));
    const ac = new AbortController();
    const start = performance.now();
    const running = runJetstream({ url: `${wsUrl}/subscribe`, store, pipeline, signal: ac.signal });
    while (pipeline.totals.stored < N) await new Promise((r) => setTimeout(r, 5));
    const seconds = (performance.now() - start) / 1000;
    ac.abort();
    await running;
    await pipeline.flush();
    await new Promise((r) => setTimeout(r, 200)); // let the last events reach the client
    proc.send({ stop: true });
    const { delays } = await nextMessage<{ delays: number[] }>(proc, 'delays');
    const t = pipeline.totals;
    rates.push(N / seconds);
    batchP95.push(pct(latencies, 95));
    sseP95.push(pct(delays, 95));
    console.log(
      `run ${run}: ${seconds.toFixed(2)} s, ${Math.round(N / seconds).toLocaleString('en-US')} posts/s; batch latency p50 ${pct(latencies, 50).toFixed(0)} ms, ` +
        `p95 ${pct(latencies, 95).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms over ${t.batches} batches; ` +
        `SSE delivery p95 ${pct(delays, 95).toFixed(0)} ms (${delays.length} events); ${t.findings} findings, ${t.duplicates} duplicates`,
    );
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await detector?.close();
    await store.close();
  }
  const m = (xs: number[]) => pct(xs, 50);
  console.log(
    `median of ${rates.length}: ${Math.round(m(rates)).toLocaleString('en-US')} posts/s (goal >= 5,000); batch latency p95 ${m(batchP95).toFixed(0)} ms + ` +
      `SSE delivery p95 ${m(sseP95).toFixed(0)} ms = receipt→dashboard <= ${(m(batchP95) + m(sseP95)).toFixed(0)} ms (goal <= 1,000 ms); ` +
      `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
}

if (values.child) await child();
else {
  await main();
  process.exit(0);
}
