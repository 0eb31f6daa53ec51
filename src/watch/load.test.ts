import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WatchlistError } from '../errors.js';
import { loadWatchlist, parseWatchlist } from './load.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-watch-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const SEED_YAML = `
races:
  - id: us-house-ca-35-2022
    office: US House
    jurisdiction: US-CA-35
    election_date: 2022-11-08
    candidates:
      - id: torres
        name: Norma Torres
        aliases: [Norma J. Torres, Rep. Torres]
        party: DEM
        handles: { x: ['@NormaJTorres'], bluesky: [], mastodon: [] }
actors:
  - id: sv-government
    kind: organization
    name: Government of El Salvador
    country: SV
    role: other
  - id: sv-president
    kind: person
    name: Nayib Bukele
    aliases: [Bukele, Presidente Bukele]
    country: SV
    role: head_of_state
    affiliation: sv-government
    handles: { x: [nayibbukele] }
`;

function issuesOf(fn: () => unknown): { path: string; message: string }[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(WatchlistError);
    return (err as WatchlistError).issues;
  }
  throw new Error('expected a WatchlistError');
}

describe('loadWatchlist', () => {
  it('loads the issue example and maps snake_case to the in-code shape', async () => {
    const w = await loadWatchlist(file('seed.yaml', SEED_YAML));
    expect(w.races[0]!.electionDate).toBe('2022-11-08');
    expect(w.races[0]!.candidates[0]!.handles.x).toEqual(['NormaJTorres']);
    expect(w.actors[1]!.affiliation).toBe('sv-government');
    expect(w.webhooks).toEqual([]);
  });

  it('loads JSON too', async () => {
    const w = await loadWatchlist(file('w.json', JSON.stringify({ actors: [{ id: 'xk-min', kind: 'organization', name: 'Ministry', country: 'XK', role: 'minister' }] })));
    expect(w.actors[0]!.country).toBe('XK');
  });

  it('names the path of an unknown key', () => {
    const issues = issuesOf(() =>
      parseWatchlist({ races: [{ id: 'r', office: 'o', jurisdiction: 'US-CA-1', election_date: '2024-11-05', candidates: [{ id: 'c', name: 'N', handels: {} }] }] }, 'w.yaml'),
    );
    expect(issues).toContainEqual({ path: 'races[0].candidates[0].handels', message: 'unknown key' });
  });

  it('rejects bad country codes, roles and dates with their paths', () => {
    const issues = issuesOf(() =>
      parseWatchlist(
        {
          races: [{ id: 'r', office: 'o', jurisdiction: 'US-CA-1', election_date: '2024-02-30' }],
          actors: [{ id: 'a', kind: 'person', name: 'A', country: 'SLV', role: 'king' }],
        },
        'w.yaml',
      ),
    );
    const paths = issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['races[0].election_date', 'actors[0].country', 'actors[0].role']));
  });

  it('takes a state legislative seat with its chamber (US-CA-AD-53), a place of several words, and rejects a malformed one', () => {
    const race = (jurisdiction: string) => ({ races: [{ id: 'r', office: 'State Assembly', jurisdiction, election_date: '2026-11-03' }] });
    expect(parseWatchlist(race('US-CA-AD-53'), 'w.yaml').races[0]!.jurisdiction).toBe('US-CA-AD-53');
    expect(parseWatchlist(race('US-TX-LOMAVERDE'), 'w.yaml').races[0]!.jurisdiction).toBe('US-TX-LOMAVERDE');
    expect(parseWatchlist(race('us-ma-Ashcombe'), 'w.yaml').races[0]!.jurisdiction).toBe('US-MA-ASHCOMBE');
    expect(parseWatchlist(race('US-MA-Port-Ellery'), 'w.yaml').races[0]!.jurisdiction).toBe('US-MA-PORT-ELLERY');
    expect(parseWatchlist(race('US-TX-LOMA-VERDE-COUNTY'), 'w.yaml').races[0]!.jurisdiction).toBe('US-TX-LOMA-VERDE-COUNTY');
    expect(parseWatchlist(race('US-AZ-Cholla County'), 'w.yaml').races[0]!.jurisdiction).toBe('US-AZ-CHOLLA-COUNTY'); // a space separates words
    for (const bad of ['US-CA--53', 'US-CA-AD - 53', 'US-CALIFORNIA-1', 'US-TX-A-B-C-D-E']) {
      expect(issuesOf(() => parseWatchlist(race(bad), 'w.yaml')).map((i) => i.path)).toEqual(['races[0].jurisdiction']);
    }
  });

  it('reads `party: null` (a ballot-measure committee, a nonpartisan seat) as no party', () => {
    const candidate = (party: unknown) => ({ races: [{ id: 'r', office: 'Ballot measure', jurisdiction: 'US-AZ', election_date: '2026-11-03', candidates: [{ id: 'c', name: 'Yes on 9', party }] }] });
    expect(parseWatchlist(candidate(null), 'w.yaml').races[0]!.candidates[0]!.party).toBeUndefined();
    expect(parseWatchlist(candidate('Green'), 'w.yaml').races[0]!.candidates[0]!.party).toBe('Green');
    expect(issuesOf(() => parseWatchlist(candidate(7), 'w.yaml')).map((i) => i.path)).toEqual(['races[0].candidates[0].party']);
  });

  it('rejects duplicate ids and dangling affiliations', () => {
    const issues = issuesOf(() =>
      parseWatchlist(
        {
          actors: [
            { id: 'a', kind: 'person', name: 'A', country: 'SV', role: 'other', affiliation: 'nobody' },
            { id: 'a', kind: 'person', name: 'B', country: 'SV', role: 'other' },
          ],
        },
        'w.yaml',
      ),
    );
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['actors[0].affiliation', 'actors[1].id']));
  });

  it('reports YAML syntax errors with a line', async () => {
    await expect(loadWatchlist(file('bad.yaml', 'races:\n  - id: [unclosed\n'))).rejects.toMatchObject({ code: 'watchlist_invalid' });
  });
});
