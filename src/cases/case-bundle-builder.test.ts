import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import type { EvidenceEntry, Finding, Incident, Post } from '../model/types.js';
import type { Store } from '../store/store.js';
import { makeLedger, makeRace, makeWatchlist, postRef, velorianScenario } from '../../test/fixtures/cases/builders.js';
import { loadCaseBundle } from './case-bundle-builder.js';
import { buildIncidents } from './incidents.js';
import { openSqliteStore } from '../store/sqlite.js';

/** Test-only stand-in for the Store: just what loadCaseBundle reads, in memory. */
function memoryStore(data: { posts: Post[]; findings: Finding[]; incidents?: Incident[]; ledger: EvidenceEntry[]; batchSize?: number }): Store & { getPostCalls: number } {
  const notUsed = () => {
    throw new Error('memoryStore: not used by loadCaseBundle');
  };
  const store = {
    getPostCalls: 0,
    putPosts: notUsed,
    putAccounts: notUsed,
    putQuarantine: notUsed,
    countPosts: async () => data.posts.length,
    async getPost(platform: string, id: string) {
      store.getPostCalls++;
      return data.posts.find((p) => p.platform === platform && p.id === id);
    },
    iteratePosts: notUsed,
    listQuarantine: notUsed,
    countQuarantine: notUsed,
    putFindings: notUsed,
    async listFindings(filter?: { ids?: string[] }) {
      return data.findings.filter((f) => !filter?.ids || filter.ids.includes(f.id));
    },
    putIncidents: notUsed,
    async listIncidents(filter?: { raceId?: string }) {
      return (data.incidents ?? []).filter((i) => !filter?.raceId || i.raceId === filter.raceId);
    },
    getIncident: notUsed,
    setIncidentStatus: notUsed,
    appendEvidence: notUsed,
    async *iterateEvidence() {
      const size = data.batchSize ?? 3;
      for (let i = 0; i < data.ledger.length; i += size) yield data.ledger.slice(i, i + size);
    },
    getState: notUsed,
    setState: notUsed,
    close: async () => {},
  };
  return store as unknown as Store & { getPostCalls: number };
}

function scenario() {
  const s = velorianScenario();
  const other = { ...s.posts[0]!, id: 'unrelated' };
  // ledger: an unrelated entry first, then every evidence ref of the findings
  const refs = [postRef(other), ...s.findings.flatMap((f) => f.evidence)];
  return { ...s, posts: [...s.posts, other], ledger: makeLedger(refs) };
}

describe('loadCaseBundle', () => {
  const now = new Date('2026-10-05T09:30:00.000Z');

  it('builds incidents from findings when none are stored, and keeps only the evidence they use', async () => {
    const s = scenario();
    const store = memoryStore(s);
    const b = await loadCaseBundle(store, s.watchlist, 'us-ca-99', { now });
    expect(b.generatedAt).toBe('2026-10-05T09:30:00.000Z');
    expect(b.race?.id).toBe('us-ca-99');
    expect(b.incidents).toEqual(buildIncidents(s.findings, s.watchlist));
    expect(b.findings.map((f) => f.id).sort()).toEqual(s.findings.map((f) => f.id).sort());
    expect(b.posts.map((p) => p.id).sort()).toEqual(['2001', '2002', '3000', '3001', '3002', '4001', '4002']);
    expect(b.evidence.map((e) => e.ref)).not.toContain('x:unrelated');
    expect(b.evidence).toHaveLength(8);
    expect(b.ledger).toEqual({ entries: 9, head: s.ledger.at(-1)!.hash, ok: true });
    expect(b.actors.map((a) => a.id)).toEqual(['xf-consul-la', 'xf-consulate-la', 'xf-gov', 'xf-mfa', 'xf-president']);
  });

  it('uses stored incidents (with analyst status and notes) when there are some', async () => {
    const s = scenario();
    const stored = buildIncidents(s.findings, s.watchlist).map((i) => ({ ...i, status: 'reviewing' as const, notes: ['checked by analyst'] }));
    const b = await loadCaseBundle(memoryStore({ ...s, incidents: stored.slice(0, 1) }), s.watchlist, 'us-ca-99', { now });
    expect(b.incidents).toEqual(stored.slice(0, 1));
    expect(b.findings.map((f) => f.id).sort()).toEqual([...stored[0]!.findingIds].sort());
  });

  it('reports a tampered ledger and still collects every needed entry after the break', async () => {
    const s = scenario();
    const ledger = s.ledger.map((e) => (e.seq === 2 ? { ...e, capturedAt: '2030-01-01T00:00:00.000Z' } : e));
    const b = await loadCaseBundle(memoryStore({ ...s, ledger }), s.watchlist, undefined, { now });
    expect(b.ledger.ok).toBe(false);
    expect(b.ledger.brokenSeq).toBe(2);
    expect(b.ledger.entries).toBe(9);
    expect(b.evidence).toHaveLength(8);
    expect(b.race).toBeNull();
  });

  it('rejects a race that is not in the watchlist', async () => {
    const s = scenario();
    await expect(loadCaseBundle(memoryStore(s), s.watchlist, 'nope')).rejects.toBeInstanceOf(UsageError);
  });

  it('returns an empty bundle for a race without findings', async () => {
    const s = scenario();
    const w = makeWatchlist({ races: [makeRace(), makeRace({ id: 'us-tx-98', jurisdiction: 'US-TX-98', candidates: [] })] });
    const b = await loadCaseBundle(memoryStore(s), w, 'us-tx-98', { now });
    expect(b.incidents).toEqual([]);
    expect(b.findings).toEqual([]);
    expect(b.evidence).toEqual([]);
    expect(b.ledger.ok).toBe(true);
  });
});

describe('loadCaseBundle over the SQLite store', () => {
  it('reads what analyze files: incidents, findings, posts and a verified ledger', async () => {
    const s = velorianScenario();
    const store = await openSqliteStore(':memory:');
    try {
      await store.putPosts(s.posts);
      await store.putFindings(s.findings);
      const incidents = buildIncidents(s.findings, s.watchlist);
      await store.putIncidents(incidents);
      await store.appendEvidence(s.findings.flatMap((f) => f.evidence), '2026-10-02T08:00:00.000Z');
      await store.setIncidentStatus('inc:us-ca-99:xf-gov', 'reviewing', 'consul account confirmed');

      const b = await loadCaseBundle(store, s.watchlist, 'us-ca-99');
      expect(b.incidents.map((i) => i.id).sort()).toEqual(incidents.map((i) => i.id).sort());
      expect(b.incidents.find((i) => i.id === 'inc:us-ca-99:xf-gov')!.notes).toEqual(['consul account confirmed']);
      expect(b.posts).toHaveLength(s.posts.length);
      // putFindings logs each finding first; then the 8 evidence entries; then the analyst's action.
      const logged = s.findings.length;
      expect(b.evidence.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => logged + n));
      expect(b.ledger.ok).toBe(true);
      expect(b.ledger.entries).toBe(logged + 8 + 1);
      expect(b.ledger.changedRefs).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});

describe('loadCaseBundle record check', () => {
  it('names posts whose stored raw record no longer hashes to the ledger', async () => {
    const s = scenario();
    const posts = s.posts.map((p) => (p.id === '2002' ? { ...p, raw: p.raw.replace('Presidente', 'Presidenta') } : p));
    const b = await loadCaseBundle(memoryStore({ ...s, posts }), s.watchlist, 'us-ca-99');
    expect(b.ledger.ok).toBe(true);
    expect(b.ledger.changedRefs).toEqual(['x:2002']);
  });
});
