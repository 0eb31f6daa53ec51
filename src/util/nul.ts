/**
 * Text the stores cannot keep as it is. PostgreSQL `text` and `jsonb` cannot hold U+0000 (SQLite
 * can), and a valid JSON string may carry it as `\u0000`; a lone UTF-16 surrogate (`\ud800`, also
 * valid JSON) has no UTF-8 form, and the two stores' drivers replace it differently (one U+FFFD in
 * PostgreSQL, three in SQLite). So that both stores keep the post and hold the same content, every
 * NUL in a post's fields is replaced by U+2400 SYMBOL FOR NULL (`␀`, visible, one UTF-16 unit, so
 * offsets do not move), every lone surrogate by U+FFFD, and the post gets a note naming the fields.
 * `contentHash` stays the hash of the record as read: the note says what was replaced and where.
 */
import type { Account, Post, QuarantineEntry } from '../model/types.js';

/** What a NUL becomes. */
export const NUL_SUBSTITUTE = '\u2400';

/** A high surrogate not followed by a low one, or a low one not after a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** ES2024 String methods, native in Node 20 (the ES2022 lib does not declare them). */
type WellFormed = { isWellFormed(): boolean };

/** Whether `s` holds a NUL or a lone surrogate (the fast path: almost no text does; both checks are native). */
function unstorable(s: string): boolean {
  return s.includes('\u0000') || !(s as unknown as WellFormed).isWellFormed();
}

/** `s` with every U+0000 made U+2400 and every lone surrogate U+FFFD (the same string when clean). */
export function withoutNul(s: string): string {
  if (!unstorable(s)) return s;
  return s.replaceAll('\u0000', NUL_SUBSTITUTE).replace(LONE_SURROGATE, '\ufffd');
}

/** UTF-16 positions of the NULs and lone surrogates in `s` (at most `max`). */
function positions(s: string, max = 32): { nul: number[]; lone: number[]; nuls: number; lones: number } {
  const out = { nul: [] as number[], lone: [] as number[], nuls: 0, lones: 0 };
  for (let i = s.indexOf('\u0000'); i >= 0; i = s.indexOf('\u0000', i + 1)) if (out.nuls++ < max) out.nul.push(i);
  for (const m of s.matchAll(LONE_SURROGATE)) if (out.lones++ < max) out.lone.push(m.index);
  return out;
}

const POST_STRINGS = ['id', 'authorId', 'authorHandle', 'text', 'lang', 'replyTo', 'repostOf', 'quoteOf', 'repostOfAuthor', 'raw'] as const;
const POST_LISTS = ['urls', 'hashtags', 'mentions'] as const;

/**
 * The post unchanged when no field holds a NUL; else a copy with NULs replaced and a note such as
 * `text: 2 U+0000 (NUL) characters at 4, 9 stored as U+2400 (␀); …`.
 */
export function nulFreePost(post: Post): Post {
  if (!dirtyPost(post)) return post;
  let copy: Post | undefined;
  const notes: string[] = [];
  const list = (at: number[], count: number) => `${at.join(', ')}${count > at.length ? ', …' : ''}`;
  for (const field of POST_STRINGS) {
    const v = post[field];
    if (typeof v !== 'string' || !unstorable(v)) continue;
    copy ??= { ...post };
    const p = positions(v);
    const parts: string[] = [];
    if (p.nuls) parts.push(`${p.nuls} U+0000 (NUL) character${p.nuls > 1 ? 's' : ''} at ${list(p.nul, p.nuls)}`);
    if (p.lones) parts.push(`${p.lones} lone surrogate${p.lones > 1 ? 's' : ''} at ${list(p.lone, p.lones)}`);
    notes.push(`${field}: ${parts.join(', ')}`);
    copy[field] = withoutNul(v);
  }
  for (const field of POST_LISTS) {
    if (!post[field].some(unstorable)) continue;
    copy ??= { ...post };
    notes.push(`${field}: U+0000 (NUL) characters or lone surrogates in the list`);
    copy[field] = post[field].map(withoutNul);
  }
  if (unstorable(post.source.file)) {
    copy ??= { ...post };
    copy.source = { ...post.source, file: withoutNul(post.source.file) };
  }
  if (!copy) return post;
  const note = `${notes.join('; ')}: NUL stored as U+2400 (${NUL_SUBSTITUTE}) and lone surrogates as U+FFFD, since the stores cannot hold them; contentHash is of the record as read`;
  copy.notes = [...(post.notes ?? []), note];
  return copy;
}

/** The fast check every stored post passes through: fields read directly, lists in plain loops. */
function dirtyPost(p: Post): boolean {
  if (unstorable(p.text) || unstorable(p.raw) || unstorable(p.id) || unstorable(p.authorId) || unstorable(p.authorHandle) || unstorable(p.source.file)) return true;
  if ((p.lang !== undefined && unstorable(p.lang)) || (p.replyTo !== undefined && unstorable(p.replyTo)) || (p.repostOf !== undefined && unstorable(p.repostOf))) return true;
  if ((p.quoteOf !== undefined && unstorable(p.quoteOf)) || (p.repostOfAuthor !== undefined && unstorable(p.repostOfAuthor))) return true;
  for (const list of [p.urls, p.hashtags, p.mentions]) for (let i = 0; i < list.length; i++) if (unstorable(list[i]!)) return true;
  return false;
}

/** The account with NULs replaced in its fields (no note: profiles are not evidence). */
export function nulFreeAccount(account: Account): Account {
  let copy: Account | undefined;
  for (const field of ['id', 'handle', 'displayName', 'description', 'location', 'createdAt'] as const) {
    const v = account[field];
    if (typeof v === 'string' && unstorable(v)) (copy ??= { ...account })[field] = withoutNul(v);
  }
  return copy ?? account;
}

/** The entry with NULs replaced in its reason, excerpt and source (excerpts are cut raw input). */
export function nulFreeQuarantine(entry: QuarantineEntry): QuarantineEntry {
  const dirty = [entry.reason, entry.excerpt, entry.field, entry.source.file, entry.source.cursor].some((v) => v !== undefined && unstorable(v));
  if (!dirty) return entry;
  const copy: QuarantineEntry = { ...entry, source: { ...entry.source, file: withoutNul(entry.source.file) }, reason: withoutNul(entry.reason) };
  if (entry.source.cursor !== undefined) copy.source.cursor = withoutNul(entry.source.cursor);
  if (entry.excerpt !== undefined) copy.excerpt = withoutNul(entry.excerpt);
  if (entry.field !== undefined) copy.field = withoutNul(entry.field);
  return copy;
}
