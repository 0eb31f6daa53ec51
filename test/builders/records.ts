import type { EvidenceRef, Finding, Incident, Post } from '../../src/model/types.js';
import { sha256 } from '../../src/util/hash.js';

/** A post with sensible defaults; override what a test cares about. */
export function makePost(overrides: Partial<Post> = {}): Post {
  const id = overrides.id ?? '1453216549873459201';
  const text = overrides.text ?? 'A fictional post about the fictional race.';
  const raw = overrides.raw ?? JSON.stringify({ id, text });
  return {
    platform: 'x',
    id,
    authorId: 'u1',
    authorHandle: 'someone',
    createdAt: '2022-10-01T12:00:00.000Z',
    text,
    urls: [],
    hashtags: [],
    mentions: [],
    source: { file: 'posts.jsonl', line: 1, offset: 0 },
    contentHash: sha256(raw),
    raw,
    ...overrides,
  };
}

export function makeFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    id: 'directive:x:1',
    kind: 'directive',
    subjects: { accounts: ['x:someone'], actorIds: [] },
    targets: { candidateIds: ['cand-a'], raceIds: ['race-a'] },
    score: 0.8,
    observedAt: '2022-10-01T12:00:00.000Z',
    explanation: 'matched "do not vote for"',
    detail: {},
    evidence: [],
    ...overrides,
  };
}

export function makeIncident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: 'inc:race-a:actor-a',
    raceId: 'race-a',
    subject: 'actor-a',
    title: 'Actor A against Candidate A',
    findingIds: ['directive:x:1'],
    firstSeen: '2022-10-01T12:00:00.000Z',
    lastSeen: '2022-10-01T12:00:00.000Z',
    score: 0.8,
    techniques: [],
    legal: [],
    status: 'open',
    notes: [],
    ...overrides,
  };
}

export function makeEvidenceRef(n: number): EvidenceRef {
  return { kind: 'post', ref: `x:${n}`, source: { file: 'posts.jsonl', line: n }, sha256: sha256(`raw ${n}`) };
}
