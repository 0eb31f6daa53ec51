import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { GENESIS_HASH, actionRecord, findingRecord, nextEntry, postFields, splitPostRef } from '../cases/ledger.js';
import { StoreError } from '../errors.js';
import { caseAction, caseActionRecord, foldCases, planSplit, splitIncidentBody } from '../cases/workflow.js';
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
import { foldText } from '../util/normalize.js';
import { nulFreeAccount, nulFreePost, nulFreeQuarantine } from '../util/nul.js';
import { encodeSearchCursor, planSearch } from './search.js';
import type { PostSearch, Store } from './store.js';

/** Same records as the SQLite schema; `schema_version` in `vigil_meta` records applied migrations. */
const MIGRATIONS: string[] = [
  `
  CREATE TABLE posts (
    platform text COLLATE "C" NOT NULL, id text COLLATE "C" NOT NULL, author_id text NOT NULL, author_handle text NOT NULL,
    created_at timestamptz NOT NULL, text text NOT NULL, lang text,
    urls jsonb NOT NULL, hashtags jsonb NOT NULL, mentions jsonb NOT NULL,
    reply_to text, repost_of text, quote_of text, repost_of_author text,
    source jsonb NOT NULL, content_hash text NOT NULL, raw text NOT NULL,
    PRIMARY KEY (platform, id)
  );
  CREATE INDEX posts_author ON posts (platform, lower(author_handle));
  CREATE INDEX posts_created ON posts (created_at);
  CREATE TABLE accounts (
    platform text NOT NULL, id text NOT NULL, handle text NOT NULL, display_name text, description text,
    location text, created_at text, PRIMARY KEY (platform, id)
  );
  CREATE TABLE quarantine (
    seq bigserial PRIMARY KEY, source jsonb NOT NULL, code text NOT NULL, reason text NOT NULL,
    field text, excerpt text, recorded_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE UNIQUE INDEX quarantine_once ON quarantine (source, code);
  CREATE TABLE findings (
    id text PRIMARY KEY, kind text NOT NULL, observed_at text NOT NULL, score double precision NOT NULL,
    race_ids jsonb NOT NULL, body jsonb NOT NULL
  );
  CREATE INDEX findings_kind ON findings (kind);
  CREATE TABLE incidents (
    id text PRIMARY KEY, race_id text NOT NULL, status text NOT NULL, notes jsonb NOT NULL, body jsonb NOT NULL
  );
  CREATE INDEX incidents_race ON incidents (race_id);
  CREATE TABLE evidence (
    seq bigint PRIMARY KEY, ref text NOT NULL, kind text NOT NULL, source jsonb NOT NULL,
    captured_at text NOT NULL, sha256 text NOT NULL, prev_hash text NOT NULL, hash text NOT NULL,
    UNIQUE (ref, sha256)
  );
  CREATE TABLE state (key text PRIMARY KEY, value text NOT NULL);
  `,
  // Post search. search_text is the text folded by foldText in Node (case, accents), so both stores
  // match the same words without the unaccent extension; a GIN index over its 'simple' tsvector.
  // Rows stored before this migration are folded on open (backfillSearchText).
  `
  ALTER TABLE posts ADD COLUMN search_text text;
  CREATE INDEX posts_search ON posts USING gin (to_tsvector('simple'::regconfig, search_text));
  CREATE INDEX posts_created_key ON posts (created_at, platform, id);
  CREATE INDEX posts_handle_ci ON posts (lower(author_handle));
  CREATE INDEX posts_author_id_ci ON posts (lower(author_id));
  INSERT INTO state VALUES ('store:search_text_backfill', 'pending') ON CONFLICT DO NOTHING;
  `,
  // Ledger v2 (as in the SQLite store): field hashes per entry, (ref, sha256) may repeat, checkpoints.
  `
  ALTER TABLE evidence ADD COLUMN fields text;
  ALTER TABLE evidence DROP CONSTRAINT IF EXISTS evidence_ref_sha256_key;
  CREATE INDEX evidence_ref ON evidence (ref, sha256);
  CREATE TABLE checkpoints (seq bigserial PRIMARY KEY, tree_size bigint NOT NULL, root_hash text NOT NULL, body text NOT NULL);
  `,
  // Posts keep ingest's notes (NULs replaced, implausible times). Quarantine needs nothing: the
  // record's index within its line is part of the source (jsonb), which quarantine_once covers.
  `ALTER TABLE posts ADD COLUMN notes jsonb;`,
  // Case workflow (as in the SQLite store), and a change counter bumped by every statement that
  // writes findings, incidents or the audit trail: a server polls it (changeMark) to see what other
  // processes committed. A row update, so the mark moves when the change is visible, not before.
  // Posts alone change no cached view (search reads the store), so a live stream's inserts do not
  // make every server rebuild its views each tick.
  `
  ALTER TABLE incidents ADD COLUMN IF NOT EXISTS assignee text;
  CREATE TABLE IF NOT EXISTS case_actions (
    seq bigint PRIMARY KEY, incident_id text NOT NULL, finding_id text, at text NOT NULL, body jsonb NOT NULL
  );
  CREATE INDEX IF NOT EXISTS case_actions_incident ON case_actions (incident_id, seq);
  CREATE INDEX IF NOT EXISTS case_actions_finding ON case_actions (finding_id, seq) WHERE finding_id IS NOT NULL;
  CREATE TABLE IF NOT EXISTS changes (n bigint NOT NULL);
  INSERT INTO changes SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM changes);
  CREATE OR REPLACE FUNCTION bump_changes() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE changes SET n = n + 1; RETURN NULL; END $$;
  CREATE OR REPLACE TRIGGER findings_changed AFTER INSERT OR UPDATE OR DELETE ON findings FOR EACH STATEMENT EXECUTE FUNCTION bump_changes();
  CREATE OR REPLACE TRIGGER incidents_changed AFTER INSERT OR UPDATE OR DELETE ON incidents FOR EACH STATEMENT EXECUTE FUNCTION bump_changes();
  CREATE OR REPLACE TRIGGER case_actions_changed AFTER INSERT ON case_actions FOR EACH STATEMENT EXECUTE FUNCTION bump_changes();
  `,
  // Merged incidents (cases/workflow.ts foldMerges), as in the SQLite store.
  `ALTER TABLE incidents ADD COLUMN IF NOT EXISTS merged_into text;`,
  // Split incidents (cases/workflow.ts foldSplits), as in the SQLite store.
  `ALTER TABLE incidents ADD COLUMN IF NOT EXISTS split_from text;
  ALTER TABLE incidents ADD COLUMN IF NOT EXISTS split_findings jsonb;
  CREATE INDEX IF NOT EXISTS incidents_split_from ON incidents (split_from) WHERE split_from IS NOT NULL;`,
];
type IncidentRow = { status: string; notes: string[]; body: Incident; assignee: string | null; merged_into: string | null; split_from: string | null; split_findings: string[] | null };

/** Index of the ledger v2 migration: upgrading past it logs what the store holds (baselineLedger). */
const LEDGER_V2 = 2;

/** Posts' columns as written, their types, and the value of each for a post (one list for INSERT and COPY). */
const POST_COLUMNS = ['platform', 'id', 'author_id', 'author_handle', 'created_at', 'text', 'lang', 'urls', 'hashtags', 'mentions', 'reply_to', 'repost_of', 'quote_of', 'repost_of_author', 'source', 'content_hash', 'raw', 'search_text', 'notes'];
const POST_TYPES = ['text', 'text', 'text', 'text', 'timestamptz', 'text', 'text', 'jsonb', 'jsonb', 'jsonb', 'text', 'text', 'text', 'text', 'jsonb', 'text', 'text', 'text', 'jsonb'];
const POST_VALUES: ((p: Post) => string | null)[] = [
  (p) => p.platform,
  (p) => p.id,
  (p) => p.authorId,
  (p) => p.authorHandle,
  (p) => p.createdAt,
  (p) => p.text,
  (p) => p.lang ?? null,
  (p) => JSON.stringify(p.urls),
  (p) => JSON.stringify(p.hashtags),
  (p) => JSON.stringify(p.mentions),
  (p) => p.replyTo ?? null,
  (p) => p.repostOf ?? null,
  (p) => p.quoteOf ?? null,
  (p) => p.repostOfAuthor ?? null,
  (p) => JSON.stringify(p.source),
  (p) => p.contentHash,
  (p) => p.raw,
  (p) => foldText(p.text),
  (p) => (p.notes ? JSON.stringify(p.notes) : null),
];

/** A field of COPY's text format: backslash, tab, newline and carriage return escaped; NULL as \N. */
function copyField(v: string | null): string {
  if (v === null) return '\\N';
  return /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : v;
}

type PostRow = {
  platform: string;
  id: string;
  author_id: string;
  author_handle: string;
  created_at: Date;
  text: string;
  lang: string | null;
  urls: string[];
  hashtags: string[];
  mentions: string[];
  reply_to: string | null;
  repost_of: string | null;
  quote_of: string | null;
  repost_of_author: string | null;
  source: SourceRef;
  content_hash: string;
  raw: string;
  notes: string[] | null;
};

type EvidenceRow = {
  seq: string;
  ref: string;
  kind: EvidenceRef['kind'];
  source: SourceRef;
  captured_at: string;
  sha256: string;
  fields: string | null;
  prev_hash: string;
  hash: string;
};

function postFromRow(r: PostRow): Post {
  const post: Post = {
    platform: r.platform,
    id: r.id,
    authorId: r.author_id,
    authorHandle: r.author_handle,
    createdAt: r.created_at.toISOString(),
    text: r.text,
    urls: r.urls,
    hashtags: r.hashtags,
    mentions: r.mentions,
    source: r.source,
    contentHash: r.content_hash,
    raw: r.raw,
  };
  if (r.lang !== null) post.lang = r.lang;
  if (r.reply_to !== null) post.replyTo = r.reply_to;
  if (r.repost_of !== null) post.repostOf = r.repost_of;
  if (r.quote_of !== null) post.quoteOf = r.quote_of;
  if (r.repost_of_author !== null) post.repostOfAuthor = r.repost_of_author;
  if (r.notes) post.notes = r.notes;
  return post;
}

function entryFromRow(r: EvidenceRow): EvidenceEntry {
  const entry: EvidenceEntry = {
    seq: Number(r.seq),
    ref: r.ref,
    kind: r.kind,
    source: r.source,
    capturedAt: r.captured_at,
    sha256: r.sha256,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
  if (r.fields !== null) entry.fields = JSON.parse(r.fields) as Record<string, string>;
  return entry;
}

/** Ledger appends from several processes must not fork the chain: they serialise on this lock key. */
const LEDGER_LOCK = 0x76696769; // "vigi"

/**
 * The team store: PostgreSQL through a connection pool. Batches go in as one statement over
 * `unnest` arrays, so a batch of thousands of posts is one round trip.
 */
export class PostgresStore implements Store {
  /** Bulk loads running (bulkLoad): putPosts then takes the COPY path. */
  private bulk = 0;

  private constructor(
    private readonly pool: pg.Pool,
    readonly schema: string,
  ) {}

  static async open(url: string, options: { schema?: string } = {}): Promise<PostgresStore> {
    const schema = options.schema ?? 'vigil';
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new StoreError(`store: invalid schema name ${JSON.stringify(schema)}`);
    const pool = new pg.Pool({ connectionString: url, max: 4, options: `-c search_path=${schema}` });
    // A connection that dies (the server restarts) fails the query it runs and is dropped by the
    // pool, and the next query opens a new one. Without these listeners the 'error' event of an idle
    // or checked-out-but-quiet connection would end the process.
    pool.on('error', () => {});
    pool.on('connect', (client) => client.on('error', () => {}));
    const store = new PostgresStore(pool, schema);
    try {
      await store.migrate();
      await store.backfillSearchText();
    } catch (err) {
      await pool.end();
      throw new StoreError(`store: cannot open PostgreSQL database: ${(err as Error).message}`, { cause: err });
    }
    return store;
  }

  private async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT pg_advisory_xact_lock(${LEDGER_LOCK + 1})`);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
      await client.query('CREATE TABLE IF NOT EXISTS vigil_meta (schema_version integer NOT NULL)');
      const { rows } = await client.query<{ schema_version: number }>('SELECT schema_version FROM vigil_meta');
      const version = rows[0]?.schema_version ?? 0;
      if (version > MIGRATIONS.length) throw new StoreError(`store: database schema ${version} is newer than this Vigil (${MIGRATIONS.length})`);
      for (let v = version; v < MIGRATIONS.length; v++) {
        await client.query(MIGRATIONS[v]!);
        if (v === LEDGER_V2 && version > 0) await this.baselineLedger(client);
      }
      if (!rows.length) await client.query('INSERT INTO vigil_meta VALUES ($1)', [MIGRATIONS.length]);
      else await client.query('UPDATE vigil_meta SET schema_version = $1', [MIGRATIONS.length]);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    } finally {
      client.release();
    }
  }

  /** A store from before ledger v2: log what it holds now, once (as SqliteStore.baselineLedger does). */
  private async baselineLedger(client: pg.PoolClient): Promise<void> {
    const at = new Date().toISOString();
    const records: LedgerRecord[] = [];
    const posts = await client.query<{ ref: string; source: SourceRef; sha256: string }>("SELECT ref, source, sha256 FROM evidence WHERE kind = 'post' ORDER BY seq");
    for (const p of posts.rows) records.push({ kind: 'post', ref: p.ref, source: p.source, sha256: p.sha256 });
    const findings = await client.query<{ body: Finding }>('SELECT body FROM findings ORDER BY id COLLATE "C"');
    for (const f of findings.rows) records.push(findingRecord(f.body));
    const { rows } = await client.query<{ id: string; status: IncidentStatus; notes: string[] }>('SELECT id, status, notes FROM incidents ORDER BY id COLLATE "C"');
    for (const r of rows) {
      if (r.status === 'open' && !r.notes.length) continue;
      if (!r.notes.length) records.push(actionRecord(r.id, r.status, undefined, 0, at));
      r.notes.forEach((note, i) => records.push(actionRecord(r.id, r.status, note, i, at)));
    }
    await this.appendWith(client, records, at);
  }

  /** Fold the text of posts stored before the search migration, in batches. */
  private async backfillSearchText(): Promise<void> {
    if ((await this.getState('store:search_text_backfill')) === undefined) return;
    for (;;) {
      const { rows } = await this.pool.query<{ platform: string; id: string; text: string }>(
        'SELECT platform, id, text FROM posts WHERE search_text IS NULL LIMIT 5000',
      );
      if (!rows.length) break;
      await this.pool.query(
        `UPDATE posts SET search_text = u.s FROM unnest($1::text[], $2::text[], $3::text[]) AS u(platform, id, s)
         WHERE posts.platform = u.platform AND posts.id = u.id`,
        [rows.map((r) => r.platform), rows.map((r) => r.id), rows.map((r) => foldText(r.text))],
      );
    }
    await this.pool.query("DELETE FROM state WHERE key = 'store:search_text_backfill'");
  }

  /** PostgreSQL keeps its indexes during loads: other team members may be reading. */
  /** Indexes are kept live, so there is nothing to catch up. */
  async prepareSearch(): Promise<void> {}

  /**
   * Indexes stay live (other team members may be reading); what a bulk load changes is the path:
   * posts go in by COPY into a temporary table, then one INSERT … ON CONFLICT DO NOTHING (COPY
   * itself cannot skip duplicates).
   */
  async bulkLoad<T>(load: () => Promise<T>): Promise<T> {
    this.bulk++;
    try {
      const result = await load();
      // The GIN index queues new entries in a pending list that every search reads in full until
      // (auto)vacuum merges it: 200,000 posts loaded, a race search took 110 ms, 25 ms once merged.
      if (this.bulk === 1) await this.pool.query("SELECT gin_clean_pending_list('posts_search'::regclass)");
      return result;
    } finally {
      this.bulk--;
    }
  }

  async putPosts(input: Post[]): Promise<{ stored: number; duplicates: number }> {
    if (!input.length) return { stored: 0, duplicates: 0 };
    // PostgreSQL text cannot hold U+0000: replaced (with a note) as in SQLite and in ingest.
    const posts = input.map(nulFreePost);
    const stored = this.bulk ? await this.copyPosts(posts) : await this.insertPosts(posts);
    return { stored, duplicates: posts.length - stored };
  }

  private async insertPosts(posts: Post[]): Promise<number> {
    const result = await this.pool.query(
      `INSERT INTO posts (${POST_COLUMNS.join(', ')})
       SELECT * FROM unnest(${POST_COLUMNS.map((_, i) => `$${i + 1}::${POST_TYPES[i]}[]`).join(', ')})
       ON CONFLICT (platform, id) DO NOTHING`,
      POST_VALUES.map((value) => posts.map(value)),
    );
    return result.rowCount ?? 0;
  }

  /** The bulk path: COPY (text format) into a session's temporary table, then insert what is new. */
  private async copyPosts(posts: Post[]): Promise<number> {
    const lines = posts.map((p) => POST_VALUES.map((value) => copyField(value(p))).join('\t')).join('\n') + '\n';
    return this.transaction(async (client) => {
      await client.query('CREATE TEMP TABLE IF NOT EXISTS posts_load (LIKE posts) ON COMMIT DELETE ROWS');
      await pipeline(Readable.from([lines]), client.query(copyFrom(`COPY posts_load (${POST_COLUMNS.join(', ')}) FROM STDIN`)));
      const result = await client.query(`INSERT INTO posts (${POST_COLUMNS.join(', ')}) SELECT ${POST_COLUMNS.join(', ')} FROM posts_load ON CONFLICT (platform, id) DO NOTHING`);
      return result.rowCount ?? 0;
    });
  }

  async putAccounts(accounts: Account[]): Promise<void> {
    // Later profile fields win when present; one row per key per statement, as ON CONFLICT DO UPDATE requires.
    const latest = new Map<string, Account>();
    for (const a of accounts.map(nulFreeAccount)) latest.set(`${a.platform}\u0000${a.id}`, { ...latest.get(`${a.platform}\u0000${a.id}`), ...a });
    const rows = [...latest.values()];
    if (!rows.length) return;
    await this.pool.query(
      `INSERT INTO accounts SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
       ON CONFLICT (platform, id) DO UPDATE SET handle = excluded.handle,
         display_name = coalesce(excluded.display_name, accounts.display_name),
         description = coalesce(excluded.description, accounts.description),
         location = coalesce(excluded.location, accounts.location),
         created_at = coalesce(excluded.created_at, accounts.created_at)`,
      [
        rows.map((a) => a.platform),
        rows.map((a) => a.id),
        rows.map((a) => a.handle),
        rows.map((a) => a.displayName ?? null),
        rows.map((a) => a.description ?? null),
        rows.map((a) => a.location ?? null),
        rows.map((a) => a.createdAt ?? null),
      ],
    );
  }

  async putQuarantine(input: QuarantineEntry[]): Promise<void> {
    if (!input.length) return;
    const entries = input.map(nulFreeQuarantine);
    await this.pool.query(
      `INSERT INTO quarantine (source, code, reason, field, excerpt)
       SELECT * FROM unnest($1::jsonb[], $2::text[], $3::text[], $4::text[], $5::text[])
       ON CONFLICT DO NOTHING`,
      [
        entries.map((q) => JSON.stringify(q.source)),
        entries.map((q) => q.code),
        entries.map((q) => q.reason),
        entries.map((q) => q.field ?? null),
        entries.map((q) => q.excerpt ?? null),
      ],
    );
  }

  async countPosts(): Promise<number> {
    return Number((await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM posts')).rows[0]!.n);
  }

  async getPost(platform: string, id: string): Promise<Post | undefined> {
    const { rows } = await this.pool.query<PostRow>('SELECT * FROM posts WHERE platform = $1 AND id = $2', [platform, id]);
    return rows[0] && postFromRow(rows[0]);
  }

  async getPostEvidence(platform: string, ids: readonly string[]): Promise<Map<string, Pick<Post, 'text' | 'source' | 'contentHash'>>> {
    const { rows } = await this.pool.query<Pick<PostRow, 'id' | 'text' | 'source' | 'content_hash'>>('SELECT id, text, source, content_hash FROM posts WHERE platform = $1 AND id = ANY($2::text[])', [platform, [...new Set(ids)]]);
    return new Map(rows.map((r) => [r.id, { text: r.text, source: r.source, contentHash: r.content_hash }]));
  }

  async accountCreatedTimes(platform: string, ids: Iterable<string>): Promise<Map<string, string>> {
    const result = await this.pool.query<{ id: string; created_at: string }>('SELECT id, created_at FROM accounts WHERE platform = $1 AND id = ANY($2::text[]) AND created_at IS NOT NULL', [
      platform,
      [...new Set(ids)],
    ]);
    return new Map(result.rows.map((r) => [r.id, r.created_at]));
  }

  async *iteratePosts(options: { batchSize?: number } = {}): AsyncIterable<Post[]> {
    const size = options.batchSize ?? 5000;
    // Keyset pagination: ('', '') sorts before every real key in the "C" collation.
    let after: [string, string] = ['', ''];
    for (;;) {
      const result: pg.QueryResult<PostRow> = await this.pool.query<PostRow>(
        'SELECT * FROM posts WHERE (platform, id) > ($1, $2) ORDER BY platform, id LIMIT $3',
        [after[0], after[1], size],
      );
      const rows = result.rows;
      if (!rows.length) return;
      yield rows.map(postFromRow);
      if (rows.length < size) return;
      const last: PostRow = rows[rows.length - 1]!;
      after = [last.platform, last.id];
    }
  }

  async searchPosts(filter: PostSearch): Promise<{ posts: Post[]; next?: string }> {
    const plan = planSearch(filter);
    if (!plan) return { posts: [] };
    const where: string[] = [];
    const args: unknown[] = [];
    const arg = (v: unknown) => (args.push(v), `$${args.length}`);
    // Words go in as parameters of phraseto_tsquery, which reads plain text: no tsquery syntax reaches it.
    const tsq: string[] = [];
    if (plan.phrase) tsq.push(`phraseto_tsquery('simple', ${arg(plan.phrase.join(' '))})`);
    if (plan.anyOf) tsq.push(`(${plan.anyOf.map((w) => `phraseto_tsquery('simple', ${arg(w.join(' '))})`).join(' || ')})`);
    if (tsq.length) where.push(`to_tsvector('simple'::regconfig, search_text) @@ (${tsq.join(' && ')})`);
    if (plan.author) {
      const a = arg(plan.author);
      where.push(`(lower(author_handle) = ${a} OR lower(author_id) = ${a})`);
    }
    if (plan.since) where.push(`created_at >= ${arg(plan.since)}`);
    if (plan.until) where.push(`created_at < ${arg(plan.until)}`);
    if (plan.after) where.push(`(created_at, platform, id) < (${arg(plan.after.createdAt)}::timestamptz, ${arg(plan.after.platform)}, ${arg(plan.after.id)})`);
    const limit = Math.max(1, Math.min(filter.limit, 1000));
    const { rows } = await this.pool.query<PostRow>(
      `SELECT * FROM posts ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY created_at DESC, platform DESC, id DESC LIMIT ${arg(limit + 1)}`,
      args,
    );
    const more = rows.length > limit;
    const posts = rows.slice(0, limit).map(postFromRow);
    const last = posts[posts.length - 1];
    return more && last ? { posts, next: encodeSearchCursor(last) } : { posts };
  }

  async listQuarantine(options: { limit?: number; offset?: number } = {}): Promise<QuarantineEntry[]> {
    const { rows } = await this.pool.query<{ source: SourceRef; code: string; reason: string; field: string | null; excerpt: string | null }>(
      'SELECT source, code, reason, field, excerpt FROM quarantine ORDER BY seq LIMIT $1 OFFSET $2',
      [options.limit ?? 1000, options.offset ?? 0],
    );
    return rows.map((r) => {
      const entry: QuarantineEntry = { source: r.source, code: r.code, reason: r.reason };
      if (r.field !== null) entry.field = r.field;
      if (r.excerpt !== null) entry.excerpt = r.excerpt;
      return entry;
    });
  }

  async countQuarantine(): Promise<number> {
    return Number((await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM quarantine')).rows[0]!.n);
  }

  async putFindings(findings: Finding[]): Promise<void> {
    const unique = [...new Map(findings.map((f) => [f.id, f])).values()];
    if (!unique.length) return;
    await this.transaction(async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(${LEDGER_LOCK})`);
      await client.query(
      `INSERT INTO findings SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::jsonb[], $6::jsonb[])
       ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, observed_at = excluded.observed_at, score = excluded.score,
         race_ids = excluded.race_ids, body = excluded.body`,
      [
        unique.map((f) => f.id),
        unique.map((f) => f.kind),
        unique.map((f) => f.observedAt),
        unique.map((f) => f.score),
        unique.map((f) => JSON.stringify(f.targets.raceIds)),
        unique.map((f) => JSON.stringify(f)),
      ],
      );
      // Logged as stored (jsonb reorders keys; the canonical hash does not mind).
      await this.appendWith(client, unique.map((f) => findingRecord(JSON.parse(JSON.stringify(f)) as Finding)));
    });
  }

  /** Run `work` in one transaction on one pooled connection. */
  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    } finally {
      client.release();
    }
  }

  async deleteFindings(kinds: FindingKind[]): Promise<number> {
    return (await this.pool.query('DELETE FROM findings WHERE kind = ANY($1::text[])', [kinds])).rowCount ?? 0;
  }

  async listFindings(filter: { kind?: FindingKind; raceId?: string; ids?: string[] } = {}): Promise<Finding[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.ids) {
      params.push(filter.ids);
      where.push(`id = ANY($${params.length}::text[])`);
    }
    if (filter.kind) {
      params.push(filter.kind);
      where.push(`kind = $${params.length}`);
    }
    if (filter.raceId) {
      params.push(JSON.stringify([filter.raceId]));
      where.push(`race_ids @> $${params.length}::jsonb`);
    }
    const { rows } = await this.pool.query<{ body: Finding }>(
      `SELECT body FROM findings ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY observed_at, id COLLATE "C"`,
      params,
    );
    return rows.map((r) => r.body);
  }

  async putIncidents(incidents: Incident[]): Promise<void> {
    if (!incidents.length) return;
    await this.pool.query(
      `INSERT INTO incidents (id, race_id, status, notes, body) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::jsonb[])
       ON CONFLICT (id) DO UPDATE SET race_id = excluded.race_id, body = excluded.body`,
      [
        incidents.map((i) => i.id),
        incidents.map((i) => i.raceId),
        incidents.map((i) => i.status),
        incidents.map((i) => JSON.stringify(i.notes)),
        incidents.map((i) => JSON.stringify(i)),
      ],
    );
  }

  private static incidentFromRow(r: IncidentRow): Incident {
    const { assignee: _a, mergedInto: _m, mergedFrom: _f, splitFrom: _s, splitInto: _i, splitUndone: _u, ...body } = r.body;
    const split = r.split_from === null ? {} : r.split_findings !== null ? { splitFrom: { incident: r.split_from, findings: r.split_findings } } : { splitUndone: r.split_from };
    return { ...body, status: r.status as IncidentStatus, notes: r.notes, ...(r.assignee !== null ? { assignee: r.assignee } : {}), ...(r.merged_into !== null ? { mergedInto: r.merged_into } : {}), ...split };
  }

  private readonly findingsOf = (ids: string[]) => this.listFindings({ ids });

  async listIncidents(filter: { raceId?: string } = {}): Promise<Incident[]> {
    const { rows } = filter.raceId
      ? await this.pool.query<IncidentRow>('SELECT status, notes, assignee, merged_into, split_from, split_findings, body FROM incidents WHERE race_id = $1', [filter.raceId])
      : await this.pool.query<IncidentRow>('SELECT status, notes, assignee, merged_into, split_from, split_findings, body FROM incidents');
    const incidents = (await foldCases(rows.map(PostgresStore.incidentFromRow), this.findingsOf)).filter((i) => !i.splitUndone);
    return incidents.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  }

  async getIncident(id: string): Promise<Incident | undefined> {
    const { rows } = await this.pool.query<IncidentRow>('SELECT status, notes, assignee, merged_into, split_from, split_findings, body FROM incidents WHERE id = $1 OR merged_into = $1 ORDER BY id = $1 DESC', [id]);
    if (!rows.length || rows[0]!.body.id !== id) return undefined;
    // The splits made off this incident or off those merged into it change what it shows.
    const ids = rows.map((r) => r.body.id);
    const splits = await this.pool.query<IncidentRow>('SELECT status, notes, assignee, merged_into, split_from, split_findings, body FROM incidents WHERE split_from = ANY($1::text[]) AND split_findings IS NOT NULL AND NOT (id = ANY($1::text[]))', [ids]);
    const [incident] = await foldCases([...rows, ...splits.rows].map(PostgresStore.incidentFromRow), this.findingsOf);
    return incident;
  }

  async setIncidentStatus(id: string, status: IncidentStatus, note?: string): Promise<void> {
    await this.recordCaseAction(id, note ? { status, note } : { status }, 'vigil');
  }

  async recordCaseAction(incidentId: string, change: CaseChange, by: string): Promise<CaseAction> {
    return this.transaction(async (client) => {
      // The ledger lock also orders the audit trail: seq and the ledger entry are taken together.
      await client.query(`SELECT pg_advisory_xact_lock(${LEDGER_LOCK})`);
      const { rows } = await client.query<IncidentRow>('SELECT status, notes, assignee, merged_into, split_from, split_findings, body FROM incidents WHERE id = $1 FOR UPDATE', [incidentId]);
      if (!rows.length) throw new StoreError(`store: no incident with id ${JSON.stringify(incidentId)}`);
      const row = rows[0]!;
      const at = new Date().toISOString();
      const seq = Number((await client.query<{ n: string }>('SELECT coalesce(max(seq), 0) + 1 AS n FROM case_actions')).rows[0]!.n);
      const log = async (a: CaseAction) => {
        await this.appendWith(client, [caseActionRecord(a)], at);
        await client.query('INSERT INTO case_actions VALUES ($1, $2, $3, $4, $5)', [a.seq, a.incidentId, a.finding?.id ?? null, at, JSON.stringify(a)]);
      };
      // A split (or its undo) is logged on both incidents, so each one's history links the other.
      let other: CaseAction | undefined;
      if (change.split) {
        const existing = (await client.query<{ split_from: string | null; split_findings: string[] | null }>('SELECT split_from, split_findings FROM incidents WHERE id = $1', [change.split.into ?? ''])).rows[0];
        const plan = planSplit(incidentId, change.split, existing && { from: existing.split_from, findings: existing.split_findings });
        if ('problem' in plan) throw new StoreError(`store: ${plan.problem}`);
        change = { ...change, split: { findings: change.split.findings, into: plan.id } };
        const body = splitIncidentBody(PostgresStore.incidentFromRow(row), plan.id, plan.findings);
        const { rows: made } = await client.query<{ status: IncidentStatus }>(
          `INSERT INTO incidents (id, race_id, status, notes, body, split_from, split_findings) VALUES ($1, $2, 'open', '[]', $3, $4, $5)
           ON CONFLICT (id) DO UPDATE SET split_from = excluded.split_from, split_findings = excluded.split_findings RETURNING status`,
          [plan.id, body.raceId, JSON.stringify(body), incidentId, JSON.stringify(plan.findings)],
        );
        other = caseAction(seq + 1, plan.id, at, by, { splitFrom: { incident: incidentId, findings: plan.findings } }, made[0]!.status);
      } else if (change.splitFrom === null) {
        if (row.split_from === null || row.split_findings === null) throw new StoreError(`store: incident ${JSON.stringify(incidentId)} is not a split`);
        await client.query('UPDATE incidents SET split_findings = NULL WHERE id = $1', [incidentId]);
        const source = (await client.query<{ status: IncidentStatus }>('SELECT status FROM incidents WHERE id = $1', [row.split_from])).rows[0];
        if (source) other = caseAction(seq + 1, row.split_from, at, by, { unsplit: incidentId }, source.status);
      }
      const action = caseAction(seq, incidentId, at, by, change, row.status as IncidentStatus);
      await log(action);
      if (other) await log(other);
      await client.query(
        `UPDATE incidents SET status = $2, notes = CASE WHEN $3::text IS NULL THEN notes ELSE notes || to_jsonb($3::text) END,
           assignee = CASE WHEN $4 THEN $5::text ELSE assignee END, merged_into = CASE WHEN $6 THEN $7::text ELSE merged_into END WHERE id = $1`,
        [incidentId, action.status ?? row.status, action.note ?? null, action.assignee !== undefined, action.assignee ?? null, action.mergeInto !== undefined, action.mergeInto ?? null],
      );
      return action;
    });
  }

  async listCaseActions(incidentId: string): Promise<CaseAction[]> {
    const { rows } = await this.pool.query<{ body: CaseAction }>('SELECT body FROM case_actions WHERE incident_id = $1 ORDER BY seq', [incidentId]);
    return rows.map((r) => r.body);
  }

  async findingDecisions(findingIds: string[]): Promise<Map<string, CaseAction>> {
    const { rows } = await this.pool.query<{ body: CaseAction }>(
      'SELECT DISTINCT ON (finding_id) body FROM case_actions WHERE finding_id = ANY($1::text[]) ORDER BY finding_id, seq DESC',
      [[...new Set(findingIds)]],
    );
    return new Map(rows.map((r) => [r.body.finding!.id, r.body]));
  }

  async changeMark(): Promise<string> {
    return String((await this.pool.query<{ n: string }>('SELECT n FROM changes')).rows[0]?.n ?? '0');
  }

  async appendEvidence(refs: (EvidenceRef | LedgerRecord)[], capturedAt = new Date().toISOString()): Promise<EvidenceEntry[]> {
    return this.transaction(async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(${LEDGER_LOCK})`);
      return this.appendWith(client, refs, capturedAt);
    });
  }

  /**
   * Append inside the caller's transaction, which holds LEDGER_LOCK. Same rules as the SQLite store:
   * a post's field hashes come from the post as stored; a (ref, sha256) already logged (with field
   * hashes, or none known now) is returned, not logged again; a finding is logged when it differs
   * from its latest entry.
   */
  private async appendWith(client: pg.PoolClient, records: LedgerRecord[], capturedAt = new Date().toISOString()): Promise<EvidenceEntry[]> {
    const head = (await client.query<{ seq: string; hash: string }>('SELECT seq, hash FROM evidence ORDER BY seq DESC LIMIT 1')).rows[0];
    let seq = head ? Number(head.seq) : 0;
    let prevHash = head?.hash ?? GENESIS_HASH;
    const out: EvidenceEntry[] = [];
    for (const record of records) {
      let fields = record.fields;
      if (!fields && record.kind === 'post') {
        const key = splitPostRef(record.ref);
        const row = key && (await client.query<PostRow>('SELECT * FROM posts WHERE platform = $1 AND id = $2', key)).rows[0];
        if (row) fields = postFields(postFromRow(row));
      }
      const found = (
        record.kind === 'finding'
          ? await client.query<EvidenceRow>('SELECT * FROM evidence WHERE ref = $1 ORDER BY seq DESC LIMIT 1', [record.ref])
          : await client.query<EvidenceRow>('SELECT * FROM evidence WHERE ref = $1 AND sha256 = $2 ORDER BY fields IS NULL, seq LIMIT 1', [record.ref, record.sha256])
      ).rows[0];
      if (found && found.sha256 === record.sha256 && (found.fields !== null || !fields)) {
        out.push(entryFromRow(found));
        continue;
      }
      seq++;
      const entry = nextEntry(record, seq, capturedAt, prevHash, fields);
      await client.query(
        'INSERT INTO evidence (seq, ref, kind, source, captured_at, sha256, fields, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
        [seq, entry.ref, entry.kind, JSON.stringify(entry.source), capturedAt, entry.sha256, fields ? JSON.stringify(fields) : null, prevHash, entry.hash],
      );
      prevHash = entry.hash;
      out.push(entry);
    }
    return out;
  }

  async putCheckpoint(checkpoint: LedgerCheckpoint): Promise<void> {
    await this.pool.query('INSERT INTO checkpoints (tree_size, root_hash, body) VALUES ($1, $2, $3)', [checkpoint.treeSize, checkpoint.rootHash, JSON.stringify(checkpoint)]);
  }

  async listCheckpoints(): Promise<LedgerCheckpoint[]> {
    const { rows } = await this.pool.query<{ body: string }>('SELECT body FROM checkpoints ORDER BY seq');
    return rows.map((r) => JSON.parse(r.body) as LedgerCheckpoint);
  }

  async *iterateEvidence(options: { batchSize?: number } = {}): AsyncIterable<EvidenceEntry[]> {
    const size = options.batchSize ?? 5000;
    let after = 0;
    for (;;) {
      const { rows } = await this.pool.query<EvidenceRow>('SELECT * FROM evidence WHERE seq > $1 ORDER BY seq LIMIT $2', [after, size]);
      if (!rows.length) return;
      yield rows.map(entryFromRow);
      after = Number(rows[rows.length - 1]!.seq);
    }
  }

  async getState(key: string): Promise<string | undefined> {
    return (await this.pool.query<{ value: string }>('SELECT value FROM state WHERE key = $1', [key])).rows[0]?.value;
  }

  async setState(key: string, value: string): Promise<void> {
    await this.pool.query('INSERT INTO state VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  /** Direct SQL for tests that tamper with the ledger. Not for detectors. */
  query(sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
    return this.pool.query(sql, params);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
