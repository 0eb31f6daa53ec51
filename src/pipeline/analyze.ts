import { compileWatchlist, detectPostFindings, type CompiledWatchlist } from '../analyze/index.js';
import { buildIncidents } from '../cases/incidents.js';
import type { Finding, FindingKind, Incident, Watchlist } from '../model/types.js';
import type { Store } from '../store/store.js';

/** Finding kinds that `analyze` recomputes from the posts in the store. Money findings come from `money screen`. */
export const POST_FINDING_KINDS: FindingKind[] = ['directive', 'harassment', 'threat'];

export interface AnalyzeSummary {
  posts: number;
  findings: Record<string, number>;
  incidents: number;
  evidenceEntries: number;
}

/**
 * File findings into cases: rebuild the incidents from every finding in the store, and append the
 * evidence behind them to the ledger (entries already there are not appended again).
 */
export async function fileIncidents(store: Store, watchlist: Watchlist): Promise<{ incidents: Incident[]; evidenceEntries: number }> {
  const findings = await store.listFindings();
  const incidents = buildIncidents(findings, watchlist);
  await store.putIncidents(incidents);
  const inIncidents = new Set(incidents.flatMap((i) => i.findingIds));
  const refs = findings.filter((f) => inIncidents.has(f.id)).flatMap((f) => f.evidence);
  const entries = refs.length ? await store.appendEvidence(refs) : [];
  return { incidents, evidenceEntries: new Set(entries.map((e) => e.seq)).size };
}

/**
 * Run the detectors over every post in the store: read → detect → store findings → file incidents.
 * Post detectors' earlier findings are replaced, so a changed watchlist takes effect.
 */
export async function analyzeStore(
  store: Store,
  watchlist: Watchlist,
  options: { onProgress?: (postsDone: number, postsTotal: number) => void; compiled?: CompiledWatchlist } = {},
): Promise<AnalyzeSummary> {
  const cw = options.compiled ?? compileWatchlist(watchlist);
  const total = await store.countPosts();
  const found: Finding[] = [];
  let done = 0;
  for await (const batch of store.iteratePosts({ batchSize: 5000 })) {
    found.push(...detectPostFindings(batch, cw));
    done += batch.length;
    options.onProgress?.(done, total);
  }
  await store.deleteFindings(POST_FINDING_KINDS);
  await store.putFindings(found);
  const { incidents, evidenceEntries } = await fileIncidents(store, watchlist);
  const findings: Record<string, number> = {};
  for (const f of await store.listFindings()) findings[f.kind] = (findings[f.kind] ?? 0) + 1;
  return { posts: total, findings, incidents: incidents.length, evidenceEntries };
}
