/**
 * Cross-platform coordination: the same directive copied to X, Bluesky, Telegram and Mastodon by
 * different accounts within minutes. `vigil analyze` runs the engine once per platform (reposted
 * ids and reply targets do not cross platforms); this pass runs the co-actions whose objects do
 * cross — near-identical text, the same normalised URL, the same hashtag, the same quoted post —
 * over every social platform at once, and keeps the groups that span two platforms or more.
 *
 * Accounts stay distinct per platform: every account key is `platform:id` (and its label
 * `platform:handle`), every post id `platform:id`, so `@ana` on X and `@ana` on Bluesky are two
 * accounts unless they act together. Quoted posts: a quote of X post 123 and a link to
 * `x.com/…/status/123` on any platform are one object (`quote:x:123`); likewise a Bluesky quote
 * (`at://…/app.bsky.feed.post/RKEY`) and a `bsky.app/profile/…/post/RKEY` link, and a Mastodon
 * quote and a link to the status (`quotedPostOfUrl`).
 */
import type { Finding, Post } from '../../model/types.js';
import { PostColumns, type CoKind } from './columns.js';
import { runEngineParallel, type EngineOptions, type EngineResult } from './engine.js';
import { addCoActions, normalizeUrl, type EnginePost } from './extract.js';
import { coordinationFindings, scoredMemberIds, type CoordMatcher, type FindingOptions } from './findings.js';

/** Kinds whose objects mean the same on every platform. */
export const CROSS_PLATFORM_KINDS: readonly CoKind[] = ['text', 'link', 'hashtag'];

/**
 * Defaults of the pass: copies to other platforms come minutes, not seconds, after the original
 * (posting by hand or through a scheduler), so the window is 5 minutes; a pair must co-act twice.
 */
export const CROSS_PLATFORM_DEFAULTS: Partial<EngineOptions> = { kinds: CROSS_PLATFORM_KINDS, timeWindow: 300, minParticipation: 2, threshold: { minWeight: 2 } };

const X_STATUS = /^https?:\/\/(?:(?:www|mobile|m)\.)?(?:twitter|x)\.com\/(?:[A-Za-z0-9_]{1,50}|i\/web|i)\/status(?:es)?\/(\d{1,20})/i;
// Bluesky record keys (TIDs: time + random) are unique enough to stand for the post without its author's DID.
const BSKY_LINK = /^https?:\/\/(?:www\.)?bsky\.app\/profile\/[^/\s]{1,253}\/post\/([a-z0-9]{10,20})(?:[/?#]|$)/i;
const BSKY_URI = /^at:\/\/[^/\s]{1,253}\/app\.bsky\.feed\.post\/([a-z0-9]{10,20})$/i;
// Mastodon: https://HOST/@user/ID (web) and https://HOST/users/user/statuses/ID (ActivityPub uri).
const MASTODON = /^https?:\/\/([^/\s]{1,253})\/(?:@[^/\s]{1,100}|users\/[^/\s]{1,100}\/statuses)\/(\d{1,20})(?:[/?#]|$)/i;

/**
 * The quoted-post object of a link, when the link points at a post: X status URLs
 * (`quote:x:ID`), Bluesky post links (`quote:bluesky:RKEY`), Mastodon status URLs
 * (`quote:mastodon:HOST/ID`).
 */
export function quotedPostOfUrl(url: string): string | undefined {
  const u = url.trim();
  let m = X_STATUS.exec(u);
  if (m) return `quote:x:${m[1]}`;
  if ((m = BSKY_LINK.exec(u) ?? BSKY_URI.exec(u))) return `quote:bluesky:${m[1]}`;
  if ((m = MASTODON.exec(u))) return `quote:mastodon:${m[1]!.toLowerCase()}/${m[2]}`;
  return undefined;
}

/** The quoted-post object of a native quote (`quoteOf`) on `platform`, in the same form as links. */
export function quotedPostOf(platform: string, quoteOf: string): string {
  return quotedPostOfUrl(quoteOf) ?? (platform === 'x' && /^\d{1,20}$/.test(quoteOf) ? `quote:x:${quoteOf}` : `quote:${platform}:${quoteOf}`);
}

/** Platform of a platform-qualified key (`x:123` → `x`). */
export function platformOf(key: string): string {
  const i = key.indexOf(':');
  return i < 0 ? '' : key.slice(0, i);
}

const unqualify = (key: string): string => key.slice(key.indexOf(':') + 1);

/**
 * Add one post with platform-qualified account and post ids. Reposts add nothing (their objects
 * are someone else's). Returns the post index, or -1 when the time is invalid or it is a repost.
 */
export function addCrossPlatformPost(cols: PostColumns, p: EnginePost & Pick<Post, 'platform' | 'quoteOf'>): number {
  const t = Date.parse(p.createdAt);
  if (!Number.isFinite(t) || p.repostOf) return -1;
  const account = `${p.platform}:${p.authorId || p.authorHandle}`;
  const i = cols.addPost(`${p.platform}:${p.id}`, account, t);
  cols.rawText[i] = p.text;
  if (p.source) cols.evidence.source[i] = p.source;
  if (p.contentHash) cols.evidence.sha256[i] = p.contentHash;
  cols.accountHandles[cols.author.data[i]] ??= `${p.platform}:${p.authorHandle}`;
  const links = new Set<string>();
  for (const u of p.urls) {
    const o = quotedPostOfUrl(u) ?? normalizeUrl(u);
    if (o) links.add(o);
  }
  if (p.quoteOf) links.add(quotedPostOf(p.platform, p.quoteOf));
  // Objects are final here, so they go in as written; one row per distinct tag.
  addCoActions(cols, i, { urls: [...links], hashtags: p.hashtags, mentions: [], text: p.text }, { urls: 'as-written', distinctHashtags: true });
  return i;
}

/** Keep the groups whose members come from two platforms or more. */
function crossPlatformOnly(r: EngineResult): EngineResult {
  const groups = r.groups.filter((g) => new Set(g.members.map((m) => platformOf(r.cols.accounts.value(m)))).size >= 2);
  return { ...r, groups };
}

/**
 * Run text, link and hashtag co-actions over the posts of every platform given at once, with
 * platform-qualified accounts; the result keeps only groups that span platforms.
 *
 * @example
 * const r = await crossPlatformFromPosts(store.iteratePosts({ batchSize: 5000 }), { platforms: new Set(['x', 'bluesky', 'telegram']) });
 * r.groups[0].members.map((m) => r.cols.accounts.value(m)); // ['x:901', 'bluesky:did:plc:…', 'telegram:channel7']
 */
export async function crossPlatformFromPosts(
  batches: AsyncIterable<(EnginePost & Pick<Post, 'platform' | 'quoteOf'>)[]> | Iterable<(EnginePost & Pick<Post, 'platform' | 'quoteOf'>)[]>,
  opts: Partial<EngineOptions> & { platforms?: ReadonlySet<string>; threads?: number } = {},
): Promise<EngineResult> {
  const options = { ...CROSS_PLATFORM_DEFAULTS, ...opts };
  const kinds = [...(options.kinds ?? CROSS_PLATFORM_KINDS)].filter((k) => CROSS_PLATFORM_KINDS.includes(k));
  const cols = new PostColumns(kinds);
  for await (const batch of batches) {
    for (const p of batch) if (!opts.platforms || opts.platforms.has(p.platform)) addCrossPlatformPost(cols, p);
  }
  return crossPlatformOnly(await runEngineParallel(cols, { ...options, kinds }));
}

/**
 * Findings for cross-platform groups, from `coordinationFindings`: accounts are written
 * `platform:handle` and evidence `platform:id` as everywhere else, registry attribution asks each
 * member's own platform, and `detail.platforms` lists the platforms the group spans.
 */
export function crossPlatformFindings(r: EngineResult, opts: Omit<FindingOptions, 'platform'>): Finding[] {
  // Labels and keys are already qualified: attribute each on its own platform.
  const matcher: CoordMatcher = {
    matchEntities: (text) => opts.matcher.matchEntities(text),
    attribute: (_platform, handle) => opts.matcher.attribute(platformOf(handle), unqualify(handle)),
  };
  // The findings code writes `${platform}:${label}`; with an empty platform that is `:x:handle`.
  const strip = (s: string): string => (s.startsWith(':') ? s.slice(1) : s);
  return coordinationFindings(r, { ...opts, matcher, platform: '' }).map((f) => {
    const accounts = f.subjects.accounts.map(strip);
    const platforms = [...new Set(accounts.map(platformOf))].sort();
    return {
      ...f,
      id: f.id.replace(/^(\w+):/, '$1:cross-platform:'),
      subjects: { ...f.subjects, accounts },
      evidence: f.evidence.map((e) => ({ ...e, ref: strip(e.ref) })),
      explanation: `Across ${platforms.join(', ')}: ${f.explanation}`,
      detail: { ...f.detail, platforms, crossPlatform: true },
    };
  });
}

/** What the store pass needs of a store. */
export interface CrossPlatformStore {
  iteratePosts(options?: { batchSize?: number }): AsyncIterable<Post[]>;
  accountCreatedTimes(platform: string, ids: Iterable<string>): Promise<Map<string, string>>;
}

/** Creation times of platform-qualified accounts (`x:123`), looked up on each account's platform. */
export async function qualifiedCreatedTimes(store: Pick<CrossPlatformStore, 'accountCreatedTimes'>, platforms: Iterable<string>, accounts: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const platform of platforms) {
    const prefix = `${platform}:`;
    const ids = accounts.filter((a) => a.startsWith(prefix)).map((a) => a.slice(prefix.length));
    for (const [id, at] of await store.accountCreatedTimes(platform, ids)) out.set(prefix + id, at);
  }
  return out;
}

/**
 * The pass over a store for `vigil analyze`: the posts of the given social platforms, when there
 * are two or more, turned into cross-platform findings.
 */
export async function crossPlatformCoordination(
  store: CrossPlatformStore,
  platforms: Iterable<string>,
  opts: Omit<FindingOptions, 'platform' | 'accountCreated'> & { engine?: Partial<EngineOptions> },
): Promise<Finding[]> {
  const social = new Set(platforms);
  if (social.size < 2) return [];
  const r = await crossPlatformFromPosts(store.iteratePosts({ batchSize: 5000 }), { ...opts.engine, platforms: social });
  if (!r.groups.length) return [];
  const accountCreated = await qualifiedCreatedTimes(store, social, scoredMemberIds(r, opts.minScore));
  return crossPlatformFindings(r, { ...opts, accountCreated });
}
