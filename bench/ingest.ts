/**
 * Ingest benchmark: an Information Operations CSV into a fresh SQLite store, through the same
 * `ingestFiles` stage the CLI uses. Goal (issue 2): 1,000,000 rows in <= 20 s on a 2-core machine.
 *
 *   npx tsx bench/ingest.ts [--rows 1000000] [--runs 3] [--file existing.csv]
 *
 * Data comes from the seeded generator (bench/gen-io-archive.ts) unless --file is given.
 * Prints each run and the median: wall time, rows/s, MB/s, peak RSS.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ingestFiles } from '../src/pipeline/ingest.js';
import { openSqliteStore } from '../src/store/sqlite.js';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '3' }, file: { type: 'string' } },
});
const rows = Number(values.rows);
const file = values.file ?? `bench/data/io-ingest-${rows}.csv`;
if (!existsSync(file)) {
  console.log(`generating ${file} (${rows} rows, seed 7)…`);
  execFileSync('npx', ['tsx', 'bench/gen-io-archive.ts', '--posts', String(rows), '--seed', '7', '--out', file], { stdio: 'inherit' });
}
const bytes = statSync(file).size;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const times: number[] = [];
for (let run = 1; run <= Number(values.runs); run++) {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-ingest-'));
  const store = await openSqliteStore(join(dir, 'bench.db'));
  const start = performance.now();
  const cpu = process.cpuUsage();
  const { totals } = await ingestFiles(store, [file]);
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  times.push(seconds);
  console.log(
    `run ${run}: ${seconds.toFixed(2)} s, ${Math.round(totals.read / seconds).toLocaleString('en-US')} rows/s, ` +
      `${(bytes / 2 ** 20 / seconds).toFixed(1)} MB/s, CPU ${((used.user + used.system) / 1e6).toFixed(1)} s (all threads; load average ${loadavg()[0]!.toFixed(1)}) — ${totals.read} read, ${totals.stored} stored, ${totals.quarantined} quarantined`,
  );
}
const m = median(times);
console.log(
  `median of ${times.length}: ${m.toFixed(2)} s for ${rows.toLocaleString('en-US')} rows (${(bytes / 2 ** 20).toFixed(0)} MB), ` +
    `${Math.round(rows / m).toLocaleString('en-US')} rows/s; goal <= 20 s for 1M rows; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);
