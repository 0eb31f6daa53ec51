/**
 * The leads routes of the REST API (issue 12), kept small: list and read the leads kept by
 * `vigil leads`, and let an analyst confirm (opens or joins an incident) or dismiss one.
 *   GET   /api/v1/leads?race=ID
 *   GET   /api/v1/leads/:id     (with `archived_posts`: the stored posts its quotes were found as)
 *   PATCH /api/v1/leads/:id   {"action": "confirm" | "dismiss", "note"?: string}   (analyst)
 */
import { confirmLead, dismissLead, getLead, listLeads } from '../leads/store.js';
import type { Post, Watchlist } from '../model/types.js';
import type { Store } from '../store/store.js';
import { badRequest, notFound } from './errors.js';

export async function leadsList(store: Store, query: URLSearchParams) {
  return { items: await listLeads(store, { raceId: query.get('race') ?? undefined }) };
}

export async function leadGet(store: Store, id: string) {
  const lead = await getLead(store, id);
  if (!lead) throw notFound(`lead ${JSON.stringify(id)}`);
  return lead;
}

/**
 * A lead with the archived posts it cites (the quoted posts found in the store, raw record left out),
 * keyed by `platform:id`, for the dashboard's lead page.
 */
export async function leadView(store: Store, id: string) {
  const lead = await leadGet(store, id);
  const archived_posts: Record<string, Omit<Post, 'raw'>> = {};
  for (const q of lead.quoted_posts) {
    if (!q.stored_ref || archived_posts[q.stored_ref]) continue;
    const i = q.stored_ref.indexOf(':');
    const post = await store.getPost(q.stored_ref.slice(0, i), q.stored_ref.slice(i + 1));
    if (post) {
      const { raw: _raw, ...rest } = post;
      archived_posts[q.stored_ref] = rest;
    }
  }
  return { ...lead, archived_posts };
}

export async function leadPatch(store: Store, watchlist: Watchlist, id: string, body: unknown) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('body must be a JSON object');
  const { action, note, ...extra } = body as { action?: unknown; note?: unknown };
  if (Object.keys(extra).length) throw badRequest(`unknown field ${JSON.stringify(Object.keys(extra)[0])}`);
  if (action !== 'confirm' && action !== 'dismiss') throw badRequest('action must be confirm or dismiss');
  if (note !== undefined && (typeof note !== 'string' || note.trim() === '' || note.length > 4000)) throw badRequest('note must be a non-empty string of at most 4000 characters');
  await leadGet(store, id);
  return action === 'confirm' ? (await confirmLead(store, watchlist, id, note as string | undefined)).lead : dismissLead(store, watchlist, id, note as string | undefined);
}
