/**
 * Workers benchmark (issue 13): the pipeline on PostgreSQL through NATS JetStream with 1, 2 and 4
 * `vigil worker` processes, beside a single-process `vigil ingest` into PostgreSQL, on a generated
 * IO archive (bench/gen-io-archive.ts).
 *
 *   eval "$(scripts/test-postgres.sh)"; eval "$(scripts/test-nats.sh)"
 *   npx tsx bench/workers.ts [--posts 200000] [--workers 1,2,4] [--runs 3] [--watch demo/watchlist.yaml]
 *
 * Per worker count and run: publish the archive to a fresh stream (`vigil ingest --to`, timed on
 * its own), start the workers with `--until-idle`, and poll the store until every post is there.
 * Prints posts/s from the workers' start (start-up included) and over the steady part (first
 * stored post to last), the medians, and the machine's load. Uses VIGIL_TEST_POSTGRES_URL and
 * VIGIL_TEST_NATS_URL (or --db, --nats); each run gets its own schema and stream, dropped after.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { connectNats, jetstreamManager, streamNames } from '../src/worker/stream.js';

const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '200000' },
    workers: { type: 'string', default: '1,2,4' },
    runs: { type: 'string', default: '3' },
    watch: { type: 'string' },
    db: { type: 'string', default: process.env.VIGIL_TEST_POSTGRES_URL },
    nats: { type: 'string', default: process.env.VIGIL_TEST_NATS_URL },
  },
});
if (!values.db || !values.nats) {
  console.error('workers: needs a PostgreSQL and a NATS server: eval "$(scripts/test-postgres.sh)"; eval "$(scripts/test-nats.sh)" (or --db, --nats)');
  process.exit(2);
}
const db = values.db;
const natsUrl = values.nats;
const posts = Number(values.posts);
const file = `bench/data/io-workers-${posts}.csv`;
if (!existsSync(file)) {
  console.log(`generating ${file} (${posts} rows, seed 11)…`);
  execFileSync('npx', ['tsx', 'bench/gen-io-archive.ts', '--posts', String(posts), '--seed', '11', '--out', file], { stdio: 'inherit' });
}
const watch = values.watch ? ['--watch', values.watch] : [];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Run the CLI to completion; its stderr on failure. */
function vigil(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vigil ${args[0]} exited ${code}:\n${err.slice(-2000)}`))));
  });
}

const admin = new pg.Client({ connectionString: db });
await admin.connect();
const countIn = async (schema: string) => {
  try {
    return Number((await admin.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.posts`)).rows[0]!.n);
  } catch {
    return 0; // the schema is created by the first worker
  }
};
const url = (schema: string) => `${db}${db.includes('?') ? '&' : '?'}schema=${schema}`;

// The single-process reference, and the number of posts every run must end with.
const single: number[] = [];
let expected = 0;
for (let run = 0; run < Number(values.runs); run++) {
  await admin.query('DROP SCHEMA IF EXISTS bench_single CASCADE');
  const t0 = performance.now();
  await vigil(['ingest', '--db', url('bench_single'), file]);
  single.push((performance.now() - t0) / 1000);
  expected = await countIn('bench_single');
}
await admin.query('DROP SCHEMA IF EXISTS bench_single CASCADE');
console.log(`single-process vigil ingest into PostgreSQL: ${expected} posts, median ${median(single).toFixed(1)} s = ${Math.round(expected / median(single))} posts/s (no detectors)`);

const nc = await connectNats(natsUrl, 'ingest');
const jsm = await jetstreamManager(nc);
const rows: string[] = [];
for (const n of values.workers.split(',').map(Number)) {
  const total: number[] = [];
  const steady: number[] = [];
  const publish: number[] = [];
  for (let run = 0; run < Number(values.runs); run++) {
    const schema = `bench_w${n}`;
    const prefix = `bench.w${n}.r${run}`;
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await jsm.streams.delete(streamNames(prefix).stream).catch(() => false);
    const p0 = performance.now();
    await vigil(['ingest', '--to', natsUrl, '--stream', prefix, file]);
    publish.push((performance.now() - p0) / 1000);
    const t0 = performance.now();
    const workers = Array.from({ length: n }, () => vigil(['worker', '--db', url(schema), '--nats', natsUrl, '--stream', prefix, '--until-idle', '--quiet', ...watch]));
    let first = 0;
    let stored = 0;
    while (stored < expected) {
      await sleep(100);
      stored = await countIn(schema);
      if (stored && !first) first = performance.now();
    }
    const end = performance.now();
    await Promise.all(workers);
    total.push(expected / ((end - t0) / 1000));
    steady.push(expected / ((end - first) / 1000));
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await jsm.streams.delete(streamNames(prefix).stream).catch(() => false);
    console.log(`  ${n} worker(s), run ${run + 1}: publish ${publish[run]!.toFixed(1)} s; stored in ${((end - t0) / 1000).toFixed(1)} s: ${Math.round(total[run]!)} posts/s (steady ${Math.round(steady[run]!)})`);
  }
  rows.push(`${String(n).padStart(7)} | ${String(Math.round(median(total))).padStart(14)} | ${String(Math.round(median(steady))).padStart(14)} | ${median(publish).toFixed(1).padStart(9)} s`);
}
await nc.close();
await admin.end();
console.log(`\n${expected} posts${values.watch ? `, per-post detectors with ${values.watch}` : ', no detectors'}; ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log('workers | posts/s (total) | posts/s (steady) | publish');
for (const r of rows) console.log(r);
