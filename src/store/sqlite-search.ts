/**
 * The SQLite store's streamed text search: read the FTS5 matches newest rowid first (FTS5 hands them
 * out in rowid order without reading the rest) and stop as soon as a zone map of the posts table
 * proves that no match not yet read can rank among the page. Posts are stored roughly in time order
 * (an archive, then a live stream), so a page is usually found after reading about `limit` matches,
 * however many posts match; nothing is counted and nothing is sorted but the page's candidates.
 *
 * The zone map holds, per block of 2^ZONE_SHIFT rowids, the oldest and newest `created_at`. Posts are
 * never updated or deleted and new ones get higher rowids, so a block changes only while it is the
 * last one, and the map is kept up to date by reading the posts stored since the last search.
 */
import type Database from 'better-sqlite3';
import type { SearchPlan } from './search.js';

/** Rowids per zone-map block: 2^6 = 64 (about 16,000 blocks per million posts, some 2 MB). */
const ZONE_SHIFT = 6;
/** Matches read before the stream gives up (posts stored far out of time order): the caller falls back. */
export const STREAM_READ_MAX = 20_000;
/** Candidates kept (each costs a row lookup) before the stream gives up. */
export const STREAM_KEEP_MAX = 2_000;

/**
 * SQLite's BINARY order of TEXT (UTF-8 bytes). JavaScript's `<` compares UTF-16 units, which agrees
 * except between a character past U+FFFF (a surrogate pair) and one in U+E000–U+FFFF.
 */
export function binaryCompare(a: string, b: string): number {
  if (a === b) return 0;
  if (SURROGATE.test(a) || SURROGATE.test(b)) return Buffer.compare(Buffer.from(a), Buffer.from(b));
  return a < b ? -1 : 1;
}
const SURROGATE = /[\ud800-\udfff]/;

/** Oldest and newest `created_at` per block of rowids, for the posts up to `upTo`. */
export class ZoneMap {
  private upTo = 0;
  private readonly oldest: (string | undefined)[] = [];
  private readonly newest: (string | undefined)[] = [];
  /** Per block b: the newest `created_at` in blocks 0…b (the newest any post at or below b can be). */
  private readonly newestUpTo: (string | undefined)[] = [];

  private readonly top: Database.Statement;
  /** The FTS5 matches of an expression, newest rowid first. */
  readonly stream: Database.Statement;

  constructor(private readonly db: Database.Database) {
    // Prepared once: each search runs them, and preparing costs more than running.
    this.top = db.prepare('SELECT coalesce(max(rowid), 0) FROM posts').pluck();
    this.stream = db.prepare('SELECT rowid FROM posts_fts WHERE posts_fts MATCH ? ORDER BY rowid DESC').pluck();
  }

  /** Map the posts stored since the last call; returns the highest rowid mapped. */
  refresh(): number {
    const top = this.top.get() as number;
    if (top <= this.upTo) return this.upTo;
    const rows = this.db
      .prepare(`SELECT rowid >> ${ZONE_SHIFT}, min(created_at), max(created_at) FROM posts WHERE rowid > ? AND rowid <= ? GROUP BY 1`)
      .raw()
      .all(this.upTo, top) as [number, string, string][];
    let from = this.newestUpTo.length;
    for (const [b, oldest, newest] of rows) {
      from = Math.min(from, b);
      const o = this.oldest[b];
      const n = this.newest[b];
      this.oldest[b] = o === undefined || binaryCompare(oldest, o) < 0 ? oldest : o;
      this.newest[b] = n === undefined || binaryCompare(newest, n) > 0 ? newest : n;
    }
    for (let b = from; b < this.newest.length; b++) {
      const below = b > 0 ? this.newestUpTo[b - 1] : undefined;
      const own = this.newest[b];
      this.newestUpTo[b] = own === undefined || (below !== undefined && binaryCompare(below, own) > 0) ? below : own;
    }
    this.upTo = top;
    return top;
  }

  /** Whether the posts of a block all pass the plan's time filters (`in`), none do (`out`), or some may. */
  verdict(b: number, plan: SearchPlan): 'in' | 'out' | 'some' {
    const oldest = this.oldest[b];
    const newest = this.newest[b];
    if (oldest === undefined || newest === undefined) return 'out';
    const cursor = plan.after?.createdAt;
    if ((plan.since && binaryCompare(newest, plan.since) < 0) || (plan.until && binaryCompare(oldest, plan.until) >= 0) || (cursor && binaryCompare(oldest, cursor) > 0)) return 'out';
    if ((plan.since && binaryCompare(oldest, plan.since) < 0) || (plan.until && binaryCompare(newest, plan.until) >= 0) || (cursor && binaryCompare(newest, cursor) >= 0)) return 'some';
    return 'in';
  }

  oldestOf(b: number): string {
    return this.oldest[b]!;
  }

  newestUpToBlock(b: number): string | undefined {
    return this.newestUpTo[b];
  }
}

/**
 * The rowids among which the page (`limit` hits and the one after, for the cursor) lies, or
 * `undefined` when the stream gave up (see STREAM_READ_MAX). `fts` is the MATCH expression; the
 * time filters are applied by the caller's query over the rowids, this only skips what they exclude.
 *
 * Why it may stop: each match read from a block that passes the filters whole is at least as new as
 * the block's oldest post. Once `limit + 1` such lower bounds are all newer than the newest post in
 * the blocks not yet read, no unread match can be on the page.
 */
export function streamCandidates(zones: ZoneMap, fts: string, plan: SearchPlan, limit: number): number[] | undefined {
  const upTo = zones.refresh();
  const keep: number[] = [];
  // The limit + 1 newest lower bounds seen, newest first.
  const bounds: string[] = [];
  let block = -1;
  let verdict: 'in' | 'out' | 'some' = 'out';
  let read = 0;
  for (const rowid of zones.stream.iterate(fts) as IterableIterator<number>) {
    if (rowid > upTo) continue;
    if (++read > STREAM_READ_MAX) return undefined;
    const b = rowid >> ZONE_SHIFT;
    if (b !== block) {
      // Everything unread lies in blocks 0…b.
      const newest = zones.newestUpToBlock(b);
      if (newest === undefined || (plan.since && binaryCompare(newest, plan.since) < 0)) break;
      if (bounds.length > limit && binaryCompare(bounds[limit]!, newest) > 0) break;
      block = b;
      verdict = zones.verdict(b, plan);
    }
    if (verdict === 'out') continue;
    if (keep.push(rowid) > STREAM_KEEP_MAX) return undefined;
    if (verdict === 'in') insertBound(bounds, zones.oldestOf(b), limit + 1);
  }
  return keep;
}

/** Insert into a list kept newest first and at most `size` long. */
function insertBound(bounds: string[], value: string, size: number): void {
  if (bounds.length === size && binaryCompare(value, bounds[size - 1]!) <= 0) return;
  let i = bounds.length;
  while (i > 0 && binaryCompare(bounds[i - 1]!, value) < 0) i--;
  bounds.splice(i, 0, value);
  if (bounds.length > size) bounds.pop();
}
