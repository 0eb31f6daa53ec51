/**
 * The core slice end to end on the bundled demo data: ingest → analyze → report → verify, through the
 * CLI as a user runs it. Guards the story the product exists for.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { vigil } from '../builders/cli.js';

const DEMO = join(import.meta.dirname, '..', '..', 'demo');
const WATCH = join(DEMO, 'watchlist.yaml');
const FILES = ['seed-case.jsonl', 'veradia-x-pages.jsonl', 'news.csv'].map((f) => join(DEMO, 'data', f));

function counts(line: string): number[] {
  const m = /([\d,]+) read, ([\d,]+) stored, ([\d,]+) duplicates, ([\d,]+) quarantined/.exec(line);
  if (!m) throw new Error(`no summary line in: ${line}`);
  return m.slice(1).map((n) => Number(n.replace(/,/g, '')));
}

describe('demo pipeline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-e2e-'));
  const db = join(dir, 'vigil.db');

  beforeAll(async () => {
    const ingest = await vigil('ingest', '--db', db, ...FILES);
    expect(ingest.stderr).not.toMatch(/internal error/);
    expect(ingest.code).toBe(0);
    const money = await vigil('money', 'screen', '--db', db, '--watch', WATCH, '--input', join(DEMO, 'data', 'fec'));
    expect(money.code).toBe(0);
    const analyze = await vigil('analyze', '--db', db, '--watch', WATCH);
    expect(analyze.stderr).toBe('');
    expect(analyze.code).toBe(0);
  });

  it('ingest counts add up, and a second ingest stores nothing twice', async () => {
    const again = await vigil('ingest', '--db', db, ...FILES);
    const [read, stored, duplicates, quarantined] = counts(again.stdout);
    expect(stored).toBe(0);
    expect(read).toBe(stored! + duplicates! + quarantined!);
    expect(quarantined).toBe(2); // the two broken records kept in the demo on purpose
    const store = await openSqliteStore(db);
    expect(await store.countPosts()).toBe(duplicates);
    await store.close();
  });

  it('finds the seed directive and attributes it to the registered head of state', async () => {
    const store = await openSqliteStore(db);
    const directives = await store.listFindings({ kind: 'directive' });
    const seed = directives.find((f) => f.evidence.some((e) => e.ref === 'x:seed-bukele-2021-04'));
    expect(seed).toBeDefined();
    expect(seed!.subjects.actorIds).toContain('sv-president');
    expect(seed!.targets.candidateIds).toEqual(['torres']);
    expect(seed!.targets.raceIds).toContain('us-house-ca-35-2022');
    // News reports quoting a directive are not directives.
    expect(directives.some((f) => f.evidence.some((e) => e.ref.startsWith('news:')))).toBe(false);
    await store.close();
  });

  it('attributes the consulate with its affiliation chain and files one incident per actor and race', async () => {
    const store = await openSqliteStore(db);
    const consulate = (await store.listFindings({ kind: 'directive' })).find((f) => f.subjects.actorIds.includes('xv-consulate-columbus'));
    expect(consulate).toBeDefined();
    expect(JSON.stringify(consulate!.detail)).toMatch(/xv-mfa[\s\S]*xv-government/);
    const incidents = await store.listIncidents({ raceId: 'us-house-oh-19-2026' });
    expect(incidents.length).toBeGreaterThan(0);
    for (const inc of incidents) {
      expect(inc.techniques.length + inc.legal.length).toBeGreaterThan(0);
      for (const l of inc.legal) expect(l.caveats.length).toBeGreaterThan(0);
    }
    await store.close();
  });

  it('files foreign-money findings into the race incidents beside the posts', async () => {
    const store = await openSqliteStore(db);
    const money = await store.listFindings({ kind: 'foreign_money' });
    const row = money.find((f) => f.id === 'money:4092620261000000001');
    expect(row?.subjects.actorIds).toContain('xv-mfa');
    expect(row?.targets.raceIds).toEqual(['us-house-oh-19-2026']);
    // The military APO/AE address is not a foreign signal.
    expect(money.some((f) => f.id === 'money:4092620261000000005')).toBe(false);
    const incidents = await store.listIncidents({ raceId: 'us-house-oh-19-2026' });
    const withMoney = incidents.find((i) => i.findingIds.includes('money:4092620261000000001'));
    expect(withMoney?.findingIds.some((id) => id.startsWith('directive:'))).toBe(true);
    await store.close();
  });

  it('finds the network that pushed the directive and files it with the race', async () => {
    const store = await openSqliteStore(db);
    const groups = await store.listFindings({ kind: 'coordination' });
    const network = groups.find((f) => f.subjects.accounts.includes('x:veradia_pride77'));
    expect(network).toBeDefined();
    expect(network!.subjects.accounts).toEqual(expect.arrayContaining(['x:columbus_xv_fan', 'x:lealtad_montcastel', 'x:ohio_veradiano']));
    expect(network!.targets.raceIds).toContain('us-house-oh-19-2026');
    // Ordinary accounts that happen to share popular hashtags are not a coordinated group.
    expect(groups.flatMap((f) => f.subjects.accounts).some((a) => a.startsWith('x:ohio_local_'))).toBe(false);
    const incidents = await store.listIncidents({ raceId: 'us-house-oh-19-2026' });
    expect(incidents.some((i) => i.findingIds.includes(network!.id))).toBe(true);
    await store.close();
  });

  it('separates harassment and threats from harsh criticism', async () => {
    const store = await openSqliteStore(db);
    const harassment = await store.listFindings({ kind: 'harassment' });
    const threats = await store.listFindings({ kind: 'threat' });
    expect(threats.flatMap((f) => f.subjects.accounts)).toContain('x:patriota_xv_02');
    expect(harassment.flatMap((f) => f.subjects.accounts)).toContain('x:patriota_xv_01');
    const criticism = [...harassment, ...threats].flatMap((f) => f.subjects.accounts);
    expect(criticism).not.toContain('x:akron_voter_jl');
    await store.close();
  });

  it('writes one report per race with hostile text inert', async () => {
    const out = join(dir, 'reports');
    const report = await vigil('report', '--db', db, '--watch', WATCH, '--out', out);
    expect(report.code).toBe(0);
    const files = readdirSync(out).filter((f) => f.endsWith('.html'));
    expect(files.length).toBe(2);
    for (const f of files) {
      const html = readFileSync(join(out, f), 'utf8');
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<img[^>]*onerror/i);
      expect(html).not.toMatch(/\b(violated|broke the law|is guilty)\b/i);
    }
  });

  it('verify passes, then names the first tampered entry', async () => {
    const ok = await vigil('verify', '--db', db);
    expect(ok.stdout).toMatch(/^ledger ok: \d+ entries/);
    expect(ok.code).toBe(0);
    const store = await openSqliteStore(db);
    store.database.prepare("UPDATE evidence SET captured_at = '2000-01-01T00:00:00.000Z' WHERE seq = 2").run();
    await store.close();
    const broken = await vigil('verify', '--db', db);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/BROKEN at entry 2\b/);
  });
});
