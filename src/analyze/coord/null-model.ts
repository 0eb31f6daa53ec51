/**
 * Group-level evidence against chance.
 *
 * The null model ("rows relabelled at random"): keep every co-action row where it is (which object,
 * at what time), and ask how likely the group's joint behaviour would be if the accounts behind the
 * rows were drawn at random, each account keeping its own number of rows (its activity).
 *
 * An *event* is a burst of the group's rows on one object (one reposted post, one URL, one hashtag,
 * one near-duplicate text cluster) chained by gaps ≤ the window, in which k ≥ 2 distinct members
 * took part. Given that the first member (the anchor) acted, member b joins by chance with
 * probability p_b = 1 − exp(−n_b · c / R), where n_b is b's rows of that kind, R all rows of that
 * kind, and c the other rows on the object within the window around the burst (a popular object at
 * a busy moment makes joining likely). The joins of an event are then a sum of independent
 * Bernoulli trials with mean μ = Σ p_b over the other members, and the event's evidence is
 * −log10 P(Poisson(μ) ≥ k − 1) (the Poisson tail bounds the Bernoulli sum's from above).
 *
 * The events were found by scanning the group's N rows of a kind, so the strongest m events are
 * charged log10 C(N, m) (a Bonferroni bound for choosing which m rows anchor them), m picked to
 * maximise what is left; kinds add; and the whole is charged log10 of the number of candidate pairs
 * (every pair that co-acted at all), since groups were looked for among them. What is left is the
 * group's evidence in orders of magnitude: −log10 of an upper bound on the corrected p-value.
 *
 * Why this shape: each event adds a term ≥ 0, and a member that joins an event raises k by one and
 * μ by at most one, which can only lower P(Poisson(μ) ≥ k − 1); so more members acting together on
 * more occasions can only raise the evidence, while a crowd that piles onto a viral post, or a pair
 * that shares a popular hashtag twice, is what the model expects.
 *
 * Limits: rows are treated as independent given their object and time, so a real community of
 * interest (fans who all repost their club within a minute of each goal) is "coordinated" by this
 * test — the test says "not chance", never "not authentic". Minute timestamps make c larger (all
 * rows of a minute tie), which is conservative.
 */
import type { CoKind } from './columns.js';
import type { SortedRows } from './pairs.js';

const LN10 = Math.LN10;

/** ln(n!) (exact sum below 256, Stirling with two terms above). */
export function logFactorial(n: number): number {
  if (n < 2) return 0;
  if (n < 256) {
    let s = 0;
    for (let i = 2; i <= n; i++) s += Math.log(i);
    return s;
  }
  return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + 1 / (12 * n) - 1 / (360 * n ** 3);
}

/** log10 C(n, m). */
export function log10Binomial(n: number, m: number): number {
  if (m <= 0 || m >= n) return 0;
  return (logFactorial(n) - logFactorial(m) - logFactorial(n - m)) / LN10;
}

/**
 * −log10 P(X ≥ k) for X ~ Poisson(mu), summed term by term (exact to rounding), 0 when k ≤ 0.
 *
 * @example poissonTail(2, 0.01) // ≈ 4.3: two chance joins at a mean of 0.01 happen once in 20,000
 */
export function poissonTail(k: number, mu: number): number {
  if (k <= 0) return 0;
  if (mu <= 0) return Infinity;
  // ln of the terms e^-μ μ^j / j!, from j = k on; past j > μ each term shrinks by μ/(j+1).
  const lnMu = Math.log(mu);
  let lnTerm = -mu + k * lnMu - logFactorial(k);
  let max = lnTerm;
  let sum = 1; // in units of e^max
  const stop = Math.max(k, Math.ceil(mu)) + 40 + Math.ceil(10 * Math.sqrt(mu));
  for (let j = k + 1; j <= stop; j++) {
    lnTerm += lnMu - Math.log(j);
    if (lnTerm > max) {
      sum = sum * Math.exp(max - lnTerm) + 1;
      max = lnTerm;
    } else {
      const r = Math.exp(lnTerm - max);
      sum += r;
      if (j > mu && r < 1e-17 * sum) break;
    }
  }
  const lnP = max + Math.log(sum);
  return lnP >= 0 ? 0 : -lnP / LN10;
}

/** One event's outcome, kept per group and kind. */
interface EventAcc {
  /** −log10 P of each event. */
  terms: number[];
  joins: number;
  expected: number;
}

/** The evidence behind one group, with its parts in plain numbers. */
export interface GroupEvidence {
  /** Events (bursts on one object with ≥ 2 members) by kind. */
  events: Partial<Record<CoKind, number>>;
  /** Members who joined an anchor, summed over events, and what chance would give for those events. */
  joins: number;
  expectedJoins: number;
  /** Events counted towards the evidence after the per-kind correction (the strongest ones). */
  eventsUsed: number;
  /** log10 of the corrected p-value bound (≤ 0). */
  log10P: number;
  /** −log10P: orders of magnitude against chance. */
  evidence: number;
  /** Candidate pairs the correction allowed for. */
  tested: number;
  /** Events each member took part in (dense account id → events). */
  memberEvents: Map<number, number>;
  /** Total events of the group (all kinds). */
  totalEvents: number;
}

/** Everything `groupEvidence` needs from one paired kind. */
export interface KindRows {
  kind: CoKind;
  sorted: SortedRows;
}

/**
 * Evidence for every group of a run. `groupOf[account]` is the group index or −1; `members` the
 * members of each group; `candidates` the number of candidate pairs (pairs that co-acted at all).
 */
export function groupEvidence(kinds: KindRows[], groupOf: Int32Array, members: number[][], windowMs: number, candidates: number): GroupEvidence[] {
  const G = members.length;
  const out: GroupEvidence[] = members.map(() => ({
    events: {},
    joins: 0,
    expectedJoins: 0,
    eventsUsed: 0,
    log10P: 0,
    evidence: 0,
    tested: candidates,
    memberEvents: new Map(),
    totalEvents: 0,
  }));
  const bits = new Float64Array(G);
  for (const { kind, sorted: s } of kinds) {
    const R = s.acct.length;
    if (!R) continue;
    const accounts = groupOf.length;
    const n = new Float64Array(accounts);
    for (let i = 0; i < R; i++) n[s.acct[i]]++;
    const groupRows = new Float64Array(G);
    for (let g = 0; g < G; g++) for (const m of members[g]) groupRows[g] += n[m];
    const acc: (EventAcc | undefined)[] = new Array(G);
    // Open event per group: its object run, first/last time, anchor and members.
    const evRun = new Int32Array(G).fill(-1);
    const evFirst = new Float64Array(G);
    const evLast = new Float64Array(G);
    const evAnchor = new Int32Array(G);
    const evMembers: number[][] = members.map(() => []);
    // stamp[a] = serial of the event a was last counted in (serials are unique across groups).
    const stamp = new Int32Array(accounts).fill(-1);
    let serial = 0;
    const evSerial = new Int32Array(G);
    const { starts, acct, timeMs } = s;

    const close = (g: number, begin: number, end: number): void => {
      const who = evMembers[g];
      const k = who.length;
      if (k >= 2) {
        // Rows on the object within the window around the burst, less the anchor's own row.
        const lo = lowerBound(timeMs, begin, end, evFirst[g] - windowMs);
        const hi = upperBound(timeMs, begin, end, evLast[g] + windowMs);
        const c = Math.max(0, hi - lo - 1);
        let mu = 0;
        const anchor = evAnchor[g];
        for (const b of members[g]) if (b !== anchor) mu += 1 - Math.exp((-n[b] * c) / R);
        const a = (acc[g] ??= { terms: [], joins: 0, expected: 0 });
        a.terms.push(poissonTail(k - 1, mu));
        a.joins += k - 1;
        a.expected += mu;
        const ev = out[g];
        ev.events[kind] = (ev.events[kind] ?? 0) + 1;
        ev.totalEvents++;
        for (const m of who) ev.memberEvents.set(m, (ev.memberEvents.get(m) ?? 0) + 1);
      }
      who.length = 0;
      evRun[g] = -1;
    };

    for (let run = 0; run + 1 < starts.length; run++) {
      const begin = starts[run];
      const end = starts[run + 1];
      const open: number[] = [];
      for (let i = begin; i < end; i++) {
        const a = acct[i];
        const g = groupOf[a];
        if (g < 0) continue;
        const t = timeMs[i];
        if (evRun[g] === run && t - evLast[g] > windowMs) close(g, begin, end);
        if (evRun[g] !== run) {
          evRun[g] = run;
          evFirst[g] = t;
          evAnchor[g] = a;
          evSerial[g] = ++serial;
          open.push(g);
        }
        evLast[g] = t;
        if (stamp[a] !== evSerial[g]) {
          stamp[a] = evSerial[g];
          evMembers[g].push(a);
        }
      }
      for (const g of open) if (evRun[g] === run) close(g, begin, end);
    }

    for (let g = 0; g < G; g++) {
      const a = acc[g];
      if (!a) continue;
      const ev = out[g];
      ev.joins += a.joins;
      ev.expectedJoins += a.expected;
      // The strongest m events, charged for choosing m anchors among the group's rows of this kind.
      const terms = a.terms.sort((x, y) => y - x);
      let best = 0;
      let bestM = 0;
      let sum = 0;
      for (let m = 1; m <= terms.length; m++) {
        sum += terms[m - 1];
        const left = sum - log10Binomial(Math.max(groupRows[g], terms.length), m);
        if (left > best) [best, bestM] = [left, m];
      }
      bits[g] += best;
      ev.eventsUsed += bestM;
    }
  }
  const correction = Math.log10(Math.max(1, candidates));
  for (let g = 0; g < G; g++) {
    const e = Math.max(0, bits[g] - correction);
    out[g].evidence = e;
    out[g].log10P = e === 0 ? 0 : -e;
  }
  return out;
}

/** First index in [lo, hi) with a[i] ≥ x (a sorted ascending there). */
function lowerBound(a: Float64Array, lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in [lo, hi) with a[i] > x. */
function upperBound(a: Float64Array, lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The 0..1 `score` from the evidence: 1 − 2^(−evidence / 3). Monotone; 0.5 at evidence 3 (a
 * corrected p-value of 1 in 1,000), 0.75 at 6, 0.9 at 10.
 */
export function scoreFromEvidence(evidence: number): number {
  if (!(evidence > 0)) return 0;
  return 1 - Math.pow(2, -evidence / 3);
}

/** Round a p-value bound for a sentence: "1 in 10^12" style. */
export function describeP(log10P: number): string {
  if (log10P >= -0.3) return 'not unusual under chance';
  const e = -log10P;
  if (e < 6) return `about 1 in ${Math.round(10 ** e).toLocaleString('en-US')}`;
  return `below 1 in 10^${Math.floor(e)}`;
}
