/**
 * The case bundle: everything an exporter needs for one race (or all races), built once in memory
 * (see case-bundle-builder.ts) so that the HTML, CSV, JSON and STIX writers only serialise it.
 */
import type { Actor, EvidenceEntry, EvidenceRef, Finding, Incident, LedgerCheckpoint, Post, Race, SourceRef } from '../model/types.js';
import type { ConsistencyItem, InclusionItem } from './ledger-verify.js';
import type { Lead } from '../leads/types.js';

export interface CaseBundle {
  /** ISO 8601 UTC time the bundle was built. */
  generatedAt: string;
  /** The race this bundle covers; null = all races. */
  race: Race | null;
  /** Races the incidents belong to (all watchlist races when `race` is null). */
  races: Race[];
  incidents: Incident[];
  /** Findings of those incidents. */
  findings: Finding[];
  /** Evidence posts the findings point at. */
  posts: Post[];
  /** Ledger entries for the findings' evidence, in sequence order. */
  evidence: EvidenceEntry[];
  /** Registry actors named by the incidents, with their affiliation chains. */
  actors: Actor[];
  /**
   * State of the whole evidence ledger when the bundle was built: entry count, hash of the last
   * entry, whether the chain verified, and if not, the first broken entry and why. `changedRefs`
   * lists bundle posts whose stored raw record no longer hashes to the ledger's SHA-256.
   */
  ledger: {
    entries: number;
    head: string;
    ok: boolean;
    brokenSeq?: number;
    problem?: string;
    changedRefs?: string[];
    /** Merkle root (RFC 6962) over all entries, hex; set when the ledger was sealed for an export. */
    root?: string;
    /** The checkpoint signed for this export (absent when the ledger did not verify). */
    checkpoint?: LedgerCheckpoint;
    /** Consistency proof from the previous checkpoint to this one. */
    consistency?: ConsistencyItem;
  };
  /** Inclusion proofs of the bundle's ledger entries in `ledger.checkpoint`'s tree. */
  inclusionProofs?: InclusionItem[];
  /** Leads from news reports for these races (src/leads/), when the caller loaded them. */
  leads?: Lead[];
}

/** Key of a post in evidence refs and ledger entries: `platform:id`. */
export function postKey(post: Pick<Post, 'platform' | 'id'>): string {
  return `${post.platform}:${post.id}`;
}

/** Lookup tables over a bundle, built once per export. */
export interface BundleIndex {
  findingsById: Map<string, Finding>;
  postsByKey: Map<string, Post>;
  actorsById: Map<string, Actor>;
  /** Ledger entry by evidence ref; the first entry wins when a ref was captured twice. */
  evidenceByRef: Map<string, EvidenceEntry>;
  racesById: Map<string, Race>;
}

/** Build the lookup tables of a bundle. */
export function indexBundle(bundle: CaseBundle): BundleIndex {
  const evidenceByRef = new Map<string, EvidenceEntry>();
  for (const e of bundle.evidence) if (!evidenceByRef.has(e.ref)) evidenceByRef.set(e.ref, e);
  return {
    findingsById: new Map(bundle.findings.map((f) => [f.id, f])),
    postsByKey: new Map(bundle.posts.map((p) => [postKey(p), p])),
    actorsById: new Map(bundle.actors.map((a) => [a.id, a])),
    evidenceByRef,
    racesById: new Map(bundle.races.map((r) => [r.id, r])),
  };
}

/** One evidence item of a bundle: a ref its findings cite, with its ledger entry and post when known. */
export interface EvidenceItem {
  ref: string;
  kind: EvidenceRef['kind'];
  /** The ledger's source reference, else the finding's. */
  source: SourceRef;
  /** The ledger's SHA-256, else the finding's. */
  sha256: string;
  entry?: EvidenceEntry;
  post?: Post;
}

/** Every evidence ref the bundle's findings cite, once, in ledger order (refs not in the ledger last, by ref). */
export function evidenceItems(bundle: CaseBundle, ix: BundleIndex = indexBundle(bundle)): EvidenceItem[] {
  const items = new Map<string, EvidenceItem>();
  for (const f of bundle.findings) {
    for (const e of f.evidence) {
      if (items.has(e.ref)) continue;
      const entry = ix.evidenceByRef.get(e.ref);
      items.set(e.ref, { ref: e.ref, kind: e.kind, source: entry?.source ?? e.source, sha256: entry?.sha256 ?? e.sha256, entry, post: ix.postsByKey.get(e.ref) });
    }
  }
  const seq = (i: EvidenceItem) => i.entry?.seq ?? Infinity;
  return [...items.values()].sort((a, b) => seq(a) - seq(b) || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
}
