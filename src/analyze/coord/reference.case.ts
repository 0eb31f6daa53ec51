/**
 * Slow, obviously correct reference implementations used by the differential tests. They follow
 * the source tools line by line, on plain arrays, with no sorting tricks:
 *  - CooRTweet `do_detect_groups` / `calc_group_combinations` / `filter_min_participation` /
 *    `generate_coordinated_network` (R, data.table);
 *  - coordination-network-toolkit `compute_co_retweet_parallel`'s SQL self-join.
 * Not part of the build (`*.case.ts` is excluded): only tests import it.
 */

export interface RefRow {
  object: string;
  account: string;
  content: string;
  /** Seconds. */
  time: number;
}

/** Edge key used by the references: `a\tb` (undirected: a < b by JS string order). */
export const edgeKey = (a: string, b: string): string => `${a}\t${b}`;

/** CooRTweet's undirected weights after `detect_groups(x, time_window, min_participation)`. */
export function referenceCoortweet(input: RefRow[], timeWindow: number, minParticipation: number): Map<string, number> {
  // Pre-filter: x[, if (.N >= min_participation) .SD, by = account_id]
  const perAccount = new Map<string, number>();
  for (const r of input) perAccount.set(r.account, (perAccount.get(r.account) ?? 0) + 1);
  const x = input.filter((r) => perAccount.get(r.account)! >= minParticipation);

  // calc_group_combinations by object: join on id < i.id, keep |time_delta| <= window.
  type Res = { object: string; content: string; contentY: string; account: string; accountY: string; delta: number };
  let result: Res[] = [];
  const objects = [...new Set(x.map((r) => r.object))];
  for (const o of objects) {
    const group = x.filter((r) => r.object === o);
    for (let q = 0; q < group.length; q++) {
      for (let p = 0; p < q; p++) {
        const delta = group[p].time - group[q].time;
        if (Math.abs(delta) <= timeWindow) {
          result.push({ object: o, content: group[p].content, contentY: group[q].content, account: group[p].account, accountY: group[q].account, delta });
        }
      }
    }
  }
  // do_remove_loops
  result = result.filter((r) => r.object !== r.content && r.object !== r.contentY && r.content !== r.contentY && r.account !== r.accountY);
  // filter_min_participation
  if (minParticipation >= 1) {
    const contentIds = new Set(result.flatMap((r) => [r.content, r.contentY]));
    const counts = new Map<string, number>();
    for (const r of x) if (contentIds.has(r.content)) counts.set(r.account, (counts.get(r.account) ?? 0) + 1);
    const filtContent = new Set(x.filter((r) => contentIds.has(r.content) && counts.get(r.account)! >= minParticipation).map((r) => r.content));
    result = result.filter((r) => filtContent.has(r.content) || filtContent.has(r.contentY));
  }
  // generate_coordinated_network: pmin/pmax then weight = .N
  const weights = new Map<string, number>();
  for (const r of result) {
    const [a, b] = r.account < r.accountY ? [r.account, r.accountY] : [r.accountY, r.account];
    weights.set(edgeKey(a, b), (weights.get(edgeKey(a, b)) ?? 0) + 1);
  }
  return weights;
}

/** The toolkit's directed weights: count(distinct e_1.message_id) grouped by (user_1, user_2). */
export function referenceToolkit(input: RefRow[], timeWindow: number): Map<string, number> {
  const messages = new Map<string, Set<string>>();
  for (const e1 of input) {
    for (const e2 of input) {
      if (e1 === e2 || e1.object !== e2.object || e1.account === e2.account) continue;
      if (e2.time < e1.time - timeWindow || e2.time > e1.time + timeWindow) continue;
      const k = edgeKey(e1.account, e2.account);
      if (!messages.has(k)) messages.set(k, new Set());
      messages.get(k)!.add(e1.content);
    }
  }
  return new Map([...messages].map(([k, s]) => [k, s.size]));
}

/** R quantile type 7 written from its definition. */
export function referenceQuantile(values: number[], p: number): number {
  const x = [...values].sort((a, b) => a - b);
  const h = (x.length - 1) * p;
  return x[Math.floor(h)] + (h - Math.floor(h)) * ((x[Math.ceil(h)] ?? x[Math.floor(h)]) - x[Math.floor(h)]);
}
