import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePost } from '../../test/builders/records.js';
import { TEST_WATCHLIST } from '../live/testing.js';
import { analyzeStore } from '../pipeline/analyze.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite.js';
import { VigilApi } from './api.js';
import { StoreWatcher } from './freshness.js';

/** Directives by the Sylvanian consulate's account: analyze files them under the government. */
const consulPosts = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) =>
    makePost({ platform: 'bluesky', id: `p${from + i}`, authorId: 'did:plc:consul', authorHandle: 'consul.example', text: `DO NOT VOTE for Rufus Firefly ${from + i}`, createdAt: `2026-10-01T12:0${i}:00.000Z` }),
  );

describe('StoreWatcher (issue 10 part 5)', () => {
  let dir: string;
  let server: SqliteStore;
  let other: SqliteStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-fresh-'));
    server = await openSqliteStore(join(dir, 'v.db'));
    other = await openSqliteStore(join(dir, 'v.db'));
  });
  afterEach(async () => {
    await Promise.all([server.close(), other.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows what `analyze` in another process filed, without a restart: views rebuilt, alerts raised', async () => {
    const live = new EventEmitter();
    const api = new VigilApi({ store: server, watchlist: TEST_WATCHLIST, tokens: [], live });
    const watcher = new StoreWatcher({ store: server, views: api.views, events: live });
    await watcher.baseline();
    const race = async () => JSON.parse((await api.request('GET', '/api/v1/races/fd-01')).body);
    expect((await race()).incidents).toBe(0); // now cached
    expect(await watcher.check()).toBe(false);

    await other.putPosts(consulPosts(0, 3));
    await analyzeStore(other, TEST_WATCHLIST, { coordination: false });
    expect((await race()).incidents).toBe(0); // the cache does not know yet
    expect(await watcher.check()).toBe(true);
    await api.views.settled();
    expect(await race()).toMatchObject({ incidents: 1 });
    expect(api.alerts.map((a) => [a.type, a.incidentId])).toEqual([['new', 'inc:fd-01:gov-sy']]);

    // More of the same: the incident is announced as updated, once.
    await other.putPosts(consulPosts(3, 2));
    await analyzeStore(other, TEST_WATCHLIST, { coordination: false });
    expect(await watcher.check()).toBe(true);
    expect(await watcher.check()).toBe(false);
    expect(api.alerts.map((a) => a.type)).toEqual(['updated', 'new']);
    const incident = JSON.parse((await api.request('GET', '/api/v1/incidents/inc%3Afd-01%3Agov-sy')).body);
    expect(incident.findings.total).toBe(5);
    watcher.stop();
  });

  it('does not announce again what this process filed itself', async () => {
    const live = new EventEmitter();
    const api = new VigilApi({ store: server, watchlist: TEST_WATCHLIST, tokens: [], live });
    const watcher = new StoreWatcher({ store: server, views: api.views, events: live });
    await watcher.baseline();
    await other.putPosts(consulPosts(0, 3));
    await analyzeStore(other, TEST_WATCHLIST, { coordination: false });
    const [incident] = await server.listIncidents();
    live.emit('incident', { type: 'new', incident, at: new Date().toISOString() });
    expect(await watcher.check()).toBe(true);
    expect(api.alerts).toHaveLength(1);
    watcher.stop();
  });
});
