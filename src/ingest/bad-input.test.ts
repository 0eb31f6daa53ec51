/**
 * One test per bad input named in the issue ("Ingest"): each gets a clear message and a quarantine
 * entry with its code, file, line and field, and read = posts + quarantined, through `readPosts`.
 */
import { describe, expect, it } from 'vitest';
import { collect, readPosts } from './registry.js';
import { tempFile } from './test-helpers.js';

const GOOD = { id: '1', platform: 'x', author_handle: 'cuenta_a', created_at: '2022-10-20T14:04:02Z', text: 'hola' };
const line = (o: object): string => JSON.stringify(o);

async function read(path: string, format?: string) {
  const r = await collect(readPosts(path, format ? { format } : {}));
  expect(r.read).toBe(r.posts.length + r.quarantined.length + r.skipped);
  for (const q of r.quarantined) {
    expect(q.source.file).toBe(path);
    expect(q.reason.startsWith('ingest/')).toBe(true);
    expect((q.excerpt ?? '').length).toBeLessThanOrEqual(2048);
  }
  return r;
}

describe('bad input', () => {
  it('malformed JSON: json_malformed with the line and the parser position', async () => {
    const path = tempFile('posts.jsonl', `${line(GOOD)}\n{"id":"2","platform":"x",,}\n${line({ ...GOOD, id: '3' })}\n`);
    const r = await read(path);
    expect(r.posts.map((p) => p.id)).toEqual(['1', '3']);
    expect(r.quarantined.map((q) => [q.code, q.source.line])).toEqual([['json_malformed', 2]]);
    expect(r.quarantined[0]!.reason).toMatch(/^ingest\/jsonl: .*posts\.jsonl:2: malformed JSON: .*position 25/);
  });

  it('malformed pretty-printed JSON: one json_malformed entry at the line of the error, not one per line', async () => {
    const doc = JSON.stringify({ data: [{ id: '1', text: 'a', author_id: '2', created_at: '2022-10-20T14:03:11.000Z' }] }, null, 1);
    const broken = doc.replace('"text": "a"', '"text": "a",,');
    const path = tempFile('page.json', broken);
    const r = await read(path, 'x-v2');
    expect(r.quarantined.map((q) => [q.code, q.source.line])).toEqual([['json_malformed', broken.split('\n').findIndex((l) => l.includes(',,')) + 1]]);
    expect(r.quarantined[0]!.reason).toMatch(/nothing in it was read: malformed JSON: .*position/);
  });

  it('a malformed message in a Telegram export: that message only, at its line, with the line of the error', async () => {
    const doc = JSON.stringify({ name: 'c', type: 'public_channel', id: 1, messages: [
      { id: 1, type: 'message', date: '2022-10-20T08:10:00', text: 'a' },
      { id: 2, type: 'message', date: '2022-10-20T08:11:00', text: 'b' },
    ] }, null, 1);
    const broken = doc.replace('"text": "a"', '"text": "a",,');
    const lines = broken.split('\n');
    const r = await read(tempFile('result.json', broken), 'telegram');
    expect(r.posts.map((p) => p.id)).toEqual(['1/2']);
    expect(r.quarantined.map((q) => [q.code, q.source.line])).toEqual([['json_malformed', lines.indexOf('  {') + 1]]);
    expect(r.quarantined[0]!.reason).toContain(`malformed JSON at line ${lines.findIndex((l) => l.includes(',,')) + 1}:`);
  });

  it('missing field: field_missing naming the field', async () => {
    const { text: _text, ...noText } = GOOD;
    const r = await read(tempFile('posts.jsonl', `${line(GOOD)}\n${line(noText)}\n`));
    expect(r.quarantined.map((q) => [q.code, q.field, q.source.line])).toEqual([['field_missing', 'text', 2]]);
    expect(r.quarantined[0]!.reason).toMatch(/:2: field "text" is missing$/);
  });

  it('missing field in the first record, or a missing column: still detected, then quarantined', async () => {
    const { created_at: _c, ...noTime } = GOOD;
    const r = await read(tempFile('posts.jsonl', `${line(noTime)}\n${line({ ...GOOD, id: '2' })}\n`));
    expect(r.quarantined.map((q) => [q.code, q.field, q.source.line])).toEqual([['field_missing', 'created_at', 1]]);
    expect(r.posts.map((p) => p.id)).toEqual(['2']);
    const csv = await read(tempFile('posts.csv', 'id,platform,author_handle,text\n1,x,a,t\n'));
    expect(csv.quarantined.map((q) => [q.code, q.field, q.source.line])).toEqual([['field_missing', 'created_at', 1]]);
    const io = await read(tempFile('io.csv', 'tweetid,userid,tweet_text\n1,2,hola\n'));
    expect(io.quarantined.map((q) => [q.code, q.field, q.source.line])).toEqual([['field_missing', 'tweet_time', 1]]);
    expect(io.quarantined[0]!.reason).toMatch(/^ingest\/io-archive: /);
  });

  it('bad timestamp: timestamp_invalid naming the field and the value', async () => {
    const path = tempFile('posts.jsonl', `${line({ ...GOOD, created_at: '2022-13-45' })}\n`);
    const r = await read(path);
    expect(r.quarantined.map((q) => [q.code, q.field, q.source.line])).toEqual([['timestamp_invalid', 'created_at', 1]]);
    expect(r.quarantined[0]!.reason).toBe(`ingest/jsonl: ${path}:1: field "created_at": not an ISO 8601 time: "2022-13-45"`);
  });

  it('BOM: a UTF-8 byte-order mark at the start is accepted in JSONL and CSV', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const jsonl = await read(tempFile('bom.jsonl', Buffer.concat([bom, Buffer.from(`${line(GOOD)}\n`)])));
    expect(jsonl.posts.map((p) => [p.id, p.source.offset])).toEqual([['1', 3]]);
    const csv = await read(tempFile('bom.csv', Buffer.concat([bom, Buffer.from('id,platform,author_handle,created_at,text\n1,x,a,2022-10-20T14:04:02Z,t\n')])));
    expect(csv.quarantined).toEqual([]);
    expect(csv.posts.map((p) => p.id)).toEqual(['1']);
  });

  it('BOM in the middle of a JSONL file (files concatenated) is skipped too', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const path = tempFile('cat.jsonl', Buffer.concat([bom, Buffer.from(`${line(GOOD)}\n`), bom, Buffer.from(`${line({ ...GOOD, id: '2' })}\n`)]));
    const r = await read(path);
    expect(r.posts.map((p) => p.id)).toEqual(['1', '2']);
  });

  it('a UTF-16 BOM: one utf8_invalid entry for the file saying how to convert it', async () => {
    for (const format of [undefined, 'jsonl', 'csv']) {
      const path = tempFile('utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id,platform\n', 'utf16le')]));
      const r = await read(path, format);
      expect(r.quarantined.map((q) => [q.code, q.source.line])).toEqual([['utf8_invalid', 1]]);
      expect(r.quarantined[0]!.reason).toMatch(/UTF-16LE byte-order mark.*iconv -f UTF-16LE -t UTF-8/);
    }
  });

  it('invalid UTF-8: utf8_invalid on that line only', async () => {
    const bad = Buffer.concat([Buffer.from('{"id":"2","text":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    const path = tempFile('posts.jsonl', Buffer.concat([Buffer.from(`${line(GOOD)}\n`), bad, Buffer.from(`\n${line({ ...GOOD, id: '3' })}\n`)]));
    const r = await read(path, 'jsonl');
    expect(r.posts.map((p) => p.id)).toEqual(['1', '3']);
    expect(r.quarantined.map((q) => [q.code, q.source.line])).toEqual([['utf8_invalid', 2]]);
  });

  it('a 10 MB line: record_too_large, skipped without a 10 MB excerpt, the next line still read', async () => {
    const huge = line({ ...GOOD, id: '2', text: 'x'.repeat(10 * 1024 * 1024) });
    const path = tempFile('posts.jsonl', `${line(GOOD)}\n${huge}\n${line({ ...GOOD, id: '3' })}\n`);
    const r = await read(path);
    expect(r.posts.map((p) => [p.id, p.source.line])).toEqual([['1', 1], ['3', 3]]);
    expect(r.quarantined.map((q) => [q.code, q.source.line])).toEqual([['record_too_large', 2]]);
    expect(r.quarantined[0]!.excerpt!.length).toBe(2048);
    expect(r.quarantined[0]!.reason).toMatch(/line is 104858\d\d bytes, over the 4194304-byte record limit/);
  });

  it('an empty file: file_empty, detected or with a format given', async () => {
    for (const format of [undefined, 'jsonl', 'csv', 'x-v2', 'io-archive', 'bluesky', 'mastodon', 'telegram']) {
      const r = await read(tempFile('empty.jsonl', ''), format);
      expect(r.posts).toEqual([]);
      expect(r.quarantined.map((q) => q.code)).toEqual(['file_empty']);
      expect(r.quarantined[0]!.reason).toMatch(/empty/);
    }
  });

  it('a wrong delimiter: one delimiter_wrong entry naming the file and the delimiter, no crash', async () => {
    for (const [d, name] of [[';', '";"'], ['\t', 'tab'], ['|', '"|"']] as const) {
      const rows = ['id', 'platform', 'author_handle', 'created_at', 'text'].join(d) + '\n' + ['1', 'x', 'a', '2022-10-20T14:04:02Z', 't'].join(d) + '\n';
      const path = tempFile('posts.csv', rows);
      const r = await read(path);
      expect(r.posts).toEqual([]);
      expect(r.quarantined.map((q) => [q.code, q.source.line])).toEqual([['delimiter_wrong', 1]]);
      expect(r.quarantined[0]!.reason).toContain(path);
      expect(r.quarantined[0]!.reason).toContain(`seems to use ${name} as its delimiter`);
    }
  });

  it('a semicolon file with other columns is detected as CSV and refused the same way', async () => {
    const r = await read(tempFile('export.csv', 'fecha;cuenta;mensaje\n2022-10-20;a;hola\n'));
    expect(r.quarantined.map((q) => [q.code, q.source.line])).toEqual([['delimiter_wrong', 1]]);
    expect(r.quarantined[0]!.reason).toMatch(/^ingest\/csv: .*export\.csv:1: .*seems to use ";"/);
  });

  it('an IO archive with semicolons is caught the same way', async () => {
    const r = await read(tempFile('io.csv', 'tweetid;userid;tweet_time;tweet_text\n1;2;2019-01-23 14:05;x\n'), 'io-archive');
    expect(r.quarantined.map((q) => q.code)).toEqual(['delimiter_wrong']);
  });
});

describe('quarantine excerpts', () => {
  it('are at most 2 KiB of UTF-8 and do not end in a split character', async () => {
    const { excerptOf } = await import('./record.js');
    for (const text of ['é'.repeat(5000), `a${'😀'.repeat(3000)}`, 'x'.repeat(10_000)]) {
      const excerpt = excerptOf(text);
      expect(Buffer.byteLength(excerpt)).toBeLessThanOrEqual(2048);
      expect(Buffer.byteLength(excerpt)).toBeGreaterThan(2040);
      expect(excerpt).not.toContain('\ufffd');
      expect(excerptOf(Buffer.from(text))).toBe(excerpt);
    }
  });
});
