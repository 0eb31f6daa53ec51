import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildIncidents } from '../cases/incidents.js';
import { makeBundle, makeRace, velorianScenario } from '../../test/fixtures/cases/builders.js';
import { EXPORTERS, exportStem, isExporterName } from './index.js';
import { CASE_BUNDLE_FORMAT, toJson } from './json.js';

function bundle() {
  const { watchlist, posts, findings } = velorianScenario();
  return makeBundle({ incidents: buildIncidents(findings, watchlist), findings, posts, watchlist });
}

describe('exporter map', () => {
  it('lists html, csv, json and stix, each producing named files', () => {
    expect(Object.keys(EXPORTERS).sort()).toEqual(['csv', 'html', 'json', 'stix']);
    const b = bundle();
    for (const [name, exporter] of Object.entries(EXPORTERS)) {
      expect(exporter.name).toBe(name);
      const files = exporter.export(b);
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) {
        expect(f.name).toMatch(/^[A-Za-z0-9._-]+$/);
        expect(f.content.length).toBeGreaterThan(100);
      }
    }
    const csv = EXPORTERS.csv.export(b);
    expect(csv.map((f) => f.name)).toEqual(['us-ca-99-incidents.csv', 'us-ca-99-findings.csv', 'us-ca-99-evidence.csv', 'us-ca-99-manifest.json']);
    const manifest = JSON.parse(csv[3]!.content);
    expect(manifest.files.map((f: { rows: number }) => f.rows)).toEqual([3, 6, 8]); // incidents: actor, safety, money (issue 8)
    // The manifest names the files as written (issue 11: it said incidents.csv beside all-races-incidents.csv).
    expect(manifest.files.map((f: { name: string }) => f.name)).toEqual(csv.slice(0, 3).map((f) => f.name));
    expect(JSON.parse(EXPORTERS.csv.export({ ...b, race: null })[3]!.content).files[0].name).toBe('all-races-incidents.csv');
    expect(manifest.escaping).toMatch(/free-text cells \(title, .*explanation.*text\).*identifiers are written exactly/);
    expect(JSON.parse(EXPORTERS.csv.export(b, { spreadsheetSafe: true })[3]!.content).escaping).toMatch(/spreadsheet-safe: every cell/);
    expect(manifest.files[2].sha256).toBe(createHash('sha256').update(csv[2]!.content).digest('hex'));
    expect(isExporterName('stix')).toBe(true);
    expect(isExporterName('toString')).toBe(false);
  });

  it('makes file names safe from hostile race ids', () => {
    const b = { ...bundle(), race: makeRace({ id: '../../etc/passwd' }) };
    // Expected hashes computed independently: sha256 of the original id, first 8 hex digits.
    const h8 = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 8);
    expect(exportStem(b)).toBe(`__.._etc_passwd-${h8('../../etc/passwd')}`);
    expect(exportStem({ ...b, race: makeRace({ id: '..' }) })).toBe(`_-${h8('..')}`);
    expect(exportStem({ ...b, race: null })).toBe('all-races');
    expect(exportStem({ ...b, race: makeRace({ id: 'fd-01' }) })).toBe('fd-01');
    // Ids that differ only in unsafe characters must not share a file name.
    const stems = ['fd/01', 'fd_01', 'fd:01', 'x'.repeat(101), 'x'.repeat(102)].map((id) => exportStem({ ...b, race: makeRace({ id }) }));
    expect(new Set(stems).size).toBe(stems.length);
    for (const s of stems) expect(s).toMatch(/^[A-Za-z0-9._-]{1,120}$/);
  });
});

describe('JSON export', () => {
  it('round-trips the bundle with a format tag', () => {
    const b = bundle();
    const parsed = JSON.parse(toJson(b));
    expect(parsed.format).toBe(CASE_BUNDLE_FORMAT);
    expect(parsed.formatVersion).toBe(1);
    const { format: _f, formatVersion: _v, ...rest } = parsed;
    expect(rest).toEqual(b);
    expect(toJson(b, { pretty: false }).trim().split('\n')).toHaveLength(1);
  });
});
