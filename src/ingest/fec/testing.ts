/**
 * Seeded random FEC rows for tests: mostly valid itcont rows with a mix of US, military, blank and
 * foreign addresses, Windows-1252 bytes, and a share of broken rows. Fictional names and committees.
 * Also a minimal ZIP writer for tests.
 */
import { deflateRawSync } from 'node:zlib';
import { seededRandom } from '../../util/random.js';


export interface TestRowOptions {
  seed: number;
  rows: number;
  committees: string[];
  /** Share of broken rows (default 0.03). */
  broken?: number;
  /** Leave the last line without LF and cut it. */
  truncateLast?: boolean;
}

const PLACES = [
  ['POMONA', 'CA', '91766'], ['AUSTIN', 'TX', '787011234'], ['APO', 'AE', '09012'], ['SAN JUAN', 'PR', '00901'],
  ['BONN', 'ZZ', '53177'], ['LONDON UNITED KINGDOM', '', ''], ['TORONTO', 'ON', 'M5V2T6'], ['SPRINGFIELD', '', '62701'],
  ['SAN SALVADOR', '', ''], ['PARIS', 'TX', '75460'], ['VELORIA CITY', 'ZZ', ''], ['ONTARIO', 'CA', '917610000'],
];
const EMPLOYERS = ['RETIRED', 'ACME LOGISTICS', 'EMBASSY OF VELORIA', 'NOT EMPLOYED', 'EMBAJADA DE EL SALVADOR', 'EXAMPLE HEALTH', 'VELORIA STATE OIL COMPANY', 'SELF-EMPLOYED'];
const NAMES = ['DOE, JANE', 'ROE, RICHARD', 'SAMPLE, ALEX', 'EXAMPLE, JORDAN', 'MINISTRO, ARMANDO', 'PE\xd1A, MAR\xcdA', 'O\x92NEIL, PAT'];
const MEMOS = ['', '', '', '* EARMARKED CONTRIBUTION: SEE BELOW', 'REFUND OF PROHIBITED FOREIGN NATIONAL CONTRIBUTION', 'CONTRIBUTOR IS A US CITIZEN LIVING ABROAD', '\x93NOTE\x94'];

/** Build a Latin-1 buffer of itcont rows. */
export function buildItcontRows(o: TestRowOptions): Buffer {
  const r = seededRandom(o.seed);
  const pick = <T>(a: T[]): T => a[Math.floor(r() * a.length)]!;
  const lines: string[] = [];
  for (let i = 0; i < o.rows; i++) {
    const [city, state, zip] = pick(PLACES);
    const month = 1 + Math.floor(r() * 12);
    const day = 1 + Math.floor(r() * 5);
    const date = `${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}2024`;
    const tranTp = r() < 0.1 ? '22Y' : r() < 0.2 ? '15E' : '15';
    const amount = tranTp === '22Y' ? `-${1 + Math.floor(r() * 500)}` : String(1 + Math.floor(r() * 3000));
    const cmte = pick(o.committees);
    const other = tranTp === '15E' ? pick(['C00401224', ...o.committees]) : '';
    const memoCd = r() < 0.1 ? 'X' : '';
    const tranId = `SA11.${Math.floor(r() * 40)}`; // small range: some amendment collisions
    const fileNum = String(1000 + Math.floor(r() * 3));
    const sub = `4${String(i).padStart(18, '0')}`;
    const f = [cmte, pick(['N', 'A']), 'Q2', 'P2024', '202407159000000123', tranTp, 'IND', pick(NAMES), city, state, zip,
      pick(EMPLOYERS), pick(['CONSULTANT', 'ATTACHE', 'RETIRED', 'MINISTRO CONSEJERO']), date, amount, other, tranId, fileNum,
      memoCd, pick(MEMOS), sub];
    if (r() < (o.broken ?? 0.03)) {
      const k = Math.floor(r() * 6);
      if (k === 0) f.pop(); // wrong field count
      else if (k === 1) f[13] = pick(['02302024', '2024-01-01', '1301202', 'ABCDEFGH']);
      else if (k === 2) f[14] = pick(['12O', '', '1,000', '--5', '1.23456']);
      else if (k === 3) f[20] = pick(['', '12345678901234567890', '4A']);
      else if (k === 4) f[0] = pick(['C0099999', 'X00999991', '']);
      else f.push('extra');
    }
    lines.push(f.join('|'));
    if (r() < 0.005) lines.push(''); // blank lines are not records
  }
  let text = lines.join('\n') + '\n';
  if (o.truncateLast) text = text.slice(0, text.length - 30);
  return Buffer.from(text, 'latin1');
}

/** A minimal ZIP writer (deflate or stored members) for tests. */
export function makeZip(members: { name: string; data: Buffer; store?: boolean }[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const body = m.store ? m.data : deflateRawSync(m.data);
    const name = Buffer.from(m.name, 'utf8');
    const lfh = Buffer.alloc(30);
    lfh.writeUInt32LE(0x04034b50, 0);
    lfh.writeUInt16LE(20, 4);
    lfh.writeUInt16LE(0x800, 6);
    lfh.writeUInt16LE(m.store ? 0 : 8, 8);
    lfh.writeUInt32LE(body.length, 18);
    lfh.writeUInt32LE(m.data.length, 22);
    lfh.writeUInt16LE(name.length, 26);
    const cdh = Buffer.alloc(46);
    cdh.writeUInt32LE(0x02014b50, 0);
    cdh.writeUInt16LE(20, 4);
    cdh.writeUInt16LE(20, 6);
    cdh.writeUInt16LE(0x800, 8);
    cdh.writeUInt16LE(m.store ? 0 : 8, 10);
    cdh.writeUInt32LE(body.length, 20);
    cdh.writeUInt32LE(m.data.length, 24);
    cdh.writeUInt16LE(name.length, 28);
    cdh.writeUInt32LE(offset, 42);
    parts.push(lfh, name, body);
    central.push(cdh, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(members.length, 8);
  eocd.writeUInt16LE(members.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, eocd]);
}

