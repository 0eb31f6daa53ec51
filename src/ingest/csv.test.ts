import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer, parseCsv, readCsv, suspectDelimiter, type CsvRecord } from './csv.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-csv-'));
let n = 0;
function file(content: string | Buffer): string {
  const path = join(dir, `f${n++}.csv`);
  writeFileSync(path, content);
  return path;
}

/** Slow, obviously correct reference: character by character, the RFC 4180 grammar. */
function referenceParse(text: string): { line: number; fields: string[] }[] {
  const out: { line: number; fields: string[] }[] = [];
  let i = 0;
  let line = 1;
  while (i < text.length) {
    if (text[i] === '\n') {
      i++;
      line++;
      continue;
    }
    if (text[i] === '\r' && text[i + 1] === '\n') {
      i += 2;
      line++;
      continue;
    }
    const start = line;
    const fields: string[] = [];
    for (;;) {
      let value = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (text[i] === '"' && text[i + 1] === '"') {
            value += '"';
            i += 2;
          } else if (text[i] === '"') {
            i++;
            break;
          } else {
            if (text[i] === '\n') line++;
            value += text[i];
            i++;
          }
        }
      } else {
        while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') value += text[i++];
      }
      fields.push(value);
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '\r') i++;
      if (text[i] === '\n') {
        i++;
        line++;
      }
      break;
    }
    out.push({ line: start, fields });
  }
  return out;
}

/** Seeded PRNG (mulberry32) so failures reproduce. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomCsv(rand: () => number, rows: number, cols: number): string {
  const pieces = ['a', 'é', '😀', ',', '"', '\n', '\r\n', ' ', 'xyz', '0'];
  const cell = (): string => {
    let s = '';
    const len = Math.floor(rand() * 6);
    for (let k = 0; k < len; k++) s += pieces[Math.floor(rand() * pieces.length)];
    return /[",\r\n]/.test(s) || rand() < 0.2 ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const header = Array.from({ length: cols }, (_, k) => `c${k}`).join(',');
  const lines = [header];
  for (let r = 0; r < rows; r++) lines.push(Array.from({ length: cols }, cell).join(','));
  return lines.join(rand() < 0.5 ? '\n' : '\r\n') + (rand() < 0.5 ? '\n' : '');
}

function stream(text: string, chunk: number, options = {}): { header: string[]; records: CsvRecord[] } {
  const bytes = Buffer.from(text);
  const tok = new CsvTokenizer(options);
  const records: CsvRecord[] = [];
  for (let i = 0; i < bytes.length; i += chunk) records.push(...tok.push(bytes.subarray(i, i + chunk)));
  records.push(...tok.push(Buffer.alloc(0), true));
  return { header: tok.header ?? [], records };
}

describe('CsvTokenizer', () => {
  it('reads quoted fields with commas, newlines, doubled quotes and CRLF', () => {
    const { header, records } = parseCsv('a,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\nlines",\r\n');
    expect(header).toEqual(['a', 'b', 'c']);
    expect(records.map((r) => r.values)).toEqual([
      ['1', 'x, y', 'say "hi"'],
      ['2', 'two\nlines', ''],
    ]);
    expect(records.map((r) => r.line)).toEqual([2, 3]);
    expect(records[1]!.offset).toBe('a,b,c\r\n1,"x, y","say ""hi"""\r\n'.length);
    expect(records[0]!.bytes.toString()).toBe('1,"x, y","say ""hi"""');
  });

  it('counts lines inside quoted fields for the records after them', () => {
    const { records } = parseCsv('h\n"a\nb\nc"\nd\n');
    expect(records.map((r) => [r.line, r.values[0]])).toEqual([
      [2, 'a\nb\nc'],
      [5, 'd'],
    ]);
  });

  it('decodes only the projected columns, in the order asked', () => {
    const { records } = parseCsv('id,text,user\n1,hello,u1\n2,"big, text",u2\n', { columns: ['user', 'id', 'absent'] });
    expect(records.map((r) => r.values)).toEqual([
      ['u1', '1', undefined],
      ['u2', '2', undefined],
    ]);
    expect(records.map((r) => r.fieldCount)).toEqual([3, 3]);
  });

  it('skips empty lines but keeps counting them', () => {
    const { records } = parseCsv('a,b\n\n1,2\r\n\r\n\n3,4\n\n');
    expect(records.map((r) => [r.line, ...r.values])).toEqual([
      [3, '1', '2'],
      [6, '3', '4'],
    ]);
  });

  it('reports ragged rows through fieldCount, without failing', () => {
    const { header, records } = parseCsv('a,b,c\n1,2\n1,2,3,4\n1,2,3\n');
    expect(records.map((r) => r.fieldCount)).toEqual([2, 4, 3]);
    expect(records.map((r) => r.fieldCount === header.length)).toEqual([false, false, true]);
    expect(records[0]!.values).toEqual(['1', '2', undefined]);
  });

  it('flags an unterminated quote at end of input and keeps the text to the end', () => {
    const { records } = parseCsv('a,b\n1,"never closed\n2,3\n');
    expect(records).toHaveLength(1);
    expect(records[0]!.error).toBe('unterminated_quote');
    expect(records[0]!.line).toBe(2);
    expect(records[0]!.values[1]).toBe('never closed\n2,3\n');
  });

  it('flags text after a closing quote, keeps a quote inside an unquoted field', () => {
    const { records } = parseCsv('a,b\n1,"ab"c\n2,5" tall\n');
    expect(records[0]!.error).toBe('stray_quote');
    expect(records[1]!.error).toBeUndefined();
    expect(records[1]!.values).toEqual(['2', '5" tall']);
  });

  it('strips a BOM and reports a record that is not UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('id,t\n1,ok\n2,'), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]);
    const { header, records } = parseCsv(bytes);
    expect(header).toEqual(['id', 't']);
    expect(records[0]!.offset).toBe(8);
    expect(records[1]!.error).toBe('utf8_invalid');
    expect(records[0]!.error).toBeUndefined();
  });

  it('skips a record over maxRecordBytes to its end without losing the next one', () => {
    const big = 'x'.repeat(5000);
    const text = `a,b\n1,"${big}\n${big}"\n2,after\n`;
    for (const chunk of [7, 100, 1 << 20]) {
      const { records } = stream(text, chunk, { maxRecordBytes: 1000 });
      expect(records.map((r) => [r.line, r.error, r.values[1]])).toEqual([
        [2, 'record_too_large', undefined],
        [4, undefined, 'after'],
      ]);
      expect(records[0]!.bytes.length).toBeLessThanOrEqual(2048);
    }
  });

  it('agrees with the reference parser on seeded random input at every chunk size', () => {
    const rand = rng(42);
    for (let round = 0; round < 60; round++) {
      const text = randomCsv(rand, 1 + Math.floor(rand() * 12), 1 + Math.floor(rand() * 5));
      const expected = referenceParse(text);
      const expectedHeader = expected.shift()!;
      for (const [chunk, withText] of [[1, false], [2, true], [3, false], [5, true], [64, true], [1 << 16, false], [1 << 16, true]] as const) {
        const { header, records } = stream(text, chunk, { text: withText });
        if (withText) for (const r of records) expect(r.text).toBe(r.bytes.toString('utf8'));
        expect(header).toEqual(expectedHeader.fields.map((h) => h.trim()));
        expect(records.map((r) => ({ line: r.line, fields: r.values }))).toEqual(expected);
        expect(records.every((r) => r.error === undefined)).toBe(true);
      }
    }
  });

  it('gives offsets that point at each record and raw bytes that match', () => {
    const text = 'a,b\n"1\n",x\r\n2,"y"\n';
    const bytes = Buffer.from(text);
    const { records } = stream(text, 2);
    for (const r of records) expect(bytes.subarray(r.offset, r.offset + r.bytes.length).equals(r.bytes)).toBe(true);
  });

  it('accepts another delimiter when asked', () => {
    const { header, records } = parseCsv('a;b\n1;"x;y"\n', { delimiter: ';' });
    expect(header).toEqual(['a', 'b']);
    expect(records[0]!.values).toEqual(['1', 'x;y']);
  });
});

describe('readCsv', () => {
  it('streams a file in batches with bytesRead reaching the file size', async () => {
    const rows = Array.from({ length: 500 }, (_, i) => `${i},"text ${i}, with comma"`);
    const content = `id,text\n${rows.join('\n')}\n`;
    const path = file(content);
    const seen: string[] = [];
    let last = 0;
    for await (const batch of readCsv(path, { columns: ['id'], chunkBytes: 1000 })) {
      for (const r of batch.records) seen.push(r.values[0]!);
      expect(batch.bytesRead).toBeGreaterThanOrEqual(last);
      last = batch.bytesRead;
    }
    expect(seen).toEqual(rows.map((_, i) => String(i)));
    expect(last).toBe(Buffer.byteLength(content));
  });

  it('yields nothing for an empty file', async () => {
    const batches = [];
    for await (const b of readCsv(file(''))) batches.push(b);
    expect(batches).toEqual([]);
  });
});

describe('suspectDelimiter', () => {
  it('names the delimiter of a one-column header', () => {
    expect(suspectDelimiter(['id;platform;text'])).toBe(';');
    expect(suspectDelimiter(['id\tplatform'])).toBe('\t');
    expect(suspectDelimiter(['id|platform|text'])).toBe('|');
    expect(suspectDelimiter(['id', 'text'])).toBeUndefined();
    expect(suspectDelimiter(['id'])).toBeUndefined();
  });
});
