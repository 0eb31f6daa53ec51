/**
 * U+0000 in stored text. PostgreSQL `text` and `jsonb` cannot hold it (SQLite can), and a valid JSON
 * string may carry it as `\u0000`. So that both stores keep the post and hold the same content, every
 * NUL in a post's fields is replaced by U+2400 SYMBOL FOR NULL (`␀`, visible, one UTF-16 unit, so
 * offsets do not move) and the post gets a note naming the fields. `contentHash` stays the hash of the
 * record as read: the note says which NULs were replaced, so the original can be rebuilt.
 */
import type { Account, Post, QuarantineEntry } from '../model/types.js';

/** What a NUL becomes. */
export const NUL_SUBSTITUTE = '\u2400';

/** `s` with every U+0000 replaced (the same string when it holds none). */
export function withoutNul(s: string): string {
  return s.includes('\u0000') ? s.replaceAll('\u0000', NUL_SUBSTITUTE) : s;
}

/** UTF-16 positions of the NULs in `s` (at most `max`). */
function nulPositions(s: string, max = 32): number[] {
  const out: number[] = [];
  for (let i = s.indexOf('\u0000'); i >= 0 && out.length < max; i = s.indexOf('\u0000', i + 1)) out.push(i);
  return out;
}

const POST_STRINGS = ['id', 'authorId', 'authorHandle', 'text', 'lang', 'replyTo', 'repostOf', 'quoteOf', 'repostOfAuthor', 'raw'] as const;
const POST_LISTS = ['urls', 'hashtags', 'mentions'] as const;

/**
 * The post unchanged when no field holds a NUL; else a copy with NULs replaced and a note such as
 * `text: 2 U+0000 (NUL) characters at 4, 9 stored as U+2400 (␀); …`.
 */
export function nulFreePost(post: Post): Post {
  let copy: Post | undefined;
  const notes: string[] = [];
  for (const field of POST_STRINGS) {
    const v = post[field];
    if (typeof v !== 'string' || !v.includes('\u0000')) continue;
    copy ??= { ...post };
    const at = nulPositions(v);
    const count = v.split('\u0000').length - 1;
    notes.push(`${field}: ${count} U+0000 (NUL) character${count > 1 ? 's' : ''} at ${at.join(', ')}${count > at.length ? ', …' : ''}`);
    copy[field] = withoutNul(v);
  }
  for (const field of POST_LISTS) {
    if (!post[field].some((v) => v.includes('\u0000'))) continue;
    copy ??= { ...post };
    notes.push(`${field}: U+0000 (NUL) characters in the list`);
    copy[field] = post[field].map(withoutNul);
  }
  if (post.source.file.includes('\u0000')) {
    copy ??= { ...post };
    copy.source = { ...post.source, file: withoutNul(post.source.file) };
  }
  if (!copy) return post;
  const note = `${notes.join('; ')}: stored as U+2400 (${NUL_SUBSTITUTE}), since PostgreSQL cannot hold U+0000; contentHash is of the record as read`;
  copy.notes = [...(post.notes ?? []), note];
  return copy;
}

/** The account with NULs replaced in its fields (no note: profiles are not evidence). */
export function nulFreeAccount(account: Account): Account {
  let copy: Account | undefined;
  for (const field of ['id', 'handle', 'displayName', 'description', 'location', 'createdAt'] as const) {
    const v = account[field];
    if (typeof v === 'string' && v.includes('\u0000')) (copy ??= { ...account })[field] = withoutNul(v);
  }
  return copy ?? account;
}

/** The entry with NULs replaced in its reason, excerpt and source (excerpts are cut raw input). */
export function nulFreeQuarantine(entry: QuarantineEntry): QuarantineEntry {
  const dirty = entry.reason.includes('\u0000') || entry.excerpt?.includes('\u0000') || entry.field?.includes('\u0000') || entry.source.file.includes('\u0000') || entry.source.cursor?.includes('\u0000');
  if (!dirty) return entry;
  const copy: QuarantineEntry = { ...entry, source: { ...entry.source, file: withoutNul(entry.source.file) }, reason: withoutNul(entry.reason) };
  if (entry.source.cursor !== undefined) copy.source.cursor = withoutNul(entry.source.cursor);
  if (entry.excerpt !== undefined) copy.excerpt = withoutNul(entry.excerpt);
  if (entry.field !== undefined) copy.field = withoutNul(entry.field);
  return copy;
}
