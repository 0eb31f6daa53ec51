import { attribute, compileWatchlist, detectPostFindings, matchEntities, type CompiledWatchlist } from '../analyze/index.js';
import { coordinationFindings, coordinationFromPosts, crossPlatformCoordination, type RunOptions } from '../analyze/coord/index.js';
import type { Post } from '../model/types.js';
import { buildIncidents } from '../cases/incidents.js';
import { HarassmentCampaigns } from '../analyze/harassment-campaign.js';
import type { Finding, FindingKind, Incident, Watchlist } from '../model/types.js';
import type { Store } from '../store/store.js';

/** Finding kinds that `analyze` recomputes from the posts in the store. Money findings come from `money screen`. */
export const POST_FINDING_KINDS: FindingKind[] = ['directive', 'harassment', 'threat', 'coordination', 'amplification', 'harassment_campaign'];

/** Platforms whose authors are publishers, not accounts that could coordinate. */
const NOT_SOCIAL = new Set(['news']);

/**
 * Defaults for the engine inside `analyze`: every co-action kind that needs no extra input, and a
 * plain minimum weight of 2. CooRTweet's percentile cut keeps nothing when a small store's weights
 * are all equal; the group score against chance separates real coordination from chance instead.
 */
const ANALYZE_COORDINATION: RunOptions = { kinds: ['repost', 'link', 'hashtag', 'reply', 'text'], threshold: { minWeight: 2 } };

/** The store's posts of one platform, in batches. */
async function* postsOf(store: Store, platform: string): AsyncGenerator<Post[]> {
  for await (const batch of store.iteratePosts({ batchSize: 5000 })) {
    const mine = batch.filter((p) => p.platform === platform);
    if (mine.length) yield mine;
  }
}

/**
 * The coordination engine over the store, one platform at a time (accounts and reposted ids do not
 * cross platforms), turned into findings for the groups that target a watched race or involve the
 * actor registry.
 */
async function detectCoordination(store: Store, platforms: Iterable<string>, cw: CompiledWatchlist, options: RunOptions): Promise<Finding[]> {
  const matcher = {
    matchEntities: (text: string) => matchEntities(text, cw),
    attribute: (platform: string, handle: string) => attribute(platform, handle, cw),
  };
  const findings: Finding[] = [];
  const actors = new Map(cw.watchlist.actors.map((a) => [a.id, a]));
  for (const platform of platforms) {
    if (NOT_SOCIAL.has(platform)) continue;
    const result = await coordinationFromPosts(postsOf(store, platform), { ...ANALYZE_COORDINATION, ...options, keepRawText: true });
    const accountCreated = await store.accountCreatedTimes(platform);
    findings.push(...coordinationFindings(result, { watchlist: cw.watchlist, matcher, platform, accountCreated, actors }));
  }
  // Copies of one message, link or quoted post on several platforms (platform-qualified accounts).
  findings.push(...(await crossPlatformCoordination(store, [...platforms].filter((p) => !NOT_SOCIAL.has(p)), { watchlist: cw.watchlist, matcher, actors })));
  return findings;
}

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
  options: {
    onProgress?: (postsDone: number, postsTotal: number) => void;
    compiled?: CompiledWatchlist;
    /** Coordination engine options; `false` skips the engine. */
    coordination?: RunOptions | false;
  } = {},
): Promise<AnalyzeSummary> {
  const cw = options.compiled ?? compileWatchlist(watchlist);
  const total = await store.countPosts();
  const found: Finding[] = [];
  const platforms = new Set<string>();
  const campaigns = new HarassmentCampaigns(cw);
  let done = 0;
  for await (const batch of store.iteratePosts({ batchSize: 5000 })) {
    found.push(...detectPostFindings(batch, cw));
    campaigns.add(batch);
    for (const p of batch) platforms.add(p.platform);
    done += batch.length;
    options.onProgress?.(done, total);
  }
  if (options.coordination !== false) {
    const networks = await detectCoordination(store, platforms, cw, options.coordination ?? {});
    // Hostile replies from those networks (or from registry accounts) aimed at one candidate.
    found.push(...networks, ...campaigns.findings(networks));
  }
  await store.deleteFindings(POST_FINDING_KINDS);
  await store.putFindings(found);
  const { incidents, evidenceEntries } = await fileIncidents(store, watchlist);
  const findings: Record<string, number> = {};
  for (const f of await store.listFindings()) findings[f.kind] = (findings[f.kind] ?? 0) + 1;
  return { posts: total, findings, incidents: incidents.length, evidenceEntries };
}
