import { afterEach, beforeEach, expect, it } from 'vitest';
import { makePost } from '../../test/builders/records.js';
import { buildIncidents } from '../cases/incidents.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite.js';
import { LivePipeline } from './pipeline.js';
import { standInDetect, TEST_WATCHLIST } from './testing.js';

const A = 'inc:fd-01:gov-sy';
let store: SqliteStore;
let pipeline: LivePipeline;
beforeEach(async () => {
  store = await openSqliteStore(':memory:');
  pipeline = new LivePipeline({ store, detect: standInDetect, buildIncidents: (f) => buildIncidents(f, TEST_WATCHLIST), flushMs: 10 });
});
afterEach(() => store.close());

const directives = async (from: number, n: number) => {
  for (let i = from; i < from + n; i++) {
    pipeline.push('test', { post: makePost({ platform: 'bluesky', id: `p${i}`, authorHandle: 'consul.example', text: 'DO NOT VOTE for Rufus Firefly', createdAt: `2026-10-01T12:0${i}:00.000Z` }) });
  }
  await pipeline.flush();
};

it('keeps the findings split off an incident its own when a live batch adds to it, so an undo brings them back', async () => {
  await directives(0, 3);
  const S = (await store.recordCaseAction(A, { split: { findings: ['directive:bluesky:p2'] } }, 'Ana Ruiz')).split!.into!;
  await directives(3, 1);
  expect((await store.getIncident(A))!.findingIds).toEqual(['directive:bluesky:p0', 'directive:bluesky:p1', 'directive:bluesky:p3']);
  expect((await store.getIncident(S))!.findingIds).toEqual(['directive:bluesky:p2']);
  await store.recordCaseAction(S, { splitFrom: null }, 'Ana Ruiz');
  expect((await store.getIncident(A))!.findingIds).toHaveLength(4);
});
