/**
 * Post search by finding kind (`GET /api/v1/posts?kind=directive`): the evidence posts of the
 * findings of that kind (in one race or all), filtered like the store's search (folded words in
 * order, author, time) and paged newest first with the store's cursor format. The store's index
 * knows no findings, so this runs over the cached read models; the evidence set is bounded.
 */
import type { FindingKind, Post } from '../model/types.js';
import { decodeSearchCursor, encodeSearchCursor, type SearchKey } from '../store/search.js';
import type { Store } from '../store/store.js';
import { foldHandle, foldText } from '../util/normalize.js';
import type { Views } from './views.js';

/** Evidence posts read per kind and race; past this the oldest findings' posts are left out. */
export const KIND_EVIDENCE_CAP = 5000;

/** Evidence posts per (kind, race), for the views' current version. */
const cache = new WeakMap<Views, { version: number; byKey: Map<string, Promise<Post[]>> }>();

function evidencePosts(store: Store, views: Views, kind: FindingKind, raceId: string | undefined): Promise<Post[]> {
  let entry = cache.get(views);
  if (entry?.version !== views.version) cache.set(views, (entry = { version: views.version, byKey: new Map() }));
  const key = `${kind}\u0000${raceId ?? ''}`;
  let posts = entry.byKey.get(key);
  if (!posts) {
    posts = readEvidencePosts(store, views, kind, raceId);
    entry.byKey.set(key, posts);
    const byKey = entry.byKey;
    posts.catch(() => byKey.delete(key));
  }
  return posts;
}

async function readEvidencePosts(store: Store, views: Views, kind: FindingKind, raceId: string | undefined): Promise<Post[]> {
  const refs = new Set<string>();
  for (const race of views.watchlist.races) {
    if (raceId && race.id !== raceId) continue;
    const v = await views.raceView(race);
    // Newest findings first, so the cap drops the oldest.
    for (let i = v.findings.length - 1; i >= 0 && refs.size < KIND_EVIDENCE_CAP; i--) {
      const f = v.findings[i];
      if (f.kind === kind) for (const e of f.evidence) if (e.kind === 'post') refs.add(e.ref);
    }
  }
  const posts: Post[] = [];
  for (const ref of [...refs].slice(0, KIND_EVIDENCE_CAP)) {
    const colon = ref.indexOf(':');
    const p = colon > 0 ? await store.getPost(ref.slice(0, colon), ref.slice(colon + 1)) : undefined;
    if (p) posts.push(p);
  }
  posts.sort((a, b) => -compare(keyOf(a), keyOf(b)));
  return posts;
}

const keyOf = (p: Post): SearchKey => ({ createdAt: p.createdAt, platform: p.platform, id: p.id });
function compare(a: SearchKey, b: SearchKey): number {
  for (const k of ['createdAt', 'platform', 'id'] as const) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  return 0;
}

export async function searchPostsOfKind(
  store: Store,
  views: Views,
  filter: { kind: FindingKind; raceId?: string; q?: string; author?: string; since?: string; until?: string },
  after: string | undefined,
  limit: number,
): Promise<{ posts: Post[]; next?: string }> {
  const all = await evidencePosts(store, views, filter.kind, filter.raceId);
  const phrase = filter.q ? ` ${foldText(filter.q)} ` : undefined;
  const author = filter.author ? foldHandle(filter.author) : undefined;
  const since = filter.since ? new Date(filter.since).toISOString() : undefined;
  const until = filter.until ? new Date(filter.until).toISOString() : undefined;
  const from = after === undefined ? undefined : decodeSearchCursor(after);
  const out: Post[] = [];
  let more = false;
  for (const p of all) {
    if (from && compare(keyOf(p), from) >= 0) continue;
    if (since && p.createdAt < since) continue;
    if (until && p.createdAt >= until) continue;
    if (author && p.authorHandle.toLowerCase() !== author && p.authorId.toLowerCase() !== author) continue;
    if (phrase && !` ${foldText(p.text)} `.includes(phrase)) continue;
    if (out.length === limit) {
      more = true;
      break;
    }
    out.push(p);
  }
  return { posts: out, next: more ? encodeSearchCursor(keyOf(out[out.length - 1])) : undefined };
}
