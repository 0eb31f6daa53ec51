/**
 * Synthetic live frames for tests and benches: fictional accounts (`*.example` DIDs and handles),
 * deterministic from their arguments.
 */

/** A Jetstream v1 `app.bsky.feed.post` create event line. */
export function syntheticJetstreamPost(n: number, options: { timeUs?: number; text?: string; did?: string; spacingUs?: number } = {}): string {
  const did = options.did ?? `did:plc:synth${String(n % 997).padStart(20, '0')}`;
  const timeUs = options.timeUs ?? 1_790_000_000_000_000 + n * (options.spacingUs ?? 1000);
  const rkey = `3synth${n.toString(36).padStart(8, '0')}`;
  return JSON.stringify({
    did,
    time_us: timeUs,
    kind: 'commit',
    commit: {
      rev: `3rev${n.toString(36)}`,
      operation: 'create',
      collection: 'app.bsky.feed.post',
      rkey,
      cid: `bafysynth${n}`,
      record: {
        $type: 'app.bsky.feed.post',
        createdAt: new Date(Math.floor(timeUs / 1000)).toISOString(),
        langs: ['en'],
        text: options.text ?? `Synthetic post number ${n} about the weather in Freedonia`,
      },
    },
  });
}

/** A Jetstream v1 like event line (not a post: counted as skipped). */
export function syntheticJetstreamLike(n: number, timeUs = 1_790_000_000_000_000 + n * 1000): string {
  return JSON.stringify({
    did: `did:plc:liker${n % 13}`,
    time_us: timeUs,
    kind: 'commit',
    commit: {
      rev: `3like${n}`,
      operation: 'create',
      collection: 'app.bsky.feed.like',
      rkey: `3like${n}`,
      cid: `bafylike${n}`,
      record: { $type: 'app.bsky.feed.like', createdAt: new Date(Math.floor(timeUs / 1000)).toISOString(), subject: { uri: 'at://did:plc:x/app.bsky.feed.post/1', cid: 'c' } },
    },
  });
}

/** A Mastodon Status entity with a numeric id, on instance `social.example`. */
export function syntheticStatus(n: number, options: { text?: string; acct?: string; tags?: string[] } = {}): Record<string, unknown> {
  const id = String(110_000_000_000_000_000n + BigInt(n));
  const acct = options.acct ?? `user${n % 17}`;
  return {
    id,
    uri: `https://social.example/users/${acct}/statuses/${id}`,
    url: `https://social.example/@${acct}/${id}`,
    created_at: new Date(Date.UTC(2026, 9, 20, 12, 0, 0) + n * 1000).toISOString(),
    edited_at: null,
    visibility: 'public',
    sensitive: false,
    spoiler_text: '',
    language: 'en',
    content: `<p>${options.text ?? `Synthetic status ${n} &amp; more`}</p>`,
    in_reply_to_id: null,
    reblog: null,
    mentions: [],
    tags: (options.tags ?? []).map((name) => ({ name, url: `https://social.example/tags/${name}` })),
    emojis: [],
    media_attachments: [],
    card: null,
    account: { id: String(n % 17), username: acct, acct, display_name: `User ${n % 17}`, url: `https://social.example/@${acct}`, note: '', created_at: '2025-01-01T00:00:00.000Z' },
  };
}
