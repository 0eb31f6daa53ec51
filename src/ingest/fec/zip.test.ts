import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLines } from './lines.js';
import { expandFecInputs } from './sources.js';
import { makeZip } from './testing.js';
import { listZipEntries, openZipEntry } from './zip.js';

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

  describe('hostile archives', () => {
    /** Offset of the central directory, read from the end record makeZip writes last. */
    const cdStart = (zip: Buffer) => zip.readUInt32LE(zip.length - 22 + 16);
    const drain = async (stream: AsyncIterable<unknown>) => {
      for await (const _ of stream);
    };

    it('refuses a member that inflates past its declared size (zip bomb or lying header)', async () => {
      const zip = makeZip([{ name: 'cm.txt', data: Buffer.alloc(100_000, 65) }]);
      zip.writeUInt32LE(1000, cdStart(zip) + 24); // declared uncompressed size
      const path = join(dir, 'bomb.zip');
      writeFileSync(path, zip);
      const [entry] = await listZipEntries(path);
      await expect(drain(await openZipEntry(path, entry!))).rejects.toMatchObject({ code: 'ingest_format' });
    });

    it('still streams an honest member to its end', async () => {
      const path = join(dir, 'honest.zip');
      writeFileSync(path, makeZip([{ name: 'cm.txt', data: Buffer.alloc(300_000, 66) }]));
      const [entry] = await listZipEntries(path);
      let n = 0;
      for await (const chunk of await openZipEntry(path, entry!)) n += (chunk as Buffer).length;
      expect(n).toBe(300_000);
    });

    it('reports a damaged member as ingest_format, not as an unhandled zlib error', async () => {
      const zip = makeZip([{ name: 'cm.txt', data: Buffer.alloc(5000, 67) }]);
      zip.fill(0xff, 30 + 'cm.txt'.length, 30 + 'cm.txt'.length + 8); // garble the deflate stream
      const path = join(dir, 'garbled.zip');
      writeFileSync(path, zip);
      const [entry] = await listZipEntries(path);
      await expect(drain(await openZipEntry(path, entry!))).rejects.toBeTruthy();
    });

    it('refuses extra-field lengths that run past the central directory', async () => {
      const zip = makeZip([{ name: 'cm.txt', data: CM }]);
      zip.writeUInt16LE(0xffff, cdStart(zip) + 30); // extra field length
      const path = join(dir, 'extra.zip');
      writeFileSync(path, zip);
      await expect(listZipEntries(path)).rejects.toMatchObject({ code: 'ingest_format' });
    });

    it('escapes control codes and bidi overrides of a member name in error messages', async () => {
      const zip = makeZip([{ name: 'cm\u001b[2J\u202etxt.exe', data: CM }]);
      zip.writeUInt16LE(0x801, cdStart(zip) + 8); // flags: encrypted
      const path = join(dir, 'named.zip');
      writeFileSync(path, zip);
      const [entry] = await listZipEntries(path);
      const err = await openZipEntry(path, entry!).catch((e: Error) => e);
      expect((err as Error).message).toContain('cm\\u001b[2J\\u202etxt.exe');
      expect((err as Error).message).not.toMatch(/[\u001b\u202e]/);
    });
  });
});

