import type {
  Account,
  EvidenceEntry,
  EvidenceRef,
  Finding,
  FindingKind,
  Incident,
  IncidentStatus,
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
   * Run a large load. The store may defer upkeep of secondary indexes until `load` settles, which makes
   * bulk inserts several times faster; reads during the load may be slower.
   */
  bulkLoad<T>(load: () => Promise<T>): Promise<T>;
  /** Insert or update accounts (later profile fields win when present). */
  putAccounts(accounts: Account[]): Promise<void>;
  /** Record records that could not be stored; the same (source, code) is recorded once. */
  putQuarantine(entries: QuarantineEntry[]): Promise<void>;
  countPosts(): Promise<number>;
  getPost(platform: string, id: string): Promise<Post | undefined>;
  /** All posts in (platform, id) order, in batches. */
  iteratePosts(options?: { batchSize?: number }): AsyncIterable<Post[]>;
  listQuarantine(options?: { limit?: number; offset?: number }): Promise<QuarantineEntry[]>;
  countQuarantine(): Promise<number>;

  /** Insert or replace findings by id (re-running a detector replaces its findings). */
  putFindings(findings: Finding[]): Promise<void>;
  /** Remove every finding of these kinds (a detector clears its own findings before a full re-run). */
  deleteFindings(kinds: FindingKind[]): Promise<number>;
  listFindings(filter?: { kind?: FindingKind; raceId?: string; ids?: string[] }): Promise<Finding[]>;

  /** Insert or replace incidents by id; status and notes already stored are kept. */
  putIncidents(incidents: Incident[]): Promise<void>;
  listIncidents(filter?: { raceId?: string }): Promise<Incident[]>;
  getIncident(id: string): Promise<Incident | undefined>;
  setIncidentStatus(id: string, status: IncidentStatus, note?: string): Promise<void>;

  /**
   * Append evidence to the ledger. A ref whose sha256 is already in the ledger is not appended again;
   * the stored entry is returned for it. Entries are chained (see cases/ledger.ts).
   */
  appendEvidence(refs: EvidenceRef[], capturedAt?: string): Promise<EvidenceEntry[]>;
  /** The whole ledger in sequence order, in batches. */
  iterateEvidence(options?: { batchSize?: number }): AsyncIterable<EvidenceEntry[]>;

  /** Small key/value state: stream cursors, run metadata. */
  getState(key: string): Promise<string | undefined>;
  setState(key: string, value: string): Promise<void>;

  close(): Promise<void>;
}
