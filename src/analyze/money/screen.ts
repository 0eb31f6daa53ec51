/**
 * `screenMoney`: read FEC inputs, screen them and return findings, quarantine and counts.
 * Read → scan (fast, bytes, parallel) → parse kept rows → analyse (pure) → findings.
 *
 * Counts (transaction and IE rows; cm/cn/ccl are reference data counted separately):
 * - read: every non-blank data line (a header line of the IE CSV excluded);
 * - rejected: lines quarantined (wrong field count, bad date, amount, SUB_ID or committee id, truncated);
 * - screened: read − rejected, every valid row checked against every indicator;
 * - flagged: screened rows that produced a finding before duplicates were collapsed (a subset of screened).
 */
import { LAYOUTS, type FecKind } from '../../ingest/fec/columns.js';
import { readIeCsv, type IeRecord } from '../../ingest/fec/ie-csv.js';
import { emptyMasters, loadMasterSource } from '../../ingest/fec/masters.js';
import { scanFile, scanStream } from '../../ingest/fec/parallel.js';
import { isTransactionKind, parseTransactionLine, rowQuarantine, type FecTransaction } from '../../ingest/fec/records.js';
import { MAX_LINE_BYTES } from '../../ingest/fec/lines.js';
import { REJECT_CODES, STAT_FIELDS, type ScanConfig, type ScanResult } from '../../ingest/fec/scan.js';
import { expandFecInputs, type FecSource } from '../../ingest/fec/sources.js';
import { triggerToken } from '../../ingest/fec/tokens.js';
import type { Finding, QuarantineEntry, Watchlist } from '../../model/types.js';
import { analyzeTransactions, type FlaggedRow } from './analyze.js';
import { ieFinding, rowFinding, shareFinding } from './findings.js';
import { foreignGovernmentEmployer, MEMO_WORDS, scoreIndicators, type Indicator } from './indicators.js';
import { buildMoneyPlan, type MoneyPlan } from './plan.js';
import { matchRegistry, triggerHashes } from './registry.js';
import { committeeShares, isShareOutlier, type CommitteeShare, type CommitteeTotals } from './share.js';

export interface ScreenOptions {
  inputs: string[];
  watchlist: Watchlist;
  /** Flag foreign signals at every committee, not only watched ones. */
  all?: boolean;
  /** Kind of explicitly named plain files whose name does not tell it. */
  kind?: FecKind;
  /** Scan ranges (worker threads) per plain file; default: cores. */
  workers?: number;
  /** 'inline' scans ranges in this thread (tests). */
  mode?: 'worker' | 'inline';
  /** Called once inputs are listed, with their total uncompressed size. */
  onStart?: (bytes: number) => void;
  onBytes?: (n: number) => void;
  onLog?: (line: string) => void;
}

export interface ScreenCounts {
  read: number;
  screened: number;
  flagged: number;
  rejected: number;
  /** Findings after collapsing duplicates (row, IE and share findings). */
  findings: number;
  /** Rows folded into another finding (amendments, memo and conduit copies). */
  collapsed: number;
  /** Dollars of counted (non-memo, non-conduit) flagged rows after collapsing. */
  flaggedDollars: number;
  masterRows: number;
  masterRejected: number;
}

export interface ScreenResult {
  findings: Finding[];
  quarantine: QuarantineEntry[];
  counts: ScreenCounts;
  shares: CommitteeShare[];
  /** Total uncompressed bytes of the inputs (for progress). */
  bytes: number;
}

/** Configuration for the byte scanner from a plan. */
export function scanConfig(plan: MoneyPlan, kind: 'itcont' | 'itoth' | 'itpas2', all: boolean): ScanConfig {
  return {
    layout: LAYOUTS[kind],
    watchedCommittees: [...plan.committees.keys()].filter((id) => /^C\d{8}$/.test(id)).map((id) => Number(id.slice(1))),
    watchedCandidates: [...plan.candidates.keys()],
    triggerHashes: triggerHashes(plan.registry),
    memoTriggerHashes: MEMO_WORDS.map(triggerToken),
    keepAllSignals: all,
    // In itpas2 the row's address is the recipient's; the giver's signals come from cm.txt, so with
    // --all every row is needed (the file is small: about 0.7 M rows per cycle).
    keepAll: all && kind === 'itpas2',
  };
}

/** Turn scanner output into parsed kept rows and quarantine entries. */
export function collectScan(source: FecSource, kind: 'itcont' | 'itoth' | 'itpas2', result: ScanResult): { rows: FecTransaction[]; quarantine: QuarantineEntry[] } {
  const layout = LAYOUTS[kind];
  const rows: FecTransaction[] = [];
  const quarantine: QuarantineEntry[] = [];
  const kept = Buffer.from(result.keptBytes.buffer, result.keptBytes.byteOffset, result.keptBytes.byteLength);
  let pos = 0;
  for (let i = 0; i < result.keptMeta.length; i += 3) {
    const nl = kept.indexOf(0x0a, pos);
    const bytes = kept.subarray(pos, nl);
    pos = nl + 1;
    const raw = { line: result.keptMeta[i]!, offset: result.keptMeta[i + 1]!, bytes, unterminated: false };
    const r = parseTransactionLine(raw, layout, source.file);
    // The scanner validated this row with the same rules; a disagreement is a bug worth surfacing.
    if (!r.ok) throw new Error(`money: scanner kept a row the parser rejects at ${source.file}:${raw.line}: ${r.issue.reason}`);
    rows.push(r.record);
  }
  const rej = Buffer.from(result.rejectBytes.buffer, result.rejectBytes.byteOffset, result.rejectBytes.byteLength);
  pos = 0;
  for (let i = 0; i < result.rejectMeta.length; i += 4) {
    const line = result.rejectMeta[i]!;
    const offset = result.rejectMeta[i + 1]!;
    const code = REJECT_CODES[result.rejectMeta[i + 2]!]!;
    if (result.rejectMeta[i + 3] === 1) {
      const nl = rej.indexOf(0x0a, pos);
      const bytes = rej.subarray(pos, nl);
      pos = nl + 1;
      const raw = { line, offset, bytes, unterminated: code === 'line_truncated' };
      const r = parseTransactionLine(raw, layout, source.file);
      const issue =
        code === 'line_too_long'
          ? { code, reason: `the line is longer than ${MAX_LINE_BYTES} bytes (no FEC row is); skipped to the next line ending (excerpt cut at 2 KiB)` }
          : r.ok
            ? { code, reason: `${code.replace(/_/g, ' ')} (excerpt cut at 2 KiB)` }
            : r.issue;
      quarantine.push(rowQuarantine(source.file, raw, { ...issue, code }));
    } else {
      quarantine.push({ source: { file: source.file, line, offset }, code, reason: `fec: ${source.file}:${line}: ${code.replace(/_/g, ' ')}` });
    }
  }
  result.rejectOverflow.forEach((n, k) => {
    if (n === 0) return;
    const code = REJECT_CODES[k]!;
    quarantine.push({
      source: { file: source.file },
      code,
      reason: `fec: ${source.file}: ${n} more rows rejected as ${code.replace(/_/g, ' ')} (too many to list one by one)`,
    });
  });
  return { rows, quarantine };
}

function ieIndicators(r: IeRecord, plan: MoneyPlan): Indicator[] {
  const out: Indicator[] = [];
  const reg = (code: Indicator['code'], field: string, value: string) => {
    const m = matchRegistry(value, plan.registry);
    if (m.length) {
      out.push({ code, reason: `${field} ${JSON.stringify(value)} matches registry ${m.map((x) => `${x.actorId} ("${x.alias}")`).join(', ')}`, actorIds: m.map((x) => x.actorId), country: m[0]!.country });
    }
  };
  reg('registry_spender', 'spe_nam', r.speName);
  reg('registry_payee', 'pay', r.payee);
  const connected = plan.masters.committees.get(r.speId)?.connectedOrg;
  if (connected) reg('registry_connected_org', 'CONNECTED_ORG_NM of the spender', connected);
  const gov = foreignGovernmentEmployer(r.speName);
  if (gov) out.push({ ...gov, code: 'registry_spender', reason: gov.reason.replace('EMPLOYER', 'spe_nam') });
  return out;
}

/** Screen FEC inputs against a watchlist. Bad rows are quarantined; the run goes on. */
export async function screenMoney(options: ScreenOptions): Promise<ScreenResult> {
  const all = options.all ?? false;
  const log = options.onLog ?? (() => {});
  const { sources, skipped, notes } = await expandFecInputs(options.inputs, options.kind);
  notes.forEach(log);
  const quarantine: QuarantineEntry[] = skipped;
  const bytes = sources.reduce((n, s) => n + s.size, 0);
  options.onStart?.(bytes);
  const counts: ScreenCounts = { read: 0, screened: 0, flagged: 0, rejected: 0, findings: 0, collapsed: 0, flaggedDollars: 0, masterRows: 0, masterRejected: 0 };

  // 1. Reference data first: it decides which committees are watched.
  const masters = emptyMasters();
  for (const s of sources.filter((x) => x.kind === 'cm' || x.kind === 'cn' || x.kind === 'ccl')) {
    for (const q of await loadMasterSource(s, masters)) quarantine.push(q);
    options.onBytes?.(s.size);
  }
  counts.masterRows = masters.rows;
  counts.masterRejected = masters.rejected;
  const plan = buildMoneyPlan(options.watchlist, masters);

  // 2. Transactions: scan, keep what matters, parse it.
  const rows: FecTransaction[] = [];
  const totals = new Map<string, CommitteeTotals>();
  for (const s of sources) {
    if (!isTransactionKind(s.kind)) continue;
    const config = scanConfig(plan, s.kind, all);
    let result: ScanResult;
    try {
      result = s.splittable
        ? await scanFile(s.path, s.size, config, { workers: options.workers, mode: options.mode, onBytes: options.onBytes })
        : await scanStream(await s.open(), config, options.onBytes);
    } catch (err) {
      // A damaged zip member (bad deflate data) is one bad input: record it and go on with the others.
      if (s.splittable || !(err instanceof Error) || !('code' in err) || !/^Z_|ingest_format/.test(String(err.code))) throw err;
      quarantine.push({ source: { file: s.file }, code: 'zip_unreadable', reason: `fec: ${s.file}: ${err.message}; rows of this member not counted` });
      log(`fec: ${s.file}: ${err.message}`);
      continue;
    }
    if (result.plainWatchedDropped > 0) {
      log(
        `money: ${s.file}: watched committees have more rows than kept for patterns; ${result.plainWatchedDropped} rows ` +
          'without a signal were only counted, so refund and cluster patterns may be incomplete (row indicators are not affected)',
      );
    }
    const collected = collectScan(s, s.kind, result);
    for (const r of collected.rows) rows.push(r);
    for (const q of collected.quarantine) quarantine.push(q);
    counts.read += result.lines - result.blank;
    counts.rejected += result.rejected;
    if (s.kind === 'itcont') {
      for (let c = 0; c < result.committeeIds.length; c++) {
        const id = `C${String(result.committeeIds[c]).padStart(8, '0')}`;
        const st = result.committeeStats.subarray(c * STAT_FIELDS, (c + 1) * STAT_FIELDS);
        const t = totals.get(id) ?? { total: 0, rows: 0, signalTotal: 0, signalRows: 0 };
        t.total += st[0]!;
        t.rows += st[1]!;
        t.signalTotal += st[2]!;
        t.signalRows += st[3]!;
        totals.set(id, t);
      }
    }
  }
  const analysis = analyzeTransactions(rows, plan, { all });
  counts.flagged += analysis.flaggedRows;
  const findings: Finding[] = analysis.flagged.map((f) => rowFinding(f, plan));
  counts.collapsed += analysis.flagged.reduce((n, f) => n + f.collapsed.length, 0);
  counts.flaggedDollars += analysis.flagged.reduce((n, f) => n + (f.counted && f.row.amount > 0 ? f.row.amount : 0), 0);

  // 3. Independent expenditures about watched candidates.
  for (const s of sources.filter((x) => x.kind === 'ie')) {
    const flagged: { r: IeRecord; ind: Indicator[] }[] = [];
    const res = await readIeCsv(s, (r) => {
      const targets = plan.candidates.get(r.candId);
      if (!targets && !all) return;
      const ind = ieIndicators(r, plan);
      if (ind.length) flagged.push({ r, ind });
    });
    options.onBytes?.(s.size);
    counts.read += res.rows;
    counts.rejected += res.rejected;
    for (const q of res.quarantine) quarantine.push(q);
    counts.flagged += flagged.length;
    // FEC keeps originals when a notice is amended: keep the latest filing per spender, candidate, date, amount.
    const latest = new Map<string, { r: IeRecord; ind: Indicator[]; collapsed: string[] }>();
    for (const f of flagged) {
      const k = `${f.r.speId}|${f.r.candId}|${f.r.date}|${f.r.amount}`;
      const prev = latest.get(k);
      if (!prev) latest.set(k, { ...f, collapsed: [] });
      else if ((Number(f.r.fileNum) || 0) > (Number(prev.r.fileNum) || 0)) latest.set(k, { ...f, collapsed: [...prev.collapsed, `${prev.r.fileNum}:${prev.r.tranId}`] });
      else prev.collapsed.push(`${f.r.fileNum}:${f.r.tranId}`);
    }
    for (const f of latest.values()) {
      const targets = plan.candidates.get(f.r.candId) ?? { candidateIds: [], raceIds: [], fecCandidateIds: [] };
      findings.push(ieFinding(f.r, f.ind, scoreIndicators(f.ind.map((i) => i.code)), targets, f.collapsed));
      counts.collapsed += f.collapsed.length;
    }
  }
  counts.screened = counts.read - counts.rejected;

  // 4. Committee shares against their peers.
  const shares = committeeShares(totals, plan, all);
  for (const s of shares.filter(isShareOutlier)) {
    const evidence: FlaggedRow[] = analysis.flagged.filter((f) => f.recipient === s.cmteId);
    findings.push(shareFinding(s, plan, evidence));
  }
  counts.findings = findings.length;
  return { findings, quarantine, counts, shares, bytes };
}
