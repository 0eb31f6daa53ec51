import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { zipFiles } from './zip.js';

describe('zipFiles', () => {
  const files = [
    { name: 'inc-a-findings.csv', content: 'id,kind\r\n"=1",directive\r\n' },
    { name: 'inc-a-evidence.csv', content: 'ref\r\nx:1\r\n' },
  ];

  it('starts with a local header and ends with an end record counting every file', () => {
    const zip = zipFiles(files);
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    const end = zip.subarray(zip.length - 22);
    expect(end.readUInt32LE(0)).toBe(0x06054b50);
    expect(end.readUInt16LE(10)).toBe(2);
  });

  it('is read back file for file, names and contents intact', () => {
    const back = unzipSync(zipFiles([...files, { name: 'incidente-ñ.csv', content: 'a' }]));
    expect(Object.keys(back).sort()).toEqual(['inc-a-evidence.csv', 'inc-a-findings.csv', 'incidente-ñ.csv']);
    for (const f of files) expect(strFromU8(back[f.name]!)).toBe(f.content);
  });

  it.skipIf(!existsSync('/usr/bin/unzip'))('is read back byte for byte by Info-ZIP unzip', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-zip-'));
    try {
      writeFileSync(join(dir, 'a.zip'), zipFiles(files));
      execFileSync('/usr/bin/unzip', ['-q', '-t', join(dir, 'a.zip')]);
      execFileSync('/usr/bin/unzip', ['-q', join(dir, 'a.zip'), '-d', join(dir, 'out')]);
      for (const f of files) expect(readFileSync(join(dir, 'out', f.name), 'utf8')).toBe(f.content);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
