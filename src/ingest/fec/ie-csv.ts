/**
 * The independent-expenditure CSV (`independent_expenditure_YYYY.csv`): comma-delimited, header
 * row, UTF-8, fields quoted when they hold commas. Unlike the pipe files this one needs a
 * quote-aware parser; a row whose quotes do not balance on its line is rejected.
 */
import type { QuarantineEntry } from '../../model/types.js';
import { sha256 } from '../../util/hash.js';
import { IE_COLUMNS } from './columns.js';
import { readLines } from './lines.js';
import type { FecSource } from './sources.js';

export interface IeRecord {
  candId: string;
  candName: string;
  speId: string;
  speName: string;
  amount: number;
  /** ISO date or null. */
  date: string | null;
  supOpp: string;
  purpose: string;
  payee: string;
  fileNum: string;
  amndtInd: string;
  tranId: string;
  prevFileNum: string;
  source: { file: string; line: number; offset: number };
  sha256: string;
  raw: string;
}

/** Split one CSV line; undefined when a quote is left open. */
export function splitCsvLine(line: string): string[] | undefined {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else quoted = false;
      } else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (quoted) return undefined;
  out.push(cur);
  return out;
}

const MONTHS: Record<string, string> = { JAN: '01', FEB: '02', MAR: '03', APR: '04', MAY: '05', JUN: '06', JUL: '07', AUG: '08', SEP: '09', OCT: '10', NOV: '11', DEC: '12' };

/** `DD-MON-YY` (also `MM/DD/YYYY` and ISO) → ISO date; '' → null; undefined when invalid. */
export function parseIeDate(text: string): string | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  let m = /^(\d{1,2})-([A-Za-z]{3})-(\d{2}|\d{4})$/.exec(t);
  let iso: string | undefined;
  if (m) {
    const month = MONTHS[m[2]!.toUpperCase()];
    if (!month) return undefined;
    const year = m[3]!.length === 2 ? `20${m[3]}` : m[3]!;
    iso = `${year}-${month}-${m[1]!.padStart(2, '0')}`;
  } else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t))) {
    iso = `${m[3]}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
  } else if (/^\d{4}-\d{2}-\d{2}$/.test(t)) iso = t;
  if (!iso) return undefined;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || !d.toISOString().startsWith(iso) ? undefined : iso;
}

/** Read an IE CSV, calling `onRecord` per valid row; returns counts and quarantine entries. */
export async function readIeCsv(
  source: FecSource,
  onRecord: (r: IeRecord) => void,
): Promise<{ rows: number; rejected: number; quarantine: QuarantineEntry[] }> {
  const quarantine: QuarantineEntry[] = [];
  let rows = 0;
  let rejected = 0;
  let index: Record<string, number> | undefined;
  const reject = (line: number, offset: number, code: string, reason: string, excerpt: string) => {
    rejected++;
    quarantine.push({ source: { file: source.file, line, offset }, code, reason: `fec: ${source.file}:${line}: ${reason}`, excerpt: excerpt.slice(0, 2048) });
  };
  for await (const batch of readLines(await source.open())) {
    for (const raw of batch) {
      const text = raw.bytes.toString('utf8').replace(/^\uFEFF/, '');
      if (!index) {
        const header = (splitCsvLine(text) ?? []).map((h) => h.trim().toLowerCase());
        const missing = IE_COLUMNS.filter((c) => !header.includes(c));
        if (missing.length > 0) {
          quarantine.push({
            source: { file: source.file, line: raw.line, offset: raw.offset },
            code: 'header_invalid',
            reason: `fec: ${source.file}:${raw.line}: independent-expenditure header lacks ${missing.join(', ')}; file not read`,
            excerpt: text.slice(0, 2048),
          });
          return { rows, rejected, quarantine };
        }
        index = Object.fromEntries(header.map((h, i) => [h, i]));
        continue;
      }
      if (text.trim() === '') continue;
      rows++;
      const f = splitCsvLine(text);
      const width = Object.keys(index).length;
      if (!f || f.length !== width) {
        const why = f ? `expected ${width} fields, found ${f.length}` : 'unbalanced quotes';
        reject(raw.line, raw.offset, raw.unterminated ? 'line_truncated' : 'field_count', why, text);
        continue;
      }
      const get = (c: (typeof IE_COLUMNS)[number]) => f[index![c]!]!.trim();
      const amountText = get('exp_amo').replace(/[$,]/g, '');
      const amount = /^-?\d+(\.\d+)?$/.test(amountText) ? Number(amountText) : NaN;
      if (Number.isNaN(amount)) {
        reject(raw.line, raw.offset, 'amount_invalid', `exp_amo ${JSON.stringify(get('exp_amo').slice(0, 20))} is not a number`, text);
        continue;
      }
      const date = parseIeDate(get('exp_date'));
      if (date === undefined) {
        reject(raw.line, raw.offset, 'date_invalid', `exp_date ${JSON.stringify(get('exp_date').slice(0, 20))} is not a DD-MON-YY date`, text);
        continue;
      }
      onRecord({
        candId: get('cand_id'),
        candName: get('cand_name'),
        speId: get('spe_id'),
        speName: get('spe_nam'),
        amount,
        date,
        supOpp: get('sup_opp'),
        purpose: get('pur'),
        payee: get('pay'),
        fileNum: get('file_num'),
        amndtInd: get('amndt_ind'),
        tranId: get('tran_id'),
        prevFileNum: get('prev_file_num'),
        source: { file: source.file, line: raw.line, offset: raw.offset },
        sha256: sha256(raw.bytes),
        raw: text,
      });
    }
  }
  return { rows, rejected, quarantine };
}
