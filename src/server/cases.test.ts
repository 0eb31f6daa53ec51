import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFinding, makeIncident } from '../../test/builders/records.js';
import { loadCaseBundle } from '../cases/case-bundle-builder.js';
import { verifyStoreLedger } from '../cases/ledger-verify.js';
import { EXPORTERS } from '../export/index.js';
import { TEST_WATCHLIST } from '../live/testing.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite.js';
import { VigilApi } from './api.js';
import { parseTokens } from './auth.js';

const VIEWER = 'viewer-token-0123456789';
const ANA = 'analyst-ana-0123456789';
const BEN = 'analyst-ben-0123456789';
const A = 'inc:fd-01:gov-sy';
const B = 'inc:fd-01:safety:cand-rufus';
const url = (id: string, rest = '') => `/api/v1/incidents/${encodeURIComponent(id)}${rest}`;

let store: SqliteStore;
let api: VigilApi;

beforeEach(async () => {
  store = await openSqliteStore(':memory:');
  const findings = Array.from({ length: 60 }, (_, i) =>
    makeFinding({ id: `directive:bluesky:${i}`, targets: { candidateIds: ['cand-rufus'], raceIds: ['fd-01'] }, observedAt: `2026-10-01T12:${String(i).padStart(2, '0')}:00.000Z` }),
  );
  await store.putFindings(findings);
  await store.putIncidents([
    makeIncident({ id: A, raceId: 'fd-01', subject: 'gov-sy', findingIds: findings.map((f) => f.id), score: 0.9 }),
    makeIncident({ id: B, raceId: 'fd-01', subject: 'safety:cand-rufus', findingIds: [findings[0]!.id], score: 0.5 }),
  ]);
  api = new VigilApi({ store, watchlist: TEST_WATCHLIST, tokens: parseTokens(`viewer:${VIEWER},analyst@Ana Ruiz:${ANA},analyst@Ben Ode:${BEN}`) });
});
afterEach(() => store.close());

const call = async (method: string, path: string, token: string, body?: unknown) => {
  const res = await api.request(method, path, { token, body });
  return { status: res.status, json: JSON.parse(res.body) };
};

describe('case workflow API (issue 10)', () => {
  it('signs each action with the token holder, keeps the history and answers the updated incident', async () => {
    const assigned = await call('PATCH', url(A), BEN, { assignee: 'Ana Ruiz' });
    expect(assigned.status).toBe(200);
    expect(assigned.json.incident).toMatchObject({ assignee: 'Ana Ruiz', status: 'open' });
    const saved = await call('PATCH', url(A), ANA, { status: 'reviewing', note: 'consul handle <b>checked</b>' });
    expect(saved.json.incident.status).toBe('reviewing');
    expect(saved.json.action).toMatchObject({ by: 'Ana Ruiz', status: 'reviewing', previousStatus: 'open' });
    const view = (await call('GET', url(A), VIEWER)).json;
    expect(view.history.map((h: { by: string; assignee?: string; status?: string; note?: string }) => [h.by, h.assignee ?? null, h.status ?? null, h.note ?? null])).toEqual([
      ['Ben Ode', 'Ana Ruiz', null, null],
      ['Ana Ruiz', null, 'reviewing', 'consul handle <b>checked</b>'],
    ]);
    expect(view.history.every((h: { at: string }) => Number.isFinite(Date.parse(h.at)))).toBe(true);
    expect((await call('GET', '/api/v1/me', ANA)).json).toEqual({ role: 'analyst', name: 'Ana Ruiz' });
    expect((await verifyStoreLedger(store)).problems).toEqual([]);
  });

  it('lists open incidents across races with who holds them, filtered by status and assignee', async () => {
    await call('PATCH', url(A), ANA, { assignee: 'Ana Ruiz' });
    await call('PATCH', url(B), ANA, { status: 'confirmed' });
    const open = (await call('GET', '/api/v1/incidents?status=open', VIEWER)).json;
    expect(open.items.map((i: { id: string; assignee: string | null }) => [i.id, i.assignee])).toEqual([[A, 'Ana Ruiz']]);
    expect(open).toMatchObject({ total: 1, assignees: ['Ana Ruiz'] });
    expect((await call('GET', '/api/v1/incidents?assignee=none', VIEWER)).json.items.map((i: { id: string }) => i.id)).toEqual([B]);
    expect((await call('GET', '/api/v1/incidents', VIEWER)).json.items.map((i: { id: string }) => i.id)).toEqual([A, B]);
    expect((await call('GET', '/api/v1/incidents?status=guilty', VIEWER)).status).toBe(400);
    await call('PATCH', url(A), ANA, { assignee: '' });
    expect((await call('GET', '/api/v1/incidents?assignee=none', VIEWER)).json.total).toBe(2);
  });

  it('dismisses a single finding of the incident; the page counts and filters by decision', async () => {
    const fid = 'directive:bluesky:7';
    const r = await call('PATCH', url(A), ANA, { finding: { id: fid, decision: 'dismissed' }, note: 'a namesake' });
    expect(r.status).toBe(200);
    const view = (await call('GET', url(A, '?decision=dismissed'), VIEWER)).json;
    expect(view.findings.total).toBe(1);
    expect(view.findings.items[0]).toMatchObject({ id: fid, decision: { decision: 'dismissed', by: 'Ana Ruiz', note: 'a namesake' } });
    expect((await call('GET', url(A), VIEWER)).json.findings).toMatchObject({ total: 60, byDecision: { open: 59, dismissed: 1, confirmed: 0 } });
    // The incident itself is not dismissed by it.
    expect((await store.getIncident(A))!.status).toBe('open');
    expect((await call('PATCH', url(B), ANA, { finding: { id: fid, decision: 'bogus' } })).status).toBe(400);
    expect((await call('PATCH', url(B), ANA, { finding: { id: 'directive:bluesky:8', decision: 'dismissed' } })).json.error.message).toMatch(/not in this incident/);
  });

  it('pages findings: "showing 51–60 of 60", never a silent cap', async () => {
    const page = (await call('GET', url(A, '?offset=50&limit=50'), VIEWER)).json.findings;
    expect(page).toMatchObject({ total: 60, offset: 50, limit: 50 });
    expect(page.items.map((f: { id: string }) => f.id)).toEqual(Array.from({ length: 10 }, (_, i) => `directive:bluesky:${50 + i}`));
    expect((await call('GET', url(A, '?limit=201'), VIEWER)).status).toBe(400);
  });

  it('refuses every change from a viewer and writes nothing', async () => {
    for (const body of [{ status: 'confirmed' }, { note: 'x' }, { assignee: 'Viewer' }, { finding: { id: 'directive:bluesky:1', decision: 'dismissed' } }]) {
      const r = await call('PATCH', url(A), VIEWER, body);
      expect(r.status).toBe(403);
    }
    expect(await store.listCaseActions(A)).toEqual([]);
    expect((await call('GET', '/api/v1/me', VIEWER)).json.role).toBe('viewer');
  });

  it('refuses bodies it cannot apply', async () => {
    for (const body of [{}, { owner: 'x' }, { assignee: 'x'.repeat(81) }, { note: '' }, { status: 'guilty' }, [1]]) {
      expect((await call('PATCH', url(A), ANA, body)).status).toBe(400);
    }
    expect((await call('PATCH', url('nope'), ANA, { note: 'x' })).status).toBe(404);
  });

  it('merges one incident into another of its race; the list shows the target only; chains and other races are refused', async () => {
    const merged = await call('PATCH', url(B), ANA, { mergeInto: A, note: 'same operators' });
    expect(merged.status).toBe(200);
    expect(merged.json.incident.mergedInto).toBe(A);
    const target = (await call('GET', url(A), VIEWER)).json;
    expect(target.incident.mergedFrom).toEqual([B]);
    expect(target.findings.total).toBe(60); // B's one finding is also A's
    expect((await call('GET', '/api/v1/incidents', VIEWER)).json.items.map((i: { id: string }) => i.id)).toEqual([A]);
    expect((await call('GET', '/api/v1/races/fd-01/incidents', VIEWER)).json.items.map((i: { id: string }) => i.id)).toEqual([A]);
    expect((await call('PATCH', url(A), ANA, { mergeInto: B })).json.error.message).toMatch(/itself merged|undo those merges/);
    expect((await call('PATCH', url(A), ANA, { mergeInto: A })).status).toBe(400);
    expect((await call('PATCH', url(A), ANA, { mergeInto: 'nope' })).status).toBe(400);
    expect((await call('PATCH', url(A), VIEWER, { mergeInto: B })).status).toBe(403);
    await call('PATCH', url(B), ANA, { mergeInto: null });
    expect((await call('GET', '/api/v1/incidents', VIEWER)).json.items).toHaveLength(2);
    expect((await verifyStoreLedger(store)).problems).toEqual([]);
  });

  it('splits chosen findings into a new incident of the race; both are listed and exported as separate cases; undone', async () => {
    const moved = ['directive:bluesky:58', 'directive:bluesky:59'];
    for (const body of [{ split: { findings: moved } }, { splitFrom: null }]) expect((await call('PATCH', url(A), VIEWER, body)).status).toBe(403);
    expect(await store.listCaseActions(A)).toEqual([]);
    const r = await call('PATCH', url(A), ANA, { split: { findings: moved }, note: 'a second wave, other operators' });
    expect(r.status).toBe(200);
    const S = r.json.action.split.into as string;
    expect(r.json.incident).toMatchObject({ id: A, splitInto: [S] });
    expect(r.json.incident.findingIds).toHaveLength(58);
    const split = (await call('GET', url(S), VIEWER)).json;
    expect(split.incident).toMatchObject({ raceId: 'fd-01', splitFrom: { incident: A, findings: moved }, findingIds: moved, status: 'open' });
    expect(split.history).toEqual([expect.objectContaining({ by: 'Ana Ruiz', splitFrom: { incident: A, findings: moved } })]);
    expect((await call('GET', url(A), VIEWER)).json.history.at(-1)).toMatchObject({ by: 'Ana Ruiz', split: { findings: moved, into: S }, note: 'a second wave, other operators' });
    const listed = (await call('GET', '/api/v1/incidents', VIEWER)).json.items.map((i: { id: string; findingCount: number }) => [i.id, i.findingCount]);
    expect(listed.sort()).toEqual([
      [A, 58],
      [S, 2],
      [B, 1],
    ]);
    // Exports read the cases as folded: the split is a case of its own, its findings not the original's.
    const bundle = await loadCaseBundle(store, TEST_WATCHLIST, 'fd-01');
    const stix = JSON.parse(EXPORTERS.stix.export(bundle)[0]!.content) as { objects: { type: string; name?: string; external_references?: { external_id: string }[] }[] };
    expect(stix.objects.filter((o) => o.type === 'campaign').map((o) => o.external_references![0]!.external_id).sort()).toEqual([A, B, S].sort());
    const csv = EXPORTERS.csv.export(bundle).find((f) => f.name.endsWith('incidents.csv'))!.content;
    expect(csv.split('\r\n').filter((l) => l.startsWith(`${S},`) || l.startsWith(`${A},`))).toHaveLength(2);
    const html = EXPORTERS.html.export(bundle)[0]!.content;
    expect(html).toContain(`${bundle.incidents.find((i) => i.id === S)!.title}`);
    expect((await api.request('GET', url(S, '/export?format=csv'), { token: VIEWER })).status).toBe(200);
    // Refused: findings not in it, all of them, a split of a split, a merged incident, unsplit of a non-split.
    expect((await call('PATCH', url(A), ANA, { split: { findings: moved } })).json.error.message).toMatch(/not in this incident/);
    expect((await call('PATCH', url(B), ANA, { split: { findings: ['directive:bluesky:0'] } })).json.error.message).toMatch(/at least one finding/);
    expect((await call('PATCH', url(S), ANA, { split: { findings: [moved[0]] } })).json.error.message).toMatch(/not split again/);
    expect((await call('PATCH', url(A), ANA, { splitFrom: null })).json.error.message).toMatch(/not a split/);
    for (const body of [{ split: { findings: [] } }, { split: { findings: 'x' } }, { split: { findings: ['a'], extra: 1 } }, { splitFrom: { incident: A, findings: [] } }, { split: { findings: ['a'] }, mergeInto: B }]) {
      expect((await call('PATCH', url(A), ANA, body)).status).toBe(400);
    }
    // More findings into the same split, then undo it: all findings back in the original.
    expect((await call('PATCH', url(A), ANA, { split: { findings: ['directive:bluesky:57'], into: S } })).json.incident.findingIds).toHaveLength(57);
    expect((await call('PATCH', url(A), BEN, { split: { findings: ['directive:bluesky:56'], into: B } })).json.error.message).toMatch(/not a split of this one/);
    expect((await verifyStoreLedger(store)).problems).toEqual([]);
    const undone = await call('PATCH', url(S), BEN, { splitFrom: null });
    expect(undone.json.incident).toMatchObject({ splitUndone: A, findingIds: [] });
    expect((await call('GET', url(A), VIEWER)).json.history.at(-1)).toMatchObject({ by: 'Ben Ode', unsplit: S });
    expect((await call('GET', '/api/v1/incidents', VIEWER)).json.items.map((i: { id: string; findingCount: number }) => [i.id, i.findingCount])).toEqual([
      [A, 60],
      [B, 1],
    ]);
    expect((await call('PATCH', url(B), ANA, { mergeInto: S })).json.error.message).toMatch(/undone split/);
    expect((await verifyStoreLedger(store)).problems).toEqual([]);
  });

  it('names a server without tokens (loopback) "local analyst"', async () => {
    const local = new VigilApi({ store, watchlist: TEST_WATCHLIST, tokens: [] });
    const res = await local.request('PATCH', url(A), { body: { note: 'from the console' } });
    expect(JSON.parse(res.body).action.by).toBe('local analyst');
  });
});
