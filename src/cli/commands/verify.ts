import { verifyLedger } from '../../cases/ledger.js';
import { openStore } from '../../store/index.js';
import type { Store } from '../../store/store.js';
import { sha256 } from '../../util/hash.js';
import { safeTerminal } from '../../util/escape.js';
import type { Command } from '../command.js';
import { DEFAULT_DB } from './shared.js';

/**
 * Check that each post the ledger points at still has the bytes it had when captured:
 * the stored raw record must hash to the ledger's SHA-256.
 */
async function firstChangedPost(store: Store): Promise<{ seq: number; ref: string; reason: string } | null> {
  for await (const batch of store.iterateEvidence()) {
    for (const entry of batch) {
      if (entry.kind !== 'post') continue;
      const colon = entry.ref.indexOf(':');
      const post = await store.getPost(entry.ref.slice(0, colon), entry.ref.slice(colon + 1));
      if (!post) return { seq: entry.seq, ref: entry.ref, reason: 'the post it points at is no longer in the store' };
      if (sha256(post.raw) !== entry.sha256) return { seq: entry.seq, ref: entry.ref, reason: 'the stored raw record no longer hashes to the SHA-256 in the ledger' };
    }
  }
  return null;
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Check the evidence ledger hash chain and the records it points at',
  usage: 'verify [--db PATH]',
  description: `
Walks the append-only evidence ledger in order. Each entry's hash covers the previous entry's hash,
its source reference, capture time and the SHA-256 of the raw record, so a changed or removed
entry breaks the chain. Also re-hashes each stored post the ledger points at.
Exit code 0 when everything holds, 1 with the first broken entry named otherwise.`,
  options: {
    db: { type: 'string', help: `SQLite store (default ${DEFAULT_DB})`, placeholder: 'PATH' },
  },
  async run(args, io) {
    const store = await openStore((args.values.db as string | undefined) ?? DEFAULT_DB);
    try {
      const check = await verifyLedger(store.iterateEvidence());
      if (!check.ok) {
        io.stdout.write(`ledger BROKEN at entry ${check.brokenSeq}: ${safeTerminal(check.reason)}\n`);
        return 1;
      }
      const changed = await firstChangedPost(store);
      if (changed) {
        io.stdout.write(`ledger BROKEN at entry ${changed.seq} (${safeTerminal(changed.ref)}): ${safeTerminal(changed.reason)}\n`);
        return 1;
      }
      io.stdout.write(`ledger ok: ${check.entries} entries, head ${check.head}\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
