/**
 * A committee's share of foreign-signal receipts against its peers in the same cycle (same committee
 * type from cm.txt, all committees when cm is absent). Totals come from every receipt row the scanner
 * saw; amendments are not collapsed in these totals (only in findings), so shares are approximate.
 */
import { CONDUIT_COMMITTEES } from './analyze.js';
import type { MoneyPlan } from './plan.js';

/** Totals for one committee: receipts (positive, non-memo rows) and those with an address signal. */
export interface CommitteeTotals {
  total: number;
  rows: number;
  signalTotal: number;
  signalRows: number;
}

export interface CommitteeShare {
  cmteId: string;
  peerGroup: string;
  share: number;
  baseline: number;
  ratio: number;
  totals: CommitteeTotals;
  peers: number;
}

/** Committees with fewer receipts than this are left out of baselines. */
const MIN_ROWS = 20;

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Shares of the watched committees (and of every committee when `all`), with their peer baselines. */
export function committeeShares(totals: Map<string, CommitteeTotals>, plan: MoneyPlan, all: boolean): CommitteeShare[] {
  const group = (id: string) => plan.masters.committees.get(id)?.type || 'all';
  const peerShares = new Map<string, number[]>();
  const allShares: number[] = [];
  for (const [id, t] of totals) {
    if (CONDUIT_COMMITTEES.has(id) || t.rows < MIN_ROWS || t.total <= 0) continue;
    const share = t.signalTotal / t.total;
    allShares.push(share);
    const g = group(id);
    (peerShares.get(g) ?? peerShares.set(g, []).get(g)!).push(share);
  }
  const medians = new Map<string, number>();
  const medianOf = (g: string, values: number[]) => {
    let m = medians.get(g);
    if (m === undefined) medians.set(g, (m = median(values)));
    return m;
  };
  const out: CommitteeShare[] = [];
  for (const [id, t] of totals) {
    if (!all && !plan.committees.has(id)) continue;
    if (t.total <= 0) continue;
    let g = group(id);
    let peers = peerShares.get(g) ?? [];
    if (peers.length < 5) {
      g = 'all';
      peers = allShares;
    }
    const baseline = medianOf(g, peers);
    const share = t.signalTotal / t.total;
    out.push({ cmteId: id, peerGroup: g, share, baseline, ratio: share / Math.max(baseline, 0.001), totals: t, peers: peers.length });
  }
  return out.sort((a, b) => b.ratio - a.ratio || a.cmteId.localeCompare(b.cmteId));
}

/** Whether a share stands out: at least 3× the peer median, with at least 3 signal rows and $1,000. */
export function isShareOutlier(s: CommitteeShare): boolean {
  return s.ratio >= 3 && s.totals.signalRows >= 3 && s.totals.signalTotal >= 1000;
}
