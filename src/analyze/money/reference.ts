/**
 * The slow, obvious reference screener used to test the fast path: read the whole file as text,
 * split every line, validate every field with regular expressions, total every committee, and hand
 * every valid row to the same analysis. It keeps everything in memory: tests and small files only.
 */
import { readFileSync } from 'node:fs';
import { LAYOUTS } from '../../ingest/fec/columns.js';
import { decodeCp1252 } from '../../ingest/fec/decode.js';
import type { FecTransaction } from '../../ingest/fec/records.js';
import { US_STATE_CODES } from '../../ingest/fec/scan.js';
import { sha256 } from '../../util/hash.js';
import { analyzeTransactions, type AnalyzeResult } from './analyze.js';
import type { MoneyPlan } from './plan.js';
import type { CommitteeTotals } from './share.js';

export interface ReferenceResult {
  /** Non-blank lines. */
  lines: number;
  rejected: { line: number; code: string }[];
  totals: Map<string, CommitteeTotals>;
  analysis: AnalyzeResult;
}

function validDate(s: string): boolean {
  if (s === '') return true;
  const m = /^(\d\d)(\d\d)(\d{4})$/.exec(s);
  if (!m) return false;
  const [month, day, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && year <= 2100 && d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** Screen one itcont-layout file the slow way. */
export function referenceScreen(path: string, plan: MoneyPlan, all: boolean): ReferenceResult {
  const L = LAYOUTS.itcont;
  const bytes = readFileSync(path);
  // Split the bytes on LF (not the decoded text) so each row's hash is over its original bytes.
  const lines: Buffer[] = [];
  for (let start = 0; start < bytes.length; ) {
    const nl = bytes.indexOf(0x0a, start);
    lines.push(bytes.subarray(start, nl < 0 ? bytes.length : nl));
    start = nl < 0 ? bytes.length : nl + 1;
  }
  const lastTerminated = bytes.length === 0 || bytes[bytes.length - 1] === 0x0a;
  const rejected: ReferenceResult['rejected'] = [];
  const totals = new Map<string, CommitteeTotals>();
  const rows: FecTransaction[] = [];
  let offset = 0;
  let blank = 0;
  lines.forEach((rawBytes, i) => {
    const lineNo = i + 1;
    const unterminated = i === lines.length - 1 && !lastTerminated;
    const lineBytes = !unterminated && rawBytes[rawBytes.length - 1] === 0x0d ? rawBytes.subarray(0, -1) : rawBytes;
    const line = decodeCp1252(lineBytes);
    const lineOffset = offset;
    offset += rawBytes.length + 1;
    if (line === '') {
      blank++;
      return;
    }
    const f = line.split('|');
    let code = '';
    if (f.length !== 21) code = 'field_count';
    else if (!/^C\d{8}$/.test(f[L.cmte]!)) code = 'committee_id_invalid';
    else if (!validDate(f[L.date]!)) code = 'date_invalid';
    else if (!/^-?(\d{1,15}(\.\d{0,4})?|\.\d{1,4})$/.test(f[L.amount]!)) code = 'amount_invalid';
    else if (!/^\d{1,19}$/.test(f[L.subId]!)) code = 'sub_id_invalid';
    if (code) {
      rejected.push({ line: lineNo, code: unterminated ? 'line_truncated' : code });
      return;
    }
    const amount = Number(f[L.amount]);
    const signal = !US_STATE_CODES.has(f[L.state]!.toUpperCase()) || /[A-Za-z]/.test(f[L.zip]!);
    if (f[L.memoCd]!.toUpperCase() !== 'X' && amount > 0) {
      const t = totals.get(f[L.cmte]!) ?? { total: 0, rows: 0, signalTotal: 0, signalRows: 0 };
      t.total += amount;
      t.rows += 1;
      if (signal) {
        t.signalTotal += amount;
        t.signalRows += 1;
      }
      totals.set(f[L.cmte]!, t);
    }
    const d = f[L.date]!;
    rows.push({
      kind: 'itcont', cmteId: f[L.cmte]!, amndtInd: f[L.amndt]!, rptTp: f[L.rptTp]!, imageNum: f[L.imageNum]!, tranTp: f[L.tranTp]!,
      entityTp: f[L.entityTp]!, name: f[L.name]!, city: f[L.city]!, state: f[L.state]!, zip: f[L.zip]!,
      employer: f[L.employer]!, occupation: f[L.occupation]!, date: d ? `${d.slice(4)}-${d.slice(0, 2)}-${d.slice(2, 4)}` : null,
      amount, otherId: f[L.otherId]!, candId: '', tranId: f[L.tranId]!, fileNum: f[L.fileNum]!, memoCd: f[L.memoCd]!,
      memoText: f[L.memoText]!, subId: f[L.subId]!, source: { file: path, line: lineNo, offset: lineOffset },
      sha256: sha256(lineBytes), raw: line,
    });
  });
  return { lines: lines.length - blank, rejected, totals, analysis: analyzeTransactions(rows, plan, { all }) };
}
