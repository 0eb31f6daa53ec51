import type { EvidenceEntry, Finding, IncidentStatus, LedgerRecord, Post } from '../model/types.js';
import { sha256 } from '../util/hash.js';
import { leafHash } from './merkle.js';

/**
 * The evidence ledger: append-only entries, each chained to the one before (`prevHash` → `hash`) and
 * each a leaf of an RFC 6962 Merkle tree (merkle.ts) whose signed checkpoints (checkpoint.ts) anchor
 * the whole log outside the store. An entry covers the raw record's SHA-256 and the SHA-256 of every
 * field Vigil shows or exports for it (`fields`), so that an edit to a stored post's text or author
 * is found and named by `vigil verify` (ledger-verify.ts). docs/security.md states what it proves.
 */

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted at every depth (undefined members dropped, as JSON.stringify does),
 * so a record hashes the same whatever order a store gives its keys back in (PostgreSQL jsonb sorts).
 */
export function canonicalJson(value: unknown): string {
  // Written out rather than a JSON.stringify replacer (which leaves V8's fast path): it runs for
  // every field of every entry. Same output as JSON.stringify but for the key order.
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonicalJson((value as { toJSON(): unknown }).toJSON());
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined || typeof v === 'function' || typeof v === 'symbol' ? 'null' : canonicalJson(v))).join(',')}]`;
  let out = '';
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    out += `${out ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(v)}`;
  }
  return `{${out}}`;
}

/** SHA-256 of one field's value, canonical JSON (absent = null). */
export function fieldHash(value: unknown): string {
  return sha256(canonicalJson(value ?? null));
}

/** Field hashes of a record: every own field except those listed, sorted by name. */
function fieldsOf(record: object, except: string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const key of Object.keys(record).sort()) {
    const value = (record as Record<string, unknown>)[key];
    if (except.includes(key) || value === undefined) continue;
    fields[key] = fieldHash(value);
  }
  return fields;
}

/**
 * Field hashes of a post: every field but `raw` (which the entry's `sha256` covers). All fields, not a
 * list, so that a field added to Post later (and shown somewhere) is covered without anyone remembering.
 */
export function postFields(post: Post): Record<string, string> {
  return fieldsOf(post, ['raw']);
}

/** Ledger ref of a finding. */
export const findingRef = (id: string): string => `finding:${id}`;
/** Ledger ref of an incident's analyst actions. */
export const incidentRef = (id: string): string => `incident:${id}`;

/** The ledger record of a finding as stored: its canonical hash and one hash per top-level field. */
export function findingRecord(finding: Finding): LedgerRecord {
  return { kind: 'finding', ref: findingRef(finding.id), source: { file: 'vigil:findings' }, sha256: sha256(canonicalJson(finding)), fields: fieldsOf(finding, []) };
}

/**
 * The ledger record of an analyst action: a status set on an incident, with or without a note.
 * `notesBefore` (the incident's note count before) keeps two identical actions apart.
 */
export function actionRecord(incidentId: string, status: IncidentStatus, note: string | undefined, notesBefore: number, at: string): LedgerRecord {
  const fields: Record<string, string> = { status: fieldHash(status) };
  if (note) fields.note = fieldHash(note);
  return {
    kind: 'action',
    ref: incidentRef(incidentId),
    source: { file: 'vigil:analyst' },
    sha256: sha256(canonicalJson({ incident: incidentId, status, note: note ?? null, notesBefore, at })),
    fields,
  };
}

/** The entry that appends `record` after `prevHash` at `seq` (the one way both stores build it). */
export function nextEntry(record: LedgerRecord, seq: number, capturedAt: string, prevHash: string, fields: Record<string, string> | undefined): EvidenceEntry {
  const body: Omit<EvidenceEntry, 'hash'> = { seq, ref: record.ref, kind: record.kind, source: record.source, capturedAt, sha256: record.sha256, prevHash };
  if (fields) body.fields = fields;
  return { ...body, hash: entryHash(body) };
}

/**
 * Canonical body of an entry: the fields in a fixed order, so the same entry always hashes the same.
 * The entry's hash covers the previous entry's hash, so changing or removing any entry breaks every
 * hash after it. Field hashes are covered when present (entries from before them hash as they did).
 */
export function entryHash(entry: Omit<EvidenceEntry, 'hash'>): string {
  const body: unknown[] = [
    entry.seq,
    entry.ref,
    entry.kind,
    entry.source.file,
    entry.source.line ?? null,
    entry.source.offset ?? null,
    entry.source.cursor ?? null,
    entry.capturedAt,
    entry.sha256,
    entry.prevHash,
  ];
  if (entry.fields) body.push(canonicalJson(entry.fields));
  return sha256(JSON.stringify(body));
}

/**
 * The Merkle leaf of an entry: everything it says except the chain links (the tree replaces them),
 * with the whole source reference. A third party recomputes it from an exported post with
 * {@link postFields} and checks it against a checkpoint with the inclusion proof.
 */
export function leafData(entry: Omit<EvidenceEntry, 'hash' | 'prevHash'>): string {
  return canonicalJson(['vigil-leaf/1', entry.seq, entry.kind, entry.ref, entry.source, entry.capturedAt, entry.sha256, entry.fields ?? null]);
}

/** SHA-256(0x00 || leafData(entry)). */
export function entryLeafHash(entry: Omit<EvidenceEntry, 'hash' | 'prevHash'>): Buffer {
  return leafHash(leafData(entry));
}

/** Split a post ref `platform:id` (ids may hold colons; platforms do not). */
export function splitPostRef(ref: string): [platform: string, id: string] | undefined {
  const colon = ref.indexOf(':');
  return colon < 0 ? undefined : [ref.slice(0, colon), ref.slice(colon + 1)];
}

export type LedgerCheck =
  | { ok: true; entries: number; head: string }
  | { ok: false; entries: number; brokenSeq: number; reason: string };

/** Walk the ledger in order and name the first entry whose chain or hash does not hold. */
export async function verifyLedger(batches: AsyncIterable<EvidenceEntry[]>): Promise<LedgerCheck> {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for await (const batch of batches) {
    for (const entry of batch) {
      count++;
      if (entry.seq !== expectedSeq) {
        return { ok: false, entries: count, brokenSeq: expectedSeq, reason: `entry ${expectedSeq} is missing (next stored is ${entry.seq})` };
      }
      if (entry.prevHash !== prev) {
        return { ok: false, entries: count, brokenSeq: entry.seq, reason: `entry ${entry.seq} does not point at the hash of entry ${entry.seq - 1}` };
      }
      if (entryHash(entry) !== entry.hash) {
        return { ok: false, entries: count, brokenSeq: entry.seq, reason: `entry ${entry.seq} (${entry.ref}) was changed after it was written: its hash does not match its content` };
      }
      prev = entry.hash;
      expectedSeq++;
    }
  }
  return { ok: true, entries: count, head: prev };
}
