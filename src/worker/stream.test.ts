import { describe, expect, it } from 'vitest';
import type { Post } from '../model/types.js';
import { decodeBatch, partitionBatch, partitionOf, shownUrl, streamNames, type RawBatch } from './stream.js';

const post = (id: string, author: string, text = `post ${id}`): Post => ({
  platform: 'x',
  id,
  authorId: author,
  authorHandle: `h${author}`,
  createdAt: '2026-10-01T12:00:00.000Z',
  text,
  urls: [],
  hashtags: [],
  mentions: [],
  source: { file: 'in.jsonl', line: Number(id.replace(/\D/g, '')) || 1 },
  contentHash: 'c'.repeat(64),
  raw: text,
});

const decode = (payload: string): RawBatch => decodeBatch(new TextEncoder().encode(payload));

describe('partitions', () => {
  it('puts an account and its posts in one partition, the same on every run', () => {
    for (const n of [1, 4, 16]) {
      for (const a of ['1', '2', 'acct', 'é']) {
        const p = partitionOf('x', a, n);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThan(n);
        expect(partitionOf('x', a, n)).toBe(p);
      }
    }
    // Spread: 1,000 accounts over 16 partitions leave none empty.
    const used = new Set(Array.from({ length: 1000 }, (_, i) => partitionOf('x', `u${i}`, 16)));
    expect(used.size).toBe(16);
    // The platform is part of the key.
    const differs = Array.from({ length: 50 }, (_, i) => partitionOf('x', `u${i}`, 16) !== partitionOf('bluesky', `u${i}`, 16));
    expect(differs).toContain(true);
  });

  it('keeps each account\'s records in read order within its messages, and splits large ones', () => {
    const posts = Array.from({ length: 3000 }, (_, i) => post(`p${i}`, `a${i % 7}`, 'x'.repeat(500)));
    const accounts = Array.from({ length: 7 }, (_, i) => ({ platform: 'x', id: `a${i}`, handle: `ha${i}` }));
    const messages = partitionBatch({ posts, accounts }, 4);
    expect(messages.every((m) => m.payload.length < 300 * 1024)).toBe(true);
    const decoded = messages.map((m) => ({ partition: m.partition, batch: decode(m.payload) }));
    // Every record once, in the partition of its account, in order.
    const seen = decoded.flatMap((d) => d.batch.posts.map((p) => ({ p, partition: d.partition })));
    expect(seen).toHaveLength(posts.length);
    for (const { p, partition } of seen) expect(partition).toBe(partitionOf('x', p.authorId, 4));
    for (let a = 0; a < 7; a++) {
      const ids = seen.filter((s) => s.p.authorId === `a${a}`).map((s) => Number(s.p.id.slice(1)));
      expect(ids).toEqual([...ids].sort((x, y) => x - y));
    }
    const acc = decoded.flatMap((d) => d.batch.accounts.map((x) => ({ x, partition: d.partition })));
    expect(acc).toHaveLength(7);
    for (const { x, partition } of acc) expect(partition).toBe(partitionOf('x', x.id, 4));
  });

  it('sends a record larger than a message alone', () => {
    const big = post('p1', 'a', 'y'.repeat(400 * 1024));
    const messages = partitionBatch({ posts: [big, post('p2', 'a')] }, 1);
    expect(messages.map((m) => decode(m.payload).posts.map((p) => p.id))).toEqual([['p1'], ['p2']]);
  });
});

describe('messages', () => {
  it('round-trips hostile text unchanged', () => {
    const text = '</script>\u0007"\\\n\u2028 <b>@x</b> \ud83d\ude00';
    const quarantined = [{ source: { file: 'f', line: 2 }, code: 'json_malformed', reason: 'bad', excerpt: text }];
    const all = partitionBatch({ posts: [post('p1', 'a', text)], quarantined }, 2).map((x) => decode(x.payload));
    expect(all.flatMap((b) => b.posts)[0]!.text).toBe(text);
    expect(all.flatMap((b) => b.quarantined)[0]!.excerpt).toBe(text);
  });

  it('refuses what is not a version 1 batch, with the stream error code', () => {
    for (const bad of ['not json', '{"v":2,"posts":[],"accounts":[],"quarantined":[]}', '{"v":1,"posts":{}}', 'null']) {
      expect(() => decode(bad)).toThrow(expect.objectContaining({ code: 'stream' }));
    }
  });

  it('derives stream, subject and consumer names from the prefix, and refuses odd prefixes', () => {
    const n = streamNames('vigil.raw');
    expect([n.stream, n.subject(3), n.consumer(3)]).toEqual(['VIGIL_RAW', 'vigil.raw.3', 'VIGIL_RAW_P3']);
    for (const bad of ['', 'a..b', 'a.*', 'a.>', 'a b', '.a']) expect(() => streamNames(bad)).toThrow(expect.objectContaining({ code: 'usage' }));
  });

  it('leaves credentials out of URLs it prints', () => {
    expect(shownUrl('nats://vigil:s3cret@q1:4222,nats://tok@q2:4222')).toBe('nats://q1:4222,nats://q2:4222');
    expect(shownUrl('nats://127.0.0.1:4222')).toBe('nats://127.0.0.1:4222');
  });
});
