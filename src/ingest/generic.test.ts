import { describe, expect, it } from 'vitest';
import { GENERIC_CSV, GENERIC_JSONL } from './generic.js';
import { collect } from './registry.js';
import { fixture, tempFile } from './test-helpers.js';

describe('generic JSONL', () => {
  it('reads required and optional fields, aliases, offsets; ignores unknown fields', async () => {
    const r = await collect(GENERIC_JSONL.read(fixture('generic', 'posts.jsonl')));
    expect(r.quarantined).toEqual([]);
    expect(r.posts[0]).toMatchObject({
      platform: 'x', id: 'g-1', authorId: '700000000000000009', authorHandle: 'cuenta_nueva_9',
      createdAt: '2022-10-20T14:04:02.000Z', lang: 'es', repostOf: '1583000000000000001',
      mentions: ['rep_ejemplo'], hashtags: ['Distrito99'], urls: [], source: { line: 1, offset: 0 },
    });
    expect(r.posts[1]).toMatchObject({ platform: 'news', authorId: 'diario_ejemplo', createdAt: '2022-10-20T14:00:00.000Z', urls: ['https://example.org/nota'] });
    expect(r.posts[2]).toMatchObject({ platform: 'mastodon', id: 'g-3', text: '', replyTo: '109000000000000001' });
    expect(r.posts[0]!.raw).not.toContain('\n');
    expect(JSON.parse(r.posts[0]!.raw).like_count).toBe(0);
  });

  it('quarantines a record without a required field, naming it', async () => {
    for (const field of ['id', 'platform', 'author_handle', 'created_at', 'text']) {
      const record: Record<string, unknown> = { id: '1', platform: 'x', author_handle: 'a', created_at: '2022-10-20T14:04:02Z', text: 't' };
      delete record[field];
      const r = await collect(GENERIC_JSONL.read(tempFile('p.jsonl', `${JSON.stringify(record)}\n`)));
      expect(r.quarantined.map((q) => [q.code, q.field, q.source.line])).toEqual([['field_missing', field, 1]]);
    }
  });

  it('rejects a time without zone, a non-list list and a rounded numeric id', async () => {
    const lines = [
      { id: '1', platform: 'x', author_handle: 'a', created_at: '2022-10-20 14:04:02', text: 't' },
      { id: '2', platform: 'x', author_handle: 'a', created_at: '2022-10-20T14:04:02Z', text: 't', hashtags: { a: 1 } },
      { id: 12345678901234567890, platform: 'x', author_handle: 'a', created_at: '2022-10-20T14:04:02Z', text: 't' },
      { id: 42, platform: 'Twitter', author_handle: 'a', created_at: '2022-10-20T14:04:02Z', text: 't' },
    ].map((l) => JSON.stringify(l));
    const r = await collect(GENERIC_JSONL.read(tempFile('p.jsonl', lines.join('\n'))));
    expect(r.quarantined.map((q) => [q.code, q.field, q.source.line])).toEqual([
      ['timestamp_invalid', 'created_at', 1],
      ['field_invalid', 'hashtags', 2],
      ['field_invalid', 'id', 3],
    ]);
    expect(r.posts.map((p) => [p.id, p.platform])).toEqual([['42', 'x']]); // "twitter" is x
  });
});

describe('generic CSV', () => {
  it('reads the reference example and |-separated lists; ignores unknown columns', async () => {
    const r = await collect(GENERIC_CSV.read(fixture('generic', 'posts.csv')));
    expect(r.quarantined).toEqual([]);
    expect(r.posts[0]).toMatchObject({
      platform: 'x', id: '1583000000000000002', authorId: '700000000000000009', authorHandle: 'cuenta_nueva_9',
      text: 'RT @jefe_estado_x: NO VOTEN por @rep_ejemplo. #Distrito99', repostOf: '1583000000000000001',
      mentions: ['800000000000000002'], hashtags: ['Distrito99'], urls: [], source: { line: 2 },
    });
    expect(r.posts[1]).toMatchObject({
      platform: 'bluesky', id: 'at://did:plc:example/app.bsky.feed.post/3kx', text: 'texto con "comillas", y coma',
      mentions: ['rep.example.com', 'otra.example.com'], urls: ['https://example.org/a', 'https://example.org/b'],
      createdAt: '2022-10-20T14:10:00.500Z', source: { line: 3 },
    });
  });

  it('quarantines ragged and broken rows but reads the others', async () => {
    const csv = 'id,platform,author_handle,created_at,text\n1,x,a,2022-10-20T14:04:02Z,ok\n2,x,a,2022-10-20T14:04:02Z\n3,x,a,2022-10-20T14:04:02Z,"a"b\n4,x,a,2022-10-20T14:04:02Z,fine\n5,x,a,2022-10-20T14:04:02Z,"open\n';
    const r = await collect(GENERIC_CSV.read(tempFile('p.csv', csv)));
    expect(r.posts.map((p) => p.id)).toEqual(['1', '4']);
    expect(r.quarantined.map((q) => [q.code, q.source.line])).toEqual([
      ['csv_ragged', 3],
      ['csv_malformed', 4],
      ['csv_malformed', 6],
    ]);
    expect(r.read).toBe(5);
  });

  it('reads an empty text cell as empty text, and an empty required cell as missing', async () => {
    const csv = 'id,platform,author_handle,created_at,text\n1,x,a,2022-10-20T14:04:02Z,\n2,x,,2022-10-20T14:04:02Z,t\n';
    const r = await collect(GENERIC_CSV.read(tempFile('p.csv', csv)));
    expect(r.posts.map((p) => [p.id, p.text])).toEqual([['1', '']]);
    expect(r.quarantined.map((q) => [q.code, q.field, q.source.line])).toEqual([['field_missing', 'author_handle', 3]]);
  });

  it('quarantines the file when the header lacks a required column', async () => {
    const r = await collect(GENERIC_CSV.read(tempFile('p.csv', 'id,platform,created_at,text\n1,x,2022-10-20T14:04:02Z,t\n')));
    expect(r.quarantined.map((q) => [q.code, q.field, q.source.line])).toEqual([['field_missing', 'author_handle', 1]]);
    expect(r.quarantined[0]!.reason).toMatch(/lacks the required column "author_handle"/);
  });
});
