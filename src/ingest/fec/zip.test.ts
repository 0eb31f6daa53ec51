import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLines } from './lines.js';
import { expandFecInputs } from './sources.js';
import { makeZip } from './testing.js';
import { listZipEntries } from './zip.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-zip-'));
const CM = Buffer.from('C00999993|FRIENDS OF TERRY EXAMPLE|DOE, PAT|100 MAIN ST|SUITE 1|POMONA|CA|917660000|P|H|DEM|Q|||H4CA35999\n', 'latin1');

describe('FEC zips', () => {
  it('streams the expected member and quarantines an unexpected one', async () => {
    const path = join(dir, 'cm24.zip');
    writeFileSync(path, makeZip([{ name: 'cm.txt', data: CM }, { name: '../evil.sh', data: Buffer.from('rm -rf /') }]));
    expect((await listZipEntries(path)).map((e) => e.name)).toEqual(['cm.txt', '../evil.sh']);
    const { sources, skipped } = await expandFecInputs([path]);
    expect(sources.map((s) => [s.file, s.kind, s.size])).toEqual([[`${path}!cm.txt`, 'cm', CM.length]]);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]!.code).toBe('zip_member_unexpected');
    expect(skipped[0]!.reason).toContain('../evil.sh');
    const lines: string[] = [];
    for await (const batch of readLines(await sources[0]!.open())) lines.push(...batch.map((l) => l.bytes.toString('latin1')));
    expect(lines).toEqual([CM.toString('latin1').trimEnd()]);
  });

  it('reads stored members and prefers itcont.txt over its by_date parts', async () => {
    const path = join(dir, 'indiv24.zip');
    writeFileSync(path, makeZip([
      { name: 'itcont.txt', data: Buffer.from('a\n'), store: true },
      { name: 'by_date/itcont_2024_1.txt', data: Buffer.from('a\n') },
    ]));
    const { sources, notes, skipped } = await expandFecInputs([path]);
    expect(sources.map((s) => s.file)).toEqual([`${path}!itcont.txt`]);
    expect(skipped).toEqual([]);
    expect(notes.join('\n')).toContain('by_date');
  });

  it('refuses a file that is not a zip with a clear error', async () => {
    const path = join(dir, 'broken.zip');
    writeFileSync(path, 'PK\x03\x04 not really');
    await expect(listZipEntries(path)).rejects.toMatchObject({ code: 'ingest_format' });
  });
});
