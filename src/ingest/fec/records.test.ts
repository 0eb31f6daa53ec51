import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LAYOUTS, kindFromName } from './columns.js';
import { decodeCp1252 } from './decode.js';
import { parseCandidateLine, parseCommitteeLine, parseFecAmount, parseFecDate, parseTransactionLine } from './records.js';

const FIX = new URL('../../../test/fixtures/fec/', import.meta.url);
const raw = (text: string | Buffer, line = 1, unterminated = false) => ({
  line,
  offset: 0,
  bytes: Buffer.isBuffer(text) ? text : Buffer.from(text, 'latin1'),
  unterminated,
});
const ROW = 'C00999991|N|Q2|P2024|202407159000000123|15|IND|SAMPLE, ALEX R.|SANTA TECLA LA LIBERTAD|||SELF-EMPLOYED|CONSULTANT|06142024|500||SA11AI.4242|1800001|||4071520241000000001';

describe('FEC row parsing', () => {
  it('reads a real ZZ row with its 19-digit SUB_ID as a string', () => {
    const line = readFileSync(new URL('itcont_ZZ_rows.txt', FIX), 'latin1').split('\n')[0]!;
    const r = parseTransactionLine(raw(line, 7), LAYOUTS.itcont, 'itcont.txt');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.record.subId).toBe('4022720191644403712');
    expect(typeof r.record.subId).toBe('string');
    expect(r.record.state).toBe('ZZ');
    expect(r.record.city).toBe('BONN');
    expect(r.record.date).toBe('2019-01-31');
    expect(r.record.amount).toBe(210);
    expect(r.record.source).toEqual({ file: 'itcont.txt', line: 7, offset: 0 });
    expect(r.record.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rejects wrong field counts, bad dates, amounts and SUB_IDs with stable codes', () => {
    const f = ROW.split('|');
    const withField = (i: number, v: string) => f.map((x, k) => (k === i ? v : x)).join('|');
    const code = (line: string, unterminated = false) => {
      const r = parseTransactionLine(raw(line, 1, unterminated), LAYOUTS.itcont, 'x');
      return r.ok ? 'ok' : r.issue.code;
    };
    expect(code(ROW)).toBe('ok');
    expect(code(ROW + '|extra')).toBe('field_count');
    expect(code(withField(13, '02302024'))).toBe('date_invalid');
    expect(code(withField(13, '2024-06-14'))).toBe('date_invalid');
    expect(code(withField(13, ''))).toBe('ok');
    expect(code(withField(14, '12O'))).toBe('amount_invalid');
    expect(code(withField(14, ''))).toBe('amount_invalid');
    expect(code(withField(20, '40715202410000000011'))).toBe('sub_id_invalid');
    expect(code(withField(0, 'X00999991'))).toBe('committee_id_invalid');
    expect(code(ROW.slice(0, 60), true)).toBe('line_truncated');
  });

  it('validates MMDDYYYY dates and amounts', () => {
    expect(parseFecDate('02292024')).toBe('2024-02-29');
    expect(parseFecDate('02292023')).toBeUndefined();
    expect(parseFecDate('13012024')).toBeUndefined();
    expect(parseFecDate('')).toBeNull();
    expect(parseFecAmount('-500')).toBe(-500);
    expect(parseFecAmount('12.5')).toBe(12.5);
    expect(parseFecAmount('1e3')).toBeUndefined();
  });

  it('decodes Windows-1252 bytes, not Latin-1 controls', () => {
    expect(decodeCp1252(Buffer.from([0x93, 0x41, 0x94, 0x20, 0xe9, 0x80]))).toBe('\u201cA\u201d é€');
    const line = Buffer.concat([Buffer.from(ROW.replace('SAMPLE, ALEX R.', 'PE'), 'latin1')]);
    const withAccent = Buffer.from(line.toString('latin1').replace('PE|', 'PE\xd1A|'), 'latin1');
    const r = parseTransactionLine(raw(withAccent), LAYOUTS.itcont, 'x');
    expect(r.ok && r.record.name).toBe('PEÑA');
  });

  it('reads master rows, including names with literal quotes', () => {
    const cm = parseCommitteeLine(raw(readFileSync(new URL('cm_subset.txt', FIX), 'latin1').split('\n')[2]!));
    expect(cm.ok && cm.record).toMatchObject({ cmteId: 'C00638478', type: 'H', designation: 'P', candId: 'H8CA39133' });
    const cn = parseCandidateLine(raw('H0XX01001|DOE, ROBERT E "BUD" JR|REP|2020|XX|H|01|C|N|C00999999|||||'));
    expect(cn.ok && cn.record.name).toBe('DOE, ROBERT E "BUD" JR');
    expect(parseCandidateLine(raw('H0XX01001|DOE')).ok).toBe(false);
  });

  it('tells file kinds from FEC names', () => {
    expect(kindFromName('indiv24.zip')).toBe('itcont');
    expect(kindFromName('by_date/itcont_2024_20230101_20230630.txt')).toBe('itcont');
    expect(kindFromName('pas224.zip')).toBe('itpas2');
    expect(kindFromName('independent_expenditure_2024.csv')).toBe('ie');
    expect(kindFromName('cm.txt')).toBe('cm');
    expect(kindFromName('notes.txt')).toBeUndefined();
  });
});
