/**
 * Coordination benchmark: wall time, peak RSS, edges, groups and planted-group precision/recall of
 * `vigil coordination` on a generated IO archive (bench/gen-io-archive.ts).
 *
 *   npx tsc -p tsconfig.json          # the bench runs the built CLI in a child process
 *   npx tsx bench/coord.ts --posts 1000000 --runs 3
 *   npx tsx bench/coord.ts --posts 1000000 --co text --runs 1     # near-duplicate text
 *   npx tsx bench/coord.ts --posts 10000000 --runs 1 --delete     # deletes the 3.9 GB file after
 *   npx tsx bench/coord.ts --posts 1000000 --extra="--min-weight 3"  # any extra CLI options
 *
 * Peak RSS comes from GNU time (`/usr/bin/time -f %M`) around the child. Figures are printed, never
 * asserted. A found group counts as a true positive when at least half its members belong to one
 * planted group; a planted group is recalled when such a group holds at least half its members.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generate, truthPath, type GroundTruth } from './gen-io-archive.js';
import { writeFileSync } from 'node:fs';

const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '3' },
    co: { type: 'string', default: 'repost,link,hashtag' },
    'min-score': { type: 'string', default: '0.5' },
    delete: { type: 'boolean', default: false },
    extra: { type: 'string', default: '' },
  },
});
const posts = Number(values.posts);
const label = posts >= 1e6 ? `${posts / 1e6}m` : `${posts / 1e3}k`;
const file = `bench/data/io-${label}${values.seed === '1' ? '' : `-s${values.seed}`}.csv`;
mkdirSync('bench/data', { recursive: true });
if (!existsSync(file) || !existsSync(truthPath(file))) {
  const t0 = Date.now();
  const truth = generate({ posts, seed: Number(values.seed), out: file });
  writeFileSync(truthPath(file), JSON.stringify(truth));
  console.log(`generated ${file} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
const truth = JSON.parse(readFileSync(truthPath(file), 'utf8')) as GroundTruth;
const cli = 'dist/cli/index.js';
if (!existsSync(cli)) throw new Error('bench/coord: build first (npx tsc -p tsconfig.json)');
const groupsFile = `bench/data/coord-groups-${label}.json`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const walls: number[] = [];
const rss: number[] = [];
const cpus: number[] = [];
let summary: Record<string, number> = {};
for (let run = 0; run < Number(values.runs); run++) {
  const args = ['-f', '%M %U %S', process.execPath, cli, 'coordination', '--input', file, '--format', 'io-archive', '--co', values.co!, '--groups', groupsFile, '--json', ...values.extra!.split(' ').filter(Boolean)];
  const t0 = Date.now();
  const res = spawnSync('/usr/bin/time', args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = (Date.now() - t0) / 1000;
  if (res.status !== 0) throw new Error(`bench/coord: run failed: ${res.stderr}`);
  const [kb, user, sys] = res.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  cpus.push(user + sys);
  walls.push(wall);
  rss.push(kb / 1024);
  summary = JSON.parse(res.stdout.split('\n').find((l) => l.startsWith('{'))!);
  const lines = res.stderr.split('\n').filter((l) => l.startsWith('  co-') || l.startsWith('  time:'));
  console.log(`run ${run + 1}: ${wall.toFixed(1)} s wall, ${(user + sys).toFixed(1)} s CPU, ${(kb / 1024).toFixed(0)} MiB peak RSS; ${lines.join(' | ').replace(/\s+/g, ' ')}`);
}

// Planted-group precision and recall.
const groups = JSON.parse(readFileSync(groupsFile, 'utf8')) as { accounts: string[]; score: number }[];
const minScore = Number(values['min-score']);
const flagged = groups.filter((g) => g.score >= minScore);
const plantedOf = new Map<string, number>();
truth.groups.forEach((g, i) => g.accounts.forEach((a) => plantedOf.set(a, i)));
const recalled = new Set<number>();
let truePositives = 0;
/** Whether a group is mostly (≥ half) one planted group; returns that group's index or -1. */
function plantedMajority(g: { accounts: string[] }): { best: number; count: number } {
  const counts = new Map<number, number>();
  for (const a of g.accounts) {
    const p = plantedOf.get(a);
    if (p !== undefined) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  let best = -1;
  let count = 0;
  for (const [p, c] of counts) if (c > count) [best, count] = [p, c];
  return count * 2 >= g.accounts.length ? { best, count } : { best: -1, count: 0 };
}
// Precision@20: of the 20 best-scored groups (groups.json is best first), how many are planted.
const top = [...groups].sort((a, b) => b.score - a.score).slice(0, 20);
const precisionAt20 = top.length ? top.filter((g) => plantedMajority(g).best >= 0).length / top.length : 1;
for (const g of flagged) {
  const counts = new Map<number, number>();
  for (const a of g.accounts) {
    const p = plantedOf.get(a);
    if (p !== undefined) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  let best = -1;
  let bestCount = 0;
  for (const [p, c] of counts) if (c > bestCount) [best, bestCount] = [p, c];
  if (best >= 0 && bestCount * 2 >= g.accounts.length) {
    truePositives++;
    if (bestCount * 2 >= truth.groups[best].accounts.length) recalled.add(best);
  }
}
const precision = flagged.length ? truePositives / flagged.length : 1;
const recall = recalled.size / truth.groups.length;
console.log(
  `bench/coord ${label} posts, co=${values.co}: median ${median(walls).toFixed(1)} s wall (${walls.map((w) => w.toFixed(1)).join(', ')}), ${median(cpus).toFixed(1)} s CPU, ` +
    `peak RSS ${median(rss).toFixed(0)} MiB, ${summary.edges} edges, ${summary.groups} groups, ${flagged.length} scoring >= ${minScore}; ` +
    `planted ${truth.groups.length}: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}, precision@20 ${precisionAt20.toFixed(2)}`,
);
if (values.delete) {
  rmSync(file);
  rmSync(truthPath(file));
}
