import { describe, expect, it } from 'vitest';
import type { Watchlist } from '../../model/types.js';
import { readPosts } from '../../ingest/index.js';
import { compileWatchlist } from '../match/compile.js';
import { coordinationFindings, coordMatcher, type CoordMatcher } from './findings.js';
import { coordinationFromPosts } from './run.js';

const FIXTURE = new URL('../../../test/fixtures/coord/io-small.csv', import.meta.url).pathname;

const watchlist: Watchlist = {
  races: [{ id: 'race-harbour-1', office: 'Mayor', jurisdiction: 'ZZ-HB-1', electionDate: '2024-04-01', candidates: [{ id: 'cand-quill', name: 'Dana Quill', aliases: [], handles: {}, fecCommitteeIds: [] }] }],
  actors: [{ id: 'actor-voice', kind: 'person', name: 'Fictional Voice', aliases: [], country: 'ZZ', role: 'minister', handles: { x: ['77'] }, sources: [] }],
  webhooks: [],
};

// Local stand-in for the core matcher of src/analyze (matchEntities / attribute bound to a compiled watchlist).
const matcher: CoordMatcher = {
  matchEntities: (text) => (/dana\s+quill/i.test(text) ? [{ kind: 'candidate', id: 'cand-quill' }] : []),
  attribute: (platform, handle) => (platform === 'x' && handle === '77' ? { actor: { id: 'actor-voice' } } : null),
};

async function run() {
  return coordinationFromPosts(readPosts(FIXTURE, { format: 'io-archive' }), { kinds: ['repost', 'link', 'hashtag'], minParticipation: 1, threshold: { minWeight: 1 }, keepRawText: true });
}

describe('coordinationFindings', () => {
  it('turns a group that targets a watched race and amplifies a registry actor into two findings', async () => {
    const r = await run();
    const findings = coordinationFindings(r, { watchlist, matcher, minScore: 0 });
    const coord = findings.find((f) => f.kind === 'coordination');
    const amp = findings.find((f) => f.kind === 'amplification');
    expect(coord).toBeDefined();
    expect(amp).toBeDefined();
    expect(coord!.targets).toEqual({ candidateIds: ['cand-quill'], raceIds: ['race-harbour-1'] });
    expect(coord!.detail['groupId']).toBe(amp!.detail['groupId']);
    expect(String(coord!.detail['groupId'])).toMatch(/^group:/);
    expect(amp!.subjects.actorIds).toEqual(['actor-voice']);
    expect(coord!.subjects.accounts).toEqual(expect.arrayContaining(['x:hashA', 'x:hashB']));
    // Evidence: posts behind the strongest edge, with their source line and hash.
    const refs = coord!.evidence.map((e) => e.ref);
    expect(refs).toEqual(expect.arrayContaining(['x:1900000000000000004', 'x:1900000000000000005']));
    for (const e of coord!.evidence) {
      expect(e.source.file).toBe(FIXTURE);
      expect(e.source.line).toBeGreaterThan(1);
      expect(e.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(coord!.explanation).toMatch(/not proof/);
  });

  it('makes no finding for a group with no watched target and no foreign link, nor below the score bar', async () => {
    const r = await run();
    const none: CoordMatcher = { matchEntities: () => [], attribute: () => null };
    expect(coordinationFindings(r, { watchlist, matcher: none, minScore: 0 })).toEqual([]);
    expect(coordinationFindings(r, { watchlist, matcher, minScore: 1.01 })).toEqual([]);
  });

  it('works with the core matcher compiled from the watchlist', async () => {
    const r = await run();
    const findings = coordinationFindings(r, { watchlist, matcher: coordMatcher(compileWatchlist(watchlist)), minScore: 0 });
    expect(findings.map((f) => f.kind).sort()).toEqual(['amplification', 'coordination']);
    expect(findings.find((f) => f.kind === 'coordination')!.targets.raceIds).toEqual(['race-harbour-1']);
  });
});
