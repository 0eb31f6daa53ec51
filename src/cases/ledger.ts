import type { EvidenceEntry } from '../model/types.js';
import { sha256 } from '../util/hash.js';

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Canonical body of an entry: the fields in a fixed order, so the same entry always hashes the same.
 * The entry's hash covers the previous entry's hash, so changing or removing any entry breaks every
 * hash after it.
 */
export function entryHash(entry: Omit<EvidenceEntry, 'hash'>): string {
  const body = JSON.stringify([
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
  ]);
  return sha256(body);
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
