/**
 * Ingest benchmark: an Information Operations CSV into a fresh SQLite store, through the same
 * `ingestFiles` stage the CLI uses. Goals (issue 13): 1M rows in <= 10 s, 10M in <= 100 s, RSS <= 1 GB,
 * on a 2-core machine. Check `uptime` first: on a busy machine the figures mean little.
 *
 *   npx tsx bench/ingest.ts [--rows 1000000] [--runs 3] [--file existing.csv]
 *   npx tsx bench/ingest.ts --rows 10000000 --runs 1
 *   npx tsx bench/ingest.ts --postgres postgres://…   (PostgreSQL by COPY beside SQLite, each run into a new schema)
 *
 * Data comes from the seeded generator (bench/gen-io-archive.ts) unless --file is given.
 * Prints each run and the median: wall time (store closed), rows/s, MB/s, CPU seconds (all threads,
 * and the main thread's share: parsing in a worker and writing overlap), peak RSS.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ingestFiles } from '../src/pipeline/ingest.js';
import { PostgresStore } from '../src/store/postgres.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import type { Store } from '../src/store/store.js';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '3' }, file: { type: 'string' }, postgres: { type: 'string' } },
});
const rows = Number(values.rows);
const file = values.file ?? `bench/data/io-ingest-${rows}.csv`;
if (!existsSync(file)) {
  console.log(`generating ${file} (${rows} rows, seed 7)…`);
  execFileSync('npx', ['tsx', 'bench/gen-io-archive.ts', '--posts', String(rows), '--seed', '7', '--out', file], { stdio: 'inherit' });
}
const bytes = statSync(file).size;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

type Backend = { name: string; open: (dir: string) => Promise<Store>; drop?: (store: Store) => Promise<void> };
const backends: Backend[] = [{ name: 'SQLite', open: (dir) => openSqliteStore(join(dir, 'bench.db')) }];
if (values.postgres) {
  const url = values.postgres;
  backends.push({
    name: 'PostgreSQL',
    open: () => PostgresStore.open(url, { schema: `vigil_bench_${process.pid}_${Date.now()}` }),
    drop: async (store) => void (await (store as PostgresStore).query(`DROP SCHEMA ${(store as PostgresStore).schema} CASCADE`)),
  });
}

/**
 * CPU seconds of the main thread (Linux /proc; NaN elsewhere). On a loaded machine wall time says
 * little; since parsing (a worker thread) and writing (the main thread) overlap, the larger of the
 * main thread's CPU time and the rest's is about what a run takes on a quiet machine.
 */
function mainThreadCpu(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in USER_HZ ticks
  } catch {
    return NaN;
  }
}

const times = new Map<string, number[]>(backends.map((b) => [b.name, []]));
const cpus = new Map<string, number[]>(backends.map((b) => [b.name, []]));
for (let run = 1; run <= Number(values.runs); run++) {
  for (const backend of backends) {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-ingest-'));
    const store = await backend.open(dir);
    const start = performance.now();
    const cpu = process.cpuUsage();
    const mainBefore = mainThreadCpu();
    const { totals } = await ingestFiles(store, [file]);
    // Closing is part of the run (a CLI ingest waits for it): the last WAL checkpoint happens there.
    await backend.drop?.(store);
    await store.close();
    const seconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    const main = mainThreadCpu() - mainBefore;
    const total = (used.user + used.system) / 1e6;
    rmSync(dir, { recursive: true, force: true });
    times.get(backend.name)!.push(seconds);
    cpus.get(backend.name)!.push(total);
    console.log(
      `run ${run}, ${backend.name}: ${seconds.toFixed(2)} s, ${Math.round(totals.read / seconds).toLocaleString('en-US')} rows/s, ` +
        `${(bytes / 2 ** 20 / seconds).toFixed(1)} MB/s, CPU ${total.toFixed(1)} s (main thread ${main.toFixed(1)} s, other threads ${(total - main).toFixed(1)} s; load average ${loadavg()[0]!.toFixed(1)}) — ${totals.read} read, ${totals.stored} stored, ${totals.quarantined} quarantined`,
    );
  }
}
console.log(
  `median of ${values.runs}, ${rows.toLocaleString('en-US')} rows (${(bytes / 2 ** 20).toFixed(0)} MB): ` +
    [...times].map(([name, ts]) => `${name} ${median(ts).toFixed(2)} s, ${Math.round(rows / median(ts)).toLocaleString('en-US')} rows/s, CPU ${median(cpus.get(name)!).toFixed(1)} s`).join(' | ') +
    `; goal (SQLite) <= 10 s per 1M rows and <= 1 GB; peak RSS of this process (all threads, all runs) ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);
