/**
 * Core records shared by every stage (see ARCHITECTURE.md, "Core records").
 *
 * Ids from platforms are always strings: X and Telegram ids exceed 2^53 and FEC SUB_IDs have 19 digits.
 * Times are ISO 8601 strings in UTC (`2022-10-20T14:03:11.000Z`) at the edges and epoch milliseconds
 * only inside hot loops.
 */

/** Where a record came from, precise enough that an analyst can open the file and find it. */
export interface SourceRef {
  /** File path as given by the user, or a stream name such as `jetstream:wss://host`. */
  file: string;
  /** 1-based line number of the record's first line, when the source is line-oriented. */
  line?: number;
  /** Byte offset of the record's first byte in the file. */
  offset?: number;
  /** Stream cursor for live sources. */
  cursor?: string;
  /**
   * 0-based place of the record within its line or document when one holds several (an X page, a
   * one-line array), so that each rejected record of a line is its own quarantine entry.
   */
  index?: number;
}

/** A normalized post from any platform. */
export interface Post {
  /** Platform name in lower case: `x`, `bluesky`, `mastodon`, `telegram`, `news`, … */
  platform: string;
  /** Native id on that platform, as a string. */
  id: string;
  /** Native id of the author when the source gives one (X user id, DID, …), else the handle. */
  authorId: string;
  /** Handle without '@', as written by the source (case kept; matching folds case). */
  authorHandle: string;
  /** ISO 8601 UTC. */
  createdAt: string;
  text: string;
  lang?: string;
  urls: string[];
  hashtags: string[];
  /** Mentioned handles without '@'. */
  mentions: string[];
  replyTo?: string;
  repostOf?: string;
  quoteOf?: string;
  /** Author of the reposted post, when the source tells. */
  repostOfAuthor?: string;
  source: SourceRef;
  /** SHA-256 (hex) of the raw record bytes as read. */
  contentHash: string;
  /** The untouched raw record (JSON text or CSV line) kept for evidence. */
  raw: string;
  /**
   * What ingest changed or doubts about the record, for the analyst: NUL characters stored as U+2400
   * (util/nul.ts), a created time outside the plausible range (ingest/record.ts).
   */
  notes?: string[];
}

/** An account as described by a source (profile fields are optional; many sources give only a handle). */
export interface Account {
  platform: string;
  id: string;
  handle: string;
  displayName?: string;
  description?: string;
  location?: string;
  createdAt?: string;
}

/** A record that could not be stored, with where it was and why. */
export interface QuarantineEntry {
  source: SourceRef;
  /** Stable machine code such as `json_malformed`, `field_missing`, `timestamp_invalid`. */
  code: string;
  /** Human-readable reason naming the field where there is one. */
  reason: string;
  field?: string;
  /** Up to a few KiB of the raw input, for inspection. */
  excerpt?: string;
}

// ---------------------------------------------------------------- watchlist

export type ActorKind = 'person' | 'organization' | 'mission' | 'media';
export type ActorRole =
  | 'head_of_state'
  | 'head_of_government'
  | 'minister'
  | 'party_official'
  | 'diplomat'
  | 'consulate'
  | 'state_media'
  | 'other';

/** Handles per platform name (`x`, `bluesky`, `mastodon`, `telegram`, …), without '@'. */
export type Handles = Record<string, string[]>;

export interface Candidate {
  id: string;
  name: string;
  aliases: string[];
  party?: string;
  handles: Handles;
  fecCandidateId?: string;
  fecCommitteeIds: string[];
}

export interface Race {
  id: string;
  office: string;
  /** `US-CA-35`: country, subdivision, district. */
  jurisdiction: string;
  electionDate: string;
  candidates: Candidate[];
}

/** A foreign state actor in the registry. */
export interface Actor {
  id: string;
  kind: ActorKind;
  name: string;
  aliases: string[];
  /** ISO 3166-1 alpha-2, user-assigned codes (XK) included. */
  country: string;
  role: ActorRole;
  /** Id of the actor this one answers to (consulate → ministry → government). */
  affiliation?: string;
  handles: Handles;
  validFrom?: string;
  validTo?: string;
  sources: string[];
}

export interface Webhook {
  url: string;
  secret?: string;
  minScore?: number;
}

export interface Watchlist {
  races: Race[];
  actors: Actor[];
  webhooks: Webhook[];
}

// ---------------------------------------------------------------- analysis

export type Directive = 'vote_for' | 'vote_against' | 'abstain';

/** Per-post classification: the stable `vigil classify` output plus explanation. */
export interface Classification {
  id: string;
  directive: Directive | null;
  target_candidate_ids: string[];
  harassment: boolean;
  threat: boolean;
  actor_id: string | null;
  /** Race ids referenced in the text or through targeted candidates. */
  race_ids: string[];
  /** Human-readable reasons: the words that matched. */
  explanation: string[];
}

export type FindingKind =
  | 'directive'
  | 'harassment'
  | 'threat'
  | 'coordination'
  | 'amplification'
  /** Hostile replies/mentions aimed at one candidate from a coordinated or foreign-linked network. */
  | 'harassment_campaign'
  | 'foreign_money'
  /** An allegation reported by a news article, confirmed by an analyst from a lead (src/leads/). */
  | 'allegation';

/** What a detector saw. */
export interface Finding {
  /** Stable id derived from kind and subject (so re-running analyze does not duplicate findings). */
  id: string;
  kind: FindingKind;
  /** Accounts as `platform:handle` and registry actor ids. */
  subjects: { accounts: string[]; actorIds: string[] };
  targets: { candidateIds: string[]; raceIds: string[] };
  /** 0..1 */
  score: number;
  /** When the behaviour happened (ISO), for timelines. */
  observedAt: string;
  explanation: string;
  /** Extra detector-specific detail (directive type, affiliation chain, co-action counts, …). */
  detail: Record<string, unknown>;
  evidence: EvidenceRef[];
}

/** Points at a stored record: a post (`platform:id`) or a money row (`fec:SUB_ID`). */
export interface EvidenceRef {
  kind: 'post' | 'contribution' | 'edge';
  ref: string;
  source: SourceRef;
  sha256: string;
}

export interface LegalIndicator {
  jurisdiction: string;
  provision: string;
  title: string;
  /** Why this pattern may touch the provision. */
  rationale: string;
  caveats: string[];
}

export interface DisarmTechnique {
  id: string;
  name: string;
  rationale: string;
}

export type IncidentStatus = 'open' | 'reviewing' | 'confirmed' | 'dismissed';

/** Findings grouped by actor (or network) and race. */
export interface Incident {
  id: string;
  raceId: string;
  /** Registry actor id, or a network/group id such as `group:…`, or `unattributed`. */
  subject: string;
  title: string;
  findingIds: string[];
  firstSeen: string;
  lastSeen: string;
  score: number;
  techniques: DisarmTechnique[];
  legal: LegalIndicator[];
  status: IncidentStatus;
  notes: string[];
  /** Who holds the incident (an analyst's name), set through the case workflow. */
  assignee?: string;
  /** The incident an analyst merged this one into (its findings are shown and counted there). */
  mergedInto?: string;
  /** Incidents an analyst merged into this one. */
  mergedFrom?: string[];
  /** Set on an incident an analyst split off another: the original and the finding ids moved (sorted). */
  splitFrom?: { incident: string; findings: string[] };
  /** Incidents split off this one (their findings are shown and counted there). */
  splitInto?: string[];
  /** A split that was undone: the incident its findings went back to (it holds none now). */
  splitUndone?: string;
}

/** An analyst's decision on one finding, kept by finding id across re-runs of analyze. */
export type FindingDecision = 'confirmed' | 'dismissed' | 'open';

/** What one analyst action changes on an incident; each field present is one change. */
export interface CaseChange {
  status?: IncidentStatus;
  note?: string;
  /** The analyst who holds the incident now; null hands it back. */
  assignee?: string | null;
  finding?: { id: string; decision: FindingDecision };
  /** Merge this incident into another of its race; null undoes the merge. */
  mergeInto?: string | null;
  /**
   * Move these findings to a new incident of the same race (or to `into`, a split already made off
   * this one). The store fills in `into` in the trail, so the original's history links the new one.
   */
  split?: { findings: string[]; into?: string };
  /** On a split incident: what it was split from (set by the store); a client sends null to undo it. */
  splitFrom?: { incident: string; findings: string[] } | null;
  /** On the original, in the trail only: the split incident that was undone. */
  unsplit?: string;
}

/** One entry of an incident's audit trail (cases/workflow.ts); each is also a ledger entry. */
export interface CaseAction extends CaseChange {
  /** Order of the action in the store (all incidents). */
  seq: number;
  incidentId: string;
  at: string;
  /** Who acted: the name of the token used, else its role. */
  by: string;
  /** The status before this action, when the action sets one. */
  previousStatus?: IncidentStatus;
}

/**
 * What the ledger logs: evidence records (posts, campaign-finance rows, edges), the findings made from
 * them (`finding:<id>`), and analyst actions on incidents (`incident:<id>`: status changes and notes).
 */
export type LedgerKind = EvidenceRef['kind'] | 'finding' | 'action';

/** Something to append to the ledger; an EvidenceRef is one. */
export interface LedgerRecord {
  kind: LedgerKind;
  ref: string;
  source: SourceRef;
  /** SHA-256 of the raw record (evidence), of the canonical finding, or of the action. */
  sha256: string;
  /** SHA-256 of each field Vigil shows or exports for the record, by field name (see cases/ledger.ts). */
  fields?: Record<string, string>;
}

/**
 * One append-only ledger entry. `hash` = SHA-256 over `prevHash` and the canonical entry body; the
 * entries are also the leaves of a Merkle tree whose signed checkpoints anchor them (cases/ledger.ts).
 */
export interface EvidenceEntry {
  seq: number;
  ref: string;
  kind: LedgerKind;
  source: SourceRef;
  capturedAt: string;
  sha256: string;
  /** Field hashes (see LedgerRecord); absent on entries written before the ledger covered fields. */
  fields?: Record<string, string>;
  prevHash: string;
  hash: string;
}

/** A signed statement of the ledger's size and Merkle root at a time (cases/checkpoint.ts). */
export interface LedgerCheckpoint {
  /** `vigil-checkpoint/1` */
  format: string;
  /** Names the ledger: `vigil-ledger/<log id>`. */
  origin: string;
  treeSize: number;
  /** Merkle root (RFC 6962) over the first `treeSize` entries, hex. */
  rootHash: string;
  /** ISO 8601 UTC. */
  timestamp: string;
  /** First 16 hex digits of SHA-256 over the public key (DER, SPKI). */
  keyId: string;
  /** Ed25519 public key, SPKI DER in base64. */
  publicKey: string;
  /** Ed25519 signature over the checkpoint note (cases/checkpoint.ts `checkpointNote`), base64. */
  signature: string;
}
