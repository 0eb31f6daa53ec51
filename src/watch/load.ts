import { readFile } from 'node:fs/promises';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { UsageError, WatchlistError } from '../errors.js';
import type { Watchlist } from '../model/types.js';
import { WATCHLIST_SCHEMA, toWatchlist } from './schema.js';

type Issue = { path: string; message: string };

/** `races[0].candidates[1].handles.x` from a zod path. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(top level)';
}

function zodIssues(error: z.ZodError): Issue[] {
  const issues: Issue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) issues.push({ path: formatPath([...issue.path, key]), message: 'unknown key' });
    } else {
      issues.push({ path: formatPath(issue.path), message: issue.message });
    }
  }
  return issues;
}

/** Checks that span records: unique ids, affiliations that point at a registry actor, date order. */
function crossCheck(w: Watchlist): Issue[] {
  const issues: Issue[] = [];
  const seen = new Map<string, string>();
  const claim = (id: string, path: string) => {
    const first = seen.get(id);
    if (first) issues.push({ path, message: `id "${id}" is already used at ${first}` });
    else seen.set(id, path);
  };
  w.races.forEach((race, i) => {
    claim(`race:${race.id}`, `races[${i}].id`);
    race.candidates.forEach((c, j) => claim(`candidate:${c.id}`, `races[${i}].candidates[${j}].id`));
  });
  const actorIds = new Set(w.actors.map((a) => a.id));
  w.actors.forEach((actor, i) => {
    claim(`actor:${actor.id}`, `actors[${i}].id`);
    if (actor.affiliation && !actorIds.has(actor.affiliation)) {
      issues.push({ path: `actors[${i}].affiliation`, message: `no actor has id "${actor.affiliation}"` });
    }
    if (actor.affiliation === actor.id) issues.push({ path: `actors[${i}].affiliation`, message: 'an actor cannot be affiliated with itself' });
    if (actor.validFrom && actor.validTo && actor.validTo < actor.validFrom) {
      issues.push({ path: `actors[${i}].valid_to`, message: `is before valid_from (${actor.validFrom})` });
    }
  });
  return issues;
}

/** Validate an already parsed watchlist document; `name` is used in messages. */
export function parseWatchlist(document: unknown, name: string): Watchlist {
  const result = WATCHLIST_SCHEMA.safeParse(document ?? {});
  if (!result.success) throw new WatchlistError(name, zodIssues(result.error));
  const watchlist = toWatchlist(result.data);
  const issues = crossCheck(watchlist);
  if (issues.length) throw new WatchlistError(name, issues);
  return watchlist;
}

/**
 * Load a watchlist from YAML or JSON (JSON is YAML too).
 * @example const w = await loadWatchlist('watchlist.yaml');
 */
export async function loadWatchlist(file: string): Promise<Watchlist> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`watchlist: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err });
  }
  let document: unknown;
  try {
    document = parseYaml(text, { uniqueKeys: true, maxAliasCount: 100 });
  } catch (err) {
    const line = err instanceof YAMLParseError ? err.linePos?.[0]?.line : undefined;
    throw new WatchlistError(file, [{ path: line ? `line ${line}` : '(file)', message: (err as Error).message.split('\n')[0]! }]);
  }
  return parseWatchlist(document, file);
}
