/** The leads routes (issue 12): list, read, confirm into an incident, dismiss; analysts only for changes. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileWatchlist } from '../analyze/match/compile.js';
import { articlePost, extractLead, linkLead, readText, saveLead } from '../leads/index.js';
import type { Watchlist } from '../model/types.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/store.js';
import { loadWatchlist } from '../watch/load.js';
import { VigilApi } from './api.js';
import { parseTokens } from './auth.js';

const VIEWER = 'viewer-token-0123456789';
const ANALYST = 'analyst-token-0123456789';
let store: Store;
let api: VigilApi;
let watchlist: Watchlist;
let id: string;

beforeAll(async () => {
  watchlist = await loadWatchlist('demo/watchlist.yaml');
  const cw = compileWatchlist(watchlist);
  store = await openSqliteStore(':memory:');
  const a = readText(readFileSync('demo/data/articles/seed-ca35-2022.txt', 'utf8'), 'seed.txt');
  await store.putPosts([articlePost(a)]);
  const out = extractLead(a, cw);
  if ('none' in out) throw new Error(out.none.message);
  id = (await saveLead(store, await linkLead(store, out.lead, cw, a.text))).id;
  api = new VigilApi({ store, watchlist, tokens: parseTokens(`viewer:${VIEWER},analyst:${ANALYST}`), log: () => undefined });
});
afterAll(async () => store.close());

describe('leads API', () => {
  it('lists and reads leads', async () => {
    const list = JSON.parse((await api.request('GET', '/api/v1/leads?race=us-house-ca-35-2022', { token: VIEWER })).body);
    expect(list.items.map((l: { id: string }) => l.id)).toEqual([id]);
    expect(JSON.parse((await api.request('GET', '/api/v1/leads?race=us-house-oh-19-2026', { token: VIEWER })).body).items).toEqual([]);
    const one = JSON.parse((await api.request('GET', `/api/v1/leads/${id}`, { token: VIEWER })).body);
    expect(one.accusers).toEqual(['Norma Torres']);
    expect((await api.request('GET', '/api/v1/leads/nope', { token: VIEWER })).status).toBe(404);
  });

  it('confirm opens the incident of the actor and race; viewers may not; bad bodies refused', async () => {
    expect((await api.request('PATCH', `/api/v1/leads/${id}`, { token: VIEWER, body: { action: 'confirm' } })).status).toBe(403);
    expect((await api.request('PATCH', `/api/v1/leads/${id}`, { token: ANALYST, body: { action: 'approve' } })).status).toBe(400);
    const res = await api.request('PATCH', `/api/v1/leads/${id}`, { token: ANALYST, body: { action: 'confirm', note: 'checked' } });
    expect(res.status).toBe(200);
    const lead = JSON.parse(res.body);
    expect(lead.status).toBe('confirmed');
    expect(lead.incident_id).toBe('inc:us-house-ca-35-2022:sv-government');
    expect((await store.getIncident(lead.incident_id))?.findingIds).toEqual([`allegation:${id}`]);
    const dismissed = JSON.parse((await api.request('PATCH', `/api/v1/leads/${id}`, { token: ANALYST, body: { action: 'dismiss' } })).body);
    expect(dismissed.status).toBe('dismissed');
  });
});
