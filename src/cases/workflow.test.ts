import { describe, expect, it } from 'vitest';
import { makeFinding, makeIncident } from '../../test/builders/records.js';
import type { Finding } from '../model/types.js';
import { foldCases, parseCaseChange, planSplit, splitIncidentId } from './workflow.js';

const findings = new Map<string, Finding>(
  ['f1', 'f2', 'f3', 'f4'].map((id, n) => [id, makeFinding({ id, score: 0.2 + n / 10, observedAt: `2022-10-0${n + 1}T00:00:00.000Z` })]),
);
const findingsOf = async (ids: string[]) => ids.flatMap((id) => (findings.has(id) ? [findings.get(id)!] : []));

describe('splits (issue 10 part 4)', () => {
  it('reads a split as the client sent it: ids deduplicated and sorted, nothing else accepted', () => {
    expect(parseCaseChange({ split: { findings: ['b', 'a', 'b'] }, note: 'why' })).toEqual({ change: { split: { findings: ['a', 'b'] }, note: 'why' } });
    expect(parseCaseChange({ split: { findings: ['a'], into: 'inc:x:split-1' } })).toEqual({ change: { split: { findings: ['a'], into: 'inc:x:split-1' } } });
    expect(parseCaseChange({ splitFrom: null })).toEqual({ change: { splitFrom: null } });
    for (const body of [{ split: { findings: [] } }, { split: { findings: [1] } }, { split: ['a'] }, { split: { findings: ['a'], into: '' } }, { splitFrom: { incident: 'x', findings: [] } }, { unsplit: 'x' }, { split: { findings: ['a'] }, splitFrom: null }]) {
      expect(parseCaseChange(body)).toHaveProperty('problem');
    }
  });

  it('derives the split id from the original and the findings, in any order', () => {
    expect(splitIncidentId('inc:r:a', ['f2', 'f3'])).toBe(splitIncidentId('inc:r:a', ['f3', 'f2']));
    expect(splitIncidentId('inc:r:a', ['f2'])).not.toBe(splitIncidentId('inc:r:a', ['f3']));
    expect(planSplit('inc:r:a', { findings: ['f4'], into: 'S' }, { from: 'inc:r:a', findings: ['f2'] })).toEqual({ id: 'S', findings: ['f2', 'f4'] });
    expect(planSplit('inc:r:a', { findings: ['f4'], into: 'S' }, { from: 'inc:r:b', findings: ['f2'] })).toHaveProperty('problem');
    expect(planSplit('inc:r:a', { findings: ['f4'], into: 'S' }, { from: 'inc:r:a', findings: null })).toHaveProperty('problem');
  });

  it('folds splits before merges: the split holds what was moved and still exists, the original the rest', async () => {
    const A = makeIncident({ id: 'A', findingIds: ['f1', 'f2', 'f3'], score: 0.9 });
    const S = makeIncident({ id: 'S', findingIds: [], splitFrom: { incident: 'A', findings: ['f3', 'gone'] } });
    const S2 = makeIncident({ id: 'S2', findingIds: [], splitFrom: { incident: 'S', findings: ['f3'] } }); // a split of a split: not applied to S
    const U = makeIncident({ id: 'U', findingIds: ['f2'], splitUndone: 'A' });
    const B = makeIncident({ id: 'B', findingIds: ['f4'], mergedInto: 'A' });
    const [a, s, , u] = await foldCases([A, S, S2, U, B], findingsOf);
    expect(a).toMatchObject({ findingIds: ['f1', 'f2', 'f4'], splitInto: ['S'], mergedFrom: ['B'], firstSeen: '2022-10-01T00:00:00.000Z', lastSeen: '2022-10-04T00:00:00.000Z' });
    expect(s).toMatchObject({ findingIds: ['f3'], score: findings.get('f3')!.score, firstSeen: '2022-10-03T00:00:00.000Z' });
    expect(s).not.toHaveProperty('splitInto');
    expect(u).toMatchObject({ findingIds: [], score: 0 });
  });
});
