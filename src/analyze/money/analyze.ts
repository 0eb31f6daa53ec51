/**
 * From transactions to flagged rows: scope (watched committees and candidates, or everything with
 * `all`), row indicators, patterns (refunds soon after receipt, same-day clusters), and the
 * collapse of amendments, memo rows and conduit double entries. Pure: no I/O.
 */
import type { FecTransaction } from '../../ingest/fec/records.js';
import { foldText } from '../../util/normalize.js';
import {
  addressIndicators,
  contributorKey,
  memoIndicators,
  PRIMARY,
  rowIndicators,
  scoreIndicators,
  type Indicator,
  type IndicatorCode,
} from './indicators.js';
import type { MoneyPlan, Targets } from './plan.js';
import { matchRegistry } from './registry.js';

/** Conduits that itemise earmarked gifts also reported by the recipient (reference/fec.md §2.1). */
export const CONDUIT_COMMITTEES = new Set(['C00401224', 'C00694323']);

/** Employers too common to tie a cluster together. */
const GENERIC_EMPLOYERS = new Set(
  ['', 'retired', 'not employed', 'none', 'self employed', 'self', 'n a', 'na', 'unemployed', 'homemaker', 'information requested', 'requested', 'student', 'disabled'],
);

const PAYROLL_MEMO = /\b(?:P\/R|PAYROLL)\b/i;

export interface AnalyzeOptions {
  /** Flag foreign signals at every committee, not only watched ones. */
  all: boolean;
  /** Days between a receipt and its refund for the refund pattern (default 60). */
  refundWindowDays?: number;
  /** Distinct contributors needed for a cluster (default 3). */
  clusterMin?: number;
  /** Larger same-day groups are payroll deductions or fundraising events, not clusters (default 20). */
  clusterMax?: number;
}

/** A row that produced a finding, after collapsing duplicates. */
export interface FlaggedRow {
  row: FecTransaction;
  indicators: Indicator[];
  score: number;
  targets: Targets;
  /** The committee the money reached (the recipient of an earmarked conduit gift). */
  recipient: string;
  /** Whether its amount counts toward totals (false for memo rows). */
  counted: boolean;
  /** SUB_IDs of rows collapsed into this one (amendments, memo and conduit copies). */
  collapsed: { subId: string; why: 'amendment' | 'memo_copy' | 'conduit_copy' }[];
}

export interface AnalyzeResult {
  flagged: FlaggedRow[];
  /** Rows that were flagged before collapsing duplicates. */
  flaggedRows: number;
}

const EMPTY_TARGETS: Targets = { candidateIds: [], raceIds: [], fecCandidateIds: [] };

/** Targets of a row and the committee its money reached, or undefined when out of scope. */
export function rowTargets(t: FecTransaction, plan: MoneyPlan): { targets: Targets; recipient: string; watched: boolean } | undefined {
  if (t.kind === 'itpas2') {
    const byCand = plan.candidates.get(t.candId);
    if (byCand) return { targets: byCand, recipient: t.otherId || t.cmteId, watched: true };
    const byOther = plan.committees.get(t.otherId);
    if (byOther) return { targets: byOther, recipient: t.otherId, watched: true };
    return undefined;
  }
  const own = plan.committees.get(t.cmteId);
  if (own) return { targets: own, recipient: t.cmteId, watched: true };
  // A conduit's copy of an earmarked gift names the recipient committee in OTHER_ID.
  const other = plan.committees.get(t.otherId);
  if (other) return { targets: other, recipient: t.otherId, watched: true };
  return undefined;
}

/**
 * In itpas2, and in itoth rows filed by the giver, NAME/CITY/STATE describe the recipient (the
 * counterparty), not where the money came from: the giver is the filing committee (CMTE_ID).
 */
function counterpartyIsRecipient(t: FecTransaction, recipient: string | undefined): boolean {
  return t.kind === 'itpas2' || (t.kind === 'itoth' && recipient !== undefined && recipient !== t.cmteId);
}

/** Indicators on the giving committee from cm.txt: its address, name and connected organisation. */
function giverIndicators(t: FecTransaction, plan: MoneyPlan): Indicator[] {
  const cm = plan.masters.committees.get(t.cmteId);
  if (!cm) return memoIndicators(t.memoText);
  const out = addressIndicators({ state: cm.state, city: cm.city, zip: '' }).map((i) => ({
    ...i,
    reason: `giving committee ${t.cmteId} (cm.txt): ${i.reason}`,
  }));
  out.push(...memoIndicators(t.memoText));
  const byName = matchRegistry(cm.name, plan.registry);
  if (byName.length) {
    out.push({ code: 'registry_contributor', reason: `giving committee name ${JSON.stringify(cm.name)} matches registry ${byName.map((m) => m.actorId).join(', ')}`, actorIds: byName.map((m) => m.actorId), country: byName[0]!.country });
  }
  const byOrg = cm.connectedOrg ? matchRegistry(cm.connectedOrg, plan.registry) : [];
  if (byOrg.length) {
    out.push({ code: 'registry_connected_org', reason: `CONNECTED_ORG_NM ${JSON.stringify(cm.connectedOrg)} of ${t.cmteId} matches registry ${byOrg.map((m) => m.actorId).join(', ')}`, actorIds: byOrg.map((m) => m.actorId), country: byOrg[0]!.country });
  }
  return out;
}

function dateDays(iso: string | null): number | undefined {
  return iso ? Date.parse(`${iso}T00:00:00Z`) / 86_400_000 : undefined;
}

function isRefund(t: FecTransaction): boolean {
  return t.tranTp === '22Y' || t.amount < 0;
}

/**
 * Analyse transactions (every row of watched committees must be present for the patterns to be
 * complete; other rows may be any superset of the rows with signals).
 */
export function analyzeTransactions(rows: Iterable<FecTransaction>, plan: MoneyPlan, options: AnalyzeOptions): AnalyzeResult {
  const window = options.refundWindowDays ?? 60;
  const clusterMin = options.clusterMin ?? 3;
  const clusterMax = options.clusterMax ?? 20;
  interface Item {
    row: FecTransaction;
    indicators: Indicator[];
    targets: Targets;
    recipient: string;
    watched: boolean;
    primary: boolean;
  }
  const items: Item[] = [];
  const byRecipient = new Map<string, Item[]>();
  for (const row of rows) {
    const scope = rowTargets(row, plan);
    if (!scope && !options.all) continue;
    const indicators = counterpartyIsRecipient(row, scope?.recipient) ? giverIndicators(row, plan) : rowIndicators(row, plan.registry);
    const primary = indicators.some((i) => PRIMARY.has(i.code));
    const item: Item = {
      row,
      indicators,
      targets: scope?.targets ?? EMPTY_TARGETS,
      recipient: scope?.recipient ?? row.cmteId,
      watched: !!scope,
      primary,
    };
    // Patterns are about individual donors: only itcont rows of watched committees take part.
    if (item.watched && row.kind === 'itcont') {
      let list = byRecipient.get(item.recipient);
      if (!list) byRecipient.set(item.recipient, (list = []));
      list.push(item);
    } else if (primary) {
      items.push(item);
    }
  }

  // Patterns, per watched recipient committee (all its rows are present).
  const patternOf = new Map<Item, Indicator[]>();
  const addPattern = (it: Item, ind: Indicator) => {
    let l = patternOf.get(it);
    if (!l) patternOf.set(it, (l = []));
    if (!l.some((x) => x.code === ind.code)) l.push(ind);
  };
  for (const [recipient, list] of byRecipient) {
    // Refunds soon after receipt, from the same contributor (name + ZIP5).
    const receipts = new Map<string, Item[]>();
    for (const it of list) {
      if (isRefund(it.row)) continue;
      const k = contributorKey(it.row);
      let l = receipts.get(k);
      if (!l) receipts.set(k, (l = []));
      l.push(it);
    }
    for (const it of list) {
      if (!isRefund(it.row)) continue;
      const rd = dateDays(it.row.date);
      if (rd === undefined) continue;
      for (const rc of receipts.get(contributorKey(it.row)) ?? []) {
        const d = dateDays(rc.row.date);
        if (d === undefined || rd - d < 0 || rd - d > window) continue;
        if (!it.primary && !rc.primary) continue;
        const why = `refund (SUB_ID ${it.row.subId}, ${it.row.date}) ${rd - d} days after a receipt (SUB_ID ${rc.row.subId}, ${rc.row.date}) from the same contributor`;
        addPattern(it, { code: 'refund_soon_after_receipt', reason: why });
        addPattern(rc, { code: 'refund_soon_after_receipt', reason: why });
      }
    }
    // Same-day clusters by employer and by address (city + 9-digit ZIP), at least one with a signal.
    const groups = new Map<string, Item[]>();
    for (const it of list) {
      if (isRefund(it.row) || !it.row.date) continue;
      const employer = foldText(it.row.employer);
      // Payroll deductions to a company PAC share employer and date by design.
      if (!GENERIC_EMPLOYERS.has(employer) && !PAYROLL_MEMO.test(it.row.memoText)) {
        const k = `e|${it.row.date}|${employer}`;
        (groups.get(k) ?? groups.set(k, []).get(k)!).push(it);
      }
      if (/^\d{9}$/.test(it.row.zip)) {
        const k = `a|${it.row.date}|${foldText(it.row.city)}|${it.row.zip}`;
        (groups.get(k) ?? groups.set(k, []).get(k)!).push(it);
      }
    }
    for (const [k, members] of groups) {
      const people = new Set(members.map((m) => contributorKey(m.row)));
      if (people.size < clusterMin || people.size > clusterMax || !members.some((m) => m.primary)) continue;
      const byEmployer = k.startsWith('e|');
      const what = byEmployer ? `employer ${JSON.stringify(members[0]!.row.employer)}` : `address ${members[0]!.row.city} ${members[0]!.row.zip}`;
      const reason = `${people.size} contributors with the same ${what} gave to ${recipient} on ${members[0]!.row.date}`;
      for (const m of members) addPattern(m, { code: byEmployer ? 'cluster_same_employer_day' : 'cluster_same_address_day', reason });
    }
    for (const it of list) {
      const p = patternOf.get(it);
      if (p) it.indicators.push(...p);
      if (it.primary || p) items.push(it);
    }
  }

  return { flagged: collapse(items), flaggedRows: items.length };

  function collapse(all: Item[]): FlaggedRow[] {
    // 1. Amendments: the same (committee, TRAN_ID) filed again; the latest FILE_NUM wins.
    const latest = new Map<string, Item>();
    const collapsed = new Map<Item, FlaggedRow['collapsed']>();
    const survivors: Item[] = [];
    const note = (keep: Item, drop: Item, why: FlaggedRow['collapsed'][number]['why']) => {
      const l = collapsed.get(keep) ?? [];
      l.push({ subId: drop.row.subId, why }, ...(collapsed.get(drop) ?? []));
      collapsed.set(keep, l);
      collapsed.delete(drop);
    };
    const fileNum = (it: Item) => Number(it.row.fileNum) || 0;
    for (const it of all) {
      if (!it.row.tranId) {
        survivors.push(it);
        continue;
      }
      const k = `${it.row.cmteId}|${it.row.tranId}`;
      const prev = latest.get(k);
      if (!prev) latest.set(k, it);
      else if (fileNum(it) > fileNum(prev) || (fileNum(it) === fileNum(prev) && it.row.subId > prev.row.subId)) {
        note(it, prev, 'amendment');
        latest.set(k, it);
      } else note(prev, it, 'amendment');
    }
    survivors.push(...latest.values());
    // 2. Memo and conduit copies: same recipient, contributor, date and amount; prefer the recipient's
    //    own row over a conduit's, and a counted row over a memo row.
    const rank = (it: Item) => (CONDUIT_COMMITTEES.has(it.row.cmteId) ? 2 : 0) + (it.row.memoCd.toUpperCase() === 'X' ? 1 : 0);
    const byContent = new Map<string, Item>();
    const out: Item[] = [];
    for (const it of survivors) {
      const k = `${it.recipient}|${foldText(it.row.name)}|${it.row.date}|${Math.abs(it.row.amount)}`;
      const prev = byContent.get(k);
      if (!prev) {
        byContent.set(k, it);
        continue;
      }
      const [keep, drop] = rank(it) < rank(prev) ? [it, prev] : [prev, it];
      if (rank(keep) === rank(drop)) {
        out.push(it); // two real gifts of the same amount on the same day: keep both
        continue;
      }
      note(keep, drop, CONDUIT_COMMITTEES.has(drop.row.cmteId) ? 'conduit_copy' : 'memo_copy');
      byContent.set(k, keep);
    }
    for (const it of byContent.values()) out.push(it);
    out.sort((a, b) => a.row.source.file.localeCompare(b.row.source.file) || a.row.source.line! - b.row.source.line!);
    return out.map((it) => {
      const codes: IndicatorCode[] = it.indicators.map((i) => i.code);
      return {
        row: it.row,
        indicators: it.indicators,
        score: scoreIndicators(codes),
        targets: it.targets,
        recipient: it.recipient,
        counted: it.row.memoCd.toUpperCase() !== 'X' && !CONDUIT_COMMITTEES.has(it.row.cmteId),
        collapsed: collapsed.get(it) ?? [],
      };
    });
  }
}
