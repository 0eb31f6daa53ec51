/**
 * The leads routes of the REST API (issue 12), kept small: list and read the leads kept by
 * `vigil leads`, and let an analyst confirm (opens or joins an incident) or dismiss one.
 *   GET   /api/v1/leads?race=ID
 *   GET   /api/v1/leads/:id
 *   PATCH /api/v1/leads/:id   {"action": "confirm" | "dismiss", "note"?: string}   (analyst)
 */
import { confirmLead, dismissLead, getLead, listLeads } from '../leads/store.js';
import type { Watchlist } from '../model/types.js';
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

export async function leadPatch(store: Store, watchlist: Watchlist, id: string, body: unknown) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('body must be a JSON object');
  const { action, note, ...extra } = body as { action?: unknown; note?: unknown };
  if (Object.keys(extra).length) throw badRequest(`unknown field ${JSON.stringify(Object.keys(extra)[0])}`);
  if (action !== 'confirm' && action !== 'dismiss') throw badRequest('action must be confirm or dismiss');
  if (note !== undefined && (typeof note !== 'string' || note.trim() === '' || note.length > 4000)) throw badRequest('note must be a non-empty string of at most 4000 characters');
  await leadGet(store, id);
  return action === 'confirm' ? (await confirmLead(store, watchlist, id, note as string | undefined)).lead : dismissLead(store, watchlist, id, note as string | undefined);
}
