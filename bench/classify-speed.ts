/**
 * Classification speed (matching + directive + harassment + attribution) on one core.
 *
 * Builds, from a seed, a synthetic watchlist of 500 races / 1,500 candidates / 2,000 actors with
 * fictional names, and ~200k synthetic posts in English, Spanish and Portuguese (directives,
 * harassment, reports, neutral chatter, hashtags, handles; bench/classify-speed-data.ts), then times
 * `classifyPost` over all of them, five times, and prints the median posts/s. Nothing is written to disk.
 *
 *   npx tsx bench/classify-speed.ts [--posts 200000] [--runs 5] [--seed 42] [--rules-only] [--source]
 *
 * It times the compiled classifier (dist/, built here with tsc), as `vigil classify` and `vigil analyze` run
 * it; --source times the TypeScript sources through tsx instead (slower: tsx wraps named closures).
 * --rules-only times the stages before the model (normalise, rules), to show what the model costs.
 */
import { execFileSync } from 'node:child_process';
import { speedData } from './classify-speed-data.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const POSTS = arg('posts', 200_000);
const RUNS = arg('runs', 5);
const SEED = arg('seed', 42);

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
const { watchlist: w, posts } = speedData(SEED, POSTS);
let t = performance.now();
const cw = compileWatchlist(w);
const compileMs = performance.now() - t;
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
