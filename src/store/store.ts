import type {
  Account,
  CaseAction,
  CaseChange,
  EvidenceEntry,
  EvidenceRef,
  Finding,
  FindingKind,
  Incident,
  IncidentStatus,
  LedgerCheckpoint,
  LedgerRecord,
  Post,
  QuarantineEntry,
} from '../model/types.js';

/**
 * The storage interface. Asynchronous and batch-oriented so that PostgreSQL can sit behind it
 * unchanged: write many records at once, read as streams of batches or pages.
 */
export interface Store {
  /** Insert posts; a post whose (platform, id) is already stored is counted as a duplicate, not replaced. */
  putPosts(posts: Post[]): Promise<{ stored: number; duplicates: number }>;
  /**
   * Run a large load. The store may defer upkeep of its search indexes past the load (until
   * prepareSearch or the first search), which makes bulk inserts several times faster.
   */
  bulkLoad<T>(load: () => Promise<T>): Promise<T>;
  /** Bring search indexes deferred by bulk loads up to date; searchPosts does it when needed. */
  prepareSearch(): Promise<void>;
  /** Insert or update accounts (later profile fields win when present). */
  putAccounts(accounts: Account[]): Promise<void>;
  /**
   * Creation times (ISO) by account id of the accounts `ids` of `platform` whose source gave one.
   * Only the accounts asked for: findings need their groups' members, and a platform may hold millions.
   */
  accountCreatedTimes(platform: string, ids: Iterable<string>): Promise<Map<string, string>>;
  /** Record records that could not be stored; the same (source, code) is recorded once. */
  putQuarantine(entries: QuarantineEntry[]): Promise<void>;
  countPosts(): Promise<number>;
  getPost(platform: string, id: string): Promise<Post | undefined>;
  /** All posts in (platform, id) order, in batches. */
  iteratePosts(options?: { batchSize?: number }): AsyncIterable<Post[]>;
  listQuarantine(options?: { limit?: number; offset?: number }): Promise<QuarantineEntry[]>;
  countQuarantine(): Promise<number>;

  /**
   * Insert or replace findings by id (re-running a detector replaces its findings). Each finding is
   * logged in the ledger as stored (`finding:<id>`) when it differs from its latest entry.
   */
  putFindings(findings: Finding[]): Promise<void>;
  /** Remove every finding of these kinds (a detector clears its own findings before a full re-run). */
  deleteFindings(kinds: FindingKind[]): Promise<number>;
  listFindings(filter?: { kind?: FindingKind; raceId?: string; ids?: string[] }): Promise<Finding[]>;

  /** Insert or replace incidents by id; status and notes already stored are kept. */
  putIncidents(incidents: Incident[]): Promise<void>;
  /**
   * Incidents with analysts' splits and merges folded in (cases/workflow.ts foldCases): a split
   * incident holds the findings moved to it and its original the rest; a merged incident is listed
   * with `mergedInto`, its target with both sets of findings; lists shown to people skip the
   * latter. An undone split is not listed (getIncident still reads it, with `splitUndone`).
   */
  listIncidents(filter?: { raceId?: string }): Promise<Incident[]>;
  getIncident(id: string): Promise<Incident | undefined>;
  /** Set an incident's status, adding a note if given; the action is logged in the ledger (`incident:<id>`). */
  setIncidentStatus(id: string, status: IncidentStatus, note?: string): Promise<void>;
  /**
   * Apply one analyst action to an incident (status, note, assignee, a decision on one finding, a
   * merge, a split) and keep it in the incident's audit trail and the ledger, in one transaction
   * (cases/workflow.ts). A split writes the split incident's row and logs an action on it too; the
   * action returned is the one on `incidentId`.
   */
  recordCaseAction(incidentId: string, change: CaseChange, by: string): Promise<CaseAction>;
  /** An incident's audit trail, oldest first. */
  listCaseActions(incidentId: string): Promise<CaseAction[]>;
  /** The latest decision on each of these findings that has one (they outlive re-runs of analyze). */
  findingDecisions(findingIds: string[]): Promise<Map<string, CaseAction>>;
  /**
   * A cheap opaque mark that differs after another process (analyze, ingest, leads) committed
   * changes, so a server can refresh what it caches without restarting.
   */
  changeMark(): Promise<string>;

  /**
   * Append evidence to the ledger. A ref whose sha256 is already in the ledger is not appended again;
   * the stored entry is returned for it. A post's entry gets the hashes of its fields as stored
   * (cases/ledger.ts `postFields`). Entries are chained and are the leaves of the ledger's Merkle tree.
   */
  appendEvidence(refs: (EvidenceRef | LedgerRecord)[], capturedAt?: string): Promise<EvidenceEntry[]>;
  /** The whole ledger in sequence order, in batches. */
  iterateEvidence(options?: { batchSize?: number }): AsyncIterable<EvidenceEntry[]>;
  /** Keep a signed checkpoint of the ledger (reports and exports write one). */
  putCheckpoint(checkpoint: LedgerCheckpoint): Promise<void>;
  /** The checkpoints kept, oldest first. */
  listCheckpoints(): Promise<LedgerCheckpoint[]>;

  /** Small key/value state: stream cursors, run metadata. */
  getState(key: string): Promise<string | undefined>;
  setState(key: string, value: string): Promise<void>;

  /**
   * Search posts, newest first: `(createdAt, platform, id)` descending, which is stable, so the keyset
   * cursor `next` (pass it back as `after`) pages on with neither duplicates nor gaps.
   * Text and race terms are matched as whole folded words (see search.ts); author by handle or id,
   * case-insensitively; `since` inclusive, `until` exclusive.
   */
  searchPosts(filter: PostSearch): Promise<{ posts: Post[]; next?: string }>;

  /**
   * Bounded-memory reads for `analyze` (src/pipeline/analyze.ts); a store without them is read
   * through iteratePosts. One platform's posts (all when unset) with only the fields co-actions
   * use, without the raw record, source and hash, in (platform, id) order, in batches. With `after`
   * (an insertion mark, see `postMark`): only the posts with `after < mark <= upTo`, in insertion
   * order, so that a later read from `upTo` on appends to what this one gave.
   */
  iterateCoActionPosts?(options?: { platform?: string; batchSize?: number; after?: number; upTo?: number }): AsyncIterable<CoActionPost[]>;
  /**
   * Text, source and content hash of the posts `ids` of `platform` that exist (by id): what a network
   * finding quotes and cites, without the raw record that `getPost` reads.
   */
  getPostEvidence(platform: string, ids: readonly string[]): Promise<Map<string, Pick<Post, 'text' | 'source' | 'contentHash'>>>;
  /** The platforms that have posts (all of them, or only among posts after insertion mark `after`). */
  postPlatforms?(after?: number): Promise<string[]>;
  /**
   * Insertion marks, for incremental analysis: posts are never updated or deleted, and a post stored
   * later has a higher mark. `postMark` is the newest post's (0 when none); `iteratePostsSince`
   * gives the posts with `after < mark <= upTo`, in insertion order, in batches; with `raw: false`
   * a store may leave the raw record out (`raw` is then ''), for readers that use none.
   */
  postMark?(): Promise<number>;
  iteratePostsSince?(after: number, upTo: number, options?: { batchSize?: number; raw?: boolean }): AsyncIterable<Post[]>;

  close(): Promise<void>;
}

/** What the coordination engine reads of a post (see Store.iterateCoActionPosts). */
export type CoActionPost = Pick<
  Post,
  'platform' | 'id' | 'authorId' | 'authorHandle' | 'createdAt' | 'text' | 'urls' | 'hashtags' | 'mentions' | 'replyTo' | 'repostOf' | 'quoteOf' | 'repostOfAuthor'
>;

/**
 * What a post search asks for. Every field narrows the result (AND).
 * The store knows no watchlist, so a race filter arrives as terms: the caller resolves a race id to
 * its candidates' names, aliases and handles and its district (server/api.ts `raceTermsOf`).
 */
export interface PostFilter {
  /** Words that must occur together, in this order, in the text (folded: case and accents ignored). */
  q?: string;
  /** Author handle (with or without `@`) or author id, case-insensitively. */
  author?: string;
  /** Posts naming any of these phrases (folded): a race's candidates, aliases, handles, district. */
  raceTerms?: string[];
  /** ISO time, inclusive. */
  since?: string;
  /** ISO time, exclusive. */
  until?: string;
}

/** A page request: `after` is the opaque `next` of the previous page. */
export type PostSearch = PostFilter & { after?: string; limit: number };
