/**
 * Money-screen benchmark: on one generated itcont.txt (≥ 5 GB by default), time `wc -l` (the floor:
 * reading the bytes), a one-field `mawk -F'|'` filter keeping rows whose STATE is not a US code (what a
 * user would otherwise script), and the full screener (`screenMoney` with --all, in a child process so
 * its peak RSS is its own). Prints rows/s, MB/s, peak RSS, both wall-time ratios, and whether every
 * planted row was found. Runs each tool `--runs` times and reports medians.
 *
 *   npx tsx bench/money.ts [--bytes 5.2e9] [--runs 3] [--file bench/data/itcont.txt] [--keep]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { BENCH_WATCHED, generateItcont } from './gen-itcont.js';

const US = 'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR|VI|GU|AS|MP|AA|AE|AP|US';

const WATCHLIST = {
  races: [{ id: 'bench-race', office: 'US House', jurisdiction: 'US-XX-1', election_date: '2024-11-05',
    candidates: [{ id: 'bench-cand', name: 'Bench Candidate', fec_committee_ids: BENCH_WATCHED }] }],
  actors: [
    { id: 'xv:mission:embassy', kind: 'mission', name: 'Embassy of Veloria', aliases: ['Embajada de Veloria'], country: 'XV', role: 'consulate' },
    { id: 'xv:ministry:foreign', kind: 'organization', name: 'Ministry of Foreign Affairs of Veloria', aliases: [], country: 'XV', role: 'minister' },
  ],
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/** Run a command under /usr/bin/time: wall and CPU seconds, peak RSS (KiB), stdout. */
function timed(cmd: string, args: string[]): { seconds: number; cpu: number; rssKiB: number; stdout: string } {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  const m = /TIME (\S+) (\S+) (\S+) (\d+)\s*$/.exec(r.stderr);
  if (!m) throw new Error(`no timing from /usr/bin/time: ${r.stderr}`);
  return { seconds: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), rssKiB: Number(m[4]), stdout: r.stdout };
}

async function child(file: string, watch: string, out: string): Promise<void> {
  // Prefer the built code (what `vigil money screen` runs); fall back to the sources under tsx.
  const built = existsSync(new URL('../dist/analyze/money/screen.js', import.meta.url));
  const base = built ? '../dist' : '../src';
  const { screenMoney } = (await import(`${base}/analyze/money/screen.js`)) as typeof import('../src/analyze/money/screen.js');
  const { parseWatchlist } = (await import(`${base}/watch/load.js`)) as typeof import('../src/watch/load.js');
  process.stderr.write(`screener code: ${base}\n`);
  const watchlist = parseWatchlist(JSON.parse(readFileSync(watch, 'utf8')), watch);
  const res = await screenMoney({ inputs: [file], watchlist, all: true, kind: 'itcont' });
  const subIds = new Set<string>();
  for (const f of res.findings) {
    const d = f.detail as { sub_id?: string; collapsed?: { sub_id: string }[] };
    if (d.sub_id) subIds.add(d.sub_id);
    for (const c of d.collapsed ?? []) subIds.add(c.sub_id);
  }
  writeFileSync(out, [...subIds].join('\n'));
  process.stdout.write(JSON.stringify({ counts: res.counts, maxRssKiB: process.resourceUsage().maxRSS }) + '\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      bytes: { type: 'string', default: '5.2e9' },
      runs: { type: 'string', default: '3' },
      file: { type: 'string', default: 'bench/data/itcont.txt' },
      keep: { type: 'boolean', default: false },
      child: { type: 'boolean', default: false },
      watch: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const file = values.file!;
  if (values.child) return child(file, values.watch!, values.out!);

  if (!existsSync(file) || !existsSync(`${file}.planted`)) {
    const t = Date.now();
    const g = generateItcont({ bytes: Number(values.bytes), seed: 42, out: file, plantEvery: 5000, watchedCommittees: BENCH_WATCHED });
    writeFileSync(`${file}.planted`, g.planted.join('\n') + '\n');
    console.log(`generated ${file}: ${g.rows} rows, ${(g.bytes / 1e9).toFixed(2)} GB, ${g.planted.length} planted, ${((Date.now() - t) / 1000).toFixed(0)} s`);
  }
  const size = statSync(file).size;
  const watch = 'bench/data/bench-watch.json';
  writeFileSync(watch, JSON.stringify(WATCHLIST));
  const planted = readFileSync(`${file}.planted`, 'utf8').trim().split('\n');
  const runs = Math.max(1, Number(values.runs));
  const wc: number[] = [];
  const awk: number[] = [];
  const screen: number[] = [];
  const cpu = { wc: [] as number[], awk: [] as number[], screen: [] as number[] };
  let rows = 0;
  let rss = 0;
  let missing = -1;
  let counts: Record<string, number> = {};
  for (let i = 0; i < runs; i++) {
    const w = timed('wc', ['-l', file]);
    wc.push(w.seconds);
    cpu.wc.push(w.cpu);
    rows = Number(w.stdout.trim().split(/\s+/)[0]);
    const a = timed('mawk', ['-F|', `$10 !~ /^(${US})$/ { n++ } END { print n + 0 }`, file]);
    awk.push(a.seconds);
    cpu.awk.push(a.cpu);
    const out = 'bench/data/bench-flagged.txt';
    const s = timed(process.execPath, ['--import', 'tsx', 'bench/money.ts', '--child', '--file', file, '--watch', watch, '--out', out]);
    screen.push(s.seconds);
    cpu.screen.push(s.cpu);
    const report = JSON.parse(s.stdout.trim().split('\n').pop()!) as { counts: Record<string, number>; maxRssKiB: number };
    counts = report.counts;
    rss = Math.max(rss, report.maxRssKiB, s.rssKiB);
    const found = new Set(readFileSync(out, 'utf8').split('\n'));
    missing = planted.filter((p) => !found.has(p)).length;
    console.log(`run ${i + 1}: wc -l ${wc.at(-1)!.toFixed(2)} s, mawk ${awk.at(-1)!.toFixed(2)} s, screener ${s.seconds.toFixed(2)} s (load ${loadavg()[0]!.toFixed(1)})`);
  }
  const ms = median(screen);
  console.log(`file: ${file}, ${(size / 1e9).toFixed(2)} GB, ${rows} rows; ${runs} runs, medians below`);
  console.log(`wc -l     ${median(wc).toFixed(2)} s wall, ${median(cpu.wc).toFixed(2)} s CPU`);
  console.log(`mawk      ${median(awk).toFixed(2)} s wall, ${median(cpu.awk).toFixed(2)} s CPU  (one-field STATE filter)`);
  console.log(`screener  ${ms.toFixed(2)} s wall, ${median(cpu.screen).toFixed(2)} s CPU (all threads)  ${(rows / ms / 1e6).toFixed(2)} M rows/s, ${(size / ms / 1e6).toFixed(0)} MB/s, peak RSS ${(rss / 1024).toFixed(0)} MiB`);
  console.log(`ratio screener/mawk ${(ms / median(awk)).toFixed(2)} (goal <= 1.0); screener/wc -l ${(ms / median(wc)).toFixed(1)} (goal <= 10)`);
  console.log(`counts ${JSON.stringify(counts)}`);
  console.log(`planted rows: ${planted.length}, missing from findings: ${missing}`);
  if (!values.keep) {
    rmSync(file);
    rmSync(`${file}.planted`);
    console.log(`deleted ${file} (use --keep to keep it)`);
  }
}

await main();
