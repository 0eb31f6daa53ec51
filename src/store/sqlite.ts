import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { GENESIS_HASH, actionRecord, findingRecord, nextEntry, postFields, splitPostRef } from '../cases/ledger.js';
import { StoreError } from '../errors.js';
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
  SourceRef,
} from '../model/types.js';
import { caseAction, caseActionRecord, foldCases, planSplit, splitIncidentBody } from '../cases/workflow.js';
import { nulFreeAccount, nulFreePost, nulFreeQuarantine } from '../util/nul.js';
import { encodeSearchCursor, fts5Phrase, planSearch } from './search.js';
import { sqlitePostRow, type SqlitePostRow } from './sqlite-rows.js';
import { ZoneMap, streamCandidates } from './sqlite-search.js';
import type { CoActionPost, PostSearch, Store } from './store.js';

/**
 * Migrations in order; `user_version` records how many have run. Append, never edit: a database
 * written by an older Vigil is upgraded in place.
 */
const MIGRATIONS: (string | ((db: Database.Database) => void))[] = [
  `
  CREATE TABLE posts (
    platform TEXT NOT NULL, id TEXT NOT NULL, author_id TEXT NOT NULL, author_handle TEXT NOT NULL,
    created_at TEXT NOT NULL, text TEXT NOT NULL, lang TEXT,
    urls TEXT NOT NULL, hashtags TEXT NOT NULL, mentions TEXT NOT NULL,
    reply_to TEXT, repost_of TEXT, quote_of TEXT, repost_of_author TEXT,
    source_file TEXT NOT NULL, source_line INTEGER, source_offset INTEGER, source_cursor TEXT,
    content_hash TEXT NOT NULL, raw TEXT NOT NULL,
    PRIMARY KEY (platform, id)
  );
  CREATE TABLE accounts (
    platform TEXT NOT NULL, id TEXT NOT NULL, handle TEXT NOT NULL, display_name TEXT, description TEXT,
    location TEXT, created_at TEXT, PRIMARY KEY (platform, id)
  );
  CREATE TABLE quarantine (
    seq INTEGER PRIMARY KEY, source_file TEXT NOT NULL, source_line INTEGER, source_offset INTEGER,
    source_cursor TEXT, code TEXT NOT NULL, reason TEXT NOT NULL, field TEXT, excerpt TEXT,
    recorded_at TEXT NOT NULL
  );
  -- Re-reading a file quarantines each bad record once.
  CREATE UNIQUE INDEX quarantine_once ON quarantine
    (source_file, coalesce(source_line, -1), coalesce(source_offset, -1), coalesce(source_cursor, ''), code);
  CREATE TABLE findings (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, observed_at TEXT NOT NULL, score REAL NOT NULL,
    race_ids TEXT NOT NULL, body TEXT NOT NULL
  );
  CREATE INDEX findings_kind ON findings (kind);
  CREATE TABLE incidents (
    id TEXT PRIMARY KEY, race_id TEXT NOT NULL, status TEXT NOT NULL, notes TEXT NOT NULL, body TEXT NOT NULL
  );
  CREATE INDEX incidents_race ON incidents (race_id);
  CREATE TABLE evidence (
    seq INTEGER PRIMARY KEY, ref TEXT NOT NULL, kind TEXT NOT NULL, source TEXT NOT NULL,
    captured_at TEXT NOT NULL, sha256 TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL,
    UNIQUE (ref, sha256)
  );
  CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `,
  // Post search: an FTS5 index over post text (external content: the text is stored once, in posts),
  // folded like foldText (case, accents). Kept in sync by the posts_fts_insert trigger.
  `
  DROP INDEX IF EXISTS posts_created;
  CREATE VIRTUAL TABLE posts_fts USING fts5(text, content='posts', content_rowid='rowid', columnsize=0,
    tokenize='unicode61 remove_diacritics 2');
  INSERT INTO posts_fts (posts_fts) VALUES ('rebuild');
  `,
  // posts_author was never used by a query; search has its own author indexes.
  `DROP INDEX IF EXISTS posts_author;`,
  // Ledger v2: field hashes per entry (NULL on older entries), and a (ref, sha256) pair may repeat so
  // that an older entry without field hashes can be followed by one with them; signed checkpoints.
  `
  CREATE TABLE evidence_v2 (
    seq INTEGER PRIMARY KEY, ref TEXT NOT NULL, kind TEXT NOT NULL, source TEXT NOT NULL,
    captured_at TEXT NOT NULL, sha256 TEXT NOT NULL, fields TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL
  );
  INSERT INTO evidence_v2 SELECT seq, ref, kind, source, captured_at, sha256, NULL, prev_hash, hash FROM evidence;
  DROP TABLE evidence;
  ALTER TABLE evidence_v2 RENAME TO evidence;
  CREATE INDEX evidence_ref ON evidence (ref, sha256);
  CREATE TABLE IF NOT EXISTS checkpoints (seq INTEGER PRIMARY KEY, tree_size INTEGER NOT NULL, root_hash TEXT NOT NULL, body TEXT NOT NULL);
  `,
  // One quarantine row per rejected record: several records of one line differ by source_index
  // (issue 11). Posts keep ingest's notes (NULs replaced, implausible times). A function, because
  // SQLite has no ADD COLUMN IF NOT EXISTS.
  (db) => {
    const has = (table: string, column: string) => (db.pragma(`table_info(${table})`) as { name: string }[]).some((c) => c.name === column);
    if (!has('quarantine', 'source_index')) db.exec('ALTER TABLE quarantine ADD COLUMN source_index INTEGER');
    if (!has('posts', 'notes')) db.exec('ALTER TABLE posts ADD COLUMN notes TEXT');
    db.exec(`DROP INDEX IF EXISTS quarantine_once;
      CREATE UNIQUE INDEX quarantine_once ON quarantine (source_file, coalesce(source_line, -1), coalesce(source_offset, -1),
        coalesce(source_cursor, ''), coalesce(source_index, -1), code)`);
  },
  // Case workflow (cases/workflow.ts): who holds an incident, and every analyst action as a row of
  // its audit trail; finding_id indexes decisions on single findings, which outlive re-runs.
  (db) => {
    if (!(db.pragma('table_info(incidents)') as { name: string }[]).some((c) => c.name === 'assignee')) db.exec('ALTER TABLE incidents ADD COLUMN assignee TEXT');
    db.exec(`CREATE TABLE IF NOT EXISTS case_actions (
        seq INTEGER PRIMARY KEY, incident_id TEXT NOT NULL, finding_id TEXT, at TEXT NOT NULL, body TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS case_actions_incident ON case_actions (incident_id, seq);
      CREATE INDEX IF NOT EXISTS case_actions_finding ON case_actions (finding_id, seq) WHERE finding_id IS NOT NULL`);
  },
  // Merged incidents (cases/workflow.ts foldMerges): the incident an analyst merged this one into.
  (db) => {
    if (!(db.pragma('table_info(incidents)') as { name: string }[]).some((c) => c.name === 'merged_into')) db.exec('ALTER TABLE incidents ADD COLUMN merged_into TEXT');
  },
  // Split incidents (cases/workflow.ts foldSplits): the original and the finding ids moved (JSON,
  // NULL once the split is undone; the row stays, with its history, for the same split made again).
  (db) => {
    const has = (column: string) => (db.pragma('table_info(incidents)') as { name: string }[]).some((c) => c.name === column);
    if (!has('split_from')) db.exec('ALTER TABLE incidents ADD COLUMN split_from TEXT');
    if (!has('split_findings')) db.exec('ALTER TABLE incidents ADD COLUMN split_findings TEXT');
    db.exec('CREATE INDEX IF NOT EXISTS incidents_split_from ON incidents (split_from) WHERE split_from IS NOT NULL');
  },
];
/** Index of the ledger v2 migration: upgrading past it logs what the store holds (baselineLedger). */
const LEDGER_V2 = 3;

/** Posts are never updated or deleted, so one insert trigger keeps the FTS index in sync. */
const FTS_TRIGGER = `CREATE TRIGGER IF NOT EXISTS posts_fts_insert AFTER INSERT ON posts BEGIN
  INSERT INTO posts_fts (rowid, text) VALUES (new.rowid, new.text); END`;
/** Matches up to which a text search sorts its hits rather than walking posts newest first. */
const FTS_SORT_MAX = 2_000;
/** Words in more than 1 post in this many are tested post by post during the walk (see searchPosts). */
const FTS_PROBE_RATIO = 20;
/** WAL bytes between checkpoints during a bulk load. */
const BULK_CHECKPOINT_BYTES = 64 * 2 ** 20;
/** Page cache during a bulk load, KiB. */
const BULK_CACHE_KIB = 256 * 1024;
/** State key set while a bulk load runs without the trigger: the last rowid indexed before it. */
const FTS_PENDING = 'store:posts_fts_pending_from';

/**
 * Secondary indexes on posts, used only by search. They (and the FTS index) cost more than the
 * inserts themselves, so a bulk load drops them and they are built once, when search is first
 * needed (prepareSearch): a batch run of ingest → analyze → report never pays for them.
 */
const POST_INDEXES: [name: string, definition: string][] = [
  // Search order (newest first, then platform and id) and time ranges.
  ['posts_created_key', 'posts (created_at, platform, id)'],
  // Search by author handle or id, case-insensitively.
  ['posts_handle_ci', 'posts (author_handle COLLATE NOCASE)'],
  ['posts_author_id_ci', 'posts (author_id COLLATE NOCASE)'],
];

type IncidentRow = { id: string; status: string; notes: string; body: string; assignee: string | null; merged_into: string | null; split_from: string | null; split_findings: string | null };

type PostRow = {
  platform: string;
  id: string;
  author_id: string;
  author_handle: string;
  created_at: string;
  text: string;
  lang: string | null;
  urls: string;
  hashtags: string;
  mentions: string;
  reply_to: string | null;
  repost_of: string | null;
  quote_of: string | null;
  repost_of_author: string | null;
  source_file: string;
  source_line: number | null;
  source_offset: number | null;
  source_cursor: string | null;
  content_hash: string;
  raw: string;
  notes: string | null;
};

type EvidenceRow = {
  seq: number;
  ref: string;
  kind: EvidenceRef['kind'];
  source: string;
  captured_at: string;
  sha256: string;
  fields: string | null;
  prev_hash: string;
  hash: string;
};

/** The posts table's columns (`PostRow`), for reads that leave some out. */
const POST_COLUMNS = ['platform', 'id', 'author_id', 'author_handle', 'created_at', 'text', 'lang', 'urls', 'hashtags', 'mentions', 'reply_to', 'repost_of', 'quote_of', 'repost_of_author', 'source_file', 'source_line', 'source_offset', 'source_cursor', 'content_hash', 'raw', 'notes'] as const satisfies readonly (keyof PostRow)[];

function sourceFromRow(file: string, line: number | null, offset: number | null, cursor: string | null): SourceRef {
  const source: SourceRef = { file };
  if (line !== null) source.line = line;
  if (offset !== null) source.offset = offset;
  if (cursor !== null) source.cursor = cursor;
  return source;
}

function postFromRow(r: PostRow): Post {
  const post: Post = {
    platform: r.platform,
    id: r.id,
    authorId: r.author_id,
    authorHandle: r.author_handle,
    createdAt: r.created_at,
    text: r.text,
    urls: list(r.urls),
    hashtags: list(r.hashtags),
    mentions: list(r.mentions),
    source: sourceFromRow(r.source_file, r.source_line, r.source_offset, r.source_cursor),
    contentHash: r.content_hash,
    raw: r.raw,
  };
  if (r.lang !== null) post.lang = r.lang;
  if (r.reply_to !== null) post.replyTo = r.reply_to;
  if (r.repost_of !== null) post.repostOf = r.repost_of;
  if (r.quote_of !== null) post.quoteOf = r.quote_of;
  if (r.repost_of_author !== null) post.repostOfAuthor = r.repost_of_author;
  if (r.notes) post.notes = JSON.parse(r.notes) as string[];
  return post;
}

/** A stored JSON list; most posts have no links, tags or mentions, and '[]' needs no parse. */
function list(json: string): string[] {
  return json === '[]' ? [] : (JSON.parse(json) as string[]);
}

function coActionFromRow(r: unknown[]): CoActionPost {
  const [platform, id, authorId, authorHandle, createdAt, text, urls, hashtags, mentions, replyTo, repostOf, quoteOf, repostOfAuthor] = r as (string | null)[];
  const post: CoActionPost = {
    platform: platform!,
    id: id!,
    authorId: authorId!,
    authorHandle: authorHandle!,
    createdAt: createdAt!,
    text: text!,
    urls: list(urls!),
    hashtags: list(hashtags!),
    mentions: list(mentions!),
  };
  if (replyTo !== null) post.replyTo = replyTo;
  if (repostOf !== null) post.repostOf = repostOf;
  if (quoteOf !== null) post.quoteOf = quoteOf;
  if (repostOfAuthor !== null) post.repostOfAuthor = repostOfAuthor;
  return post;
}

function entryFromRow(r: EvidenceRow): EvidenceEntry {
  const entry: EvidenceEntry = {
    seq: r.seq,
    ref: r.ref,
    kind: r.kind,
    source: JSON.parse(r.source) as SourceRef,
    capturedAt: r.captured_at,
    sha256: r.sha256,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
  if (r.fields !== null) entry.fields = JSON.parse(r.fields) as Record<string, string>;
  return entry;
}

/**
 * The embedded store: one SQLite file, WAL mode. better-sqlite3 is synchronous; the methods return
 * promises so that callers are written for the PostgreSQL store as well.
 */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly insertPost: Database.Statement;
  private readonly insertPostsTx: (rows: SqlitePostRow[]) => { stored: number; duplicates: number };
  private getPostStmt?: Database.Statement;
  private readonly zones: ZoneMap;

  /** `options.stream: false` searches without the streamed plan (tests hold it against the others). */
  constructor(
    readonly path: string,
    private readonly options: { stream?: boolean } = {},
  ) {
    try {
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      this.db = new Database(path);
    } catch (err) {
      throw new StoreError(`store: cannot open ${path}: ${(err as Error).message}`, { cause: err });
    }
    // A new store gets 16 KiB pages (an existing one keeps its own): posts rows hold the raw record
    // (most of a KiB), and inserting them costs about 30 % less CPU than with 4 KiB pages (issue 13).
    this.db.pragma('page_size = 16384');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.migrate();
    this.zones = new ZoneMap(this.db);
    // Without a deferred bulk load pending, keep the search indexes live (cheap on a new store).
    if (!this.searchPending()) this.prepareSearchNow();
    // Positional parameters: binding an object per row costs more than the insert itself at scale.
    this.insertPost = this.db.prepare(`INSERT OR IGNORE INTO posts VALUES (${Array(21).fill('?').join(', ')})`);
    this.insertPostsTx = this.db.transaction((rows: SqlitePostRow[]) => {
      let stored = 0;
      for (const row of rows) stored += this.insertPost.run(row).changes;
      return { stored, duplicates: rows.length - stored };
    });
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) {
      throw new StoreError(`store: ${this.path} was written by a newer Vigil (schema ${version}, this one knows ${MIGRATIONS.length})`);
    }
    for (let v = version; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        const migration = MIGRATIONS[v]!;
        if (typeof migration === 'string') this.db.exec(migration);
        else migration(this.db);
        if (v === LEDGER_V2 && version > 0) this.baselineLedger();
        this.db.pragma(`user_version = ${v + 1}`);
      })();
    }
  }

  /**
   * A store from before ledger v2: log what it holds now, once, so that verify can hold later changes
   * against the ledger: each post entry again with its field hashes, every finding, and the analyst
   * status and notes found. (They vouch for the records as they were at the upgrade.)
   */
  private baselineLedger(): void {
    const at = new Date().toISOString();
    const records: LedgerRecord[] = [];
    const posts = this.db.prepare("SELECT ref, source, sha256 FROM evidence WHERE kind = 'post' ORDER BY seq").all() as { ref: string; source: string; sha256: string }[];
    for (const p of posts) records.push({ kind: 'post', ref: p.ref, source: JSON.parse(p.source) as SourceRef, sha256: p.sha256 });
    const findings = this.db.prepare('SELECT body FROM findings ORDER BY id').all() as { body: string }[];
    for (const f of findings) records.push(findingRecord(JSON.parse(f.body) as Finding));
    const incidents = this.db.prepare('SELECT id, status, notes FROM incidents ORDER BY id').all() as { id: string; status: IncidentStatus; notes: string }[];
    for (const r of incidents) {
      const notes = JSON.parse(r.notes) as string[];
      if (r.status === 'open' && !notes.length) continue;
      if (!notes.length) records.push(actionRecord(r.id, r.status, undefined, 0, at));
      notes.forEach((note, i) => records.push(actionRecord(r.id, r.status, note, i, at)));
    }
    this.appendNow(records, at);
  }

  private searchPending(): boolean {
    return this.db.prepare('SELECT 1 FROM state WHERE key = ?').get(FTS_PENDING) !== undefined;
  }

  /**
   * Make search ready: build the secondary indexes and bring the FTS index up to date after bulk
   * loads (or one that was killed), indexing the posts inserted since in one pass, then restore the
   * trigger. Called by the first search; `vigil serve` calls it at start. Also maps the posts stored
   * since to times for the streamed search (about a second per million posts at the first call).
   */
  async prepareSearch(): Promise<void> {
    if (this.searchPending()) this.prepareSearchNow();
    this.zones.refresh();
  }

  private prepareSearchNow(): void {
    for (const [name, definition] of POST_INDEXES) this.db.exec(`CREATE INDEX IF NOT EXISTS ${name} ON ${definition}`);
    this.db.transaction(() => {
      const pending = this.db.prepare('SELECT value FROM state WHERE key = ?').get(FTS_PENDING) as { value: string } | undefined;
      if (pending) {
        this.db.prepare('INSERT INTO posts_fts (rowid, text) SELECT rowid, text FROM posts WHERE rowid > ?').run(Number(pending.value));
        this.db.prepare('DELETE FROM state WHERE key = ?').run(FTS_PENDING);
      }
      this.db.exec(FTS_TRIGGER);
    })();
  }

  async bulkLoad<T>(load: () => Promise<T>): Promise<T> {
    for (const [name] of POST_INDEXES) this.db.exec(`DROP INDEX IF EXISTS ${name}`);
    // Posts get rowids above the current maximum (nothing is deleted), so the load's posts are those after it.
    this.db.transaction(() => {
      const from = (this.db.prepare('SELECT coalesce(max(rowid), 0) AS n FROM posts').get() as { n: number }).n;
      this.db.prepare('INSERT OR IGNORE INTO state VALUES (?, ?)').run(FTS_PENDING, String(from));
      this.db.exec('DROP TRIGGER IF EXISTS posts_fts_insert');
    })();
    // For the load only: no fsync (WAL keeps the file consistent if the process dies; only an OS
    // crash could lose the last commits, which a rerun stores again), checkpoints every 64 MiB of WAL
    // rather than every 1,000 pages (each cost an fsync and a rewrite of the hot index pages), and a page
    // cache that holds the (platform, id) key's index, into which hashed ids insert at random.
    this.db.pragma('synchronous = OFF');
    this.db.pragma(`wal_autocheckpoint = ${BULK_CHECKPOINT_BYTES / (this.db.pragma('page_size', { simple: true }) as number)}`);
    this.db.pragma(`cache_size = -${BULK_CACHE_KIB}`);
    try {
      return await load();
    } finally {
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('wal_autocheckpoint = 1000');
      this.db.pragma('cache_size = -2000');
    }
  }

  /**
   * Words without an author: stream the matches newest rowid first and stop once the zone map shows
   * the page is complete (sqlite-search.ts); that reads about `limit` matches when posts were stored
   * roughly in time order, whatever their number. When they were not (the stream gives up), and for
   * an author, plans chosen from how many posts the words match (counted up to a cap), because
   * SQLite's planner has no statistics on FTS hits and would pick one plan for all:
   * - an author, or words in at most FTS_SORT_MAX posts: fetch the matching rowids and sort just
   *   those (`+created_at` keeps the planner off the created_at index);
   * - words in up to 1 post in FTS_PROBE_RATIO: walk the created_at index newest first and test each
   *   post against the matches, materialised once;
   * - more frequent words: walk the index and ask the FTS index about each post (a doclist seek),
   *   which finds a page within about limit × FTS_PROBE_RATIO posts without reading every match;
   * - no words and no author: walk the index.
   */
  async searchPosts(filter: PostSearch): Promise<{ posts: Post[]; next?: string }> {
    const plan = planSearch(filter);
    if (!plan) return { posts: [] };
    await this.prepareSearch();
    const where: string[] = [];
    const args: (string | number)[] = [];
    const match: string[] = [];
    if (plan.phrase) match.push(fts5Phrase(plan.phrase));
    if (plan.anyOf) match.push(`(${plan.anyOf.map(fts5Phrase).join(' OR ')})`);
    const fts = match.join(' AND ');
    const limit = Math.max(1, Math.min(filter.limit, 1000));
    let how: 'sort' | 'set' | 'probe' | 'walk' | 'stream' = plan.author ? 'sort' : 'walk';
    const streamed = fts && !plan.author && this.options.stream !== false ? streamCandidates(this.zones, fts, plan, limit) : undefined;
    if (streamed) {
      how = 'stream';
      where.push('p.rowid IN (SELECT value FROM json_each(?))');
      args.push(JSON.stringify(streamed));
    } else if (fts) {
      if (how !== 'sort') {
        const posts = (this.db.prepare('SELECT coalesce(max(rowid), 0) AS n FROM posts').get() as { n: number }).n;
        const cap = Math.max(FTS_SORT_MAX, Math.ceil(posts / FTS_PROBE_RATIO));
        const n = this.countMatches(fts, cap + 1);
        how = n <= FTS_SORT_MAX ? 'sort' : n <= cap ? 'set' : 'probe';
      }
      if (how === 'probe') where.push('EXISTS (SELECT 1 FROM posts_fts f WHERE posts_fts MATCH ? AND f.rowid = p.rowid)');
      else where.push(`${how === 'sort' ? '' : '+'}p.rowid IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?)`);
      args.push(fts);
    }
    const selective = how === 'sort' || how === 'stream';
    if (plan.author) {
      where.push(
        `p.rowid IN (SELECT rowid FROM posts WHERE author_handle = ? COLLATE NOCASE
           UNION ALL SELECT rowid FROM posts WHERE author_id = ? COLLATE NOCASE)`,
      );
      args.push(plan.author, plan.author);
    }
    const t = selective ? '+p.created_at' : 'p.created_at';
    if (plan.since) where.push(`${t} >= ?`), args.push(plan.since);
    if (plan.until) where.push(`${t} < ?`), args.push(plan.until);
    if (plan.after) where.push(`(${t}, p.platform, p.id) < (?, ?, ?)`), args.push(plan.after.createdAt, plan.after.platform, plan.after.id);
    const rows = this.db
      .prepare(
        `SELECT p.* FROM posts p ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY ${t} DESC, p.platform DESC, p.id DESC LIMIT ?`,
      )
      .all(...args, limit + 1) as PostRow[];
    const more = rows.length > limit;
    const posts = rows.slice(0, limit).map(postFromRow);
    const last = posts[posts.length - 1];
    return more && last ? { posts, next: encodeSearchCursor(last) } : { posts };
  }

  /** How many posts match an FTS query, counting no further than `cap`. */
  private countMatches(fts: string, cap: number): number {
    const row = this.db.prepare('SELECT count(*) AS n FROM (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ? LIMIT ?)').get(fts, cap) as { n: number };
    return row.n;
  }

  async putPosts(posts: Post[]): Promise<{ stored: number; duplicates: number }> {
    // NULs replaced as in PostgreSQL, so both stores hold the same text.
    return this.insertPostsTx(posts.map((p) => sqlitePostRow(nulFreePost(p))));
  }

  /** Posts already made NUL-free and encoded by sqlitePostRow (the ingest worker does it off the main thread). */
  async putPostRows(rows: SqlitePostRow[]): Promise<{ stored: number; duplicates: number }> {
    return this.insertPostsTx(rows);
  }

  async putAccounts(accounts: Account[]): Promise<void> {
    const stmt = this.db.prepare(
      `INSERT INTO accounts VALUES (@platform, @id, @handle, @displayName, @description, @location, @createdAt)
       ON CONFLICT (platform, id) DO UPDATE SET handle = excluded.handle,
         display_name = coalesce(excluded.display_name, display_name),
         description = coalesce(excluded.description, description),
         location = coalesce(excluded.location, location),
         created_at = coalesce(excluded.created_at, created_at)`,
    );
    this.db.transaction(() => {
      for (const account of accounts) {
        const a = nulFreeAccount(account);
        stmt.run({
          platform: a.platform,
          id: a.id,
          handle: a.handle,
          displayName: a.displayName ?? null,
          description: a.description ?? null,
          location: a.location ?? null,
          createdAt: a.createdAt ?? null,
        });
      }
    })();
  }

  async accountCreatedTimes(platform: string, ids: Iterable<string>): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const stmt = this.db.prepare('SELECT created_at FROM accounts WHERE platform = ? AND id = ? AND created_at IS NOT NULL').pluck();
    for (const id of new Set(ids)) {
      const at = stmt.get(platform, id) as string | undefined;
      if (at !== undefined) out.set(id, at);
    }
    return out;
  }

  async putQuarantine(entries: QuarantineEntry[]): Promise<void> {
    const stmt = this.db.prepare('INSERT OR IGNORE INTO quarantine VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const now = new Date().toISOString();
    this.db.transaction(() => {
      for (const entry of entries) {
        const q = nulFreeQuarantine(entry);
        stmt.run(q.source.file, q.source.line ?? null, q.source.offset ?? null, q.source.cursor ?? null, q.code, q.reason, q.field ?? null, q.excerpt ?? null, now, q.source.index ?? null);
      }
    })();
  }

  async countPosts(): Promise<number> {
    return (this.db.prepare('SELECT count(*) AS n FROM posts').get() as { n: number }).n;
  }

  async getPost(platform: string, id: string): Promise<Post | undefined> {
    // Prepared once: verify and case bundles call this per evidence post, and preparing costs more than the lookup.
    this.getPostStmt ??= this.db.prepare('SELECT * FROM posts WHERE platform = ? AND id = ?');
    const row = this.getPostStmt.get(platform, id) as PostRow | undefined;
    return row && postFromRow(row);
  }

  async getPostEvidence(platform: string, ids: readonly string[]): Promise<Map<string, Pick<Post, 'text' | 'source' | 'contentHash'>>> {
    const stmt = this.db.prepare('SELECT text, source_file, source_line, source_offset, source_cursor, content_hash FROM posts WHERE platform = ? AND id = ?');
    const out = new Map<string, Pick<Post, 'text' | 'source' | 'contentHash'>>();
    // In key order: neighbouring ids share index and table pages.
    for (const id of [...new Set(ids)].sort()) {
      const r = stmt.get(platform, id) as Pick<PostRow, 'text' | 'source_file' | 'source_line' | 'source_offset' | 'source_cursor' | 'content_hash'> | undefined;
      if (r) out.set(id, { text: r.text, source: sourceFromRow(r.source_file, r.source_line, r.source_offset, r.source_cursor), contentHash: r.content_hash });
    }
    return out;
  }

  async *iteratePosts(options: { batchSize?: number } = {}): AsyncIterable<Post[]> {
    const size = options.batchSize ?? 5000;
    // Keyset pagination rather than one open cursor, so writers are not blocked between batches.
    const first = this.db.prepare('SELECT * FROM posts ORDER BY platform, id LIMIT ?');
    const next = this.db.prepare('SELECT * FROM posts WHERE (platform, id) > (?, ?) ORDER BY platform, id LIMIT ?');
    let rows = first.all(size) as PostRow[];
    while (rows.length) {
      yield rows.map(postFromRow);
      if (rows.length < size) return;
      const last = rows[rows.length - 1]!;
      rows = next.all(last.platform, last.id, size) as PostRow[];
    }
  }

  async *iterateCoActionPosts(options: { platform?: string; batchSize?: number; after?: number; upTo?: number } = {}): AsyncIterable<CoActionPost[]> {
    const size = options.batchSize ?? 5000;
    const cols = 'platform, id, author_id, author_handle, created_at, text, urls, hashtags, mentions, reply_to, repost_of, quote_of, repost_of_author';
    if (options.after !== undefined) {
      // `+platform`: walk the rowid range, not the (platform, id) index (which would sort every batch).
      const only = options.platform === undefined ? 'TRUE' : '+platform = ?';
      const stmt = this.db.prepare(`SELECT ${cols}, rowid FROM posts WHERE ${only} AND rowid > ? AND rowid <= ? ORDER BY rowid LIMIT ?`).raw();
      const scope = options.platform === undefined ? [] : [options.platform];
      for (let from = options.after; ; ) {
        const rows = stmt.all(...scope, from, options.upTo ?? Number.MAX_SAFE_INTEGER, size) as unknown[][];
        if (rows.length) yield rows.map(coActionFromRow);
        if (rows.length < size) return;
        from = rows[rows.length - 1]![13] as number;
      }
    }
    const only = options.platform === undefined ? 'TRUE' : 'platform = ?';
    const first = this.db.prepare(`SELECT ${cols} FROM posts WHERE ${only} ORDER BY platform, id LIMIT ?`).raw();
    const next = this.db.prepare(`SELECT ${cols} FROM posts WHERE ${only} AND (platform, id) > (?, ?) ORDER BY platform, id LIMIT ?`).raw();
    const scope = options.platform === undefined ? [] : [options.platform];
    // Rows as arrays (`raw()`): no object per row with 13 named keys before the one analyze keeps.
    let rows = first.all(...scope, size) as unknown[][];
    while (rows.length) {
      yield rows.map(coActionFromRow);
      if (rows.length < size) return;
      const last = rows[rows.length - 1]!;
      rows = next.all(...scope, last[0], last[1], size) as unknown[][];
    }
  }

  async postPlatforms(after = 0): Promise<string[]> {
    if (after > 0) return (this.db.prepare('SELECT DISTINCT platform FROM posts WHERE rowid > ? ORDER BY platform').pluck().all(after) as string[]);
    // A loose index scan over the primary key: one seek per platform instead of a pass over every post.
    return this.db
      .prepare(
        `WITH RECURSIVE p(x) AS (SELECT min(platform) FROM posts UNION ALL SELECT (SELECT min(platform) FROM posts WHERE platform > x) FROM p WHERE x IS NOT NULL)
         SELECT x FROM p WHERE x IS NOT NULL`,
      )
      .pluck()
      .all() as string[];
  }

  /** The rowid: posts are never updated or deleted, and new rows get rowids above the maximum (no AUTOINCREMENT gaps matter). */
  async postMark(): Promise<number> {
    return (this.db.prepare('SELECT coalesce(max(rowid), 0) AS n FROM posts').get() as { n: number }).n;
  }

  async *iteratePostsSince(after: number, upTo: number, options: { batchSize?: number; raw?: boolean } = {}): AsyncIterable<Post[]> {
    const size = options.batchSize ?? 5000;
    // Without the raw record (most of a row's bytes) when the caller reads none: `raw` is then ''.
    const columns = options.raw === false ? `${POST_COLUMNS.filter((c) => c !== 'raw').join(', ')}, '' AS raw` : '*';
    const stmt = this.db.prepare(`SELECT rowid AS mark, ${columns} FROM posts WHERE rowid > ? AND rowid <= ? ORDER BY rowid LIMIT ?`);
    for (let from = after; ; ) {
      const rows = stmt.all(from, upTo, size) as (PostRow & { mark: number })[];
      if (!rows.length) return;
      yield rows.map(postFromRow);
      from = rows[rows.length - 1]!.mark;
    }
  }

  async listQuarantine(options: { limit?: number; offset?: number } = {}): Promise<QuarantineEntry[]> {
    const rows = this.db
      .prepare('SELECT * FROM quarantine ORDER BY seq LIMIT ? OFFSET ?')
      .all(options.limit ?? 1000, options.offset ?? 0) as {
      source_file: string;
      source_line: number | null;
      source_offset: number | null;
      source_cursor: string | null;
      code: string;
      reason: string;
      field: string | null;
      excerpt: string | null;
      source_index: number | null;
    }[];
    return rows.map((r) => {
      const entry: QuarantineEntry = {
        source: sourceFromRow(r.source_file, r.source_line, r.source_offset, r.source_cursor),
        code: r.code,
        reason: r.reason,
      };
      if (r.field !== null) entry.field = r.field;
      if (r.excerpt !== null) entry.excerpt = r.excerpt;
      if (r.source_index !== null) entry.source.index = r.source_index;
      return entry;
    });
  }

  async countQuarantine(): Promise<number> {
    return (this.db.prepare('SELECT count(*) AS n FROM quarantine').get() as { n: number }).n;
  }

  async putFindings(findings: Finding[]): Promise<void> {
    const stmt = this.db.prepare('INSERT OR REPLACE INTO findings VALUES (?, ?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const f of findings) {
        stmt.run(f.id, f.kind, f.observedAt, f.score, JSON.stringify(f.targets.raceIds), JSON.stringify(f));
      }
      // Logged as stored (read back through JSON), so verify recomputes the same hashes.
      this.appendNow(findings.map((f) => findingRecord(JSON.parse(JSON.stringify(f)) as Finding)));
    })();
  }

  async deleteFindings(kinds: FindingKind[]): Promise<number> {
    const stmt = this.db.prepare('DELETE FROM findings WHERE kind = ?');
    return this.db.transaction(() => kinds.reduce((n, kind) => n + stmt.run(kind).changes, 0))();
  }

  async listFindings(filter: { kind?: FindingKind; raceId?: string; ids?: string[] } = {}): Promise<Finding[]> {
    let rows: { body: string }[];
    if (filter.ids) {
      const stmt = this.db.prepare('SELECT body FROM findings WHERE id = ?');
      rows = filter.ids.map((id) => stmt.get(id) as { body: string } | undefined).filter((r) => r !== undefined);
    } else {
      const where: string[] = [];
      const params: string[] = [];
      if (filter.kind) {
        where.push('kind = ?');
        params.push(filter.kind);
      }
      if (filter.raceId) {
        where.push('EXISTS (SELECT 1 FROM json_each(findings.race_ids) WHERE value = ?)');
        params.push(filter.raceId);
      }
      const sql = `SELECT body FROM findings ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY observed_at, id`;
      rows = this.db.prepare(sql).all(...params) as { body: string }[];
    }
    return rows.map((r) => JSON.parse(r.body) as Finding);
  }

  async putIncidents(incidents: Incident[]): Promise<void> {
    // Analyst status and notes survive a re-run of analyze: only the computed body is replaced.
    const stmt = this.db.prepare(
      `INSERT INTO incidents (id, race_id, status, notes, body) VALUES (@id, @raceId, @status, @notes, @body)
       ON CONFLICT (id) DO UPDATE SET race_id = excluded.race_id, body = excluded.body`,
    );
    this.db.transaction(() => {
      for (const inc of incidents) {
        stmt.run({ id: inc.id, raceId: inc.raceId, status: inc.status, notes: JSON.stringify(inc.notes), body: JSON.stringify(inc) });
      }
    })();
  }

  private incidentFromRow(r: IncidentRow): Incident {
    const inc = JSON.parse(r.body) as Incident;
    inc.status = r.status as IncidentStatus;
    inc.notes = JSON.parse(r.notes) as string[];
    if (r.assignee !== null) inc.assignee = r.assignee;
    else delete inc.assignee;
    delete inc.mergedFrom;
    if (r.merged_into !== null) inc.mergedInto = r.merged_into;
    else delete inc.mergedInto;
    delete inc.splitFrom;
    delete inc.splitInto;
    delete inc.splitUndone;
    if (r.split_from !== null && r.split_findings !== null) inc.splitFrom = { incident: r.split_from, findings: JSON.parse(r.split_findings) as string[] };
    else if (r.split_from !== null) inc.splitUndone = r.split_from;
    return inc;
  }

  private readonly findingsOf = (ids: string[]) => this.listFindings({ ids });

  async listIncidents(filter: { raceId?: string } = {}): Promise<Incident[]> {
    const rows = (
      filter.raceId
        ? this.db.prepare('SELECT * FROM incidents WHERE race_id = ? ORDER BY id').all(filter.raceId)
        : this.db.prepare('SELECT * FROM incidents ORDER BY race_id, id').all()
    ) as IncidentRow[];
    const incidents = (await foldCases(rows.map((r) => this.incidentFromRow(r)), this.findingsOf)).filter((i) => !i.splitUndone);
    return incidents.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  }

  async getIncident(id: string): Promise<Incident | undefined> {
    const row = this.db.prepare('SELECT * FROM incidents WHERE id = ?').get(id) as IncidentRow | undefined;
    if (!row) return undefined;
    // The rows that change what this one shows: those merged into it, and the splits made off it or off them.
    const family = [row, ...(this.db.prepare('SELECT * FROM incidents WHERE merged_into = ?').all(id) as IncidentRow[])];
    const splitsOf = this.db.prepare('SELECT * FROM incidents WHERE split_from = ? AND split_findings IS NOT NULL');
    const ids = new Set(family.map((r) => r.id));
    for (const r of [...family]) {
      for (const s of splitsOf.all(r.id) as IncidentRow[]) {
        if (ids.has(s.id)) continue;
        family.push(s);
        ids.add(s.id);
      }
    }
    const [incident] = await foldCases(family.map((r) => this.incidentFromRow(r)), this.findingsOf);
    return incident;
  }

  async setIncidentStatus(id: string, status: IncidentStatus, note?: string): Promise<void> {
    await this.recordCaseAction(id, note ? { status, note } : { status }, 'vigil');
  }

  async recordCaseAction(incidentId: string, change: CaseChange, by: string): Promise<CaseAction> {
    return this.db.transaction(() => {
      const row = this.db.prepare('SELECT * FROM incidents WHERE id = ?').get(incidentId) as IncidentRow | undefined;
      if (!row) throw new StoreError(`store: no incident with id ${JSON.stringify(incidentId)}`);
      const at = new Date().toISOString();
      const seq = (this.db.prepare('SELECT coalesce(max(seq), 0) + 1 AS n FROM case_actions').get() as { n: number }).n;
      const log = (a: CaseAction) => {
        this.appendNow([caseActionRecord(a)], at);
        this.db.prepare('INSERT INTO case_actions VALUES (?, ?, ?, ?, ?)').run(a.seq, a.incidentId, a.finding?.id ?? null, at, JSON.stringify(a));
      };
      // A split (or its undo) is logged on both incidents, so each one's history links the other.
      let other: CaseAction | undefined;
      if (change.split) {
        const existing = this.db.prepare('SELECT split_from, split_findings FROM incidents WHERE id = ?').get(change.split.into ?? '') as { split_from: string | null; split_findings: string | null } | undefined;
        const plan = planSplit(incidentId, change.split, existing && { from: existing.split_from, findings: existing.split_findings === null ? null : (JSON.parse(existing.split_findings) as string[]) });
        if ('problem' in plan) throw new StoreError(`store: ${plan.problem}`);
        change = { ...change, split: { findings: change.split.findings, into: plan.id } };
        const body = splitIncidentBody(this.incidentFromRow(row), plan.id, plan.findings);
        this.db
          .prepare(
            `INSERT INTO incidents (id, race_id, status, notes, body, split_from, split_findings) VALUES (?, ?, 'open', '[]', ?, ?, ?)
             ON CONFLICT (id) DO UPDATE SET split_from = excluded.split_from, split_findings = excluded.split_findings`,
          )
          .run(plan.id, body.raceId, JSON.stringify(body), incidentId, JSON.stringify(plan.findings));
        const status = (this.db.prepare('SELECT status FROM incidents WHERE id = ?').get(plan.id) as { status: IncidentStatus }).status;
        other = caseAction(seq + 1, plan.id, at, by, { splitFrom: { incident: incidentId, findings: plan.findings } }, status);
      } else if (change.splitFrom === null) {
        if (row.split_from === null || row.split_findings === null) throw new StoreError(`store: incident ${JSON.stringify(incidentId)} is not a split`);
        this.db.prepare('UPDATE incidents SET split_findings = NULL WHERE id = ?').run(incidentId);
        const source = this.db.prepare('SELECT status FROM incidents WHERE id = ?').get(row.split_from) as { status: IncidentStatus } | undefined;
        if (source) other = caseAction(seq + 1, row.split_from, at, by, { unsplit: incidentId }, source.status);
      }
      const action = caseAction(seq, incidentId, at, by, change, row.status as IncidentStatus);
      log(action);
      if (other) log(other);
      const notes = JSON.parse(row.notes) as string[];
      if (action.note !== undefined) notes.push(action.note);
      this.db.prepare('UPDATE incidents SET status = ?, notes = ? WHERE id = ?').run(action.status ?? row.status, JSON.stringify(notes), incidentId);
      if (action.assignee !== undefined) this.db.prepare('UPDATE incidents SET assignee = ? WHERE id = ?').run(action.assignee, incidentId);
      if (action.mergeInto !== undefined) this.db.prepare('UPDATE incidents SET merged_into = ? WHERE id = ?').run(action.mergeInto, incidentId);
      return action;
    })();
  }

  async listCaseActions(incidentId: string): Promise<CaseAction[]> {
    const rows = this.db.prepare('SELECT body FROM case_actions WHERE incident_id = ? ORDER BY seq').all(incidentId) as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as CaseAction);
  }

  async findingDecisions(findingIds: string[]): Promise<Map<string, CaseAction>> {
    const stmt = this.db.prepare('SELECT body FROM case_actions WHERE finding_id = ? ORDER BY seq DESC LIMIT 1');
    const out = new Map<string, CaseAction>();
    for (const id of new Set(findingIds)) {
      const row = stmt.get(id) as { body: string } | undefined;
      if (row) out.set(id, JSON.parse(row.body) as CaseAction);
    }
    return out;
  }

  async changeMark(): Promise<string> {
    // Changes only when another connection commits (SQLite's own counter, no write needed); this
    // process's own writes reach its views directly.
    return String(this.db.pragma('data_version', { simple: true }));
  }

  async appendEvidence(refs: (EvidenceRef | LedgerRecord)[], capturedAt = new Date().toISOString()): Promise<EvidenceEntry[]> {
    return this.db.transaction(() => this.appendNow(refs, capturedAt))();
  }

  /**
   * Append inside the caller's transaction. A post's field hashes come from the post as stored. A
   * (ref, sha256) already logged is not logged again, unless only an entry without field hashes
   * (from before the ledger covered fields) holds it and field hashes are now known.
   */
  private appendNow(records: LedgerRecord[], capturedAt = new Date().toISOString()): EvidenceEntry[] {
    const existing = this.db.prepare('SELECT * FROM evidence WHERE ref = ? AND sha256 = ? ORDER BY fields IS NULL, seq LIMIT 1');
    const latest = this.db.prepare('SELECT * FROM evidence WHERE ref = ? ORDER BY seq DESC LIMIT 1');
    const head = this.db.prepare('SELECT seq, hash FROM evidence ORDER BY seq DESC LIMIT 1');
    const insert = this.db.prepare('INSERT INTO evidence (seq, ref, kind, source, captured_at, sha256, fields, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const post = this.db.prepare('SELECT * FROM posts WHERE platform = ? AND id = ?');
    const out: EvidenceEntry[] = [];
    const last = head.get() as { seq: number; hash: string } | undefined;
    let seq = last?.seq ?? 0;
    let prevHash = last?.hash ?? GENESIS_HASH;
    for (const record of records) {
      let fields = record.fields;
      if (!fields && record.kind === 'post') {
        const key = splitPostRef(record.ref);
        const row = key && (post.get(key[0], key[1]) as PostRow | undefined);
        if (row) fields = postFields(postFromRow(row));
      }
      // A finding is logged again whenever it differs from its latest entry (A, B, then A again is three).
      const found = (record.kind === 'finding' ? latest.get(record.ref) : existing.get(record.ref, record.sha256)) as EvidenceRow | undefined;
      if (found && found.sha256 === record.sha256 && (found.fields !== null || !fields)) {
        out.push(entryFromRow(found));
        continue;
      }
      seq++;
      const entry = nextEntry(record, seq, capturedAt, prevHash, fields);
      insert.run(seq, entry.ref, entry.kind, JSON.stringify(entry.source), capturedAt, entry.sha256, fields ? JSON.stringify(fields) : null, prevHash, entry.hash);
      prevHash = entry.hash;
      out.push(entry);
    }
    return out;
  }

  async putCheckpoint(checkpoint: LedgerCheckpoint): Promise<void> {
    this.db.prepare('INSERT INTO checkpoints (tree_size, root_hash, body) VALUES (?, ?, ?)').run(checkpoint.treeSize, checkpoint.rootHash, JSON.stringify(checkpoint));
  }

  async listCheckpoints(): Promise<LedgerCheckpoint[]> {
    const rows = this.db.prepare('SELECT body FROM checkpoints ORDER BY seq').all() as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as LedgerCheckpoint);
  }

  async *iterateEvidence(options: { batchSize?: number } = {}): AsyncIterable<EvidenceEntry[]> {
    const size = options.batchSize ?? 5000;
    const stmt = this.db.prepare('SELECT * FROM evidence WHERE seq > ? ORDER BY seq LIMIT ?');
    let after = 0;
    for (;;) {
      const rows = stmt.all(after, size) as EvidenceRow[];
      if (!rows.length) return;
      yield rows.map(entryFromRow);
      after = rows[rows.length - 1]!.seq;
    }
  }

  async getState(key: string): Promise<string | undefined> {
    return (this.db.prepare('SELECT value FROM state WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  async setState(key: string, value: string): Promise<void> {
    this.db.prepare('INSERT INTO state VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /** Direct SQL access for tests that tamper with the ledger, and for maintenance. Not for detectors. */
  get database(): Database.Database {
    return this.db;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/**
 * Open (creating if needed) the SQLite store at `path`.
 * @example const store = await openSqliteStore('.vigil/vigil.db');
 */
export async function openSqliteStore(path: string): Promise<SqliteStore> {
  return new SqliteStore(path);
}
