import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collect, detectFormat, readPosts } from './registry.js';
import { fixture, tempFile } from './test-helpers.js';
import { parseV1Time, X_V1 } from './x-v1.js';

describe('x-v1: real v1.1 statuses (test/fixtures/x-v1, from bear/python-twitter)', () => {
  it('get_retweets.json: a one-line array of 14 retweets, ids from id_str, raw cut exactly from the array', async () => {
    const path = fixture('x-v1', 'get_retweets.json');
    expect((await detectFormat(path)).id).toBe('x-v1');
    const text = readFileSync(path, 'utf8');
    const r = await collect(X_V1.read(path));
    expect([r.read, r.posts.length, r.quarantined.length]).toEqual([14, 14, 0]);
    // The numeric id 672419773767028736 reads back as …700 through JSON.parse; id_str is exact.
    expect(r.posts[0]).toMatchObject({ platform: 'x', id: '672419773767028736', authorHandle: 'VeryOldTweets', repostOf: '397', repostOfAuthor: '12', text: 'RT @jack: getting waxed!', createdAt: '2015-12-03T14:19:01.000Z' });
    for (const p of r.posts) {
      expect(text).toContain(p.raw); // the element's own bytes, not JSON.stringify of a rounded parse
      expect(p.raw).toContain(`"id":${p.id}`);
    }
    expect(new Set(r.posts.map((p) => p.id)).size).toBe(14);
  });

  it('get_status.json: tweet 397 of 2006 with its v1.1 created_at', async () => {
    const r = await collect(X_V1.read(fixture('x-v1', 'get_status.json')));
    expect(r.posts.map((p) => [p.id, p.authorId, p.authorHandle, p.createdAt, p.text])).toEqual([['397', '12', 'jack', '2006-03-26T19:17:08.000Z', 'getting waxed!']]);
    expect(r.accounts[0]).toMatchObject({ id: '12', handle: 'jack' });
  });

  it('full text from extended_tweet (streaming) and full_text (extended mode); quotes', async () => {
    const streaming = JSON.parse(readFileSync(fixture('x-v1', 'streaming_extended_tweet.json'), 'utf8'));
    const s = await collect(X_V1.read(fixture('x-v1', 'streaming_extended_tweet.json')));
    expect(s.posts[0]!.text).toBe(streaming.extended_tweet.full_text);
    expect(s.posts[0]!.text.length).toBeGreaterThan(streaming.text.length);
    const extended = JSON.parse(readFileSync(fixture('x-v1', 'extended_tweet_in_extended_mode.json'), 'utf8'));
    expect((await collect(X_V1.read(fixture('x-v1', 'extended_tweet_in_extended_mode.json')))).posts[0]!.text).toBe(extended.full_text);
    const q = await collect(X_V1.read(fixture('x-v1', 'status_quoted_tweet.json')));
    expect(q.posts[0]).toMatchObject({ id: '849424628401541121', quoteOf: '849412806835351552' });
  });

  it('search results {statuses: [...]}: each status at its own line, the retweet linked', async () => {
    const path = fixture('x-v1', 'search-results.json');
    const lines = readFileSync(path, 'utf8').split('\n');
    const r = await collect(readPosts(path));
    expect(r.posts.map((p) => [p.id, p.source.line])).toEqual([
      ['1583000000000000001', lines.indexOf('    {') + 1],
      ['1583000000000000002', lines.indexOf('    {', lines.indexOf('    {') + 1) + 1],
    ]);
    expect(r.posts[1]).toMatchObject({ repostOf: '1583000000000000001', repostOfAuthor: '900000000000000001', hashtags: ['Distrito99'], mentions: ['rep_ejemplo'] });
  });

  it('streaming JSONL: delete and limit notices are skipped, not quarantined', async () => {
    const r = await collect(readPosts(fixture('x-v1', 'stream.jsonl')));
    expect([r.read, r.posts.length, r.skipped, r.quarantined.length]).toEqual([4, 2, 2, 0]);
    expect(r.posts.map((p) => p.source.line)).toEqual([1, 4]);
  });

  it('an id only as a number above 2^53 is quarantined quoting the digits as written', async () => {
    const line = '{"created_at":"Thu Oct 20 14:03:11 +0000 2022","id":1583000000000000001,"text":"t","user":{"id_str":"9","screen_name":"a"}}';
    const r = await collect(X_V1.read(tempFile('big-id.jsonl', `${line}\n`)));
    expect(r.quarantined.map((q) => q.code)).toEqual(['field_invalid']);
    expect(r.quarantined[0]!.reason).toContain('the number 1583000000000000001 is too large');
  });

  it('parseV1Time reads the v1.1 form with its offset and refuses impossible dates', () => {
    expect(parseV1Time('Thu Mar 08 12:38:03 +0000 2018')).toBe('2018-03-08T12:38:03.000Z');
    expect(parseV1Time('Thu Mar 08 12:38:03 +0130 2018')).toBe('2018-03-08T11:08:03.000Z');
    expect(parseV1Time('Thu Feb 30 12:38:03 +0000 2018')).toBeUndefined();
    expect(parseV1Time('yesterday')).toBeUndefined();
  });

  it('read as x-v2, each of the 14 statuses is its own quarantine entry with a hint (issue 11)', async () => {
    const r = await collect(readPosts(fixture('x-v1', 'get_retweets.json'), { format: 'x-v2' }));
    expect(r.quarantined.map((q) => q.source.index)).toEqual([...Array(14).keys()]);
    expect(r.quarantined[0]!.reason).toMatch(/get_retweets\.json:1 \(record 1\): an X API v1\.1 status .*--format x-v1/);
  });
});
