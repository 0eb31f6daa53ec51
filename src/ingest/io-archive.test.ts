import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../util/hash.js';
import { parseListCell } from './fields.js';
import { IO_ARCHIVE } from './io-archive.js';
import { collect } from './registry.js';
import { fixture } from './test-helpers.js';

const HASHED = 'Zm9vYmFyZXhhbXBsZWhhc2gxMjM0NTY3ODkwYWJjZA=';

describe('io-archive (written fixtures, fictional accounts, Transparency Center column layout)', () => {
  it('maps the 31-column layout: hashed author, quoted multi-line text, lists, retweets, replies, quotes', async () => {
    const path = fixture('io-archive', 'io_tweets_sample.csv');
    const r = await collect(IO_ARCHIVE.read(path));
    expect(r.read).toBe(6);
    expect(r.read).toBe(r.posts.length + r.quarantined.length + r.skipped);
    const [first, second, retweet, reply] = r.posts;
    expect(first).toMatchObject({
      platform: 'x', id: '1000000000000000001', authorId: HASHED, authorHandle: HASHED,
      createdAt: '2022-10-20T14:05:00.000Z', text: 'Texto de ejemplo #Distrito99', lang: 'es',
      hashtags: ['Distrito99'], urls: [], mentions: [], source: { file: path, line: 2, offset: readFileSync(path, 'utf8').indexOf('\n') + 1 },
    });
    expect(second).toMatchObject({
      id: '1000000000000000002', authorId: '900000001', authorHandle: 'cuenta_oficial_ej',
      text: 'Primera línea, con coma\nsegunda línea', hashtags: ['Distrito99', "it's"],
      urls: ['https://example.org/nota'], mentions: [HASHED], source: { line: 3 },
    });
    expect(retweet).toMatchObject({ id: '1000000000000000003', repostOf: '1000000000000000002', repostOfAuthor: '900000001', source: { line: 5 } });
    expect(reply).toMatchObject({ replyTo: '999000000000000001', quoteOf: '999000000000000002', mentions: ['800000002'] });
    expect(first!.repostOf).toBeUndefined();
    // raw is the CSV row as read; the hash is of those bytes.
    expect(second!.raw.startsWith('1000000000000000002,900000001,')).toBe(true);
    expect(second!.raw.endsWith(",['Zm9vYmFyZXhhbXBsZWhhc2gxMjM0NTY3ODkwYWJjZA='],")).toBe(true);
    expect(second!.contentHash).toBe(sha256(second!.raw));
  });

  it('quarantines a spreadsheet-mangled id and an impossible tweet_time with field and line', async () => {
    const r = await collect(IO_ARCHIVE.read(fixture('io-archive', 'io_tweets_sample.csv')));
    expect(r.quarantined.map((q) => [q.code, q.field, q.source.line])).toEqual([
      ['field_invalid', 'tweetid', 7],
      ['timestamp_invalid', 'tweet_time', 8],
    ]);
    expect(r.quarantined[1]!.reason).toMatch(/io_tweets_sample\.csv:8: field "tweet_time": not an ISO 8601 time: "2022-13-45 14:10"$/);
  });

  it('gives each author account once per read, even across batches', async () => {
    const r = await collect(IO_ARCHIVE.read(fixture('io-archive', 'io_tweets_sample.csv'), { batchSize: 1 }));
    expect(r.batches).toBeGreaterThan(3);
    expect(r.accounts.map((a) => a.id)).toEqual([HASHED, '900000001']);
  });

  it('gives accounts with profile fields and M/D/YYYY creation dates', async () => {
    const r = await collect(IO_ARCHIVE.read(fixture('io-archive', 'io_tweets_sample.csv')));
    expect(r.accounts).toEqual([
      { platform: 'x', id: HASHED, handle: HASHED, displayName: HASHED, description: 'Noticias', location: 'Ciudad Ejemplo', createdAt: '2022-09-01T00:00:00.000Z' },
      { platform: 'x', id: '900000001', handle: 'cuenta_oficial_ej', displayName: 'Cuenta Oficial Ejemplo', description: 'Perfil "oficial" de ejemplo', location: 'Capital, País Ejemplo', createdAt: '2015-03-07T00:00:00.000Z' },
    ]);
  });

  it('maps columns by header name (another order, fewer columns, an extra column)', async () => {
    const r = await collect(IO_ARCHIVE.read(fixture('io-archive', 'io_tweets_reordered.csv')));
    expect(r.quarantined).toEqual([]);
    expect(r.posts.map((p) => [p.id, p.authorId, p.createdAt, p.text, p.repostOf, p.hashtags])).toEqual([
      ['1000000000000000101', 'a1b2c3', '2019-01-23T14:05:00.000Z', 'hola', undefined, []],
      ['1000000000000000102', 'a1b2c3', '2019-01-23T14:06:30.000Z', 'RT otra', '1000000000000000101', ['uno', 'dos']],
    ]);
  });
});

describe('parseListCell', () => {
  it('reads Python list reprs, JSON arrays and bare lists', () => {
    expect(parseListCell('[]')).toEqual([]);
    expect(parseListCell('')).toEqual([]);
    expect(parseListCell("['a', 'b']")).toEqual(['a', 'b']);
    expect(parseListCell('["it\'s", "x, y"]')).toEqual(["it's", 'x, y']);
    expect(parseListCell("['don\\'t']")).toEqual(["don't"]);
    expect(parseListCell('[123, 456]')).toEqual(['123', '456']);
    expect(parseListCell('solo')).toEqual(['solo']);
    expect(parseListCell('uno, dos')).toEqual(['uno', 'dos']);
    expect(parseListCell("['unclosed")).toEqual(["['unclosed"]); // not a list: kept whole, not guessed at
  });
});
