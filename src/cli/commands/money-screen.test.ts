import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.js';
import { loadWatchlist } from '../../watch/load.js';
import { parseCommandArgs } from '../command.js';
import { moneyScreenCommand } from './money-screen.js';
import { watchImportFecCommand } from './watch-import-fec.js';

const FIX = new URL('../../../test/fixtures/fec/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'vigil-money-cli-'));

function capture() {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d) => (stdout += d));
  err.on('data', (d) => (stderr += d));
  return { io: { stdout: out, stderr: err, isTTY: false }, text: () => ({ stdout, stderr }) };
}

const WATCH = `
races:
  - id: us-ca-39-2018
    office: US House
    jurisdiction: US-CA-39
    election_date: 2018-11-06
    candidates:
      - id: phil
        name: Candidate Phil
        fec_candidate_id: H8CA39133
      - id: ford-pac-watch
        name: Watched PAC stand-in
        fec_committee_ids: [C00046474]
actors: []
`;

describe('vigil money screen', () => {
  it('writes JSONL findings, stores them, and ends with a summary line that adds up', async () => {
    const watch = join(dir, 'watch.yaml');
    writeFileSync(watch, WATCH);
    const bad = join(dir, 'itcont_bad.txt');
    writeFileSync(bad, 'C00046474|N|M2|P|201902139145509847|15|IND|EXAMPLE, PAT|BONN|ZZ|53177|X|Y|13312019|210||PR1|1315746|||4022720191644409999\n');
    const out = join(dir, 'money.jsonl');
    const db = join(dir, 'vigil.db');
    const { io, text } = capture();
    const argv = ['--watch', watch, '--input', FIX, '--input', bad, '--out', out, '--db', db];
    const code = await moneyScreenCommand.run(parseCommandArgs(moneyScreenCommand, argv), io);
    expect(code).toBe(0);
    const { stdout, stderr } = text();
    const last = stdout.trim().split('\n').at(-1)!;
    const m = /^(\d+) rows read, (\d+) screened, (\d+) flagged, (\d+) rejected$/.exec(last);
    expect(m).not.toBeNull();
    const [read, screened, flagged, rejected] = m!.slice(1).map(Number);
    // 21 ZZ rows + 300 itcont rows + 100 itpas2 rows + 1 bad row.
    expect(read).toBe(422);
    expect(rejected).toBe(1);
    expect(screened! + rejected!).toBe(read);
    expect(flagged).toBeGreaterThan(0);
    expect(flagged).toBeLessThanOrEqual(screened!);
    expect(stderr).toContain(`${bad}:1: TRANSACTION_DT "13312019"`);
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const row = lines.find((l) => l.sub_id === '4022720191644403712');
    expect(row).toMatchObject({ line: 1, amount: 210, committee_id: 'C00046474', indicators: ['state_zz'] });
    expect(typeof row.sub_id).toBe('string');
    expect(row.score).toBeGreaterThan(0);
    const store = await openStore(db);
    try {
      const stored = await store.listFindings({ kind: 'foreign_money' });
      expect(stored.map((f) => f.id)).toContain('money:4022720191644403712');
      expect(await store.countQuarantine()).toBe(1);
    } finally {
      await store.close();
    }
  });
});

describe('CLI routing', () => {
  it('reaches both two-word commands through runCli', async () => {
    const { runCli } = await import('../index.js');
    for (const name of [['money', 'screen'], ['watch', 'import-fec']]) {
      const { io, text } = capture();
      expect(await runCli([...name, '--help'], io)).toBe(0);
      expect(text().stdout).toContain(`Usage: vigil ${name.join(' ')}`);
    }
    const { io, text } = capture();
    expect(await runCli(['money', 'screen', '--input', FIX], io)).toBe(2);
    expect(text().stderr).toContain('--watch is required');
  });
});

describe('vigil watch import-fec', () => {
  it('creates a race with candidates and committees from cn and ccl', async () => {
    const { io, text } = capture();
    const argv = ['--input', join(FIX, 'cn_subset.txt'), '--ccl', join(FIX, 'ccl_subset.txt'), '--cycle', '2018', '--state', 'CA', '--district', '39'];
    expect(await watchImportFecCommand.run(parseCommandArgs(watchImportFecCommand, argv), io)).toBe(0);
    const yaml = text().stdout;
    expect(yaml).toContain('id: us-ca-39-2018');
    expect(yaml).toContain('jurisdiction: US-CA-39');
    expect(yaml).toContain('election_date: 2018-11-06');
    expect(yaml).toContain('fec_candidate_id: H8CA39133');
    expect(yaml).toContain('- C00638478');
    expect(yaml).toContain('name: Phil Andrew Dr. Janowicz');
  });

  it('merges into an existing watchlist without duplicating candidates', async () => {
    const existing = join(dir, 'existing.yaml');
    writeFileSync(existing, `races:
  - id: us-ca-39-2018
    office: US House
    jurisdiction: US-CA-39
    election_date: 2018-11-06
    candidates:
      - id: phil
        name: Phil (kept as written)
        fec_candidate_id: H8CA39133
actors: []
`);
    const out = join(dir, 'merged.yaml');
    const { io } = capture();
    const argv = ['--input', join(FIX, 'cn_subset.txt'), '--cycle', '2018', '--state', 'CA', '--merge', existing, '--out', out];
    expect(await watchImportFecCommand.run(parseCommandArgs(watchImportFecCommand, argv), io)).toBe(0);
    const merged = readFileSync(out, 'utf8');
    expect(merged).toContain('Phil (kept as written)');
    expect(merged.match(/H8CA39133/g)).toHaveLength(1);
    expect(merged).toContain('actors: []');
    const loaded = await loadWatchlist(out);
    expect(loaded.races[0]!.candidates.map((c) => c.fecCandidateId)).toEqual(['H8CA39133']);
  });
});
