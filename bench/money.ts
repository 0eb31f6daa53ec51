/**
 * FEC screener against the floor and the script a user would write (issue 13), in one run: on one
 * generated itcont.txt (≥ 3 GB by default, kept under bench/tmp/ and reused by later runs), time
 * `wc -l` (reading the bytes), a one-field `mawk -F'|'` filter keeping rows whose STATE is not a US
 * code (the screen's first pass: the foreign-address test on one field), and `vigil money screen
 * --all` as a user runs it (its own process, start-up included). Each tool runs `--runs` times in
 * turn; medians, both ratios, peak RSS, whether every planted row was found, and the machine's load
 * (`uptime`) before and after are printed. Needs `mawk` (apt-get install mawk) and GNU `time`.
 *
 *   npx tsx bench/money.ts [--bytes 3.3e9] [--runs 3] [--file bench/tmp/itcont.txt] [--cli src|dist]
 *
 * `--cli src` (default) runs the sources under tsx, `--cli dist` the built `dist/cli/index.js`
 * (`npm run build` first); the start-up of each is timed on its own and printed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
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

/** Run a command under GNU time: wall and CPU seconds, peak RSS (KiB), stdout. */
function timed(cmd: string, args: string[]): { seconds: number; cpu: number; rssKiB: number; stdout: string } {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  const m = /TIME (\S+) (\S+) (\S+) (\d+)\s*$/.exec(r.stderr);
  if (!m) throw new Error(`no timing from /usr/bin/time: ${r.stderr}`);
  return { seconds: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), rssKiB: Number(m[4]), stdout: r.stdout };
}

/** The load averages as `uptime` prints them. */
const uptime = (): string => execFileSync('uptime', { encoding: 'utf8' }).trim().replace(/^.*load average/, 'load average');

const { values } = parseArgs({
  options: {
    bytes: { type: 'string', default: '3.3e9' },
    runs: { type: 'string', default: '3' },
    file: { type: 'string', default: 'bench/tmp/itcont.txt' },
    cli: { type: 'string', default: 'src' },
  },
});
const file = values.file!;
const dir = dirname(file);
mkdirSync(dir, { recursive: true });
if (spawnSync('mawk', ['-W', 'version']).error) throw new Error('bench/money: mawk is missing (apt-get install mawk)');
const vigil = values.cli === 'dist' ? [process.execPath, 'dist/cli/index.js'] : [process.execPath, '--import', 'tsx', 'src/cli/index.ts'];
if (values.cli === 'dist' && !existsSync('dist/cli/index.js')) throw new Error('bench/money: --cli dist needs `npm run build` first');

console.log(`before: ${uptime()}`);
if (!existsSync(file) || !existsSync(`${file}.planted`) || statSync(file).size < Number(values.bytes)) {
  const t = Date.now();
  const g = generateItcont({ bytes: Number(values.bytes), seed: 42, out: file, plantEvery: 5000, watchedCommittees: BENCH_WATCHED });
  writeFileSync(`${file}.planted`, g.planted.join('\n') + '\n');
  console.log(`generated ${file}: ${g.rows} rows, ${(g.bytes / 1e9).toFixed(2)} GB, ${g.planted.length} planted, ${((Date.now() - t) / 1000).toFixed(0)} s`);
} else console.log(`reusing ${file}`);
const size = statSync(file).size;
const watch = `${dir}/bench-watch.json`;
const out = `${dir}/bench-flagged.jsonl`;
writeFileSync(watch, JSON.stringify(WATCHLIST));
const planted = readFileSync(`${file}.planted`, 'utf8').trim().split('\n');
const startup = timed(vigil[0]!, [...vigil.slice(1), '--version']).seconds;

const runs = Math.max(1, Number(values.runs));
const wall = { wc: [] as number[], mawk: [] as number[], screen: [] as number[] };
const cpu = { wc: [] as number[], mawk: [] as number[], screen: [] as number[] };
let rows = 0;
let rss = 0;
let missing = -1;
let summary = '';
for (let i = 0; i < runs; i++) {
  const w = timed('wc', ['-l', file]);
  rows = Number(w.stdout.trim().split(/\s+/)[0]);
  const a = timed('mawk', ['-F|', `$10 !~ /^(${US})$/ { n++ } END { print n + 0 }`, file]);
  const s = timed(vigil[0]!, [...vigil.slice(1), 'money', 'screen', '--watch', watch, '--all', '--kind', 'itcont', '--out', out, file]);
  for (const [k, r] of [['wc', w], ['mawk', a], ['screen', s]] as const) {
    wall[k].push(r.seconds);
    cpu[k].push(r.cpu);
  }
  rss = Math.max(rss, s.rssKiB);
  summary = s.stdout.trim().split('\n').pop()!;
  const found = new Set<string>();
  for (const line of readFileSync(out, 'utf8').split('\n')) {
    if (!line) continue;
    const f = JSON.parse(line) as { sub_id: string; collapsed: { sub_id: string }[] };
    found.add(f.sub_id);
    for (const c of f.collapsed) found.add(c.sub_id);
  }
  missing = planted.filter((p) => !found.has(p)).length;
  console.log(`run ${i + 1}: wc -l ${w.seconds.toFixed(2)} s, mawk ${a.seconds.toFixed(2)} s, vigil money screen ${s.seconds.toFixed(2)} s (${uptime()})`);
}
const ms = median(wall.screen);
console.log(`file: ${file}, ${(size / 1e9).toFixed(2)} GB, ${rows} rows; ${runs} runs, medians below`);
console.log(`wc -l               ${median(wall.wc).toFixed(2)} s wall, ${median(cpu.wc).toFixed(2)} s CPU`);
console.log(`mawk                ${median(wall.mawk).toFixed(2)} s wall, ${median(cpu.mawk).toFixed(2)} s CPU  (one-field STATE filter)`);
console.log(`vigil money screen  ${ms.toFixed(2)} s wall, ${median(cpu.screen).toFixed(2)} s CPU (all threads)  ${(rows / ms / 1e6).toFixed(2)} M rows/s, ${(size / ms / 1e6).toFixed(0)} MB/s, peak RSS ${(rss / 1024).toFixed(0)} MiB; start-up alone (${values.cli}) ${startup.toFixed(2)} s`);
console.log(`ratio screen/mawk ${(ms / median(wall.mawk)).toFixed(2)} (goal <= 1.0); screen/wc -l ${(ms / median(wall.wc)).toFixed(1)} (goal <= 5)`);
console.log(`screen: ${summary}`);
console.log(`planted rows: ${planted.length}, missing from findings: ${missing}`);
console.log(`after: ${uptime()}`);
