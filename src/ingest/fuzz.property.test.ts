/**
 * Property-based fuzzing (fast-check) over every reader, through the ingest pipeline into a store:
 * mutated real samples and random JSON records never crash, and on every file read = stored +
 * duplicates + quarantined + skipped (issue 11). CI runs a few hundred inputs per format (a few
 * seconds); bench/ingest-fuzz.ts runs 100,000 and more. A failure prints fast-check's seed and the
 * shrunk input; replay with `fc.assert(..., { seed, path })`.
 */
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../store/sqlite.js';
import { checkInput, mutatedSample, randomJsonLines, SEEDS } from './fuzz-inputs.js';
import { FORMATS } from './registry.js';
import { tempFile } from './test-helpers.js';

const RUNS = Number(process.env.VIGIL_FUZZ_RUNS ?? 60);
const store = new SqliteStore(':memory:');
afterAll(() => store.close());

describe('property: no reader crashes or loses a record', () => {
  it('has seeds for every format', () => {
    for (const f of FORMATS) expect(SEEDS[f.id], f.id).toBeDefined();
  });

  for (const format of FORMATS) {
    it(`${format.id}: mutated real samples`, async () => {
      const path = tempFile(`fuzz-${format.id}`, '');
      await fc.assert(
        fc.asyncProperty(mutatedSample(format.id), async (bytes) => {
          writeFileSync(path, bytes);
          const out = await checkInput(store, path, format.id);
          expect(out.crash).toBeUndefined();
          expect(out.lost).toBe(0);
        }),
        { numRuns: RUNS },
      );
    });
  }

  it('random JSON records, read by every JSON reader and by format detection', async () => {
    const path = tempFile('fuzz-random.jsonl', '');
    const formats = [...FORMATS.filter((f) => !['csv', 'io-archive'].includes(f.id)).map((f) => f.id), undefined];
    await fc.assert(
      fc.asyncProperty(randomJsonLines(), fc.constantFrom(...formats), async (bytes, format) => {
        writeFileSync(path, bytes);
        const out = await checkInput(store, path, format);
        expect(out.crash).toBeUndefined();
        expect(out.lost).toBe(0);
      }),
      { numRuns: RUNS * 3 },
    );
  });
});
