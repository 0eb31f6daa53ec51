import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vigil } from '../../../test/builders/cli.js';

const FIXTURE = new URL('../../../test/fixtures/coord/io-small.csv', import.meta.url).pathname;

describe('vigil coordination', () => {
  it('writes edges, groups, provenance, GEXF and GraphML, and ends with a summary line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-coordination-'));
    const out = (f: string) => join(dir, f);
    const res = await vigil(
      'coordination', '--input', FIXTURE, '--format', 'io-archive', '--min-participation', '1', '--min-weight', '1', '--normalize-urls',
      '--edges', out('edges.csv'), '--groups', out('groups.json'), '--provenance', out('prov.csv'),
      '--gexf', out('net.gexf'), '--graphml', out('net.graphml'), '--quarantine', out('q.jsonl'),
    );
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout.trim().split('\n').at(-1)).toMatch(/^coordination: 12 read, 10 posts, 2 quarantined; 4 edges kept; 1 groups/);
    const edges = readFileSync(out('edges.csv'), 'utf8').trim().split('\n');
    expect(edges[0]).toBe('account_a,account_b,co_action,weight,first_at,last_at');
    expect(edges.slice(1).map((l) => l.split(',').slice(0, 4).join(',')).sort()).toEqual([
      'hashA,hashB,hashtag,1',
      'hashA,hashB,link,1',
      'hashA,hashB,repost,2',
      'hashB,hashC,repost,1',
    ]);
    const groups = JSON.parse(readFileSync(out('groups.json'), 'utf8'));
    expect(groups).toHaveLength(1);
    expect(groups[0].accounts.sort()).toEqual(['hashA', 'hashB', 'hashC']);
    expect(groups[0].co_actions).toEqual({ repost: 3, link: 1, hashtag: 1 });
    expect(groups[0].id).toMatch(/^group:/);
    expect(typeof groups[0].score).toBe('number');
    // Provenance: every co-action behind every kept edge, checkable by hand.
    const prov = readFileSync(out('prov.csv'), 'utf8').trim().split('\n');
    expect(prov).toHaveLength(1 + 5);
    expect(prov).toContain('hashA,hashB,link,https://news.example/story/9,1900000000000000007,1900000000000000008,60');
    expect(prov).toContain('hashA,hashB,repost,1800000000000000002,1900000000000000004,1900000000000000005,0');
    expect(readFileSync(out('q.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);
    const gexf = readFileSync(out('net.gexf'), 'utf8');
    expect(gexf).toContain('kind="repost"');
    expect(gexf).toContain('timeformat="dateTime"');
    expect(gexf).toContain('<attvalue for="co_action" value="repost"/>');
    expect(readFileSync(out('net.graphml'), 'utf8')).toContain('<graphml');
  });

  it('with a watchlist, names the targeted race and colours foreign-linked accounts in the GEXF', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-coordination-'));
    const watch = new URL('../../../test/fixtures/coord/watchlist.json', import.meta.url).pathname;
    const res = await vigil('coordination', FIXTURE, '--watch', watch, '--min-participation', '1', '--min-weight', '1', '--groups', join(dir, 'g.json'), '--gexf', join(dir, 'n.gexf'));
    expect(res.code, res.stderr).toBe(0);
    const [group] = JSON.parse(readFileSync(join(dir, 'g.json'), 'utf8'));
    expect(group.targets).toEqual([{ kind: 'candidate', id: 'cand-quill' }, { kind: 'race', id: 'race-harbour-1' }]);
    expect(group.amplified.map((a: { account: string }) => a.account).sort()).toEqual(['hashA', 'hashB']);
    expect(group.score_parts.foreign_share).toBeCloseTo(2 / 3, 3);
    const gexf = readFileSync(join(dir, 'n.gexf'), 'utf8');
    expect(gexf).toMatch(/<node id="hashA" label="hashA">(?:(?!<\/node>)[\s\S])*<viz:color r="214" g="39" b="40"\/>/);
  });

  it('takes URLs as written by default (as CooRTweet was fed): the utm variant of the link is another object', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-coordination-'));
    const res = await vigil('coordination', FIXTURE, '--min-participation', '1', '--min-weight', '1', '--edges', join(dir, 'e.csv'));
    expect(res.code, res.stderr).toBe(0);
    const kinds = readFileSync(join(dir, 'e.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[2]);
    expect(kinds).not.toContain('link');
    expect(kinds).toContain('hashtag');
  });

  it('rejects contradictory thresholds and unknown co-actions', async () => {
    expect((await vigil('coordination', '--input', FIXTURE, '--edge-weight', '0.5', '--min-weight', '2')).code).toBe(2);
    expect((await vigil('coordination', '--input', FIXTURE, '--co', 'repost,telepathy')).code).toBe(2);
  });
});
