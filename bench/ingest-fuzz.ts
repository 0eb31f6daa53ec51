/**
 * Fuzz bench (issue 11): generated inputs across every reader — mutated real samples and random JSON
 * records (src/ingest/fuzz-inputs.ts) — each ingested through the pipeline into an in-memory SQLite
 * store. Prints, per format and in all: inputs tried, records read, crashes, records lost (read -
 * stored - duplicates - quarantined - skipped), files unreadable as a whole, and time.
 *
 *   npx tsx bench/ingest-fuzz.ts [--inputs 100000] [--seed 11]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { checkInput, mutatedSample, randomJsonLines } from '../src/ingest/fuzz-inputs.js';
import { FORMATS } from '../src/ingest/registry.js';
import { SqliteStore } from '../src/store/sqlite.js';

const { values } = parseArgs({ options: { inputs: { type: 'string', default: '100000' }, seed: { type: 'string', default: '11' } } });
const total = Number(values.inputs);
const seed = Number(values.seed);
const dir = mkdtempSync(join(tmpdir(), 'vigil-fuzz-'));
const store = new SqliteStore(':memory:');
// Each format gets mutated samples; a share of inputs are random JSON lines, read by format detection.
const plans = [...FORMATS.map((f) => ({ name: f.id, format: f.id as string | undefined, gen: mutatedSample(f.id) })), { name: 'random JSON (detect)', format: undefined, gen: randomJsonLines() }];
const per = Math.ceil(total / plans.length);
const rows: string[] = [];
const all = { inputs: 0, read: 0, crashes: 0, lost: 0, unreadable: 0 };
const firstCrashes: string[] = [];
const t0 = Date.now();
for (const [k, plan] of plans.entries()) {
  const t = Date.now();
  const path = join(dir, `input-${k}`);
  const c = { inputs: 0, read: 0, crashes: 0, lost: 0, unreadable: 0 };
  for (const bytes of fc.sample(plan.gen, { numRuns: per, seed: seed + k })) {
    writeFileSync(path, bytes);
    const out = await checkInput(store, path, plan.format);
    c.inputs++;
    c.read += out.read;
    c.lost += out.lost;
    if (out.unreadable) c.unreadable++;
    if (out.crash) {
      c.crashes++;
      if (firstCrashes.length < 5) firstCrashes.push(`${plan.name}: ${out.crash.stack?.split('\n').slice(0, 3).join(' | ')}`);
    }
  }
  for (const key of Object.keys(all) as (keyof typeof all)[]) all[key] += c[key];
  rows.push(`${plan.name.padEnd(22)} ${String(c.inputs).padStart(8)} ${String(c.read).padStart(10)} ${String(c.crashes).padStart(8)} ${String(c.lost).padStart(6)} ${String(c.unreadable).padStart(11)} ${((Date.now() - t) / 1000).toFixed(1).padStart(7)}`);
}
console.log('reader                   inputs    records  crashes   lost  unreadable       s');
for (const r of rows) console.log(r);
console.log(`${'all'.padEnd(22)} ${String(all.inputs).padStart(8)} ${String(all.read).padStart(10)} ${String(all.crashes).padStart(8)} ${String(all.lost).padStart(6)} ${String(all.unreadable).padStart(11)} ${((Date.now() - t0) / 1000).toFixed(1).padStart(7)}`);
for (const c of firstCrashes) console.log(`crash: ${c}`);
await store.close();
rmSync(dir, { recursive: true });
process.exitCode = all.crashes || all.lost ? 1 : 0;
