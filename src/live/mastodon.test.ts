import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareStatusIds, mapStatus, parseMastodonEvent, SseParser } from './mastodon.js';
import { syntheticStatus } from './synthetic.js';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/live/${name}`, import.meta.url), 'utf8');
const STREAM = 'mastodon:https://social.example/public';

describe('SseParser', () => {
  it('assembles events split across arbitrary chunks and CRLF line ends', () => {
    const text = ':thump\r\nevent: update\r\ndata: {"a":\r\ndata: 1}\r\n\r\nevent: delete\ndata: 42\n\n';
    for (let cut = 1; cut < text.length; cut++) {
      const p = new SseParser();
      const events = [...p.feed(text.slice(0, cut)), ...p.feed(text.slice(cut))];
      expect(events).toEqual([
        { event: 'update', data: '{"a":\n1}', id: undefined },
        { event: 'delete', data: '42', id: undefined },
      ]);
    }
  });

  it('drops an event over the size bound and says so', () => {
    const sizes: number[] = [];
    const p = new SseParser(100, (n) => sizes.push(n));
    expect(p.feed(`event: update\ndata: ${'x'.repeat(200)}\n\nevent: delete\ndata: 1\n\n`)).toEqual([{ event: 'delete', data: '1', id: undefined }]);
    expect(sizes.length).toBe(1);
  });
});

describe('parseMastodonEvent', () => {
  it('decodes the WebSocket form, whose payload is a JSON string holding the Status', () => {
    const ws = JSON.parse(fixture('streaming_update.json')) as { event: string; payload: string };
    const item = parseMastodonEvent({ event: ws.event, data: JSON.stringify(ws.payload) }, STREAM);
    const post = item.post!;
    expect(post.id).toBe('https://example.com/users/testperson/statuses/108913983628474640');
    expect(post.text.startsWith('Lorem ipsum dolor sit amet')).toBe(true);
    expect(post.text).not.toContain('<p>');
    expect(post.replyTo).toBe('108913981098896721');
    expect(item.cursor).toBe('108913983692647032');
    expect(post.raw).toBe(ws.payload);
  });

  it('counts deletes as skipped', () => {
    const del = JSON.parse(fixture('streaming_delete.json')) as { event: string; payload: string };
    expect(parseMastodonEvent({ event: del.event, data: del.payload }, STREAM)).toEqual({ skipped: 'delete' });
  });

  it('qualifies local accts, maps reblogs, and quarantines bad statuses', () => {
    const s = syntheticStatus(3, { acct: 'consul_ej', tags: ['Distrito99'] });
    const item = mapStatus(s, JSON.stringify(s), STREAM);
    expect(item.post!.authorHandle).toBe('consul_ej@social.example');
    expect(item.post!.hashtags).toEqual(['Distrito99']);
    expect(item.account!.displayName).toBe('User 3');
    const boost = { ...syntheticStatus(4), content: '', reblog: { ...s, account: { acct: 'rep@other.example' } } };
    expect(mapStatus(boost, '{}', STREAM).post).toMatchObject({ repostOf: s.uri, repostOfAuthor: 'rep@other.example', text: '' });
    const bad = mapStatus({ ...s, created_at: 'yesterday' }, '{}', STREAM);
    expect(bad.quarantine).toMatchObject({ code: 'timestamp_invalid', field: 'created_at' });
    expect(parseMastodonEvent({ event: 'update', data: '{oops' }, STREAM).quarantine?.code).toBe('json_malformed');
  });
});

describe('helpers', () => {
  it('compareStatusIds orders snowflakes numerically', () => {
    expect(compareStatusIds('99', '100')).toBeLessThan(0);
    expect(compareStatusIds('110000000000000002', '110000000000000010')).toBeLessThan(0);
  });
});
