import type { Finding, Post, Watchlist } from '../model/types.js';

/**
 * Test doubles shared by the live, alert and server tests: a fictional watchlist (Freedonia and
 * Sylvania are invented) and a tiny stand-in detector for tests that exercise plumbing, not
 * detection. Tests of detection use src/analyze.
 */
export const TEST_WATCHLIST: Watchlist = {
  races: [
    {
      id: 'fd-01',
      office: 'Freedonia Assembly, District 1',
      jurisdiction: 'FD-NO-01',
      electionDate: '2026-11-03',
      candidates: [
        { id: 'cand-rufus', name: 'Rufus Firefly', aliases: ['Firefly'], handles: { bluesky: ['firefly.example'], mastodon: ['firefly@social.example'] }, fecCommitteeIds: [] },
        { id: 'cand-trentino', name: 'Ada Trentino', aliases: [], handles: {}, fecCommitteeIds: [] },
      ],
    },
  ],
  actors: [
    { id: 'gov-sy', kind: 'organization', name: 'Government of Sylvania', aliases: [], country: 'SY', role: 'other', handles: {}, sources: ['fictional'] },
    { id: 'consul-sy', kind: 'mission', name: 'Consulate of Sylvania', aliases: [], country: 'SY', role: 'consulate', affiliation: 'gov-sy', handles: { bluesky: ['consul.example'], mastodon: ['consul_sy@social.example'] }, sources: ['fictional'] },
    { id: 'media-ov', kind: 'media', name: 'Ovalia Broadcasting', aliases: ['OBC'], country: 'OV', role: 'state_media', handles: { bluesky: ['obc.ovalia.example'] }, sources: ['fictional'] },
  ],
  webhooks: [],
};

/**
 * Stand-in detector: a post containing "DO NOT VOTE" is a directive against Rufus Firefly, scored
 * 0.5 plus 0.1 per "!" (at most 1), attributed to Ovalia Broadcasting when the author's handle
 * contains "ovalia" and to the Sylvanian consulate otherwise.
 */
export function standInDetect(posts: Post[]): Finding[] {
  const out: Finding[] = [];
  for (const p of posts) {
    if (!p.text.includes('DO NOT VOTE')) continue;
    out.push({
      id: `directive:${p.platform}:${p.id}`,
      kind: 'directive',
      subjects: { accounts: [`${p.platform}:${p.authorHandle}`], actorIds: [p.authorHandle.includes('ovalia') ? 'media-ov' : 'consul-sy'] },
      targets: { candidateIds: ['cand-rufus'], raceIds: ['fd-01'] },
      score: Math.min(1, 0.5 + 0.1 * (p.text.match(/!/g)?.length ?? 0)),
      observedAt: p.createdAt,
      explanation: `"DO NOT VOTE" in a post by ${p.authorHandle}`,
      detail: { directive: 'vote_against' },
      evidence: [{ kind: 'post', ref: `${p.platform}:${p.id}`, source: p.source, sha256: p.contentHash }],
    });
  }
  return out;
}

/** Poll `check` every 20 ms until it is true or `ms` pass; throws with `what` on timeout. */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}
