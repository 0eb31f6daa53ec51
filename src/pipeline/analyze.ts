/**
 * `vigil analyze`: the detectors over the store, in bounded memory and incrementally.
 *
 * - Per-post detectors read the store in batches and write each batch's findings at once; nothing
 *   holds every post or finding of the run.
 * - The coordination engine's columns are filled from the store's co-action fields
 *   (`Store.iterateCoActionPosts`: no raw record, source or hash per post); only the posts of the
 *   groups that may be reported are then read in full, for their text and evidence.
 * - What was analysed is kept in the store (`ANALYZE_STATE`): the watchlist and options it was
 *   analysed with, and the insertion mark of the last post each phase has seen. A second run reads
 *   only posts stored since, re-runs the engine only on the platforms they belong to, and does
 *   nothing at all when nothing is new. A changed watchlist or option analyses everything again
 *   (every post's classification depends on the watchlist).
 * - Beside a SQLite store, each platform's engine input (columns, near-duplicate index and the
 *   pair counts pairing kept, coord/snapshot.ts) is kept between runs, so a re-run reads, extracts
 *   and pairs only what the new posts touch; the engine then filters, groups and scores the whole
 *   platform from the kept counts (its participation counts, chance model and communities span
 *   it), so results equal a full run over the same store. Posts go into the engine in insertion
 *   order, which ties in its communities and samples follow.
 */
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { attribute, compileWatchlist, matchEntities, type CompiledWatchlist } from '../analyze/index.js';
import {
  addPost,
  coordinationFindings,
  crossPlatformFindings,
  crossPlatformFromPosts,
  qualifiedCreatedTimes,
  scoredMemberIds,
  type CoordMatcher,
  type EngineResult,
  type RunOptions,
  DEFAULT_ENGINE_OPTIONS,
  PostColumns,
  runEngineParallel,
} from '../analyze/coord/index.js';
import { NearDuplicateIndex } from '../analyze/coord/minhash.js';
import { loadSnapshot, saveSnapshot } from '../analyze/coord/snapshot.js';
import { buildIncidents } from '../cases/incidents.js';
import { HarassmentCampaigns, type CampaignState } from '../analyze/harassment-campaign.js';
import type { Finding, FindingKind, Incident, Post, Watchlist } from '../model/types.js';
import type { CoActionPost, Store } from '../store/store.js';
import { detectPosts, detectPostsInThread, type PostPass } from './analyze-posts.js';
import { PhaseClock, timedBatches, type PhaseTiming } from './timings.js';

/** Finding kinds that `analyze` recomputes from the posts in the store. Money findings come from `money screen`. */
export const POST_FINDING_KINDS: FindingKind[] = ['directive', 'harassment', 'threat', 'coordination', 'amplification', 'harassment_campaign'];

/** Kinds written by the network phase (replaced as a whole each time it runs). */
const NETWORK_KINDS: FindingKind[] = ['coordination', 'amplification', 'harassment_campaign'];

/** Platforms whose authors are publishers, not accounts that could coordinate. */
const NOT_SOCIAL = new Set(['news']);

/**
 * Defaults for the engine inside `analyze`: every co-action kind that needs no extra input, and a
 * plain minimum weight of 2. CooRTweet's percentile cut keeps nothing when a small store's weights
 * are all equal; the group score against chance separates real coordination from chance instead.
 */
const ANALYZE_COORDINATION: RunOptions = { kinds: ['repost', 'link', 'hashtag', 'reply', 'text'], threshold: { minWeight: 2 } };

/** Groups scoring below this are not reported (coordinationFindings' cut), so their posts are not read back. */
const MIN_GROUP_SCORE = 0.5;

/**
 * Posts per store read. A batch lives through several young-generation collections and is promoted,
 * so smaller batches cost less collection: 1M posts, three interleaved full runs each, 1,000 against
 * 5,000: CPU median 39.2 s against 46.8 s, peak 0.96 GB against 1.10 GB, the same findings.
 */
const BATCH = 1000;

/** State keys: where analysis stands, and the harassment-campaign records kept between runs. */
export const ANALYZE_STATE = 'analyze:state';
const CAMPAIGN_STATE = 'analyze:campaigns';
/** Bumped when a change to analyze or its detectors must re-analyse stores analysed before it. */
const ANALYZE_VERSION = 2;

interface AnalyzeState {
  /** Hash of the watchlist, options and ANALYZE_VERSION the marks below hold for. */
  key: string;
  /** Insertion mark up to which per-post detectors have run. */
  posts: number;
  /** Insertion mark up to which the network phase has run. */
  networks: number;
  /** Insertion mark up to which incidents were filed from the findings. */
  incidents: number;
  /** Per platform, the id of the engine snapshot saved with the network mark (see `snapshotFile`). */
  snapshots?: Record<string, string>;
}

/** Phases of a run, for progress: `posts` counts posts, `coordination` a platform's posts read. */
export type AnalyzePhase = 'posts' | 'coordination' | 'engine' | 'incidents';

export interface AnalyzeOptions {
  /** Called after each batch of a phase with what is done and the phase's total (when known). */
  onProgress?: (done: number, total: number, phase: AnalyzePhase, label: string) => void;
  compiled?: CompiledWatchlist;
  /** Coordination engine options; `false` skips the engine. */
  coordination?: RunOptions | false;
  /** Analyse every post again even if the store says it was analysed with this watchlist. */
  full?: boolean;
  /**
   * Run the per-post detectors in a worker thread beside the coordination engine (SQLite file
   * stores; default true). The results are the same either way.
   */
  postsThread?: boolean;
}

export interface AnalyzeSummary {
  /** Posts in the store. */
  posts: number;
  /** Posts read by the per-post detectors in this run (all of them in a full run, the new ones else). */
  analyzed: number;
  /** Whether this run started from the analysis kept in the store. */
  incremental: boolean;
  /** Platforms whose coordination was computed in this run. */
  coordinated: string[];
  /** Posts read from the store into the engine of those platforms (only those stored since the last run when it kept the engine's input). */
  coordinationRead: number;
  findings: Record<string, number>;
  incidents: number;
  evidenceEntries: number;
  /** Wall time and memory per phase of this run, in order (timings.ts). */
  timings: PhaseTiming[];
}

function stateKey(watchlist: Watchlist, coordination: RunOptions | false | undefined): string {
  return createHash('sha256').update(JSON.stringify([ANALYZE_VERSION, watchlist, coordination ?? null])).digest('hex');
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

/** A platform's posts with the co-action fields only, from the store's light read when it has one. */
async function* coActionPosts(store: Store, platform: string): AsyncGenerator<CoActionPost[]> {
  if (store.iterateCoActionPosts) {
    yield* store.iterateCoActionPosts({ platform, batchSize: BATCH });
    return;
  }
  for await (const batch of store.iteratePosts({ batchSize: BATCH })) {
    const mine = batch.filter((p) => p.platform === platform);
    if (mine.length) yield mine;
  }
}

/** Count what a generator yields, reporting as it goes. */
async function* counted<T>(batches: AsyncIterable<T[]>, report: (n: number) => void): AsyncGenerator<T[]> {
  let n = 0;
  for await (const batch of batches) {
    n += batch.length;
    report(n);
    yield batch;
  }
}

/**
 * Read back, in full, the posts of the groups that may be reported: their text (matched against the
 * watchlist), source and hash (evidence). `postKey` splits a column post id into platform and id.
 */
async function fillReportedPosts(store: Store, r: EngineResult, postKey: (id: string) => [string, string]): Promise<void> {
  const wanted = new Set<number>();
  for (const g of r.groups) {
    if (g.score < MIN_GROUP_SCORE) continue;
    for (const p of g.posts) wanted.add(p);
    for (const e of g.evidence) wanted.add(e.postA).add(e.postB);
  }
  const byPlatform = new Map<string, { ids: string[]; posts: number[] }>();
  for (const p of wanted) {
    const [platform, id] = postKey(r.cols.postIds.get(p));
    const list = byPlatform.get(platform) ?? byPlatform.set(platform, { ids: [], posts: [] }).get(platform)!;
    list.ids.push(id);
    list.posts.push(p);
  }
  for (const [platform, { ids, posts }] of byPlatform) {
    const found = await store.getPostEvidence(platform, ids);
    for (const [k, p] of posts.entries()) {
      const post = found.get(ids[k]!);
      if (!post) continue;
      r.cols.rawText[p] = post.text;
      r.cols.evidence.source[p] = post.source;
      r.cols.evidence.sha256[p] = post.contentHash;
    }
  }
}

/**
 * Where a SQLite store's engine snapshots live: beside its file (`vigil.db.coord/x.snapshot`).
 * Other stores (PostgreSQL, in memory) keep none and read a platform's posts on every run.
 */
function snapshotFile(store: Store, platform: string): string | undefined {
  const path = (store as { path?: unknown }).path;
  if (typeof path !== 'string' || !path || path === ':memory:' || !store.postMark) return undefined;
  return join(`${path}.coord`, `${encodeURIComponent(platform)}.snapshot`);
}

/** A snapshot's header: which run saved it and up to which insertion mark it holds the platform's posts. */
interface SnapshotHeader {
  id: string;
  mark: number;
}

/**
 * The engine on one platform's posts, turned into findings for groups that target a race or involve
 * the registry. With a snapshot (`saved`: the id the state recorded for it), only posts stored after
 * its mark are read, extracted and paired; the engine then filters, groups and scores all of them
 * (see snapshot.ts), and the columns are saved again under `save.id` (`written`). Posts are read in insertion order either way, so the
 * columns, and all that follows, equal those of a run over every post.
 */
async function platformCoordination(
  store: Store,
  platform: string,
  cw: CompiledWatchlist,
  matcher: CoordMatcher,
  options: RunOptions,
  progress: AnalyzeOptions['onProgress'],
  snapshot: { saved?: string; save: SnapshotHeader } | undefined,
  clock: PhaseClock,
): Promise<{ findings: Finding[]; saved: boolean; read: number; written: Promise<void> }> {
  const label = `coordination ${platform}`;
  clock.skip();
  const opts: RunOptions = { ...ANALYZE_COORDINATION, ...options };
  const kinds = [...(opts.kinds ?? DEFAULT_ENGINE_OPTIONS.kinds)];
  const similarity = opts.textSimilarity ?? DEFAULT_ENGINE_OPTIONS.textSimilarity;
  const seed = opts.seed ?? DEFAULT_ENGINE_OPTIONS.seed;
  const file = snapshot ? snapshotFile(store, platform) : undefined;
  // The chain up to the segment the state names (a later one is a killed run's).
  const fresh = file && snapshot?.saved ? loadSnapshot<SnapshotHeader>(file, kinds, similarity, seed, { until: (h) => h.id === snapshot.saved }) : undefined;
  if (file) clock.lap(`${label}: snapshot load`);
  const cols = fresh?.cols ?? new PostColumns(kinds);
  const textIndex = fresh?.textIndex ?? new NearDuplicateIndex(similarity, seed);
  const pairMemory = fresh?.pairMemory ?? { settings: '', kinds: new Map() };
  const after = fresh?.header.mark ?? 0;
  // Marks are rowids, dense enough for a progress total.
  const total = file ? snapshot!.save.mark - after : await store.countPosts();
  const batches = file && store.iterateCoActionPosts ? store.iterateCoActionPosts({ platform, batchSize: BATCH, after, upTo: snapshot!.save.mark }) : coActionPosts(store, platform);
  let read = 0;
  const reading = counted(timedBatches(batches, clock, `${label}: store reads`), (n) => {
    read = n;
    progress?.(n, total, 'coordination', label);
  });
  clock.skip();
  for await (const batch of reading) {
    const start = performance.now();
    for (const p of batch) addPost(cols, p, opts);
    clock.add(`${label}: extract`, (performance.now() - start) / 1000);
  }
  clock.skip();
  let enginePhase = 'engine start';
  const result = await runEngineParallel(
    cols,
    { ...opts, kinds, textIndex, pairMemory },
    {
      onPhase: (phase, kind) => {
        clock.lap(`${label}: ${enginePhase}`);
        enginePhase = `${phase}${kind ? ` ${kind}` : ''}`;
        progress?.(0, 0, 'engine', `${label}: ${enginePhase}`);
      },
    },
  );
  clock.lap(`${label}: ${enginePhase}`);
  // Written by the file system's threads while this one goes on; awaited before the state names it.
  const written = file ? saveSnapshot(file, snapshot!.save, cols, textIndex, pairMemory, { after: fresh?.chain }) : Promise.resolve();
  if (file) clock.lap(`${label}: snapshot encode`);
  await fillReportedPosts(store, result, (id) => [platform, id]);
  clock.lap(`${label}: reported posts read`);
  const accountCreated = await store.accountCreatedTimes(platform, scoredMemberIds(result, MIN_GROUP_SCORE));
  const actors = new Map(cw.watchlist.actors.map((a) => [a.id, a]));
  const findings = coordinationFindings(result, { watchlist: cw.watchlist, matcher, platform, accountCreated, actors, minScore: MIN_GROUP_SCORE });
  clock.lap(`${label}: findings`);
  return { findings, saved: file !== undefined, read, written };
}

/** Copies of one message, link or quoted post on several platforms (platform-qualified accounts). */
async function crossPlatform(store: Store, social: string[], cw: CompiledWatchlist, matcher: CoordMatcher): Promise<Finding[]> {
  if (social.length < 2) return [];
  async function* all(): AsyncGenerator<CoActionPost[]> {
    for (const platform of social) yield* coActionPosts(store, platform);
  }
  const r = await crossPlatformFromPosts(all(), { platforms: new Set(social) });
  if (!r.groups.length) return [];
  await fillReportedPosts(store, r, (key) => {
    const i = key.indexOf(':');
    return [key.slice(0, i), key.slice(i + 1)];
  });
  const accountCreated = await qualifiedCreatedTimes(store, social, scoredMemberIds(r, MIN_GROUP_SCORE));
  const actors = new Map(cw.watchlist.actors.map((a) => [a.id, a]));
  return crossPlatformFindings(r, { watchlist: cw.watchlist, matcher, accountCreated, actors, minScore: MIN_GROUP_SCORE });
}

/** Platform a per-platform network finding belongs to (its accounts are `platform:handle`); undefined for cross-platform ones. */
function networkPlatform(f: Finding): string | undefined {
  if (f.id.includes(':cross-platform:') || f.detail['crossPlatform']) return undefined;
  const a = f.subjects.accounts[0];
  return a === undefined ? undefined : a.slice(0, a.indexOf(':'));
}

/**
 * Run the detectors over the posts in the store: read → detect → store findings → file incidents.
 * Incremental: only posts stored since the last run with the same watchlist are read (see the file
 * comment); `full` re-reads everything. The findings equal those of a full run either way.
 */
export async function analyzeStore(store: Store, watchlist: Watchlist, options: AnalyzeOptions = {}): Promise<AnalyzeSummary> {
  const clock = new PhaseClock();
  const cw = options.compiled ?? compileWatchlist(watchlist);
  const progress = options.onProgress;
  const total = await store.countPosts();
  const key = stateKey(watchlist, options.coordination);
  const incrementalStore = store.postMark && store.iteratePostsSince && store.postPlatforms ? store : undefined;
  const saved = await store.getState(ANALYZE_STATE);
  const previous = saved ? (JSON.parse(saved) as AnalyzeState) : undefined;
  const incremental = !options.full && !!incrementalStore && previous?.key === key;
  const head = incrementalStore ? await incrementalStore.postMark!() : 0;
  const state: AnalyzeState = incremental ? previous! : { key, posts: 0, networks: 0, incidents: 0 };
  const writeState = () => store.setState(ANALYZE_STATE, JSON.stringify(state));

  // Harassment-campaign records kept by the runs before (none in a full run), as JSON.
  let keptCampaigns: string | undefined;
  if (incremental) {
    keptCampaigns = (await store.getState(CAMPAIGN_STATE)) ?? undefined;
  } else {
    // Marks that match no watchlist first, then the findings go: a run killed in between starts over in full.
    if (incrementalStore) await store.setState(ANALYZE_STATE, JSON.stringify({ ...state, key: 'restart' }));
    await store.deleteFindings(POST_FINDING_KINDS);
    await store.setState(CAMPAIGN_STATE, JSON.stringify(new HarassmentCampaigns(cw).state()));
    if (incrementalStore) await writeState();
  }

  // Per-post detectors, on the posts not yet seen; each batch's findings are written at once.
  // Marks are rowids, dense enough for a progress total.
  const toRead = incremental ? Math.max(0, head - state.posts) : total;
  let coordinating = false;
  const onBatch = (n: number) => {
    if (!coordinating) progress?.(n, toRead, 'posts', 'analyze posts');
  };
  let analyzed = 0;
  let platforms = new Set<string>();
  let postsChanged = false;
  let campaigns: HarassmentCampaigns | undefined;
  const finishPosts = async (pass: PostPass, records: string): Promise<void> => {
    analyzed = pass.analyzed;
    platforms = pass.platforms;
    postsChanged = analyzed > 0 || !incremental;
    if (postsChanged) await store.setState(CAMPAIGN_STATE, records);
    if (incrementalStore) {
      state.posts = head;
      await writeState();
    }
  };
  clock.lap('start');
  // On a SQLite file, in a worker thread while this one runs the engine; its results are taken
  // (`joinPosts`) before anything else is written to the store.
  const path = (store as { path?: unknown }).path;
  const thread =
    options.postsThread !== false && toRead > 0 && incrementalStore && typeof path === 'string' && path !== ':memory:'
      ? detectPostsInThread({ path, watchlist, campaigns: keptCampaigns, after: state.posts, upTo: head, batchSize: BATCH }, onBatch)
      : undefined;
  const joinPosts = async (): Promise<HarassmentCampaigns> => {
    if (campaigns) return campaigns;
    clock.skip();
    const pass = await thread!.done;
    clock.lap('posts: waiting for the thread');
    for (const t of pass.timings) clock.phases.push({ ...t, phase: `${t.phase} (thread, beside the above)` });
    campaigns = new HarassmentCampaigns(cw, JSON.parse(pass.campaigns) as CampaignState);
    coordinating = false;
    onBatch(pass.analyzed);
    await finishPosts(pass, pass.campaigns);
    clock.skip();
    return campaigns;
  };
  try {
    if (!thread) {
      const here = new HarassmentCampaigns(cw, keptCampaigns ? (JSON.parse(keptCampaigns) as CampaignState) : undefined);
      const newPosts: AsyncIterable<Post[]> = incrementalStore ? incrementalStore.iteratePostsSince!(state.posts, head, { batchSize: BATCH, raw: false }) : store.iteratePosts({ batchSize: BATCH });
      const pass = await detectPosts(newPosts, store, cw, here, clock, onBatch);
      await finishPosts(pass, JSON.stringify(here.state()));
      campaigns = here;
    }
    coordinating = true;

    // Engine snapshots being written (platformCoordination) while the run goes on. The state may name
    // one before it is complete: a run that finds an older file (or none) under the name reads the platform whole.
    const writes: Promise<void>[] = [];
    // Network phase: the engine on every platform with posts it has not seen (all of them in a full run).
    let coordinated: string[] = [];
    let coordinationRead = 0;
    const networksDue = !incremental || head > state.networks;
    if (networksDue) {
      const allPlatforms = incrementalStore ? await incrementalStore.postPlatforms!() : [...platforms];
      const social = allPlatforms.filter((p) => !NOT_SOCIAL.has(p));
      const touched = incremental ? new Set(await incrementalStore!.postPlatforms!(state.networks)) : new Set(allPlatforms);
      const networks: Finding[] = [];
      if (options.coordination !== false) {
        const matcher: CoordMatcher = {
          matchEntities: (text: string) => matchEntities(text, cw),
          attribute: (platform: string, handle: string) => attribute(platform, handle, cw),
        };
        coordinated = social.filter((p) => touched.has(p));
        // Untouched platforms keep their groups; cross-platform groups are recomputed when any social platform changed.
        if (incremental) {
          for (const kind of ['coordination', 'amplification'] as const) {
            for (const f of await store.listFindings({ kind })) {
              const platform = networkPlatform(f);
              if (platform === undefined ? !coordinated.length : !touched.has(platform)) networks.push(f);
            }
          }
        }
        // Snapshots count only with the network mark they were saved with: a killed run's are not used.
        const snapshots: Record<string, string> = incremental ? { ...state.snapshots } : {};
        const id = randomUUID();
        for (const platform of coordinated) {
          const snapshot = incrementalStore ? { saved: snapshots[platform], save: { id, mark: head } } : undefined;
          const r = await platformCoordination(store, platform, cw, matcher, options.coordination ?? {}, progress, snapshot, clock);
          networks.push(...r.findings);
          coordinationRead += r.read;
          writes.push(r.written);
          if (r.saved) snapshots[platform] = id;
          else delete snapshots[platform];
        }
        clock.skip();
        if (coordinated.length) networks.push(...(await crossPlatform(store, social, cw, matcher)));
        clock.lap('cross-platform');
        // Named in the state only from here on (the state is written once the per-post pass is in).
        await joinPosts();
        state.snapshots = snapshots;
      }
      // Hostile replies from those networks (or from registry accounts) aimed at one candidate; none without the engine.
      const found = options.coordination === false ? [] : [...networks, ...(await joinPosts()).findings(networks)];
      await store.deleteFindings(NETWORK_KINDS);
      await store.putFindings(found);
      if (incrementalStore) {
        state.networks = head;
        await writeState();
      }
      clock.lap('network findings written');
    }
    await joinPosts();

    let incidents: number;
    let evidenceEntries = 0;
    if (postsChanged || networksDue || state.incidents < head) {
      progress?.(0, 0, 'incidents', 'filing incidents');
      const filed = await fileIncidents(store, watchlist);
      incidents = filed.incidents.length;
      evidenceEntries = filed.evidenceEntries;
      if (incrementalStore) {
        state.incidents = head;
        await writeState();
      }
    } else {
      incidents = (await store.listIncidents()).length;
    }
    clock.lap('incidents');
    await Promise.all(writes);
    clock.lap('snapshot write wait');
    const findings: Record<string, number> = {};
    for (const f of await store.listFindings()) findings[f.kind] = (findings[f.kind] ?? 0) + 1;
    clock.lap('finding counts');
    return { posts: total, analyzed, incremental, coordinated, coordinationRead, findings, incidents, evidenceEntries, timings: await clock.result() };
  } finally {
    // Stops the thread when the run failed before taking its results (a no-op after).
    await thread?.stop();
  }
}
