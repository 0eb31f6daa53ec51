import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeStore } from '../../pipeline/analyze.js';
import { openSqliteStore } from '../../store/sqlite.js';
import type { Post } from '../../model/types.js';
import { makePost, makeWatchlist } from '../../../test/fixtures/cases/builders.js';
import { seededRandom } from '../../util/random.js';
import { compileWatchlist } from '../match/compile.js';
import { PostColumns } from './columns.js';
import { addCrossPlatformPost, crossPlatformFindings, crossPlatformFromPosts, quotedPostOf, quotedPostOfUrl } from './cross-platform.js';
import { coordMatcher } from './findings.js';

const T0 = Date.UTC(2026, 9, 1, 12, 0, 0);
const at = (minutes: number, seconds = 0): string => new Date(T0 + minutes * 60_000 + seconds * 1000).toISOString();

/** Three fictional accounts, one per platform (the Bluesky and Telegram ones share the X handle). */
const COPIERS = [
  { platform: 'x', authorId: '7001', authorHandle: 'voz_del_pueblo' },
  { platform: 'bluesky', authorId: 'did:plc:vozdelpueblo', authorHandle: 'voz_del_pueblo' },
  { platform: 'telegram', authorId: 'channel7001', authorHandle: 'voz_canal' },
] as const;

const DIRECTIVES = [
  'Hermanos del distrito 99: el 5 de noviembre NO voten por Dana Reyes, traiciona a nuestra gente',
  'Compatriotas, Dana Reyes no es de los nuestros: quédense en casa el día de la elección',
  'Que nadie del distrito 99 vote por Reyes. Es una orden de la patria',
];

/** Background: ordinary accounts on each platform posting their own words at random times. */
function background(n: number, seed = 3): Post[] {
  const random = seededRandom(seed);
  const words = ['lluvia', 'mercado', 'fútbol', 'escuela', 'tráfico', 'receta', 'concierto', 'playa', 'libro', 'tren', 'café', 'museo'];
  const out: Post[] = [];
  for (let i = 0; i < n; i++) {
    const platform = ['x', 'bluesky', 'telegram', 'mastodon'][i % 4]!;
    const text = Array.from({ length: 9 }, () => words[Math.floor(random() * words.length)]).join(' ');
    out.push(makePost({ platform, id: `bg${i}`, authorId: `bg${i % 40}`, authorHandle: `vecino${i % 40}`, createdAt: at(Math.floor(random() * 600)), text, mentions: [], hashtags: random() < 0.2 ? ['domingo'] : [] }));
  }
  return out;
}

/** Each directive copied within minutes on X, Bluesky and Telegram (light edits on Telegram). */
function copies(): Post[] {
  const out: Post[] = [];
  DIRECTIVES.forEach((text, d) => {
    COPIERS.forEach((c, k) => {
      const edited = c.platform === 'telegram' ? `${text}!!` : text;
      out.push(makePost({ ...c, id: `${c.platform}-d${d}`, createdAt: at(d * 120 + 10, k * 70), text: edited, mentions: [] }));
    });
  });
  return out;
}

const keys = (r: Awaited<ReturnType<typeof crossPlatformFromPosts>>, g: number): string[] => r.groups[g]!.members.map((m) => r.cols.accounts.value(m)!).sort();

describe('cross-platform pass', () => {
  it('links the same directive copied on X, Bluesky and Telegram within minutes by three accounts', async () => {
    const r = await crossPlatformFromPosts([[...background(400), ...copies()]]);
    expect(r.groups.length).toBeGreaterThanOrEqual(1);
    expect(keys(r, 0)).toEqual(['bluesky:did:plc:vozdelpueblo', 'telegram:channel7001', 'x:7001']);
    expect(r.groups[0]!.coActions.text).toBeGreaterThanOrEqual(6);
    // Accounts stay distinct per platform even where the handle is the same.
    expect(r.cols.accounts.values.filter((a) => a.endsWith('7001') || a.endsWith('vozdelpueblo'))).toHaveLength(3);
  });

  it('keeps only groups that span platforms', async () => {
    // The same three copies, all on X by three X accounts: a single-platform group, not this pass's.
    const sameSite = copies().map((p, i) => ({ ...p, platform: 'x', authorId: `x${i % 3}` }));
    const r = await crossPlatformFromPosts([[...background(200), ...sameSite]]);
    expect(r.groups).toEqual([]);
  });

  it('links the same URL (as normalised) and the same quoted post across platforms', async () => {
    const posts: Post[] = [];
    for (let d = 0; d < 2; d++) {
      const status = `18000000000000000${d}`;
      posts.push(
        makePost({ platform: 'x', id: `q${d}`, authorId: '11', authorHandle: 'eco_x', createdAt: at(d * 60), text: `mirad ${d}`, mentions: [], quoteOf: status }),
        makePost({ platform: 'telegram', id: `t${d}`, authorId: 'c22', authorHandle: 'eco_tg', createdAt: at(d * 60, 90), text: `reenviado ${d}`, mentions: [], urls: [`https://twitter.com/jefe/status/${status}?s=20`] }),
        makePost({ platform: 'mastodon', id: `m${d}`, authorId: '33', authorHandle: 'eco@social.example', createdAt: at(d * 60 + 30), text: `artículo ${d}`, mentions: [], urls: [`https://www.statetv.example/n/${d}/?utm_source=m`] }),
        makePost({ platform: 'bluesky', id: `b${d}`, authorId: 'did:plc:44', authorHandle: 'eco.bsky', createdAt: at(d * 60 + 31), text: `lean ${d}`, mentions: [], urls: [`https://statetv.example/n/${d}/amp`] }),
      );
    }
    const r = await crossPlatformFromPosts([posts], { kinds: ['link'] });
    const groups = r.groups.map((_, g) => keys(r, g)).sort();
    expect(groups).toEqual([['bluesky:did:plc:44', 'mastodon:33'], ['telegram:c22', 'x:11']]);
    expect(quotedPostOfUrl('https://x.com/i/web/status/123')).toBe('quote:x:123');
    expect(quotedPostOfUrl('https://example.org/status/123')).toBeUndefined();
    expect(quotedPostOfUrl('https://bsky.app/profile/eco.bsky.social/post/3kq2fwxyzab2c')).toBe('quote:bluesky:3kq2fwxyzab2c');
    expect(quotedPostOf('bluesky', 'at://did:plc:abc123/app.bsky.feed.post/3kq2fwxyzab2c')).toBe('quote:bluesky:3kq2fwxyzab2c');
    expect(quotedPostOfUrl('https://Social.Example/@eco/112233445566')).toBe('quote:mastodon:social.example/112233445566');
    expect(quotedPostOf('mastodon', 'https://social.example/users/eco/statuses/112233445566')).toBe('quote:mastodon:social.example/112233445566');
    expect(quotedPostOf('x', '1800')).toBe('quote:x:1800');
  });

  it('ignores reposts, whose objects are someone else’s', () => {
    const cols = new PostColumns(['text', 'link', 'hashtag']);
    expect(addCrossPlatformPost(cols, makePost({ repostOf: '1', urls: ['https://a.example'] }))).toBe(-1);
    expect(cols.posts).toBe(0);
  });

  it('files findings with platform-qualified accounts and evidence, naming the platforms', async () => {
    const r = await crossPlatformFromPosts([[...background(400), ...copies()]]);
    const watchlist = makeWatchlist();
    const findings = crossPlatformFindings(r, { watchlist, matcher: coordMatcher(compileWatchlist(watchlist)) });
    const f = findings.find((x) => x.kind === 'coordination')!;
    expect(f, JSON.stringify(r.groups.map((g) => g.score))).toBeDefined();
    expect(f.id).toMatch(/^coordination:cross-platform:group:/);
    expect([...f.subjects.accounts].sort()).toEqual(['bluesky:voz_del_pueblo', 'telegram:voz_canal', 'x:voz_del_pueblo']);
    expect(f.detail['platforms']).toEqual(['bluesky', 'telegram', 'x']);
    expect(f.targets.candidateIds).toContain('cand-reyes');
    expect(f.evidence.length).toBeGreaterThan(0);
    for (const e of f.evidence) expect(e.ref).toMatch(/^(x|bluesky|telegram):(x|bluesky|telegram)-d\d$/);
    expect(f.explanation).toMatch(/^Across bluesky, telegram, x: /);
  });

  it('runs inside `analyze`: one store, four platforms, one cross-platform coordination finding', async () => {
    const store = await openSqliteStore(join(mkdtempSync(join(tmpdir(), 'vigil-xp-')), 'v.db'));
    try {
      await store.putPosts([...background(400), ...copies()]);
      await analyzeStore(store, makeWatchlist());
      const cross = (await store.listFindings()).filter((f) => f.detail['crossPlatform']);
      expect(cross.map((f) => [f.kind, [...f.subjects.accounts].sort()])).toEqual([['coordination', ['bluesky:voz_del_pueblo', 'telegram:voz_canal', 'x:voz_del_pueblo']]]);
    } finally {
      await store.close();
    }
  });
});
