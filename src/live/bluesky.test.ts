import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JetstreamErrorFrame, parseJetstreamFrame } from './bluesky.js';
import { toV2 } from './replay-server.js';

const golden = readFileSync(new URL('../../test/fixtures/live/golden_v1.jsonl', import.meta.url), 'utf8').trim().split('\n');
const STREAM = 'jetstream:ws://127.0.0.1/subscribe';

describe('parseJetstreamFrame (v1, real frames)', () => {
  const items = golden.map((line) => parseJetstreamFrame(line, STREAM, new Map()));

  it('turns the post and the repost into posts and counts every other frame', () => {
    const posts = items.filter((i) => i.post).map((i) => i.post!);
    expect(posts.map((p) => p.id)).toEqual([
      'at://did:plc:q235v55g5unth4zjjdpacfdr/app.bsky.feed.post/3mmoojp4cd223',
      'at://did:plc:eizxoqcsvvvarxeb3pjkblrp/app.bsky.feed.repost/3mmoojpbade2i',
    ]);
    // 10 frames: 2 posts, 1 identity with a handle (an account), the rest skipped; none lost.
    const outcomes = items.map((i) => (i.post ? 'post' : i.account ? 'account' : i.quarantine ? 'q' : i.skipped ? 'skip' : 'none'));
    expect(outcomes.filter((o) => o === 'none')).toEqual([]);
    expect(outcomes.filter((o) => o === 'q')).toEqual([]);
    expect(items).toHaveLength(10);
  });

  it('keeps reply target, language, raw frame, hash and cursor', () => {
    const post = items.find((i) => i.post?.text)!.post!;
    expect(post.text).toBe('Try RSV for a good time !!');
    expect(post.lang).toBe('en');
    expect(post.replyTo).toBe('at://did:plc:j76trmiofvaxxpvx2vnb2vwf/app.bsky.feed.post/3mmojbrjwbs26');
    expect(post.createdAt).toBe('2026-05-25T14:23:28.757Z');
    expect(post.source).toEqual({ file: STREAM, cursor: '1779719009157119' });
    expect(post.raw).toBe(golden[1]);
    expect(post.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const repost = items.find((i) => i.post?.repostOf)!.post!;
    expect(repost.repostOfAuthor).toMatch(/^did:/);
  });

  it('parses the same posts from v2 frames, with seq as cursor', () => {
    const v2 = golden.map((line, i) => parseJetstreamFrame(toV2(line, i + 1), STREAM, new Map()));
    expect(v2.filter((i) => i.post).map((i) => i.post!.id)).toEqual(items.filter((i) => i.post).map((i) => i.post!.id));
    expect(v2[1].cursor).toBe('2');
    expect(v2[1].post!.text).toBe('Try RSV for a good time !!');
  });
});

describe('parseJetstreamFrame (composed cases)', () => {
  it('slices mention and tag facets by UTF-8 bytes, not UTF-16 units', () => {
    const text = 'Ñandú 🗳️ no voten por @rep.example #Distrito99';
    const bytes = new TextEncoder().encode(text);
    const at = (s: string) => {
      const i = text.indexOf(s);
      return new TextEncoder().encode(text.slice(0, i)).length;
    };
    const start = at('@rep');
    const frame = JSON.stringify({
      did: 'did:plc:author',
      time_us: 1_790_000_000_000_000,
      kind: 'commit',
      commit: {
        operation: 'create',
        collection: 'app.bsky.feed.post',
        rkey: 'r1',
        record: {
          text,
          createdAt: 'not a date',
          facets: [
            { index: { byteStart: start, byteEnd: start + '@rep.example'.length }, features: [{ $type: 'app.bsky.richtext.facet#mention', did: 'did:plc:rep' }] },
            { index: { byteStart: at('#D'), byteEnd: bytes.length }, features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'Distrito99' }] },
          ],
          embed: { $type: 'app.bsky.embed.external', external: { uri: 'https://news.example/a' } },
        },
      },
    });
    const post = parseJetstreamFrame(frame, STREAM, new Map()).post!;
    expect(post.mentions).toEqual(['rep.example']);
    expect(post.hashtags).toEqual(['Distrito99']);
    expect(post.urls).toEqual(['https://news.example/a']);
    // An invalid client date falls back to the observed time.
    expect(post.createdAt).toBe(new Date(1_790_000_000_000).toISOString());
  });

  it('uses handles learned from identity frames', () => {
    const handles = new Map<string, string>();
    const id = parseJetstreamFrame(JSON.stringify({ did: 'did:plc:a', time_us: 1_790_000_000_000_000, kind: 'identity', identity: { did: 'did:plc:a', handle: 'consul.example', seq: 1, time: '2026-01-01T00:00:00Z' } }), STREAM, handles);
    expect(id.account).toEqual({ platform: 'bluesky', id: 'did:plc:a', handle: 'consul.example' });
    const post = parseJetstreamFrame(JSON.stringify({ did: 'did:plc:a', time_us: 1_790_000_000_000_001, kind: 'commit', commit: { operation: 'create', collection: 'app.bsky.feed.post', rkey: 'x', record: { text: 'hola', createdAt: '2026-01-01T00:00:00Z' } } }), STREAM, handles).post!;
    expect(post.authorHandle).toBe('consul.example');
  });

  it('quarantines malformed frames with a code and keeps their cursor', () => {
    expect(parseJetstreamFrame('{"did":', STREAM, new Map()).quarantine?.code).toBe('json_malformed');
    const noText = parseJetstreamFrame(JSON.stringify({ did: 'did:plc:a', time_us: 5, kind: 'commit', commit: { operation: 'create', collection: 'app.bsky.feed.post', rkey: 'x', record: {} } }), STREAM, new Map());
    expect(noText.quarantine).toMatchObject({ code: 'field_missing', field: 'record.text', source: { file: STREAM, cursor: '5' } });
    expect(noText.cursor).toBe('5');
    expect(parseJetstreamFrame('{"did":"d","kind":"commit"}', STREAM, new Map()).quarantine?.field).toBe('time_us');
  });

  it('throws on a v2 error frame', () => {
    expect(() => parseJetstreamFrame('{"$type":"error","error":"FutureCursor","message":"too new"}', STREAM, new Map())).toThrow(JetstreamErrorFrame);
  });
});
