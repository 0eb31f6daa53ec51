import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyMasters } from '../../ingest/fec/masters.js';
import type { FecTransaction } from '../../ingest/fec/records.js';
import { buildItcontRows, makeZip } from '../../ingest/fec/testing.js';
import type { Actor, Watchlist } from '../../model/types.js';
import { analyzeTransactions } from './analyze.js';
import { jsonLine, MONEY_CAVEAT } from './findings.js';
import { addressIndicators, entityIndicators, memoIndicators, scoreIndicators } from './indicators.js';
import { buildMoneyPlan } from './plan.js';
import { referenceScreen } from './reference.js';
import { compileRegistry, matchRegistry } from './registry.js';
import { screenMoney } from './screen.js';

const FIX = new URL('../../../test/fixtures/fec/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'vigil-money-'));

const actor = (id: string, name: string, aliases: string[] = [], role: Actor['role'] = 'other'): Actor => ({
  id, kind: 'organization', name, aliases, country: 'XV', role, handles: {}, sources: [],
});
const ACTORS: Actor[] = [
  actor('xv:mission:embassy-us', 'Embassy of Veloria', ['Embajada de Velória'], 'consulate'),
  actor('xv:person:armando-ministro', 'Armando Ministro', [], 'minister'),
  actor('xv:company:state-oil', 'Veloria State Oil Company'),
  actor('xv:party:ni', 'Nuevas Voces', ['NV']),
];
const watchlist = (committees: string[], fecCandidateId?: string): Watchlist => ({
  races: [{ id: 'us-xx-1-2024', office: 'US House', jurisdiction: 'US-XX-1', electionDate: '2024-11-05',
    candidates: [{ id: 'cand-terry', name: 'Terry Example', aliases: [], handles: {}, fecCommitteeIds: committees, fecCandidateId }] }],
  actors: ACTORS,
  webhooks: [],
});

const row = (over: Partial<FecTransaction>): FecTransaction => ({
  kind: 'itcont', cmteId: 'C00999991', amndtInd: 'N', rptTp: 'Q2', imageNum: '202407159000000123', tranTp: '15', entityTp: 'IND', name: 'DOE, JANE',
  city: 'POMONA', state: 'CA', zip: '91766', employer: 'ACME', occupation: 'CLERK', date: '2024-06-14', amount: 500,
  otherId: '', candId: '', tranId: '', fileNum: '1', memoCd: '', memoText: '', subId: '4000000000000000001',
  source: { file: 'x', line: 1, offset: 0 }, sha256: 'a'.repeat(64), raw: '', ...over,
});

describe('indicators', () => {
  const codes = (x: { code: string }[]) => x.map((i) => i.code);
  it('treats military AA/AE/AP and territories as US, and ZZ, provinces and blank states as signals', () => {
    for (const state of ['AE', 'AP', 'AA', 'PR', 'GU', 'ca']) expect(addressIndicators({ state, city: 'APO', zip: '09012' })).toEqual([]);
    expect(codes(addressIndicators({ state: 'ZZ', city: 'BONN', zip: '53177' }))).toEqual(['state_zz']);
    expect(codes(addressIndicators({ state: 'ON', city: 'TORONTO', zip: 'M5V 2T6' }))).toEqual(['state_not_us', 'zip_non_us']);
    const blank = addressIndicators({ state: '', city: 'LONDON UNITED KINGDOM', zip: '' });
    expect(codes(blank)).toEqual(['state_blank_foreign_city']);
    expect(blank[0]!.country).toBe('GB');
    expect(codes(addressIndicators({ state: '', city: 'SPRINGFIELD', zip: '62701' }))).toEqual(['state_missing']);
  });

  it('matches registry actors whatever the word order, case and accents', () => {
    const reg = compileRegistry(ACTORS);
    expect(matchRegistry('MINISTRO, ARMANDO', reg).map((m) => m.actorId)).toEqual(['xv:person:armando-ministro']);
    expect(matchRegistry('EMBAJADA DE VELORIA', reg).map((m) => m.actorId)).toEqual(['xv:mission:embassy-us']);
    expect(matchRegistry('ARMANDO SMITH', reg)).toEqual([]);
    // Too-short aliases ("NV") never match alone.
    expect(matchRegistry('NV', reg)).toEqual([]);
    const ind = entityIndicators({ name: 'DOE, JANE', employer: 'EMBAJADA DE EL SALVADOR', occupation: 'VELORIA STATE OIL COMPANY' }, reg);
    expect(codes(ind)).toEqual(['foreign_government_employer', 'registry_occupation']);
    expect(ind[0]!.country).toBe('SV');
  });

  it('reads citizenship and prohibited-refund memos', () => {
    expect(codes(memoIndicators('REFUND OF PROHIBITED FOREIGN NATIONAL CONTRIBUTION'))).toEqual(['memo_refund_prohibited']);
    expect(codes(memoIndicators('CONTRIBUTOR IS A US CITIZEN LIVING ABROAD'))).toEqual(['memo_citizenship']);
    expect(memoIndicators('* EARMARKED CONTRIBUTION: SEE BELOW')).toEqual([]);
  });

  it('scores below certainty', () => {
    expect(scoreIndicators(['state_zz'])).toBe(0.45);
    // 1 - 0.55 * 0.4 * 0.45 * 0.65 = 0.93565
    expect(scoreIndicators(['state_zz', 'registry_contributor', 'registry_employer', 'memo_citizenship'])).toBe(0.936);
    expect(scoreIndicators(['state_zz', 'registry_contributor', 'registry_employer', 'memo_citizenship', 'zip_non_us', 'registry_occupation'])).toBe(0.95);
  });
});

describe('analysis', () => {
  const plan = buildMoneyPlan(watchlist(['C00999991']), emptyMasters());

  it('collapses amendments, memo copies and conduit copies so money is counted once', () => {
    const base = { state: 'ZZ', city: 'BONN', zip: '53177' };
    const rows = [
      row({ ...base, subId: '1', tranId: 'T1', fileNum: '100' }),
      row({ ...base, subId: '2', tranId: 'T1', fileNum: '101', amndtInd: 'A' }), // amendment of 1
      row({ ...base, subId: '3', tranId: 'T9', memoCd: 'X', name: 'ROE, RICHARD' }), // memo copy of 4
      row({ ...base, subId: '4', tranId: 'T8', name: 'ROE, RICHARD' }),
      row({ ...base, subId: '5', cmteId: 'C00401224', otherId: 'C00999991', tranId: 'AB1', name: 'SAMPLE, ALEX' }), // conduit copy of 6
      row({ ...base, subId: '6', tranId: 'T7', tranTp: '15E', otherId: 'C00401224', name: 'SAMPLE, ALEX' }),
    ];
    const { flagged, flaggedRows } = analyzeTransactions(rows, plan, { all: false });
    expect(flaggedRows).toBe(6);
    expect(flagged.map((f) => [f.row.subId, f.collapsed.map((c) => `${c.subId}:${c.why}`)])).toEqual([
      ['2', ['1:amendment']],
      ['4', ['3:memo_copy']],
      ['6', ['5:conduit_copy']],
    ]);
    expect(flagged.every((f) => f.counted)).toBe(true);
  });

  it('finds refunds soon after receipt and same-day clusters only around a signal', () => {
    const rows = [
      row({ subId: '10', state: 'ZZ', city: 'BONN', zip: '53177', name: 'DOE, JANE', date: '2024-03-01' }),
      row({ subId: '11', tranTp: '22Y', amount: -500, state: 'ZZ', city: 'BONN', zip: '53177', name: 'DOE, JANE', date: '2024-03-20' }),
      row({ subId: '12', name: 'ROE, RICHARD', date: '2024-03-01' }),
      row({ subId: '13', tranTp: '22Y', amount: -500, name: 'ROE, RICHARD', date: '2024-03-05' }), // no signal: not flagged
      ...['A', 'B', 'C'].map((n, i) => row({ subId: `2${i}`, name: `PERSON, ${n}`, employer: 'VELORIAN TRADING', date: '2024-04-01', state: i === 0 ? 'ZZ' : 'CA' })),
      ...['D', 'E', 'F'].map((n, i) => row({ subId: `3${i}`, name: `PERSON, ${n}`, employer: 'PLAIN CO', date: '2024-04-02' })),
    ];
    const { flagged } = analyzeTransactions(rows, plan, { all: false });
    const by = new Map(flagged.map((f) => [f.row.subId, f.indicators.map((i) => i.code)]));
    expect(by.get('11')).toEqual(['state_zz', 'refund_soon_after_receipt']);
    expect(by.get('10')).toEqual(['state_zz', 'refund_soon_after_receipt']);
    expect(by.has('13')).toBe(false);
    expect(by.get('21')).toEqual(['cluster_same_employer_day']);
    expect(by.has('30')).toBe(false);
  });
});

describe('screenMoney', () => {
  for (const all of [false, true]) {
    it(`agrees with the slow reference screener on seeded random rows (all=${all})`, async () => {
      const path = join(dir, `itcont-${all}.txt`);
      writeFileSync(path, buildItcontRows({ seed: 77, rows: 4000, committees: ['C00999991', 'C00999992', 'C00999993', 'C00401224'] }));
      const wl = watchlist(['C00999991', 'C00999992']);
      const fast = await screenMoney({ inputs: [path], watchlist: wl, all, workers: 3, mode: 'inline', kind: 'itcont' });
      const ref = referenceScreen(path, buildMoneyPlan(wl, emptyMasters()), all);
      expect(fast.counts.read).toBe(ref.lines);
      expect(fast.counts.rejected).toBe(ref.rejected.length);
      expect(fast.quarantine.map((q) => [q.source.line, q.code])).toEqual(ref.rejected.map((r) => [r.line, r.code]));
      expect(fast.counts.screened + fast.counts.rejected).toBe(fast.counts.read);
      expect(fast.counts.flagged).toBe(ref.analysis.flaggedRows);
      const refFindings = ref.analysis.flagged.map((f) => [f.row.subId, f.indicators.map((i) => i.code).join(','), f.row.sha256, f.row.source.offset]);
      const fastRows = fast.findings.filter((f) => !f.id.startsWith('money:share:'));
      expect(fastRows.map((f) => [f.detail.sub_id, (f.detail.indicators as string[]).join(','), f.detail.row_sha256, f.evidence[0]!.source.offset])).toEqual(refFindings);
      expect(refFindings.length).toBeGreaterThan(100);
    });
  }

  it('flags the real ZZ rows of a watched committee with file, line, SUB_ID, hash and caveat', async () => {
    const wl = watchlist([], 'H8CA39133');
    wl.races[0]!.candidates[0]!.fecCommitteeIds = ['C00046474'];
    const res = await screenMoney({
      inputs: [join(FIX, 'itcont_ZZ_rows.txt'), join(FIX, 'cm_subset.txt'), join(FIX, 'cn_subset.txt'), join(FIX, 'ccl_subset.txt')],
      watchlist: wl, mode: 'inline', kind: 'itcont',
    });
    expect(res.counts).toMatchObject({ read: 21, screened: 21, rejected: 0, masterRows: 5 });
    const zz = res.findings.filter((f) => (f.detail.indicators as string[]).includes('state_zz'));
    // All 21 rows carry STATE=ZZ; 19 went to the watched Ford PAC (C00046474).
    expect(zz.length).toBeGreaterThan(10);
    const f = zz.find((x) => x.detail.sub_id === '4022720191644403712')!;
    expect(f).toMatchObject({
      id: 'money:4022720191644403712',
      kind: 'foreign_money',
      targets: { candidateIds: ['cand-terry'], raceIds: ['us-xx-1-2024'] },
      observedAt: '2019-01-31T00:00:00.000Z',
      evidence: [{ kind: 'contribution', ref: 'fec:4022720191644403712', source: { line: 1, offset: 0 } }],
    });
    expect(f.detail).toMatchObject({ file: join(FIX, 'itcont_ZZ_rows.txt'), line: 1, amount: 210, committee_id: 'C00046474' });
    expect(f.explanation).toContain(MONEY_CAVEAT);
    expect(f.detail.row_sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('links candidates through cn/ccl and reads itpas2', async () => {
    const res = await screenMoney({
      inputs: [join(FIX, 'itpas2_head100.txt'), join(FIX, 'cn_subset.txt')],
      watchlist: watchlist([], 'H8CA39133'), all: true, mode: 'inline',
    });
    expect(res.counts.read).toBe(100);
    expect(res.counts.rejected).toBe(0);
  });

  it('judges committee-to-candidate money by the giving committee (cm.txt), not the row address', async () => {
    const cm = join(dir, 'cm.txt');
    writeFileSync(cm, [
      'C00777777|VELORIA TRADE PAC|ROE, SAM|1 HARBOR WAY||VELORIA CITY|ZZ||U|Q|UNK|M|C|VELORIA STATE OIL COMPANY|',
      'C00666666|PLAIN PAC|DOE, PAT|1 MAIN ST||POMONA|CA|91766|U|Q|UNK|M|C||',
    ].join('\n') + '\n');
    const pas2 = join(dir, 'itpas2.txt');
    const rowFor = (giver: string, sub: string) =>
      `${giver}|N|Q3|G2024|202410159000000789|24K|CCM|FRIENDS OF TERRY EXAMPLE|POMONA|CA|917660000|||09302024|2000|C00999991|H4XX01999|SB23.${sub}|1820003|||41015202410000000${sub}`;
    writeFileSync(pas2, [rowFor('C00777777', '01'), rowFor('C00666666', '02')].join('\n') + '\n');
    for (const all of [false, true]) {
      const res = await screenMoney({ inputs: [cm, pas2], watchlist: watchlist(['C00999991'], 'H4XX01999'), all, mode: 'inline' });
      const rows = res.findings.filter((f) => f.id.startsWith('money:4'));
      expect(rows.map((f) => [f.id, f.detail.indicators])).toEqual([['money:4101520241000000001', ['state_zz', 'registry_connected_org']]]);
      expect(rows[0]!.subjects.actorIds).toEqual(['xv:company:state-oil']);
      expect(String(rows[0]!.explanation)).toContain('giving committee C00777777');
    }
  });

  it('places a row with a blank TRANSACTION_DT at its filing date from IMAGE_NUM', async () => {
    const path = join(dir, 'itcont_nodate.txt');
    writeFileSync(path, 'C00999991|N|Q2|P2024|202407159000000123|15|IND|SAMPLE, ALEX R.|BONN|ZZ|53177|SELF-EMPLOYED|CONSULTANT||500||SA1|1800001|||4071520241000000009\n');
    const res = await screenMoney({ inputs: [path], watchlist: watchlist(['C00999991']), mode: 'inline' });
    expect(res.findings[0]!.observedAt).toBe('2024-07-15T00:00:00.000Z');
    expect(jsonLine(res.findings[0]!).date).toBeNull();
  });

  it('quarantines bad rows with file and line and goes on', async () => {
    const path = join(dir, 'bad-itcont.txt');
    const good = 'C00999991|N|Q2|P2024|202407159000000123|15|IND|SAMPLE, ALEX R.|BONN|ZZ|53177|SELF-EMPLOYED|CONSULTANT|06142024|500||SA11AI.4242|1800001|||4071520241000000001';
    writeFileSync(path, [good, good.replace('06142024', '06312024'), good.replace('|500|', '|5OO|'), 'C00999991|N|short', good.replace('4071520241000000001', '4071520241000000002')].join('\n') + '\nC00999991|N|Q2');
    const res = await screenMoney({ inputs: [path], watchlist: watchlist(['C00999991']), mode: 'inline', kind: 'itcont' });
    expect(res.quarantine.map((q) => [q.source.line, q.code])).toEqual([[2, 'date_invalid'], [3, 'amount_invalid'], [4, 'field_count'], [6, 'line_truncated']]);
    expect(res.quarantine[0]!.reason).toContain(`${path}:2`);
    expect(res.counts).toMatchObject({ read: 6, screened: 2, rejected: 4, flagged: 2 });
  });

  it('finds the same rows in a plain file and straight from its FEC zip', async () => {
    const bytes = buildItcontRows({ seed: 21, rows: 1500, committees: ['C00999991', 'C00999992', 'C00401224'] });
    const plain = join(dir, 'itcont.txt');
    writeFileSync(plain, bytes);
    const zpath = join(dir, 'indiv99.zip');
    writeFileSync(zpath, makeZip([{ name: 'itcont.txt', data: bytes }]));
    const wl = watchlist(['C00999991']);
    const a = await screenMoney({ inputs: [plain], watchlist: wl, workers: 2, mode: 'inline' });
    const b = await screenMoney({ inputs: [zpath], watchlist: wl });
    const view = (r: typeof a) => r.findings.map((f) => [f.id, f.score, f.detail.line, f.evidence[0]?.source.offset, f.detail.row_sha256]);
    expect(view(b)).toEqual(view(a));
    expect(b.findings[0]!.detail.file).toBe(`${zpath}!itcont.txt`);
    expect(b.counts).toEqual(a.counts);
    expect(a.findings.length).toBeGreaterThan(20);
  });

  it('records a damaged zip member and goes on with the other inputs', async () => {
    const good = 'C00999991|N|Q2|P2024|202407159000000123|15|IND|SAMPLE, ALEX R.|BONN|ZZ|53177|SELF-EMPLOYED|CONSULTANT|06142024|500||SA11AI.4242|1800001|||4071520241000000001\n';
    const zip = makeZip([{ name: 'itcont.txt', data: Buffer.from(good.repeat(200)) }]);
    // Corrupt the deflate stream just after the local header.
    for (let i = 60; i < 80; i++) zip[i] = 0xff;
    const zpath = join(dir, 'indiv24.zip');
    writeFileSync(zpath, zip);
    const plain = join(dir, 'itcont_ok.txt');
    writeFileSync(plain, good);
    const res = await screenMoney({ inputs: [zpath, plain], watchlist: watchlist(['C00999991']), mode: 'inline' });
    expect(res.quarantine.map((q) => [q.source.file, q.code])).toEqual([[`${zpath}!itcont.txt`, 'zip_unreadable']]);
    expect(res.counts.read).toBe(1);
    expect(res.findings.map((f) => f.id)).toEqual(['money:4071520241000000001']);
  });

  it('flags independent expenditures by registry-linked spenders, collapsing amended notices', async () => {
    const path = join(dir, 'independent_expenditure_2024.csv');
    const header = 'cand_id,cand_name,spe_id,spe_nam,ele_type,can_office_state,can_office_dis,can_office,cand_pty_aff,exp_amo,exp_date,agg_amo,sup_opp,pur,pay,file_num,amndt_ind,tran_id,image_num,receipt_dat,fec_election_yr,prev_file_num,dissem_dt';
    writeFileSync(path, [
      header,
      'H4XX01999,"EXAMPLE, TERRY",C99999999,VELORIA STATE OIL COMPANY ,G,XX,01,H,DEMOCRATIC PARTY,15000,28-OCT-24,42000,O,DIGITAL ADVERTISING,EXAMPLE MEDIA LLC,1830004,N,SE.1001,202410299000001000,29-OCT-24,2024,,27-OCT-24',
      'H4XX01999,"EXAMPLE, TERRY",C99999999,VELORIA STATE OIL COMPANY ,G,XX,01,H,DEMOCRATIC PARTY,15000,28-OCT-24,42000,O,DIGITAL ADVERTISING,EXAMPLE MEDIA LLC,1830009,A,SE.1001,202410299000001001,30-OCT-24,2024,1830004,27-OCT-24',
      'H4XX01999,"EXAMPLE, TERRY",C88888888,PLAIN PAC,G,XX,01,H,DEM,900,28-OCT-24,900,S,MAIL,EXAMPLE PRINT,1830005,N,SE.7,202410299000001002,29-OCT-24,2024,,27-OCT-24',
      'H4XX01999,"EXAMPLE, TERRY",C88888888,PLAIN PAC,G,XX,01,H,DEM,lots,28-OCT-24,900,S,MAIL,EXAMPLE PRINT,1830006,N,SE.8,202410299000001003,29-OCT-24,2024,,27-OCT-24',
    ].join('\n') + '\n');
    const res = await screenMoney({ inputs: [path], watchlist: watchlist([], 'H4XX01999'), mode: 'inline' });
    expect(res.counts).toMatchObject({ read: 4, screened: 3, rejected: 1, flagged: 2 });
    expect(res.findings.map((f) => [f.id, f.detail.indicators])).toEqual([['money:ie:1830009:SE.1001', ['registry_spender']]]);
    expect(res.findings[0]!.detail.collapsed).toEqual([{ sub_id: '1830004:SE.1001', why: 'amendment' }]);
    expect(res.quarantine[0]).toMatchObject({ code: 'amount_invalid', source: { line: 5 } });
  });
});
