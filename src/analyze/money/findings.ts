/**
 * Findings for flagged money: one per deduplicated row (`money:<SUB_ID>`), one per independent
 * expenditure (`money:ie:<FILE_NUM>:<TRAN_ID>`), one per outlying committee share
 * (`money:share:<CMTE_ID>`). Every explanation carries the caveat; none states a violation.
 */
import type { IeRecord } from '../../ingest/fec/ie-csv.js';
import type { Finding } from '../../model/types.js';
import type { FlaggedRow } from './analyze.js';
import type { Indicator } from './indicators.js';
import { committeeCandidateIds, type MoneyPlan, type Targets } from './plan.js';
import type { CommitteeShare } from './share.js';

/** The caveat every money finding carries (reference/fec.md §4, legal.md §2.1–2.3). */
export const MONEY_CAVEAT =
  'Caveat: US citizens and green-card holders living abroad may lawfully give and spend (FEC AO 2016-10, AO 2020-02); ' +
  'the FEC treats a foreign address as a fact that should prompt an inquiry (11 CFR 110.20(a)(5)), not as proof of ' +
  'foreign nationality. These are indicators, not a finding that any law was broken.';

/** One line of `money screen --out`: the stable JSONL shape. */
export interface MoneyJsonLine {
  finding_id: string;
  sub_id: string;
  file: string;
  line: number;
  indicators: string[];
  reasons: string[];
  amount: number;
  date: string | null;
  committee_id: string;
  recipient_committee_id: string;
  candidate_ids: string[];
  watch_candidate_ids: string[];
  race_ids: string[];
  actor_ids: string[];
  score: number;
  counted: boolean;
  collapsed: { sub_id: string; why: string }[];
  row_sha256: string;
}

function actorIds(indicators: Indicator[]): string[] {
  return [...new Set(indicators.flatMap((i) => i.actorIds ?? []))];
}

function observedAt(date: string | null): string {
  return date ? `${date}T00:00:00.000Z` : '';
}

/**
 * When TRANSACTION_DT is blank, the filing date from an 18-digit IMAGE_NUM (YYYYMMDD + source + page)
 * stands in, so the finding still sits on a timeline; '' when neither is known.
 */
function rowObservedAt(date: string | null, imageNum: string): string {
  if (date) return observedAt(date);
  const m = /^((?:19|20)\d\d)(\d\d)(\d\d)\d{10}$/.exec(imageNum);
  if (!m) return '';
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  return Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) ? '' : observedAt(iso);
}

function money(n: number): string {
  return `$${n.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;
}

/** The finding for one flagged transaction row. */
export function rowFinding(f: FlaggedRow, plan: MoneyPlan): Finding {
  const r = f.row;
  const candidateIds = f.targets.fecCandidateIds.length ? f.targets.fecCandidateIds : committeeCandidateIds(plan, f.recipient);
  const committee = plan.masters.committees.get(f.recipient)?.name;
  const lines = [
    `${r.kind} row ${r.source.file}:${r.source.line} (SUB_ID ${r.subId}): ${money(r.amount)} on ${r.date ?? 'an unknown date'} to ` +
      `${committee ? `${committee} (${f.recipient})` : f.recipient}` +
      `${f.recipient !== r.cmteId ? ` reported by ${r.cmteId}` : ''}${f.counted ? '' : ' [memo or conduit entry, not counted in totals]'}.`,
    'Indicators:',
    ...f.indicators.map((i) => `- ${i.code}: ${i.reason}`),
  ];
  if (f.collapsed.length) lines.push(`Collapsed duplicates: ${f.collapsed.map((c) => `${c.subId} (${c.why})`).join(', ')}.`);
  lines.push(MONEY_CAVEAT);
  return {
    id: `money:${r.subId}`,
    kind: 'foreign_money',
    subjects: { accounts: [`fec:contributor:${r.name}|${r.city}|${r.state}`], actorIds: actorIds(f.indicators) },
    targets: { candidateIds: f.targets.candidateIds, raceIds: f.targets.raceIds },
    score: f.score,
    observedAt: rowObservedAt(r.date, r.imageNum),
    explanation: lines.join('\n'),
    detail: {
      sub_id: r.subId,
      file: r.source.file,
      line: r.source.line,
      amount: r.amount,
      committee_id: r.cmteId,
      recipient_committee_id: f.recipient,
      candidate_ids: candidateIds,
      indicators: f.indicators.map((i) => i.code),
      reasons: f.indicators.map((i) => i.reason),
      row_sha256: r.sha256,
      counted: f.counted,
      collapsed: f.collapsed.map((c) => ({ sub_id: c.subId, why: c.why })),
      transaction_type: r.tranTp,
      date: r.date,
    },
    evidence: [{ kind: 'contribution', ref: `fec:${r.subId}`, source: r.source, sha256: r.sha256 }],
  };
}

/** The JSONL line for a row finding. */
export function jsonLine(finding: Finding): MoneyJsonLine {
  const d = finding.detail as Record<string, unknown>;
  return {
    finding_id: finding.id,
    sub_id: String(d.sub_id ?? ''),
    file: String(d.file ?? ''),
    line: Number(d.line ?? 0),
    indicators: d.indicators as string[],
    reasons: d.reasons as string[],
    amount: Number(d.amount ?? (d.totals as { signalTotal?: number } | undefined)?.signalTotal ?? 0),
    date: (d.date as string | null | undefined) ?? null,
    committee_id: String(d.committee_id ?? ''),
    recipient_committee_id: String(d.recipient_committee_id ?? d.committee_id ?? ''),
    candidate_ids: (d.candidate_ids as string[]) ?? [],
    watch_candidate_ids: finding.targets.candidateIds,
    race_ids: finding.targets.raceIds,
    actor_ids: finding.subjects.actorIds,
    score: finding.score,
    counted: d.counted !== false,
    collapsed: (d.collapsed as { sub_id: string; why: string }[]) ?? [],
    row_sha256: String(d.row_sha256 ?? ''),
  };
}

/** The finding for a flagged independent expenditure. */
export function ieFinding(r: IeRecord, indicators: Indicator[], score: number, targets: Targets, collapsed: string[]): Finding {
  const lines = [
    `Independent expenditure ${r.source.file}:${r.source.line} (file ${r.fileNum}, transaction ${r.tranId}): ${money(r.amount)} on ` +
      `${r.date ?? 'an unknown date'} by ${r.speName} (${r.speId}) ${r.supOpp === 'O' ? 'opposing' : r.supOpp === 'S' ? 'supporting' : 'about'} ${r.candName} (${r.candId}).`,
    'Indicators:',
    ...indicators.map((i) => `- ${i.code}: ${i.reason}`),
  ];
  if (collapsed.length) lines.push(`Superseded filings collapsed: ${collapsed.join(', ')}.`);
  lines.push(MONEY_CAVEAT);
  return {
    id: `money:ie:${r.fileNum}:${r.tranId}`,
    kind: 'foreign_money',
    subjects: { accounts: [`fec:committee:${r.speId}`], actorIds: actorIds(indicators) },
    targets: { candidateIds: targets.candidateIds, raceIds: targets.raceIds },
    score,
    observedAt: observedAt(r.date),
    explanation: lines.join('\n'),
    detail: {
      sub_id: '',
      file: r.source.file,
      line: r.source.line,
      amount: r.amount,
      committee_id: r.speId,
      candidate_ids: r.candId ? [r.candId] : [],
      indicators: indicators.map((i) => i.code),
      reasons: indicators.map((i) => i.reason),
      row_sha256: r.sha256,
      file_num: r.fileNum,
      tran_id: r.tranId,
      support_oppose: r.supOpp,
      date: r.date,
      collapsed: collapsed.map((c) => ({ sub_id: c, why: 'amendment' })),
    },
    evidence: [{ kind: 'contribution', ref: `fec:ie:${r.fileNum}:${r.tranId}`, source: r.source, sha256: r.sha256 }],
  };
}

/** The finding for a committee whose foreign-signal share stands out from its peers. */
export function shareFinding(s: CommitteeShare, plan: MoneyPlan, evidence: FlaggedRow[]): Finding {
  const t = plan.committees.get(s.cmteId) ?? { candidateIds: [], raceIds: [], fecCandidateIds: [] };
  const name = plan.masters.committees.get(s.cmteId)?.name;
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  const explanation = [
    `Committee ${name ? `${name} (${s.cmteId})` : s.cmteId}: ${pct(s.share)} of itemised receipts (${money(s.totals.signalTotal)} of ` +
      `${money(s.totals.total)}, ${s.totals.signalRows} of ${s.totals.rows} rows) carry a foreign-address signal, ` +
      `${s.ratio.toFixed(1)}× the median of ${s.peers} peer committees (${s.peerGroup === 'all' ? 'all committees' : `type ${s.peerGroup}`}, ${pct(s.baseline)}).`,
    'Totals count every itemised receipt row once per filing; amendments are not collapsed in these totals.',
    MONEY_CAVEAT,
  ].join('\n');
  return {
    id: `money:share:${s.cmteId}`,
    kind: 'foreign_money',
    subjects: { accounts: [`fec:committee:${s.cmteId}`], actorIds: [] },
    targets: { candidateIds: t.candidateIds, raceIds: t.raceIds },
    score: Math.round(Math.min(0.8, 0.15 * Math.log2(s.ratio)) * 1000) / 1000,
    observedAt: evidence.map((e) => e.row.date).filter((d): d is string => !!d).sort().pop()?.concat('T00:00:00.000Z') ?? '',
    explanation,
    detail: {
      sub_id: '',
      committee_id: s.cmteId,
      candidate_ids: t.fecCandidateIds,
      indicators: ['committee_share_outlier'],
      share: s.share,
      baseline: s.baseline,
      ratio: s.ratio,
      peer_group: s.peerGroup,
      peers: s.peers,
      totals: s.totals,
    },
    evidence: evidence.slice(0, 50).map((e) => ({ kind: 'contribution' as const, ref: `fec:${e.row.subId}`, source: e.row.source, sha256: e.row.sha256 })),
  };
}
