import { badRequest } from './errors.js';

/** One page of a list, with the cursor for the next page (absent on the last). */
export interface Page<T> {
  items: T[];
  next?: string;
}

/** Limit from `?limit=`, 1..max (default `fallback`). */
export function parseLimit(value: string | null, fallback = 50, max = 500): number {
  if (value === null) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw badRequest(`limit must be an integer from 1 to ${max}`);
  return n;
}

/** Opaque cursors: the sort key of the last item sent, base64url-encoded. */
export function encodeCursor(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null): string | undefined {
  if (cursor === null) return undefined;
  if (!/^[A-Za-z0-9_-]{1,2048}$/.test(cursor)) throw badRequest('cursor is not valid');
  return Buffer.from(cursor, 'base64url').toString('utf8');
}

/**
 * Keyset pagination over a list sorted by `keyOf` ascending: the page holds the items whose key is
 * after the cursor's, so inserts between requests neither repeat nor skip items.
 */
export function paginate<T>(sorted: T[], keyOf: (item: T) => string, cursor: string | null, limit: number): Page<T> {
  const after = decodeCursor(cursor);
  let lo = 0;
  if (after !== undefined) {
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keyOf(sorted[mid]) <= after) lo = mid + 1;
      else hi = mid;
    }
  }
  const items = sorted.slice(lo, lo + limit);
  const more = lo + limit < sorted.length;
  return more ? { items, next: encodeCursor(keyOf(items[items.length - 1])) } : { items };
}
