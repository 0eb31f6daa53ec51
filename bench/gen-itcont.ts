/**
 * Seeded generator of a realistic FEC `itcont.txt` (21 pipe fields, Latin-1, LF, no header) with
 * planted foreign-signal rows. Everything is fictional: names, committees, employers and the
 * registry country "Veloria". Planted SUB_IDs are written next to the data as `<out>.planted`.
 *
 *   npx tsx bench/gen-itcont.ts [--bytes 5e9] [--seed 42] [--out bench/data/itcont.txt]
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { seededRandom } from '../src/util/random.js';

const LAST = 'SMITH JOHNSON WILLIAMS BROWN JONES GARCIA MILLER DAVIS RODRIGUEZ MARTINEZ HERNANDEZ LOPEZ GONZALEZ WILSON ANDERSON THOMAS TAYLOR MOORE JACKSON MARTIN LEE PEREZ THOMPSON WHITE HARRIS SANCHEZ CLARK RAMIREZ LEWIS ROBINSON WALKER YOUNG ALLEN KING WRIGHT SCOTT TORRESS NGUYEN HILL FLORES GREEN ADAMS NELSON BAKER HALL RIVERA CAMPBELL MITCHELL CARTER ROBERTS'.split(' ');
const FIRST = 'JAMES MARY ROBERT PATRICIA JOHN JENNIFER MICHAEL LINDA DAVID ELIZABETH WILLIAM BARBARA RICHARD SUSAN JOSEPH JESSICA THOMAS SARAH CHARLES KAREN CHRISTOPHER LISA DANIEL NANCY MATTHEW BETTY ANTHONY MARGARET MARK SANDRA ANA LUIS CARMEN JOSE MARIA'.split(' ');
const PLACES: [string, string, string][] = [
  ['LOS ANGELES', 'CA', '900'], ['POMONA', 'CA', '917'], ['ONTARIO', 'CA', '917'], ['NEW YORK', 'NY', '100'],
  ['BROOKLYN', 'NY', '112'], ['CHICAGO', 'IL', '606'], ['HOUSTON', 'TX', '770'], ['AUSTIN', 'TX', '787'],
  ['PHOENIX', 'AZ', '850'], ['PHILADELPHIA', 'PA', '191'], ['SEATTLE', 'WA', '981'], ['DENVER', 'CO', '802'],
  ['WASHINGTON', 'DC', '200'], ['BOSTON', 'MA', '021'], ['ATLANTA', 'GA', '303'], ['MIAMI', 'FL', '331'],
  ['PORTLAND', 'OR', '972'], ['NASHVILLE', 'TN', '372'], ['DETROIT', 'MI', '482'], ['SAN JUAN', 'PR', '009'],
  ['APO', 'AE', '090'], ['FPO', 'AP', '962'], ['PARIS', 'TX', '754'], ['LONDON', 'KY', '407'],
];
const EMPLOYERS = 'RETIRED|NOT EMPLOYED|SELF-EMPLOYED|N/A|ACME LOGISTICS|EXAMPLE HEALTH SYSTEM|NORTHWIND TRADERS|CONTOSO LTD|GLOBEX CORP|INITECH|UNIVERSITY OF EXAMPLE|CITY OF EXAMPLE|STATE OF EXAMPLE|HOOLI|UMBRELLA CORP'.split('|');
const OCCUPATIONS = 'RETIRED|NOT EMPLOYED|ATTORNEY|PHYSICIAN|TEACHER|ENGINEER|CONSULTANT|MANAGER|SALES|NURSE|PROFESSOR|EXECUTIVE|SOFTWARE ENGINEER|OWNER|REAL ESTATE'.split('|');
const RPT = 'Q1 Q2 Q3 YE M2 M3 M4 M5 M6 M7 M8 M9 M10 M11 M12 12G 30G 12P'.split(' ');

/** Planted rows: each a different foreign-address or registry signal. */
const PLANTS: ((r: () => number) => { city: string; state: string; zip: string; employer: string; occupation: string; memo: string })[] = [
  () => ({ city: 'BONN', state: 'ZZ', zip: '53177', employer: 'EXAMPLE MOTORS', occupation: 'ENGINEER', memo: '' }),
  () => ({ city: 'LONDON UNITED KINGDOM', state: '', zip: '', employer: 'SELF-EMPLOYED', occupation: 'CONSULTANT', memo: '' }),
  () => ({ city: 'TORONTO', state: 'ON', zip: 'M5V2T6', employer: 'NORTHWIND TRADERS', occupation: 'MANAGER', memo: '' }),
  () => ({ city: 'VELORIA CITY', state: 'ZZ', zip: '', employer: 'EMBASSY OF VELORIA', occupation: 'ATTACHE', memo: '' }),
  () => ({ city: 'POMONA', state: 'CA', zip: '917660000', employer: 'MINISTRY OF FOREIGN AFFAIRS OF VELORIA', occupation: 'ADVISER', memo: '' }),
  () => ({ city: 'SAN SALVADOR', state: '', zip: '', employer: 'NOT EMPLOYED', occupation: 'NOT EMPLOYED', memo: '' }),
  () => ({ city: 'CHICAGO', state: 'IL', zip: '60601', employer: 'RETIRED', occupation: 'RETIRED', memo: 'REFUND OF PROHIBITED CONTRIBUTION FROM FOREIGN NATIONAL' }),
];

export interface GenOptions {
  bytes: number;
  seed: number;
  out: string;
  /** One planted row per this many rows. */
  plantEvery: number;
  /** Committees that the bench watchlist watches (planted rows go to them half the time). */
  watchedCommittees: string[];
}

export const BENCH_WATCHED = ['C00999991', 'C00999992'];

/** Write the file; returns rows written and planted SUB_IDs. */
export function generateItcont(o: GenOptions): { rows: number; bytes: number; planted: string[] } {
  const rnd = seededRandom(o.seed);
  const pick = <T>(a: T[]): T => a[Math.floor(rnd() * a.length)]!;
  const committees = Array.from({ length: 4000 }, (_, i) => `C00${String(100000 + i * 211).padStart(6, '0')}`);
  committees.push(...o.watchedCommittees);
  const fd = openSync(o.out, 'w');
  const planted: string[] = [];
  let rows = 0;
  let written = 0;
  let seq = 0;
  const lines: string[] = [];
  try {
    while (written < o.bytes) {
      for (let k = 0; k < 20000; k++) {
        rows++;
        const month = 1 + Math.floor(rnd() * 12);
        const day = 1 + Math.floor(rnd() * 28);
        const year = rnd() < 0.5 ? 2023 : 2024;
        const date = `${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${year}`;
        const subId = `4${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${year}${String(++seq).padStart(10, '0')}`;
        // Skewed committee choice: a conduit-like committee takes a large share, as ActBlue does.
        const u = rnd();
        const cmte = u < 0.3 ? 'C00401224' : committees[Math.floor(u * u * committees.length)]!;
        const place = pick(PLACES);
        let city = place[0];
        let state = place[1];
        let zip = place[2] + String(Math.floor(rnd() * 100)).padStart(2, '0') + (rnd() < 0.5 ? String(Math.floor(rnd() * 10000)).padStart(4, '0') : '');
        let employer = pick(EMPLOYERS);
        let occupation = employer === 'RETIRED' || employer === 'NOT EMPLOYED' ? employer : pick(OCCUPATIONS);
        let memo = '';
        let memoCd = '';
        let otherId = '';
        const tranTp = rnd() < 0.2 ? '15E' : rnd() < 0.01 ? '22Y' : '15';
        if (tranTp === '15E') {
          otherId = 'C00401224';
          memo = '* EARMARKED CONTRIBUTION: SEE BELOW';
        }
        if (rnd() < 0.08) memoCd = 'X';
        if (rnd() < 0.0005) state = ''; // real files have some blank states without a foreign city
        let target = cmte;
        if (rows % o.plantEvery === 0) {
          const p = pick(PLANTS)(rnd);
          ({ city, state, zip, employer, occupation } = p);
          if (p.memo) memo = p.memo;
          memoCd = '';
          if (rnd() < 0.5) target = pick(o.watchedCommittees);
          planted.push(subId);
        }
        const amount = tranTp === '22Y' ? -Math.floor(5 + rnd() * 500) : Math.floor(5 + rnd() * rnd() * 3300);
        const image = `2024${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}9${String(Math.floor(rnd() * 1e9)).padStart(9, '0')}`;
        lines.push(
          `${target}|${rnd() < 0.9 ? 'N' : 'A'}|${pick(RPT)}|${rnd() < 0.6 ? 'P' : 'G'}${year}|${image}|${tranTp}|IND|${pick(LAST)}, ${pick(FIRST)} ${String.fromCharCode(65 + Math.floor(rnd() * 26))}|${city}|${state}|${zip}|${employer}|${occupation}|${date}|${amount}|${otherId}|SA11AI.${Math.floor(rnd() * 1e7)}|${1700000 + Math.floor(rnd() * 200000)}|${memoCd}|${memo}|${subId}`,
        );
      }
      const buf = Buffer.from(lines.join('\n') + '\n', 'latin1');
      lines.length = 0;
      writeSync(fd, buf);
      written += buf.length;
    }
  } finally {
    closeSync(fd);
  }
  return { rows, bytes: written, planted };
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!);
if (isMain) {
  const { values } = parseArgs({
    options: {
      bytes: { type: 'string', default: '5.2e9' },
      seed: { type: 'string', default: '42' },
      out: { type: 'string', default: 'bench/data/itcont.txt' },
      'plant-every': { type: 'string', default: '5000' },
    },
  });
  const started = Date.now();
  const r = generateItcont({
    bytes: Number(values.bytes),
    seed: Number(values.seed),
    out: values.out!,
    plantEvery: Number(values['plant-every']),
    watchedCommittees: BENCH_WATCHED,
  });
  const { writeFileSync } = await import('node:fs');
  writeFileSync(`${values.out}.planted`, r.planted.join('\n') + '\n');
  console.log(`wrote ${values.out}: ${r.rows} rows, ${(r.bytes / 1e9).toFixed(2)} GB, ${r.planted.length} planted, ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
