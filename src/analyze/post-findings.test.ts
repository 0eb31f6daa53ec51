import { describe, expect, it } from 'vitest';
import type { Post } from '../model/types.js';
import { testWatchlist } from './fixtures.case.js';
import { compileWatchlist } from './match/compile.js';
import { detectPostFindings } from './post-findings.js';

const cw = compileWatchlist(testWatchlist());
function post(id: string, text: string, over: Partial<Post> = {}): Post {
  return {
    platform: 'x', id, authorId: '1', authorHandle: 'someone', createdAt: '2026-10-01T12:00:00.000Z', text,
    urls: [], hashtags: [], mentions: [], source: { file: 'posts.jsonl', line: 3 }, contentHash: 'ab'.repeat(32), raw: '{}', ...over,
  };
}

describe('detectPostFindings', () => {
  it('emits one finding per (post, kind) with stable ids, targets, chain, evidence and a score', () => {
    const findings = detectPostFindings(
      [
        post('1', 'Hermanos del distrito 41 de Texas: NO VOTEN POR @SofiaIbarraTX', { authorHandle: 'ConsuladoVDHouston' }),
        post('2', 'We know where you live, @KWalshNY.'),
        post('3', 'Lovely weather in Houston today'),
      ],
      cw,
    );
    expect(findings.map((f) => f.id)).toEqual(['directive:x:1', 'harassment:x:2', 'threat:x:2']);
    const [d, h, t] = findings;
    expect(d).toMatchObject({
      kind: 'directive',
      subjects: { accounts: ['x:ConsuladoVDHouston'], actorIds: ['xv-cons'] },
      targets: { candidateIds: ['c-ibarra'], raceIds: ['race-tx-41'] },
      observedAt: '2026-10-01T12:00:00.000Z',
      evidence: [{ kind: 'post', ref: 'x:1', source: { file: 'posts.jsonl', line: 3 }, sha256: 'ab'.repeat(32) }],
    });
    expect(d!.detail).toMatchObject({ directive: 'vote_against', lang: 'es' });
    expect((d!.detail.chain as { id: string }[]).map((a) => a.id)).toEqual(['xv-cons', 'xv-mfa', 'xv-gov']);
    expect(d!.explanation).toContain('NO VOTEN POR @SofiaIbarraTX');
    expect(h!.targets.candidateIds).toEqual(['c-walsh']);
    expect(t!.explanation).toContain('We know where you live');
    // Attributed, explicit directive scores above an unattributed threat's harassment finding.
    for (const f of findings) expect(f.score).toBeGreaterThan(0);
    for (const f of findings) expect(f.score).toBeLessThanOrEqual(1);
    expect(d!.score).toBeGreaterThan(h!.score);
  });

  it('gives nothing for a plain repost, and the same ids on a second run', () => {
    const posts = [post('9', 'DO NOT VOTE for @SofiaIbarraTX', { repostOf: '1' }), post('10', 'DO NOT VOTE for @SofiaIbarraTX')];
    const first = detectPostFindings(posts, cw);
    expect(first.map((f) => f.id)).toEqual(['directive:x:10']);
    expect(detectPostFindings(posts, cw)).toEqual(first);
  });

  it('keeps the explanation plain text: terminal control codes and bidi overrides from the post are removed', () => {
    const [f] = detectPostFindings([post('11', 'DO NOT VOTE for \u001b[31m@SofiaIbarraTX\u202e now')], cw);
    expect(f!.explanation).toContain('@SofiaIbarraTX');
    expect(f!.explanation).not.toMatch(/[\u0000-\u001f\u202e]/);
  });
});
