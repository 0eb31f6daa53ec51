import { describe, expect, it } from 'vitest';
import { buildIncidents } from '../cases/incidents.js';
import { standInDetect, TEST_WATCHLIST } from '../live/testing.js';
import { parseJetstreamFrame } from '../live/bluesky.js';
import { syntheticJetstreamPost } from '../live/synthetic.js';
import { openSqliteStore } from '../store/sqlite.js';
import { Views } from './views.js';

describe('Views', () => {
  it('serves the current view during a background refresh and the new one once settled', async () => {
    const store = await openSqliteStore(':memory:');
    const views = new Views(store, TEST_WATCHLIST);
    const race = TEST_WATCHLIST.races[0];
    // Refreshing with nothing cached must not leave a refresh "running" forever.
    await views.refresh();
    expect((await views.raceView(race)).incidents).toHaveLength(0);

    const post = parseJetstreamFrame(syntheticJetstreamPost(1, { text: 'DO NOT VOTE for Firefly' }), 'x', new Map()).post!;
    const findings = standInDetect([post]);
    await store.putFindings(findings);
    await store.putIncidents(buildIncidents(findings, TEST_WATCHLIST));

    const refreshed = views.refresh();
    expect((await views.raceView(race)).incidents).toHaveLength(0); // stale until the rebuild lands
    await refreshed;
    await views.settled();
    expect((await views.raceView(race)).incidents.map((i) => i.id)).toEqual(['inc:fd-01:gov-sy']);

    // Several refreshes while one runs fold into one more, and all settle.
    const calls = [views.refresh(), views.refresh(), views.refresh()];
    await Promise.all(calls);
    await views.settled();
    await store.close();
  });
});
