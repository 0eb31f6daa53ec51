/**
 * Server benchmark: the race page's API calls under 50 concurrent clients, with 1,000,000 posts and
 * 1,000 incidents in a SQLite store. Goal (issue 5): p95 <= 100 ms. Then the same for post search
 * (`GET /api/v1/posts`): a rare word, a frequent word, a phrase, an author, a race, a one-day window,
 * and a combination, each also paged on once with its cursor; p50/p95 per kind.
 *
 *   npx tsx bench/server.ts [--posts 1000000] [--seconds 10] [--clients 50] [--refresh-ms 0] [--seed 5] [--only race|search|cases|explore]
 *
 * The store is generated from the seed into bench/data/ once and reused. Load comes from a child
 * process (keep-alive connections, each client looping over the three calls the race page makes:
 * race summary, first incident page, timeline) so it does not share the server's event loop.
 * --refresh-ms N rebuilds one race's read model every N ms in the background, as live batches that
 * keep changing incidents do. Mode cases: the incident list filtered to open ones, an incident
 * page (its first 50 findings, decisions, history) and a finding's evidence page.
 * Mode explore: an actor page, an account page (registry or user) and a post search by finding kind.
 */
import { fork } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { buildIncidents } from '../src/cases/incidents.js';
import { seededRandom } from '../src/util/random.js';
import type { Actor, Finding, FindingKind, Post, Race, Watchlist } from '../src/model/types.js';
import { VigilApi } from '../src/server/api.js';
import { createVigilServer } from '../src/server/http.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import { sha256 } from '../src/util/hash.js';

const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '10' },
    clients: { type: 'string', default: '50' },
    'refresh-ms': { type: 'string', default: '0' },
    seed: { type: 'string', default: '5' },
    child: { type: 'string' },
    mode: { type: 'string', default: 'race' },
    only: { type: 'string' },
  },
});

const RACES = 10;
const ACTORS = 100;

/** A fictional watchlist: 10 races of 4 candidates, 100 actors in 10 user-assigned country codes. */
function benchWatchlist(): Watchlist {
  const races: Race[] = Array.from({ length: RACES }, (_, r) => ({
    id: `bench-${r}`,
    office: `Bench Assembly, District ${r}`,
    jurisdiction: `XA-BN-${String(r).padStart(2, '0')}`,
    electionDate: '2026-11-03',
    candidates: Array.from({ length: 4 }, (_, c) => ({ id: `cand-${r}-${c}`, name: `Candidate ${r} ${c}`, aliases: [], handles: { bluesky: [`cand${r}${c}.example`] }, fecCommitteeIds: [] })),
  }));
  const actors: Actor[] = Array.from({ length: ACTORS }, (_, a) => ({
    id: `actor-${a}`,
    kind: 'organization',
    name: `Ministry ${a}`,
    aliases: [],
    country: `X${String.fromCharCode(65 + (a % 10))}`,
    role: 'minister',
    handles: { bluesky: [`actor${a}.example`] },
    sources: ['fictional'],
  }));
  return { races, actors, webhooks: [] };
}

const KINDS: FindingKind[] = ['directive', 'harassment', 'threat', 'coordination', 'amplification'];

async function prepare(path: string, posts: number, seed: number, watchlist: Watchlist): Promise<void> {
  const store = await openSqliteStore(path);
  const marker = `${posts}:${seed}:v2`;
  if ((await store.getState('bench:server')) === marker) {
    await store.close();
    return;
  }
  console.log(`generating ${path}: ${posts.toLocaleString('en-US')} posts, 1,000 incidents (seed ${seed})…`);
  const rng = seededRandom(seed);
  const t0 = Date.UTC(2026, 8, 1);
  let batch: Post[] = [];
  await store.bulkLoad(async () => {
    for (let i = 0; i < posts; i++) {
      const author = Math.floor(rng() * 50_000);
      // One post in 40 mentions a candidate (what a race search finds); word w<k> occurs in 1 post in k.
      const mention = i % 40 === 0 ? ` @cand${Math.floor(i / 40) % RACES}${Math.floor(i / 400) % 4}.example` : '';
      const text = `post ${i} about district ${i % RACES} and the weather w${i % 1000} w${i % 10_000}${mention}`;
      const raw = JSON.stringify({ i, author, text });
      batch.push({ platform: 'bluesky', id: `at://did:plc:a${author}/app.bsky.feed.post/${i.toString(36)}`, authorId: `did:plc:a${author}`, authorHandle: `user${author}.example`, createdAt: new Date(t0 + i * 5000).toISOString(), text, urls: [], hashtags: [], mentions: [], source: { file: 'bench', line: i + 1 }, contentHash: sha256(raw), raw });
      if (batch.length === 10_000) {
        await store.putPosts(batch);
        batch = [];
      }
    }
    if (batch.length) await store.putPosts(batch);
  });
  const findings: Finding[] = [];
  for (let r = 0; r < RACES; r++) {
    for (let a = 0; a < ACTORS; a++) {
      const n = 1 + Math.floor(rng() * 8);
      for (let k = 0; k < n; k++) {
        const i = Math.floor(rng() * posts);
        const kind = KINDS[Math.floor(rng() * KINDS.length)];
        findings.push({
          id: `f-${r}-${a}-${k}`,
          kind,
          subjects: { accounts: [`bluesky:actor${a}.example`], actorIds: [`actor-${a}`] },
          targets: { candidateIds: [`cand-${r}-${k % 4}`], raceIds: [`bench-${r}`] },
          score: Math.round(rng() * 100) / 100,
          observedAt: new Date(t0 + i * 5000).toISOString(),
          explanation: `synthetic ${kind} finding`,
          detail: {},
          evidence: [{ kind: 'post', ref: `bluesky:at://did:plc:x/app.bsky.feed.post/${i.toString(36)}`, source: { file: 'bench', line: i + 1 }, sha256: sha256(String(i)) }],
        });
      }
    }
  }
  await store.putFindings(findings);
  await store.putIncidents(buildIncidents(findings, watchlist));
  await store.setState('bench:server', marker);
  await store.close();
}

/** Post searches, by kind; `n` varies the words so that no two clients ask the same thing at once. */
const SEARCHES: Record<string, (n: number) => string> = {
  rare: (n) => `q=w${1000 + (n % 9000)}`, // 100 posts
  frequent: (n) => `q=w${n % 1000}`, // 1,000 posts
  all: () => 'q=weather', // every post
  phrase: (n) => `q=district ${n % RACES} and the`,
  author: (n) => `author=user${n % 50_000}.example`,
  race: (n) => `race=bench-${n % RACES}`,
  day: (n) => `since=${new Date(Date.UTC(2026, 8, 1 + (n % 50))).toISOString()}&until=${new Date(Date.UTC(2026, 8, 2 + (n % 50))).toISOString()}`,
  combined: (n) => `race=bench-${n % RACES}&q=weather&since=2026-09-10T00:00:00Z`,
};

/**
 * The load generator (child process): `clients` loop until time is up, over the race page's calls
 * (mode race) or over the searches, each followed by its second page (mode search).
 */
async function load(base: string, seconds: number, clients: number, mode: string): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const latencies: Record<string, number[]> = {};
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const get = (kind: string, path: string) =>
    new Promise<string | undefined>((resolve) => {
      const t = performance.now();
      const req = request(`${base}${path}`, { agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode !== 200) errors++;
          (latencies[kind] ??= []).push(performance.now() - t);
          const next = mode === 'search' && res.statusCode === 200 ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { next?: string }).next : undefined;
          resolve(next);
        });
      });
      req.on('error', () => {
        errors++;
        resolve(undefined);
      });
      req.end();
    });
  let n = 0;
  const kinds = Object.keys(SEARCHES);
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const i = n++;
        if (mode === 'search') {
          const kind = kinds[i % kinds.length]!;
          const path = `/api/v1/posts?${SEARCHES[kind]!(Math.floor(i / kinds.length))}&limit=50`;
          const next = await get(kind, path);
          if (next) await get(`${kind}, page 2`, `${path}&cursor=${next}`);
          continue;
        }
        if (mode === 'cases') {
          // The case workflow's reads: the open-incident list, one incident page, one finding's evidence.
          const [r, a] = [i % RACES, Math.floor(i / RACES) % ACTORS];
          const id = encodeURIComponent(`inc:bench-${r}:actor-${a}`);
          await get('incident list', '/api/v1/incidents?status=open&limit=50');
          await get('incident page', `/api/v1/incidents/${id}`);
          await get('evidence page', `/api/v1/incidents/${id}/evidence?finding=${encodeURIComponent(`f-${r}-${a}-0`)}`);
          continue;
        }
        if (mode === 'explore') {
          // The investigating pages' reads: an actor, a registry account and a user's account, evidence of one kind.
          const a = i % ACTORS;
          await get('actor page', `/api/v1/actors/actor-${a}`);
          await get('account page', `/api/v1/accounts/${encodeURIComponent(i % 2 ? `bluesky:actor${a}.example` : `bluesky:user${i % 50_000}.example`)}`);
          await get('kind search', `/api/v1/posts?kind=${KINDS[i % KINDS.length]}&race=bench-${i % RACES}&limit=50`);
          continue;
        }
        const race = `bench-${i % RACES}`;
        await get('race page', `/api/v1/races/${race}`);
        await get('race page', `/api/v1/races/${race}/incidents?limit=50`);
        await get('race page', `/api/v1/races/${race}/timeline?bucket=day`);
      }
    }),
  );
  // Exit only once the message is out: a large one is sent asynchronously.
  await new Promise<void>((resolve) => process.send!({ latencies, errors, seconds }, () => resolve()));
}

if (values.child) {
  await load(values.child, Number(values.seconds), Number(values.clients), values.mode!);
  process.exit(0);
}

const watchlist = benchWatchlist();
const posts = Number(values.posts);
mkdirSync('bench/data', { recursive: true });
// v2: post texts that searches can find (words of known frequency, candidate mentions).
const path = `bench/data/server-${posts}-v2.db`;
if (!existsSync(path)) console.log(`(first run builds ${path})`);
await prepare(path, posts, Number(values.seed), watchlist);
const store = await openSqliteStore(path);
await store.prepareSearch(); // as `vigil serve` does at start
const api = new VigilApi({ store, watchlist, tokens: [] });
const server = createVigilServer({ api });
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const every = Number(values['refresh-ms']);
let tick = 0;
// One race's read model rebuilt per tick, as when live batches keep changing incidents in one race.
const timer = every > 0 ? setInterval(() => void api.views.refresh([`bench-${tick++ % RACES}`]), every) : undefined;
console.log(`${(await store.countPosts()).toLocaleString('en-US')} posts, ${(await store.listIncidents()).length} incidents; ${values.clients} clients for ${values.seconds} s; a race's read model rebuilt ${every > 0 ? `every ${every} ms` : 'never'}`);
const summary = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const p = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!.toFixed(1);
  return `${sorted.length.toLocaleString('en-US')} requests, p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, p99 ${p(0.99)} ms, max ${p(1)} ms`;
};
for (const mode of ['race', 'search', 'cases', 'explore']) {
  if (values.only && values.only !== mode) continue;
  const child = fork(fileURLToPath(import.meta.url), ['--child', base, '--seconds', String(values.seconds), '--clients', String(values.clients), '--mode', mode], { execArgv: process.execArgv });
  const result = await new Promise<{ latencies: Record<string, number[]>; errors: number; seconds: number }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as never));
    child.once('exit', (code) => reject(new Error(`bench: the load generator exited (${code}) without results`)));
  });
  const everything = Object.values(result.latencies).flat();
  console.log(`${mode}: ${Math.round(everything.length / result.seconds).toLocaleString('en-US')} req/s, ${result.errors} errors; all: ${summary(everything)} (goal p95 <= 100 ms)`);
  if (mode !== 'race') for (const [kind, xs] of Object.entries(result.latencies)) console.log(`  ${kind}: ${summary(xs)}`);
}
if (timer) clearInterval(timer);
server.closeAllConnections();
server.close();
await store.close();
