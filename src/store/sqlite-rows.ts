/**
 * A post as the values of one SQLite `posts` row, in column order. Its own module (no database
 * import) so that the ingest worker thread can encode rows: the main thread then binds plain arrays
 * of strings and numbers, which cross threads several times cheaper than Post objects (issue 13).
 */
import type { Post } from '../model/types.js';

/** The 21 values of a `posts` row (platform … raw, notes), ready to bind. */
export type SqlitePostRow = (string | number | null)[];

/** A list column; most posts have no links, tags or mentions. */
const list = (xs: string[]) => (xs.length ? JSON.stringify(xs) : '[]');

/**
 * `p` as a `posts` row. `p` must have been through nulFreePost (util/nul.ts), as every post from an
 * ingest BatchBuilder has: checking each field again costs about a second per million posts.
 */
export function sqlitePostRow(p: Post): SqlitePostRow {
  return [
    p.platform,
    p.id,
    p.authorId,
    p.authorHandle,
    p.createdAt,
    p.text,
    p.lang ?? null,
    list(p.urls),
    list(p.hashtags),
    list(p.mentions),
    p.replyTo ?? null,
    p.repostOf ?? null,
    p.quoteOf ?? null,
    p.repostOfAuthor ?? null,
    p.source.file,
    p.source.line ?? null,
    p.source.offset ?? null,
    p.source.cursor ?? null,
    p.contentHash,
    p.raw,
    p.notes ? JSON.stringify(p.notes) : null,
  ];
}
