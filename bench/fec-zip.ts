/**
 * Zipped FEC members with long lines (issue 11): `money screen` read them in time quadratic in the
 * line length (100 MB in 9 s, 400 MB in 112 s at 1.7 GB RSS), because each inflated chunk was
 * concatenated to the unfinished line. This bench inflates zips of 100 and 400 MB (and more with
 * --mb) whose member is one long line, and one whose lines are 2 MiB each, and times `scanStream`
 * over the member: seconds, MB/s and peak RSS growth, in a child process per run so RSS is its own.
 *
 *   npx tsx bench/fec-zip.ts [--mb 100,400,1600]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LAYOUTS } from '../src/ingest/fec/columns.js';
import { scanStream } from '../src/ingest/fec/parallel.js';
import { makeZip } from '../src/ingest/fec/testing.js';
import { listZipEntries, openZipEntry } from '../src/ingest/fec/zip.js';

const { values } = parseArgs({ options: { mb: { type: 'string', default: '100,400' }, child: { type: 'string' } } });

if (values.child) {
  const path = values.child;
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const [entry] = await listZipEntries(path);
  const t = process.hrtime.bigint();
  const r = await scanStream(await openZipEntry(path, entry!), { layout: LAYOUTS.itcont, watchedCommittees: [], watchedCandidates: [], triggerHashes: [], keepAllSignals: false });
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(JSON.stringify({ seconds, lines: r.lines, rejected: r.rejected, size: entry!.size, rssGrowthMb: (peak - before) / 2 ** 20 }));
} else {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-fec-zip-'));
  console.log('shape                    member MB   seconds    MB/s  lines  rejected  peak RSS growth MB');
  for (const mb of values.mb!.split(',').map(Number)) {
    for (const shape of ['one line', '2 MiB lines'] as const) {
      const size = mb * 1e6;
      const data = Buffer.alloc(size, 'x');
      if (shape === '2 MiB lines') for (let i = 2 * 2 ** 20; i < size; i += 2 * 2 ** 20) data[i] = 0x0a;
      const path = join(dir, `${mb}-${shape.replace(/\W/g, '')}.zip`);
      writeFileSync(path, makeZip([{ name: 'itcont.txt', data }]));
      const out = spawnSync(process.execPath, ['--import', 'tsx', 'bench/fec-zip.ts', '--child', path], { encoding: 'utf8' });
      if (out.status !== 0) throw new Error(out.stderr);
      const r = JSON.parse(out.stdout) as { seconds: number; lines: number; rejected: number; size: number; rssGrowthMb: number };
      console.log(`${shape.padEnd(24)} ${String(mb).padStart(9)} ${r.seconds.toFixed(2).padStart(9)} ${(r.size / 1e6 / r.seconds).toFixed(0).padStart(7)} ${String(r.lines).padStart(6)} ${String(r.rejected).padStart(9)} ${r.rssGrowthMb.toFixed(0).padStart(19)}`);
      rmSync(path);
    }
  }
  rmSync(dir, { recursive: true });
}
