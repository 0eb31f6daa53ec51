import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../util/hash.js';
import { collect } from './registry.js';
import { fixture, tempFile } from './test-helpers.js';
import { X_V2 } from './x-v2.js';

describe('x-v2: real twarc2 pages (test/fixtures/x-v2, from DocNow/twarc-csv)', () => {
  it('reads a page with a retweet: handle from includes.users, repost target and its author', async () => {
    const r = await collect(X_V2.read(fixture('x-v2', 'two_tweets.jsonl')));
    expect(r.read).toBe(1);
    const post = r.posts[0]!;
    expect(post).toMatchObject({
      platform: 'x',
      id: '1394735776701816833',
      authorId: '1379899464345923590',
      authorHandle: 'LachiVeronica',
      createdAt: '2021-05-18T19:24:56.000Z',
      text: 'RT @bibaigna96: #POIUYTREWQ',
      repostOf: '1391677057810288641',
      repostOfAuthor: '1380086327023169540',
      hashtags: ['POIUYTREWQ'],
      mentions: ['bibaigna96'],
      source: { line: 1, offset: 0 },
    });
    expect(r.accounts.map((a) => a.handle).sort()).toEqual(['LachiVeronica', 'bibaigna96']);
    // raw is a one-tweet page holding this tweet and its author, and the hash is of raw.
    const raw = JSON.parse(post.raw);
    expect(raw.data.id).toBe(post.id);
    expect(raw.includes.users[0].id).toBe(post.authorId);
    expect(post.contentHash).toBe(sha256(post.raw));
  });

  it('quarantines the truncated last line of a stream capture and keeps the 7 messages before it', async () => {
    const path = fixture('x-v2', 'streaming_output_with_error.jsonl');
    const r = await collect(X_V2.read(path));
    expect(r.posts).toHaveLength(7);
    expect(r.quarantined).toHaveLength(1);
    expect(r.quarantined[0]).toMatchObject({ code: 'json_malformed', source: { file: path, line: 8 } });
    expect(r.quarantined[0]!.reason).toMatch(/^ingest\/x-v2: .*streaming_output_with_error\.jsonl:8: malformed JSON: .*position \d+/);
    expect(r.read).toBe(r.posts.length + r.quarantined.length + r.skipped);
    expect(r.bytesRead).toBe(readFileSync(path).length);
    // Every post points at its own line; line offsets are byte offsets of that line.
    const lines = readFileSync(path, 'utf8').split('\n');
    for (const p of r.posts) expect(JSON.parse(lines[p.source.line! - 1]!).data.id).toBe(p.id);
    const bytes = readFileSync(path);
    for (const p of r.posts) expect(bytes[p.source.offset! - 1] ?? 0x0a).toBe(0x0a);
  });

  it('reads replies and quotes from referenced_tweets (quoted_edit)', async () => {
    const r = await collect(X_V2.read(fixture('x-v2', 'quoted_edit.jsonl')));
    const raw = JSON.parse(readFileSync(fixture('x-v2', 'quoted_edit.jsonl'), 'utf8').split('\n')[0]!);
    const refs = raw.data[0].referenced_tweets as { type: string; id: string }[];
    expect(r.posts[0]!.quoteOf).toBe(refs.find((x) => x.type === 'quoted')!.id);
    expect(r.posts[0]!.replyTo).toBe(refs.find((x) => x.type === 'replied_to')!.id);
    expect(r.posts[0]!.repostOf).toBeUndefined();
  });

  it('gives a cut retweet the full original text and its mentions (after emoji) from entities', async () => {
    const r = await collect(X_V2.read(fixture('x-v2', 'mentions_tweet.jsonl')));
    const page = JSON.parse(readFileSync(fixture('x-v2', 'mentions_tweet.jsonl'), 'utf8').split('\n')[0]!);
    const data = Array.isArray(page.data) ? page.data[0] : page.data;
    const original = page.includes.tweets.find((t: { id: string }) => t.id === r.posts[0]!.repostOf);
    expect(data.text.endsWith('…')).toBe(true);
    expect(r.posts[0]!.text).toBe(`RT @S3NT1N3L17: ${original.text}`);
    const names = (e: { mentions: { username: string }[] }) => e.mentions.map((m) => m.username);
    const expected = [...new Set([...names(data.entities), ...names(original.entities)])];
    expect(expected.length).toBeGreaterThan(3);
    expect(r.posts[0]!.mentions).toEqual(expected);
    expect(JSON.parse(r.posts[0]!.raw).includes.tweets[0].id).toBe(original.id);
  });
});

describe('x-v2: written fixtures (fictional accounts)', () => {
  it('takes the unwound URL when X gives one, else the expansion, else the t.co link', async () => {
    const tweet = {
      id: '1583000000000000100', author_id: '900000000000000100', created_at: '2026-10-01T12:00:00.000Z', text: 'lee esto https://t.co/a https://t.co/b https://t.co/c',
      entities: { urls: [
        { url: 'https://t.co/a', expanded_url: 'https://short.example/x1', unwound_url: 'https://statetv.example/story?utm_source=x' },
        { url: 'https://t.co/b', expanded_url: 'https://news.example/b' },
        { url: 'https://t.co/c' },
      ] },
    };
    const r = await collect(X_V2.read(tempFile('unwound.jsonl', JSON.stringify({ data: [tweet] }) + '\n')));
    expect(r.posts[0]!.urls).toEqual(['https://statetv.example/story?utm_source=x', 'https://news.example/b', 'https://t.co/c']);
  });

  it('reads a pretty-printed page file: note_tweet text, expanded urls, missing user, errors not counted', async () => {
    const path = fixture('x-v2', 'page-pretty.json');
    const r = await collect(X_V2.read(path));
    // 4 tweets: 3 stored, 1 without created_at; the errors[] entry is not a record.
    expect(r.read).toBe(4);
    expect(r.posts.map((p) => p.id)).toEqual(['1583000000000000001', '1583000000000000002', '1583000000000000003']);
    const [seed, retweet, long] = r.posts;
    expect(seed!.authorHandle).toBe('jefe_estado_x');
    expect(seed!.source.line).toBe(4);
    expect(retweet!.authorHandle).toBe('700000000000000009'); // user not included: the id stands in
    expect(retweet!.urls).toEqual(['https://example.org/nota']);
    expect(retweet!.repostOfAuthor).toBe('900000000000000001');
    expect(retweet!.text).toBe('RT @jefe_estado_x: NO VOTEN por @rep_ejemplo. #Distrito99');
    expect(long!.text).toMatch(/^Un hilo largo .* lo trae entero\. #Distrito99/);
    expect(long!.hashtags).toEqual(['Distrito99']);
    expect(long!.urls).toEqual(['https://t.co/zzz']); // no expanded_url: falls back to url
    expect(long!.replyTo).toBe('1583000000000000001');
    expect(long!.quoteOf).toBe('1582999999999999999');
    expect(r.quarantined[0]).toMatchObject({ code: 'field_missing', field: 'created_at' });
    expect(r.quarantined[0]!.source.line).toBeGreaterThan(long!.source.line!);
    expect(r.accounts).toEqual([
      { platform: 'x', id: '900000000000000001', handle: 'jefe_estado_x', displayName: 'Jefe de Estado X', location: 'Capital Ejemplo', createdAt: '2011-05-01T00:00:00.000Z' },
    ]);
  });

  it('refuses a pretty-printed page over 16 x maxRecordBytes with one clear entry', async () => {
    const path = fixture('x-v2', 'page-pretty.json');
    const size = readFileSync(path).length;
    const r = await collect(X_V2.read(path, { maxRecordBytes: Math.floor(size / 20) }));
    expect(r.posts).toEqual([]);
    expect(r.quarantined.map((q) => [q.code, q.source.line])).toEqual([['record_too_large', 1]]);
    expect(r.quarantined[0]!.reason).toMatch(/pretty-printed JSON document of \d+ bytes is larger than the \d+-byte limit.*convert it to JSONL/);
  });

  it('points records of a pretty-printed file at their line and byte offset, after a BOM too', async () => {
    const text = readFileSync(fixture('x-v2', 'page-pretty.json'));
    const path = tempFile('bom-page.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text]));
    const r = await collect(X_V2.read(path));
    const bytes = readFileSync(path);
    for (const p of r.posts) {
      const at = bytes.subarray(p.source.offset!, p.source.offset! + 21 + p.id.length).toString();
      expect(at).toContain(`"${p.id}"`);
      expect(bytes.subarray(0, p.source.offset!).toString().split('\n').length).toBe(p.source.line);
    }
  });

  it('reads JSONL of single tweets, skipping blank lines but keeping line numbers', async () => {
    const r = await collect(X_V2.read(fixture('x-v2', 'single-tweets.jsonl')));
    expect(r.posts.map((p) => [p.id, p.source.line, p.authorHandle])).toEqual([
      ['1583000000000000101', 1, '910000000000000001'],
      ['1583000000000000102', 3, '910000000000000002'],
    ]);
    expect(r.posts[1]!.replyTo).toBe('1583000000000000101');
  });

  it('takes a retweet author from the RT mention when the original is not included', async () => {
    const tweet = { id: '5', text: 'RT @jefe_estado_x: NO VOTEN…', author_id: '7', created_at: '2022-10-20T14:03:11.000Z',
      referenced_tweets: [{ type: 'retweeted', id: '4' }], entities: { mentions: [{ start: 3, end: 17, username: 'jefe_estado_x', id: '900000000000000001' }] } };
    const r = await collect(X_V2.read(tempFile('rt.jsonl', `${JSON.stringify(tweet)}\n`)));
    expect(r.posts[0]).toMatchObject({ repostOf: '4', repostOfAuthor: '900000000000000001', text: 'RT @jefe_estado_x: NO VOTEN…' });
  });

  it('reads a pretty-printed JSON array of tweets, each at its own line', async () => {
    const tweets = [1, 2].map((i) => ({ id: `15830000000000009${i}`, text: `t${i}`, author_id: '7', edit_history_tweet_ids: [`15830000000000009${i}`], created_at: '2022-10-20T14:03:11.000Z' }));
    const text = JSON.stringify(tweets, null, 2);
    const path = tempFile('tweets.json', text);
    expect(X_V2.sniff(text, path)).toBe(true);
    const r = await collect(X_V2.read(path));
    const lines = text.split('\n');
    expect(r.posts.map((p) => p.id)).toEqual(tweets.map((t) => t.id));
    for (const p of r.posts) expect(lines[p.source.line! - 1]).toContain(`"${p.id}"`);
  });

  it('reads twarc2 flatten output: embedded author and retweeted original', async () => {
    const original = { id: '4', text: 'NO VOTEN por @rep_ejemplo, texto completo', author_id: '9', entities: { hashtags: [{ start: 0, end: 1, tag: 'Distrito99' }] } };
    const tweet = { id: '5', text: 'RT @jefe_estado_x: NO VOTEN…', author_id: '7', created_at: '2022-10-20T14:03:11.000Z',
      author: { id: '7', username: 'cuenta_nueva_9', name: 'Cuenta' }, referenced_tweets: [{ type: 'retweeted', ...original }], __twarc: { version: '2.0' } };
    const path = tempFile('flat.jsonl', `${JSON.stringify(tweet)}\n`);
    expect(X_V2.sniff(readFileSync(path, 'utf8'), path)).toBe(true);
    const r = await collect(X_V2.read(path));
    expect(r.posts[0]).toMatchObject({
      authorHandle: 'cuenta_nueva_9', repostOf: '4', repostOfAuthor: '9', hashtags: ['Distrito99'],
      text: 'RT @jefe_estado_x: NO VOTEN por @rep_ejemplo, texto completo',
    });
    expect(r.accounts.map((a) => a.handle)).toEqual(['cuenta_nueva_9']);
  });

  it('rejects a numeric id that JSON.parse has already rounded', async () => {
    const path = tempFile('num.jsonl', '{"id":1583000000000000001,"text":"x","author_id":"1","created_at":"2022-10-20T14:03:11.000Z"}\n');
    const r = await collect(X_V2.read(path));
    expect(r.posts).toHaveLength(0);
    expect(r.quarantined[0]).toMatchObject({ code: 'field_invalid', field: 'id', source: { line: 1 } });
  });

  it('reports a bad created_at with the field and value', async () => {
    const path = tempFile('posts.jsonl', '{"id":"1","text":"x","author_id":"2","created_at":"yesterday"}\n');
    const r = await collect(X_V2.read(path));
    expect(r.quarantined[0]).toMatchObject({ code: 'timestamp_invalid', field: 'created_at', source: { line: 1 } });
    expect(r.quarantined[0]!.reason).toBe(`ingest/x-v2: ${path}:1: field "created_at": not an ISO 8601 time: "yesterday"`);
  });

  it('counts each tweet of a page as a record and batches by batchSize', async () => {
    const tweets = Array.from({ length: 25 }, (_, i) => ({ id: String(100 + i), text: `t${i}`, author_id: '7', created_at: '2022-10-20T14:03:11.000Z' }));
    const page = JSON.stringify({ data: tweets, includes: { users: [{ id: '7', username: 'siete' }] } });
    const path = tempFile('page.jsonl', `${page}\n${page}\n`);
    let batches = 0;
    let read = 0;
    for await (const b of X_V2.read(path, { batchSize: 20 })) {
      batches++;
      read += b.read;
      expect(b.read).toBe(b.posts.length + b.quarantined.length + b.skipped);
    }
    expect(read).toBe(50);
    expect(batches).toBe(2); // a page is not split: one batch per page here
  });
});
