/**
 * Post search pieces both stores share: folding a filter into bounded word lists, and the keyset
 * cursor. Each store turns the word lists into its own index query (SQLite FTS5, PostgreSQL tsquery)
 * with the words passed as data, never as query syntax.
 */
import { StoreError } from '../errors.js';
import { foldHandle, foldText } from '../util/normalize.js';
import type { PostFilter } from './store.js';

/** Words kept from one phrase; more would only slow the index query. */
export const MAX_PHRASE_WORDS = 16;
/** Race terms kept (candidates × (name, aliases, handles) plus the district). */
export const MAX_RACE_TERMS = 200;
/** Characters of the query read before folding (the server refuses more than 200). */
const MAX_QUERY_CHARS = 1000;

/** A filter as the index sees it: phrases of folded words. */
export interface SearchPlan {
  /** Words of `q`, to occur together in order. */
  phrase?: string[];
  /** Phrases of which at least one must occur (a race). */
  anyOf?: string[][];
  /** Folded author (handle without `@`, lower case). */
  author?: string;
  since?: string;
  until?: string;
  after?: SearchKey;
}

/** The sort key of a search hit: newest first, then platform and id descending. */
export interface SearchKey {
  createdAt: string;
  platform: string;
  id: string;
}

function words(text: string): string[] {
  const folded = foldText(text.slice(0, MAX_QUERY_CHARS));
  return folded ? folded.split(' ').slice(0, MAX_PHRASE_WORDS) : [];
}

/**
 * Fold a filter into a plan, or `undefined` when it can match nothing (a query or race with no
 * searchable word, e.g. `q="*"`).
 */
export function planSearch(filter: PostFilter & { after?: string }): SearchPlan | undefined {
  const plan: SearchPlan = {};
  if (filter.q !== undefined) {
    plan.phrase = words(filter.q);
    if (!plan.phrase.length) return undefined;
  }
  if (filter.raceTerms !== undefined) {
    const seen = new Set<string>();
    plan.anyOf = [];
    for (const t of filter.raceTerms) {
      const w = words(t);
      const key = w.join(' ');
      if (!w.length || seen.has(key)) continue;
      seen.add(key);
      plan.anyOf.push(w);
      if (plan.anyOf.length === MAX_RACE_TERMS) break;
    }
    if (!plan.anyOf.length) return undefined;
  }
  if (filter.author) plan.author = foldHandle(filter.author);
  if (filter.since) plan.since = isoTime(filter.since, 'since');
  if (filter.until) plan.until = isoTime(filter.until, 'until');
  if (filter.after !== undefined) plan.after = decodeSearchCursor(filter.after);
  return plan;
}

function isoTime(value: string, name: string): string {
  const t = Date.parse(value);
  if (!Number.isFinite(t)) throw new StoreError(`store: search ${name} is not an ISO time`);
  return new Date(t).toISOString();
}

/** The cursor of a hit: its sort key, NUL-separated (NUL cannot occur in a platform or an id we store). */
export function encodeSearchCursor(key: SearchKey): string {
  return `${key.createdAt}\u0000${key.platform}\u0000${key.id}`;
}

/** Parse a cursor from `encodeSearchCursor`; throws StoreError on anything else. */
export function decodeSearchCursor(cursor: string): SearchKey {
  const parts = cursor.split('\u0000');
  if (parts.length !== 3 || !Number.isFinite(Date.parse(parts[0]!))) throw new StoreError('store: search cursor is not valid');
  return { createdAt: parts[0]!, platform: parts[1]!, id: parts[2]! };
}

/**
 * An FTS5 phrase: the words in double quotes. Folded words hold only letters and digits, so no
 * operator (`"`, `*`, `NEAR(`, `OR`, `:`) can reach the query; quotes are doubled anyway.
 */
export function fts5Phrase(ws: string[]): string {
  return `"${ws.join(' ').replaceAll('"', '""')}"`;
}
