import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BLUESKY, sliceUtf8 } from './bluesky.js';
import { collect } from './registry.js';
import { fixture, tempFile } from './test-helpers.js';

describe('bluesky: real Jetstream captures (test/fixtures/bluesky, from bluesky-social/jetstream)', () => {
  it('golden_v1: the post and the repost are stored, the 8 other events skipped as not posts (issue 11: not quarantined)', async () => {
    const path = fixture('bluesky', 'golden_v1.jsonl');
    const r = await collect(BLUESKY.read(path));
    expect(r.read).toBe(10);
    const lines = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const post = lines.find((l) => l.commit?.collection === 'app.bsky.feed.post');
    const repost = lines.find((l) => l.commit?.collection === 'app.bsky.feed.repost');
    expect(r.posts.map((p) => p.id)).toEqual([
      `at://${post.did}/app.bsky.feed.post/${post.commit.rkey}`,
      `at://${repost.did}/app.bsky.feed.repost/${repost.commit.rkey}`,
    ]);
    expect(r.posts[0]).toMatchObject({
      platform: 'bluesky', authorId: post.did, authorHandle: post.did, text: post.commit.record.text,
      replyTo: post.commit.record.reply.parent.uri, createdAt: new Date(post.commit.record.createdAt).toISOString(),
    });
    expect(r.posts[1]).toMatchObject({ text: '', repostOf: repost.commit.record.subject.uri });
    expect(r.quarantined).toEqual([]);
    expect(r.skipped).toBe(8);
  });

  it('expected_v1: the manifest counts 18 posts and 15 reposts among 152 events; link facets give full URLs', async () => {
    const path = fixture('bluesky', 'expected_v1.jsonl');
    const r = await collect(BLUESKY.read(path));
    expect(r.read).toBe(152);
    const posts = r.posts.filter((p) => p.id.includes('/app.bsky.feed.post/'));
    const reposts = r.posts.filter((p) => p.id.includes('/app.bsky.feed.repost/'));
    // 18 posts in the manifest; any update/delete of a post is not a new post.
    expect(posts.length + reposts.length).toBe(r.posts.length);
    expect(reposts).toHaveLength(15);
    expect(posts.length).toBeGreaterThanOrEqual(17);
    const yt = posts.find((p) => p.text.startsWith('www.youtube.com/watch?v=V5lD'));
    expect(yt!.urls).toEqual(['https://www.youtube.com/watch?v=V5lDo-jw8mA']);
    expect(yt!.lang).toBe('en');
  });
});

describe('bluesky: written fixtures (fictional accounts)', () => {
  it('listRecords: UTF-8 byte facets after non-ASCII text, tags, quote embed, reply; a bad createdAt', async () => {
    const r = await collect(BLUESKY.read(fixture('bluesky', 'list-records.json')));
    expect(r.read).toBe(3);
    const [first, second] = r.posts;
    expect(first).toMatchObject({
      id: 'at://did:plc:exampleauthor0000000000/app.bsky.feed.post/3kexamplerkey2a',
      authorId: 'did:plc:exampleauthor0000000000',
      mentions: ['rep.example.com'], hashtags: ['Distrito99'], urls: ['https://example.org/nota'],
      quoteOf: 'at://did:plc:exampleother/app.bsky.feed.post/3kother', lang: 'es', createdAt: '2022-10-20T14:03:10.500Z',
    });
    expect(first!.source.line).toBeGreaterThan(1);
    expect(JSON.parse(first!.raw)).toMatchObject({ uri: first!.id, cid: 'bafy1', value: { text: first!.text } });
    expect(second).toMatchObject({ hashtags: ['Distrito99'], replyTo: 'at://did:plc:exampleauthor0000000000/app.bsky.feed.post/3kexamplerkey2a' });
    expect(r.quarantined.map((q) => [q.code, q.field])).toEqual([['timestamp_invalid', 'createdAt']]);
  });

  it('getAuthorFeed: handles and accounts from post views, recordWithMedia quote and its link', async () => {
    const r = await collect(BLUESKY.read(fixture('bluesky', 'author-feed.json')));
    expect(r.posts[0]).toMatchObject({
      authorHandle: 'consul-ej.example.social', quoteOf: 'at://did:plc:exampleauthor0000000000/app.bsky.feed.post/3kexamplerkey2a',
      urls: ['https://example.org/video'],
    });
    expect(r.accounts.map((a) => [a.id, a.handle])).toContainEqual(['did:plc:exampleconsul000000000', 'consul-ej.example.social']);
  });

  it('reads a Jetstream v2 frame and skips a delete', async () => {
    const frame = { $type: 'message', payload: { $type: 'network.bsky.jetstream.subscribeEvents#commit', seq: 5, did: 'did:plc:ej', time: '2022-10-20T14:03:11.000001Z', rev: 'r', operation: 'create', collection: 'app.bsky.feed.post', rkey: 'k1', record: { $type: 'app.bsky.feed.post', text: 'hola', createdAt: '2022-10-20T14:03:10Z' } } };
    const del = { did: 'did:plc:ej', time_us: 1, kind: 'commit', commit: { rev: 'r', operation: 'delete', collection: 'app.bsky.feed.post', rkey: 'k1' } };
    const r = await collect(BLUESKY.read(tempFile('js.jsonl', `${JSON.stringify(frame)}\n${JSON.stringify(del)}\n`)));
    expect(r.posts.map((p) => [p.id, p.text])).toEqual([['at://did:plc:ej/app.bsky.feed.post/k1', 'hola']]);
    expect(r.quarantined).toEqual([]);
    expect([r.read, r.skipped]).toEqual([2, 1]);
  });

  it('sliceUtf8 uses byte offsets, not UTF-16 units', () => {
    const text = 'Ñ🐦 @a.b';
    const start = Buffer.byteLength('Ñ🐦 ');
    expect(sliceUtf8(text, start, start + 4)).toBe('@a.b');
    expect(text.slice(start, start + 4)).not.toBe('@a.b');
    expect(sliceUtf8(text, 5, 100)).toBeUndefined();
  });
});
