import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { htmlToText, mapStatus, MASTODON } from './mastodon.js';
import { collect } from './registry.js';
import { fixture } from './test-helpers.js';

const json = (rel: string) => JSON.parse(readFileSync(fixture(rel), 'utf8'));

describe('mastodon: real statuses (test/fixtures/mastodon, from TootSDK and MastodonKit)', () => {
  it('a Pleroma status: uri as id, user@host handle, flake id not used, text from HTML', async () => {
    const status = json('mastodon/post no emojis.json');
    const r = await collect(MASTODON.read(fixture('mastodon', 'post no emojis.json')));
    expect(r.posts).toHaveLength(1);
    const post = r.posts[0]!;
    expect(post.id).toBe(status.uri);
    expect(post.authorHandle).toBe(status.account.acct.includes('@') ? status.account.acct : `${status.account.acct}@${new URL(status.account.url).host}`);
    expect(post.text).not.toMatch(/<[a-z/]/i);
    expect(post.text.length).toBeGreaterThan(10);
    expect(post.createdAt).toBe(new Date(status.created_at).toISOString());
  });

  it('an Akkoma quote: quoteOf is the quoted status uri', async () => {
    const status = json('mastodon/post_akkoma_quote.json');
    const r = await collect(MASTODON.read(fixture('mastodon', 'post_akkoma_quote.json')));
    expect(r.posts[0]!.quoteOf).toBe(status.quote.uri);
  });

  it('a streaming update: the payload is decoded twice', async () => {
    const event = json('mastodon/streaming_update.json');
    const status = JSON.parse(event.payload);
    const r = await collect(MASTODON.read(fixture('mastodon', 'streaming_update.json')));
    expect(r.posts.map((p) => [p.id, p.replyTo])).toEqual([[status.uri, status.in_reply_to_id]]);
  });

  it('a Mastodon 4.5 Quote entity with a malformed closing tag still gives text without tags', async () => {
    const r = await collect(MASTODON.read(fixture('mastodon', 'quote.json')));
    expect(r.posts[0]!.text).not.toContain('<');
    expect(r.posts[0]!.text).not.toContain('</span}');
  });

  it('a delete event is counted as skipped (not a post), not dropped and not quarantined', async () => {
    const r = await collect(MASTODON.read(fixture('mastodon', 'streaming_delete.json')));
    expect([r.read, r.skipped, r.quarantined.length]).toEqual([1, 1, 0]);
  });
});

describe('mastodon: written JSONL (fictional accounts)', () => {
  it('hashtags, remote mentions, links without mention/hashtag links, boosts, bad time', async () => {
    const r = await collect(MASTODON.read(fixture('mastodon', 'timeline.jsonl')));
    expect(r.read).toBe(3);
    const [post, boost] = r.posts;
    expect(post).toMatchObject({
      id: 'https://social.example/users/consul_ej/statuses/109000000000000001',
      authorId: 'https://social.example/@consul_ej', authorHandle: 'consul_ej@social.example',
      hashtags: ['distrito99'], mentions: ['rep@other.example'], urls: ['https://example.org/nota?a=1&b=2'], lang: 'es',
    });
    expect(post!.text).toBe('Compatriotas del #Distrito99: no voten por @rep\n\nMás: https://example.org/nota?a=1&b=2\n<script>');
    expect(boost).toMatchObject({
      authorHandle: 'amigo_ej@far.example', repostOf: post!.id, repostOfAuthor: post!.authorId, text: '', hashtags: [],
    });
    expect(r.quarantined.map((q) => [q.code, q.field, q.source.line])).toEqual([['timestamp_invalid', 'created_at', 3]]);
    expect(r.accounts.find((a) => a.handle === 'consul_ej@social.example')!.description).toBe('Cuenta oficial & de ejemplo');
  });
});

describe('htmlToText', () => {
  it('drops tags, keeps text, decodes entities once', () => {
    expect(htmlToText('<p>a &amp;lt; b<br/>c</p><p>d &#x1F426; &#128038;</p>')).toBe('a &lt; b\nc\n\nd 🐦 🐦');
    expect(htmlToText('<p onclick="x">hi<script>alert(1)</script></p>')).toBe('hialert(1)');
    expect(htmlToText('&#xD800; &#0;')).toBe('\ufffd \ufffd');
  });
});

describe('hostile status HTML', () => {
  // 300 000 characters: the old quadratic patterns took minutes here; linear ones take milliseconds.
  const N = 300_000;
  const status = (content: string) => ({
    uri: 'https://social.example/users/ana/statuses/1',
    created_at: '2026-10-20T12:00:00.000Z',
    account: { id: '1', acct: 'ana@social.example', username: 'ana' },
    content,
  });

  it('strips tags in linear time when `<` never closes', () => {
    const text = '<'.repeat(N);
    expect(htmlToText(`<p>x</p>${text}`)).toBe(`x${text}`);
    // Same result as /<[^>]*>/g: from a `<` through the next `>`, malformed tags included.
    expect(htmlToText('<p>a <b>b</b> c</span}</p>')).toBe('a b c');
  }, 10_000);

  it('finds links in linear time among unclosed `<a ` runs', () => {
    // Each `<a ` used to scan up to 4000 characters ahead: 4e9 steps for this 3 MB status.
    const post = mapStatus(status(`${'<a '.repeat(1_000_000)}<a href="https://news.example/x">x</a>`), '{}', { file: 't.jsonl', line: 1 });
    expect(post.urls).toEqual(['https://news.example/x']);
  }, 10_000);
});

