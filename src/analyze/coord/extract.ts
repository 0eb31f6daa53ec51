/**
 * From posts to co-action rows. Both the store path (`Post` batches) and the columnar file path
 * call `addCoActions`, so a post yields the same rows either way.
 *
 * Objects per kind:
 *  - repost: the reposted post id;
 *  - link: each distinct URL after `normalizeUrl` (reposts excluded: their links are someone else's),
 *    or with `urls: 'as-written'` one row per URL the post lists, exactly as written (what
 *    CooRTweet and the toolkit were fed);
 *  - hashtag: one row per hashtag the post lists, case-folded (reposts excluded): a post that lists
 *    a tag twice gives two rows, as CooRTweet counts input rows; `distinctHashtags` keeps one;
 *  - reply: the replied-to post id;
 *  - mention: each watched handle or account id mentioned (reposts excluded);
 *  - text: the normalized text (`normalizeText`; reposts and texts shorter than 20 characters
 *    excluded), later merged into near-duplicate clusters by MinHash.
 * Empty objects are never rows (the toolkit's empty-URL bug pairs every link-less post).
 */
import type { Post } from '../../model/types.js';
import { foldText } from '../../util/normalize.js';
import { PostColumns, type CoKind } from './columns.js';

/**
 * Query parameters that track the click, not the content: analytics campaigns (utm_*, Matomo
 * mtm_* and pk_*, AT Internet at_*), ad click ids (fbclid, gclid, dclid, gbraid, wbraid, msclkid,
 * yclid, twclid, ttclid, li_fat_id), mail tools (mc_cid, mc_eid, _hsenc, _hsmi, mkt_tok, vero_id),
 * share ids (igshid, si, ref_src, ref_url) and Google's cross-domain _ga/_gl.
 */
const TRACKING =
  /^(utm_[a-z0-9_]*|mtm_[a-z0-9_]*|pk_[a-z0-9_]*|at_(medium|campaign|platform|source)|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|yclid|twclid|ttclid|li_fat_id|mc_cid|mc_eid|_hsenc|_hsmi|mkt_tok|vero_id|igshid|si|ref_src|ref_url|_ga|_gl)$/i;
/** Query parameters that ask for the AMP rendering of the same page. */
const AMP_PARAM = /^(amp|amp_js_v|usqp|outputtype)$/i;
const MAX_URL = 2048;

/**
 * Normalize a URL for co-link, so that the variants of one article are one object:
 *  - scheme: `http` and `https` are one (written `https`); scheme and host lower case; default
 *    port, user info and fragment dropped; a URL without a scheme (`example.org/a`) is read as web;
 *  - host: a leading `www.` or `amp.` removed;
 *  - AMP: Google AMP cache and viewer URLs (`*.cdn.ampproject.org/c/s/HOST/PATH`,
 *    `www.google.com/amp/s/HOST/PATH`) replaced by the page they carry; `/amp` at either end of the path,
 *    `.amp` before the extension, and `amp=1`, `usqp`, `outputType=amp` parameters removed;
 *  - query: tracking parameters (`TRACKING`: utm_*, fbclid, gclid, …) removed, the rest sorted by
 *    name (stable), so parameter order does not split an object;
 *  - path: trailing slashes removed; path case kept (servers may tell `/A` from `/a`).
 * Short links (t.co, bit.ly) cannot be expanded offline: readers give the expansion when the source
 * has it (X `entities.urls[].unwound_url`, else `expanded_url`), and an unexpanded short link stays
 * its own object. Returns undefined for an empty value; an unparseable one is kept trimmed.
 *
 * @example normalizeUrl('HTTP://www.News.Example/a/amp/?utm_source=x&id=3#top') // 'https://news.example/a?id=3'
 */
export function normalizeUrl(raw: string): string | undefined {
  // Popular links repeat: a bounded cache saves a URL parse per row.
  const hit = urlCache.get(raw);
  if (hit !== undefined) return hit || undefined;
  const out = parseAndNormalize(raw, 0);
  if (urlCache.size >= CACHE_MAX) urlCache.clear();
  urlCache.set(raw, out ?? '');
  return out;
}

const CACHE_MAX = 200_000;
const urlCache = new Map<string, string>();

/** The page an AMP cache or viewer URL carries (`s/` = https), or undefined. */
function ampInner(u: URL): string | undefined {
  const host = u.hostname;
  let m: RegExpExecArray | null = null;
  if (host.endsWith('.cdn.ampproject.org')) m = /^\/[cvi]\/(s\/)?([^/]+\.[^/]+(?:\/.*)?)$/.exec(u.pathname);
  else if (/^(www\.)?google\.[a-z.]{2,6}$/.test(host)) m = /^\/amp\/(s\/)?([^/]+\.[^/]+(?:\/.*)?)$/.exec(u.pathname);
  if (!m) return undefined;
  return `${m[1] ? 'https' : 'http'}://${m[2]}${u.search}`;
}

function parseAndNormalize(raw: string, depth: number): string | undefined {
  const s = raw.trim();
  if (s === '' || s.length > MAX_URL) return s === '' ? undefined : s.slice(0, MAX_URL);
  let u: URL;
  try {
    u = new URL(/^[a-z][a-z0-9+.-]*:/i.test(s) ? s : `http://${s}`);
  } catch {
    return s;
  }
  const web = u.protocol === 'http:' || u.protocol === 'https:';
  if (web && depth === 0) {
    const inner = ampInner(u);
    if (inner) return parseAndNormalize(inner, 1);
  }
  const keep: [string, string][] = [];
  for (const [k, v] of u.searchParams) if (!TRACKING.test(k) && !(web && AMP_PARAM.test(k) && isAmpValue(k, v))) keep.push([k, v]);
  keep.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const query = keep.length ? `?${new URLSearchParams(keep).toString()}` : '';
  let path = u.pathname;
  let host = u.host;
  if (web) {
    // Only where a registrable name remains: `www.example` keeps its `www.`.
    for (let m; (m = /^(?:www\d?|amp)\.(?=[^.]+\.[^.])/.exec(host)); ) host = host.slice(m[0].length);
    path = path.replace(/^\/amp(?=\/|$)/, '').replace(/\/amp\/?$/, '').replace(/\.amp(?=\.html?$|$)/, '');
  }
  while (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  if (path === '/') path = '';
  return `${web ? 'https:' : u.protocol}//${host}${path}${query}`;
}

/** `amp=1`, `amp`, `amp=true`, `outputType=amp`, `usqp=…`, `amp_js_v=…`: requests for the AMP page. */
function isAmpValue(key: string, value: string): boolean {
  const k = key.toLowerCase();
  if (k === 'outputtype') return value.toLowerCase() === 'amp';
  if (k === 'amp') return value === '' || value === '1' || value.toLowerCase() === 'true';
  return true;
}

/** A hashtag for co-hashtag: without '#', NFC, lower case. */
export function normalizeHashtag(tag: string): string {
  const t = tag.charCodeAt(0) === 0x23 ? tag.replace(/^#+/, '') : tag;
  // NFC only matters outside ASCII.
  return (/^[\x00-\x7f]*$/.test(t) ? t : t.normalize('NFC')).toLowerCase().slice(0, 280);
}

/** Minimum length of normalized text to take part in text co-actions (shorter texts collide by chance). */
export const MIN_TEXT_LENGTH = 20;

/**
 * Text for text co-actions: the retweet prefix (`RT @x:`), URLs and @mentions removed, then folded
 * (`foldText`: lower case, accents and punctuation removed). Bounded to 2,000 characters.
 */
export function normalizeText(text: string): string {
  return foldText(
    text
      .slice(0, 2000)
      .replace(/^RT @[\w.]{1,50}:/, ' ')
      .replace(/https?:\/\/\S{1,2000}/g, ' ')
      .replace(/@[\w.]{1,50}/g, ' '),
  );
}

/** The fields of a post that co-actions use. */
export interface ActionFields {
  /** A repost (retweet), even when the reposted id is unknown. */
  isRepost?: boolean;
  repostOf?: string;
  replyTo?: string;
  urls: readonly string[];
  hashtags: readonly string[];
  mentions: readonly string[];
  text?: string;
}

/** Options of the extraction. */
export interface ExtractOptions {
  /** Mentions that count for co-mention (folded handles or account ids of watched candidates). */
  watchedMentions?: ReadonlySet<string>;
  /** Keep each post's original text (to match a group's posts against a watchlist). */
  keepRawText?: boolean;
  /**
   * Co-link objects: `normalized` (default; `normalizeUrl`, one row per distinct result) or
   * `as-written` (one row per listed URL, untouched: CooRTweet's input, for exact comparison).
   */
  urls?: 'normalized' | 'as-written';
  /** One co-hashtag row per distinct tag of a post (default: one per listed tag, as CooRTweet counts). */
  distinctHashtags?: boolean;
}

function addDistinct(cols: PostColumns, kind: CoKind, post: number, values: (string | undefined)[]): void {
  const table = cols.tables.get(kind)!;
  if (values.length === 1) {
    if (values[0]) table.add(values[0], post);
    return;
  }
  const seen = new Set<string>();
  for (const v of values) {
    if (!v || seen.has(v)) continue;
    seen.add(v);
    table.add(v, post);
  }
}

function addEach(cols: PostColumns, kind: CoKind, post: number, values: readonly string[]): void {
  const table = cols.tables.get(kind)!;
  for (const v of values) if (v) table.add(v, post);
}

/** Add the co-action rows of post `post` (an index from `cols.addPost`). */
export function addCoActions(cols: PostColumns, post: number, f: ActionFields, opts: ExtractOptions = {}): void {
  if (f.isRepost || f.repostOf) {
    if (f.repostOf) cols.tables.get('repost')?.add(f.repostOf, post);
    return;
  }
  if (f.replyTo) cols.tables.get('reply')?.add(f.replyTo, post);
  if (f.urls.length && cols.tables.has('link')) {
    if (opts.urls === 'as-written') addEach(cols, 'link', post, f.urls);
    else addDistinct(cols, 'link', post, f.urls.map(normalizeUrl));
  }
  if (f.hashtags.length && cols.tables.has('hashtag')) {
    const tags = f.hashtags.map(normalizeHashtag);
    if (opts.distinctHashtags) addDistinct(cols, 'hashtag', post, tags);
    else addEach(cols, 'hashtag', post, tags);
  }
  const watched = opts.watchedMentions;
  if (watched && f.mentions.length && cols.tables.has('mention')) {
    addDistinct(cols, 'mention', post, f.mentions.map((m) => m.replace(/^@+/, '').toLowerCase()).filter((m) => watched.has(m)));
  }
  if (f.text !== undefined && cols.tables.has('text')) {
    const t = normalizeText(f.text);
    if (t.length >= MIN_TEXT_LENGTH) {
      cols.tables.get('text')!.add(t, post);
    }
  }
}

/**
 * What `addPost` reads of a post. Source and hash are optional: `vigil analyze` reads posts without
 * them (and without the raw record) and looks up only the posts of the groups it reports.
 */
export type EnginePost = Pick<Post, 'id' | 'authorId' | 'authorHandle' | 'createdAt' | 'text' | 'urls' | 'hashtags' | 'mentions' | 'replyTo' | 'repostOf' | 'repostOfAuthor'> &
  Partial<Pick<Post, 'source' | 'contentHash'>>;

/** Add one normalized `Post` (store path). Returns the post index, or -1 when its time is invalid. */
export function addPost(cols: PostColumns, p: EnginePost, opts: ExtractOptions = {}): number {
  const t = Date.parse(p.createdAt);
  if (!Number.isFinite(t)) return -1;
  const i = cols.addPost(p.id, p.authorId || p.authorHandle, t);
  if (opts.keepRawText) cols.rawText[i] = p.text;
  if (p.source) cols.evidence.source[i] = p.source;
  if (p.contentHash) cols.evidence.sha256[i] = p.contentHash;
  cols.accountHandles[cols.author.data[i]] = p.authorHandle;
  if (p.repostOfAuthor) cols.repostAuthor.set(i, cols.accounts.id(p.repostOfAuthor));
  addCoActions(cols, i, { repostOf: p.repostOf, replyTo: p.replyTo, urls: p.urls, hashtags: p.hashtags, mentions: p.mentions, text: p.text }, opts);
  return i;
}
