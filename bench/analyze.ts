/**
 * The store path end to end (issue 13): `vigil ingest` of a generated IO archive into a fresh
 * SQLite store, `vigil analyze`, then 1 % more posts ingested and `analyze` again (incremental), and
 * once more with nothing new. Each step runs as its own CLI process, timed from outside, with its
 * peak RSS from /usr/bin/time. Goals: ingest + analyze of 10M posts <= 3 min and <= 4 GB; the
 * incremental re-run <= 10 % of the full run (it starts from the engine input the full run left
 * beside the store, `bench.db.coord/`; docs/analyze.md).
 *
 *   npx tsx bench/analyze.ts [--posts 10000000] [--runs 1] [--watch demo/watchlist.yaml] [--cli src|dist]
 *
 * `--cli src` (default) runs the sources under tsx; `--cli dist` the built `dist/cli/index.js` as an
 * installed `vigil` runs (`npm run build` first): tsx's transpiling loader costs over a second per process.
 *
 * Data: bench/gen-io-archive.ts (seed 11) writes posts + 1 % into one archive, split here at a
 * record boundary into a base file and the 1 % "more" file (kept in bench/data for later runs).
 */
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { posts: { type: 'string', default: '10000000' }, runs: { type: 'string', default: '1' }, watch: { type: 'string', default: 'demo/watchlist.yaml' }, cli: { type: 'string', default: 'src' } },
});
const posts = Number(values.posts);
if (values.cli !== 'src' && values.cli !== 'dist') throw new Error(`--cli: src or dist, not ${values.cli}`);
if (values.cli === 'dist' && !existsSync('dist/cli/index.js')) throw new Error('--cli dist: dist/cli/index.js is missing; run `npm run build` first');
const cliArgs = values.cli === 'dist' ? ['dist/cli/index.js'] : ['--import', 'tsx', 'src/cli/index.ts'];
const more = Math.round(posts / 100);
const all = `bench/data/io-pipeline-${posts}-all.csv`;
const base = `bench/data/io-pipeline-${posts}.csv`;
const extra = `bench/data/io-pipeline-${posts}-more.csv`;

/**
 * Copy the header and records [from, to) of a CSV file (RFC 4180: a newline inside quotes is part
 * of the record), scanning bytes in chunks.
 */
function splitCsv(src: string, parts: { out: string; from: number; to: number }[]): void {
  const fd = openSync(src, 'r');
  const outs = parts.map((p) => ({ ...p, fd: openSync(p.out, 'w') }));
  const buf = Buffer.alloc(1 << 22);
  let record = -1; // the header is record -1
  let quoted = false;
  let header: Buffer[] = [];
  for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) {
    let start = 0;
    const flush = (end: number) => {
      if (record < 0) header.push(Buffer.from(buf.subarray(start, end)));
      for (const o of outs) if (record >= o.from && record < o.to) writeSync(o.fd, buf, start, end - start);
    };
    for (let i = 0; i < n; i++) {
      const c = buf[i];
      if (c === 0x22) quoted = !quoted;
      else if (c === 0x0a && !quoted) {
        flush(i + 1);
        if (record < 0) {
          const h = Buffer.concat(header);
          for (const o of outs) writeSync(o.fd, h);
          header = [];
        }
        record++;
        start = i + 1;
      }
    }
    flush(n);
  }
  closeSync(fd);
  for (const o of outs) closeSync(o.fd);
}

if (!existsSync(base) || !existsSync(extra)) {
  if (!existsSync(all)) {
    console.log(`generating ${all} (${posts + more} posts, seed 11)…`);
    execFileSync('npx', ['tsx', 'bench/gen-io-archive.ts', '--posts', String(posts + more), '--seed', '11', '--out', all], { stdio: 'inherit' });
  }
  splitCsv(all, [
    { out: base, from: 0, to: posts },
    { out: extra, from: posts, to: Infinity },
  ]);
  rmSync(all);
}

interface Step {
  seconds: number;
  rssMb: number;
  out: string;
}

/** One CLI command, timed; peak RSS (of the process and its threads) from GNU time. */
function vigil(args: string[]): Promise<Step> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn('/usr/bin/time', ['-f', 'maxrss_kb=%M', process.execPath, ...cliArgs, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => {
      const seconds = (performance.now() - start) / 1000;
      const rss = /maxrss_kb=(\d+)/.exec(err);
      if (code !== 0 || !rss) return reject(new Error(`bench/analyze: vigil ${args.join(' ')} exited ${code}: ${err.slice(-2000)}`));
      resolve({ seconds, rssMb: Number(rss[1]) / 1024, out: out.trim() });
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (s: Step) => `${s.seconds.toFixed(1)} s, ${s.rssMb.toFixed(0)} MB`;
const rows: Record<string, Step[]> = { ingest: [], analyze: [], ingestMore: [], incremental: [], idle: [] };

for (let run = 1; run <= Number(values.runs); run++) {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-analyze-'));
  const db = join(dir, 'bench.db');
  try {
    const load = loadavg()[0]!.toFixed(1);
    const steps: [keyof typeof rows, string[]][] = [
      ['ingest', ['ingest', '--db', db, base]],
      ['analyze', ['analyze', '--db', db, '--watch', values.watch!, '--json']],
      ['ingestMore', ['ingest', '--db', db, extra]],
      ['incremental', ['analyze', '--db', db, '--watch', values.watch!, '--json']],
      ['idle', ['analyze', '--db', db, '--watch', values.watch!, '--json']],
    ];
    const got: Partial<Record<keyof typeof rows, Step>> = {};
    for (const [name, args] of steps) {
      got[name] = await vigil(args);
      rows[name]!.push(got[name]!);
    }
    const g = got as Record<keyof typeof rows, Step>;
    console.log(
      `run ${run} (load average ${load} at start, ${(statSync(db).size / 2 ** 30).toFixed(2)} GiB store): ` +
        `ingest ${fmt(g.ingest)}; analyze ${fmt(g.analyze)}; together ${(g.ingest.seconds + g.analyze.seconds).toFixed(1)} s, peak ${Math.max(g.ingest.rssMb, g.analyze.rssMb).toFixed(0)} MB; ` +
        `+1 %: ingest ${fmt(g.ingestMore)}, analyze ${fmt(g.incremental)} (${((100 * g.incremental.seconds) / g.analyze.seconds).toFixed(1)} % of the full analyze); nothing new: ${fmt(g.idle)}`,
    );
    for (const [name, step] of [['full analyze', g.analyze], ['incremental', g.incremental]] as const) {
      const { timings, ...summary } = JSON.parse(step.out) as { timings?: { phase: string; seconds: number; gcSeconds: number; rssMb: number; peakMb: number }[] };
      console.log(`  ${name}: ${JSON.stringify(summary)}`);
      for (const t of timings ?? []) {
        console.log(`    ${t.seconds.toFixed(1).padStart(7)} s (gc ${t.gcSeconds.toFixed(1).padStart(5)} s)  rss ${String(t.rssMb).padStart(5)} MB  peak ${String(t.peakMb).padStart(5)} MB  ${t.phase}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const m = (k: keyof typeof rows) => median(rows[k]!.map((s) => s.seconds));
const peak = (k: keyof typeof rows) => Math.max(...rows[k]!.map((s) => s.rssMb));
console.log(
  `median of ${rows.ingest.length}, ${posts.toLocaleString('en-US')} posts: ingest ${m('ingest').toFixed(1)} s (${Math.round(posts / m('ingest')).toLocaleString('en-US')} rows/s, peak ${peak('ingest').toFixed(0)} MB), ` +
    `analyze ${m('analyze').toFixed(1)} s (peak ${peak('analyze').toFixed(0)} MB), together ${(m('ingest') + m('analyze')).toFixed(1)} s (goal <= 180 s and 4 GB at 10M); ` +
    `incremental after +1 %: ${m('incremental').toFixed(1)} s = ${((100 * m('incremental')) / m('analyze')).toFixed(1)} % of the full analyze (goal <= 10 %), ` +
    `${((100 * (m('ingestMore') + m('incremental'))) / (m('ingest') + m('analyze'))).toFixed(1)} % with its ingest; nothing new: ${m('idle').toFixed(1)} s`,
);
