/**
 * Classification speed (matching + directive + harassment + attribution) on one core.
 *
 * Builds, from a seed, a synthetic watchlist of 500 races / 1,500 candidates / 2,000 actors with
 * fictional names, and ~200k synthetic posts in English, Spanish and Portuguese (directives,
 * harassment, reports, neutral chatter, hashtags, handles), then times `classifyPost` over all of
 * them, five times, and prints the median posts/s. Nothing is written to disk.
 *
 *   npx tsx bench/classify-speed.ts [--posts 200000] [--runs 5] [--seed 42] [--rules-only] [--source]
 *
 * It times the compiled classifier (dist/, built here with tsc), as `vigil classify` and `vigil analyze` run
 * it; --source times the TypeScript sources through tsx instead (slower: tsx wraps named closures).
 * --rules-only times the stages before the model (normalise, rules), to show what the model costs.
 */
import { execFileSync } from 'node:child_process';
import type { ClassifiablePost } from '../src/analyze/classify/classify.js';
import { US_STATES } from '../src/analyze/match/districts.js';
import type { Actor, Race, Watchlist } from '../src/model/types.js';
import { seededRandom } from '../src/util/random.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const POSTS = arg('posts', 200_000);
const RUNS = arg('runs', 5);
const SEED = arg('seed', 42);

const rand = seededRandom(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const SYL = ['ka', 'lo', 'mi', 'ra', 'ven', 'tos', 'bel', 'dri', 'qua', 'zan', 'mor', 'fel', 'ris', 'tan', 'gui', 'sal', 'pe', 'no', 'ux', 'ha', 'jo', 'ber', 'cal', 'vi'];
const word = (n: number) => {
  let s = '';
  for (let i = 0; i < n; i++) s += pick(SYL);
  return s[0]!.toUpperCase() + s.slice(1);
};

function buildWatchlist(): Watchlist {
  const states = Object.keys(US_STATES);
  const races: Race[] = [];
  let c = 0;
  for (let r = 0; r < 500; r++) {
    const candidates = [];
    for (let k = 0; k < 3; k++, c++) {
      const first = word(2);
      const last = word(3);
      candidates.push({
        id: `cand-${c}`,
        name: `${first} ${last}`,
        aliases: rand() < 0.5 ? [`${first.slice(0, 3)} ${last}`] : [],
        handles: { x: [`${first}${last}${c}`], bluesky: [`${last.toLowerCase()}${c}.bsky.social`] },
        fecCommitteeIds: [],
      });
    }
    races.push({ id: `race-${r}`, office: 'US House', jurisdiction: `US-${states[r % states.length]}-${1 + Math.floor(r / states.length) + (r % 7) * 10}`, electionDate: '2026-11-03', candidates });
  }
  const actors: Actor[] = [];
  for (let a = 0; a < 2000; a++) {
    actors.push({
      id: `actor-${a}`,
      kind: a % 10 === 0 ? 'organization' : 'person',
      name: `${word(2)} ${word(3)}`,
      aliases: [],
      country: 'XV',
      role: pick(['minister', 'diplomat', 'consulate', 'state_media', 'party_official'] as const),
      affiliation: a >= 10 ? `actor-${Math.floor(a / 10) * 10 - 10}` : undefined,
      handles: { x: [`actor_${a}_${word(1).toLowerCase()}`] },
      sources: [],
    });
  }
  return { races, actors, webhooks: [] };
}

function buildPosts(w: Watchlist): ClassifiablePost[] {
  const cands = w.races.flatMap((r) => r.candidates);
  const filler = [
    'The weather in the valley was great this weekend and the market had fresh bread.',
    'Hoy hubo tráfico en la autopista y llegamos tarde al trabajo, como siempre.',
    'Hoje o jogo foi incrível, o estádio estava cheio e a torcida cantou o tempo todo.',
    'New bill on water rights heads to committee next week; hearings begin Tuesday.',
  ];
  const templates: ((n: string, h: string) => string)[] = [
    (n) => `Do NOT vote for ${n}. ${pick(filler)}`,
    (n, h) => `No voten por @${h} este noviembre, hermanos. #NoVotenPor${n.split(' ')[1]}`,
    (n) => `Não votem em ${n}! Ele é contra nós.`,
    (n) => `Vote for ${n} on November 3rd! ${pick(filler)}`,
    (n) => `${n} is a disgrace and a rat, go back where you came from`,
    (n) => `We know where you live, ${n}.`,
    (n) => `The minister urged voters not to vote for ${n}, according to a report.`,
    (n) => `${n} voted for the infrastructure bill yesterday. ${pick(filler)}`,
    () => pick(filler),
    () => `${pick(filler)} ${pick(filler)}`,
  ];
  const posts: ClassifiablePost[] = [];
  for (let i = 0; i < POSTS; i++) {
    const c = pick(cands);
    const actor = rand() < 0.2 ? pick(w.actors) : undefined;
    posts.push({
      id: String(i),
      platform: 'x',
      authorHandle: actor ? actor.handles.x![0]! : `user_${Math.floor(rand() * 1e6)}`,
      // Half the posts get a second sentence: mean length about that of a tweet.
      text: rand() < 0.5 ? pick(templates)(c.name, c.handles.x![0]!) : `${pick(templates)(c.name, c.handles.x![0]!)} ${pick(filler)}`,
      hashtags: [],
      mentions: [],
      createdAt: '2026-10-20T12:00:00Z',
    });
  }
  return posts;
}

const fromSource = process.argv.includes('--source');
if (!fromSource) {
  try {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: new URL('..', import.meta.url), stdio: 'inherit' });
  } catch {
    console.warn('classify-speed: tsc reported errors; timing the files it emitted');
  }
}
const root = fromSource ? '../src' : '../dist';
const { classifyPost } = (await import(`${root}/analyze/classify/classify.js`)) as typeof import('../src/analyze/classify/classify.js');
const { setDefaultModel } = (await import(`${root}/analyze/classify/model.js`)) as typeof import('../src/analyze/classify/model.js');
const { compileWatchlist } = (await import(`${root}/analyze/match/compile.js`)) as typeof import('../src/analyze/match/compile.js');
if (process.argv.includes('--rules-only')) setDefaultModel(null);
console.log(`classifier: ${fromSource ? 'TypeScript sources (tsx)' : 'compiled (dist/)'}${process.argv.includes('--rules-only') ? ', rules only' : ''}`);
const w = buildWatchlist();
let t = performance.now();
const cw = compileWatchlist(w);
const compileMs = performance.now() - t;
const posts = buildPosts(w);
const chars = posts.reduce((s, p) => s + p.text.length, 0);
console.log(
  `watchlist: ${w.races.length} races, ${cw.candidates.length} candidates, ${w.actors.length} actors; automaton ${cw.automaton.nodeCount} nodes x ${cw.automaton.classes} classes; compiled in ${compileMs.toFixed(0)} ms`,
);
console.log(`posts: ${posts.length} (mean ${(chars / posts.length).toFixed(0)} chars)`);

// Warm-up, then timed runs.
let sink = 0;
for (let i = 0; i < Math.min(20_000, posts.length); i++) sink += classifyPost(posts[i]!, cw).directive ? 1 : 0;
// Wall-clock rate, and the rate per second of CPU time used by this process (one thread), which
// stays meaningful when other processes share the machine.
const rates: number[] = [];
const cpuRates: number[] = [];
for (let r = 0; r < RUNS; r++) {
  t = performance.now();
  const cpu = process.cpuUsage();
  for (const p of posts) sink += classifyPost(p, cw).directive ? 1 : 0;
  const used = process.cpuUsage(cpu);
  rates.push(posts.length / ((performance.now() - t) / 1000));
  cpuRates.push(posts.length / ((used.user + used.system) / 1e6));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`runs (wall): ${rates.map((r) => Math.round(r)).join(', ')} posts/s`);
console.log(`runs (cpu):  ${cpuRates.map((r) => Math.round(r)).join(', ')} posts per CPU-second`);
console.log(`median: ${Math.round(median(rates))} posts/s wall, ${Math.round(median(cpuRates))} posts per CPU-second, one thread (target >= 50,000)  [${sink}]`);
