/**
 * Coordinated-behaviour engine: co-repost, co-link, co-hashtag, co-reply, co-mention and
 * near-duplicate text within a time window, with CooRTweet's semantics by default.
 */

/** Entries: files (columnar fast path for IO archives) and batches of posts (store path). */
export { coordinationFromFiles, coordinationFromPosts } from './run.js';
export type { FileRun, RunHooks, RunOptions } from './run.js';
/** The engine on filled columns, its options and results. */
export { runEngine, runEngineParallel, pairKind, DEFAULT_ENGINE_OPTIONS, scoreGroup, poissonSurprise, groupId } from './engine.js';
export type { EngineOptions, EngineResult, EnginePhase, Group, KindResult, PairedKind, ProvenanceRow } from './engine.js';
/** Cross-platform pass: text, link, hashtag and quoted-post co-actions over all platforms at once. */
export { crossPlatformCoordination, crossPlatformFindings, crossPlatformFromPosts, qualifiedCreatedTimes, addCrossPlatformPost, quotedPostOf, quotedPostOfUrl, CROSS_PLATFORM_DEFAULTS, CROSS_PLATFORM_KINDS } from './cross-platform.js';
/** Findings for `vigil analyze`. */
export { coordinationFindings, coordMatcher, groupTargets, accountLabel, scoredMemberIds } from './findings.js';
export type { CoordMatcher, FindingOptions, GroupTargets } from './findings.js';
/** Columns and co-action extraction. */
export { PostColumns, CO_KINDS } from './columns.js';
export type { CoKind } from './columns.js';
export { addPost, addCoActions, normalizeUrl, normalizeHashtag, normalizeText } from './extract.js';
export type { EnginePost } from './extract.js';
/** Pairing, thresholds, graph algorithms, near-duplicates. */
export { pairRows, quantileType7, thresholdEdges } from './pairs.js';
export type { Semantics, Threshold, EdgeList } from './pairs.js';
export { louvain, components, modularity, toCsr } from './louvain.js';
export { nearDuplicateClusters, jaccard } from './minhash.js';
