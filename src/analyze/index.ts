/**
 * The analysis area's public surface. Names are re-exported one by one (no `export *`).
 */

// Watchlist compilation and entity matching (also used by the coordination engine and money screener).
export { compileWatchlist, canonicalPlatform } from './match/compile.js';
export type { CompiledWatchlist, EntityKind, EntityVia } from './match/compile.js';
export { matchEntities } from './match/match.js';
export type { EntityMatch } from './match/match.js';
export { US_STATES } from './match/districts.js';

// Per-post classification: directives, harassment, threats.
export { classifyPost, classifyPostDetail } from './classify/classify.js';
export type { ClassifiablePost, ClassificationDetail } from './classify/classify.js';

// Attribution of authors to registry actors.
export { attribute, affiliationChain } from './attribution.js';

// Findings from single posts.
export { detectPostFindings, findingsForPost } from './post-findings.js';
