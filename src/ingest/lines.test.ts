import { describe, expect, it } from 'vitest';
import { isLineProblem, readLines, type LineItem } from './lines.js';
import { tempFile } from './test-helpers.js';

async function all(path: string, options = {}): Promise<LineItem[]> {
  const out: LineItem[] = [];
  for await (const items of readLines(path, options)) out.push(...items);
  return out;
}

describe('readLines', () => {
  it('gives 1-based lines, byte offsets and ends, with CRLF and a last line without newline', async () => {
    const path = tempFile('a.jsonl', 'ab\r\nçd\n\n  \nlast');
    for (const chunkBytes of [1, 2, 5, 1024]) {
      const items = await all(path, { chunkBytes });
      expect(items.map((i) => (isLineProblem(i) ? i.code : [i.line, i.offset, i.end, i.text]))).toEqual([
        [1, 0, 4, 'ab'],
        [2, 4, 8, 'çd'],
        [5, 12, 16, 'last'],
      ]);
    }
  });

  it('strips a BOM at the start of the file but counts its bytes in offsets', async () => {
    const path = tempFile('bom.jsonl', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}\n{"b":2}\n')]));
    for (const chunkBytes of [1, 2, 64]) {
      const items = await all(path, { chunkBytes });
      expect(items.map((i) => !isLineProblem(i) && [i.text, i.offset])).toEqual([
        ['{"a":1}', 3],
        ['{"b":2}', 11],
      ]);
    }
  });

  it('reports invalid UTF-8 as utf8_invalid and goes on', async () => {
    const path = tempFile('bad.jsonl', Buffer.concat([Buffer.from('ok\n'), Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), Buffer.from('\nnext\n')]));
    const items = await all(path);
    expect(items.map((i) => (isLineProblem(i) ? [i.line, i.code] : [i.line, i.text]))).toEqual([
      [1, 'ok'],
      [2, 'utf8_invalid'],
      [3, 'next'],
    ]);
  });

  it('skips a line over maxRecordBytes without buffering it and reports its size and a 2 KiB excerpt', async () => {
    const big = 'x'.repeat(50_000);
    const path = tempFile('big.jsonl', `first\n${big}\nafter\n`);
    for (const chunkBytes of [7, 4096, 1 << 20]) {
      const items = await all(path, { maxRecordBytes: 10_000, chunkBytes });
      expect(items.map((i) => (isLineProblem(i) ? [i.line, i.code, i.size, i.excerpt.length] : [i.line, i.text]))).toEqual([
        [1, 'first'],
        [2, 'record_too_large', 50_000, 2048],
        [3, 'after'],
      ]);
    }
  });
});
