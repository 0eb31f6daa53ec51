import type { KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { defaultKeyPath, loadKey, originOf, parseCheckpoint, parsePublicKey, recallCheckpoints, storeName } from '../../cases/checkpoint.js';
import { checkProofs, verifyStoreLedger, type CheckpointSource, type LedgerProblem, type ProofsDocument } from '../../cases/ledger-verify.js';
import { LEDGER_PROOFS_FORMAT } from '../../export/ledger.js';
import type { CaseBundle } from '../../cases/bundle.js';
import { UsageError } from '../../errors.js';
import { openStore } from '../../store/index.js';
import { safeTerminal } from '../../util/escape.js';
import type { Command } from '../command.js';
import { DEFAULT_DB } from './shared.js';

/** Problems printed at most; the count of the rest follows. */
const MAX_SHOWN = 50;

function problemLine(p: LedgerProblem): string {
  const where = p.seq !== undefined ? ` at entry ${p.seq}${p.ref ? ` (${p.ref})` : ''}` : p.ref ? ` (${p.ref})` : '';
  return `ledger BROKEN${where}: ${p.message}`;
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`verify: cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Check the evidence ledger against the stored records and signed checkpoints',
  usage: 'verify [--db PATH] [--checkpoint FILE]... [--key PATH | --public-key FILE] [--json]\n       vigil verify --proofs FILE [--bundle FILE] [--checkpoint FILE]... [--public-key FILE]',
  description: `
Recomputes the ledger from the store and names what changed:
  - the hash chain, entry by entry;
  - each post the ledger points at: its raw record and every field shown or exported (text,
    author, times, links, ...), by name;
  - each finding against its latest ledger entry, and each incident's status and notes against
    the analyst actions logged for it;
  - the Merkle root (RFC 6962) against each signed checkpoint: the checkpoint files given with
    --checkpoint (written with every report and export), those kept in the store and the newest
    one remembered beside the key. Fewer entries than a checkpoint signed is a truncation; another
    root is a rewrite or a fork, even when the whole chain was recomputed.
Signatures are checked with the public half of the ledger key (--key, default ${'$'}VIGIL_KEY or
~/.config/vigil/ledger-key.pem) or --public-key FILE; with neither, with the key a checkpoint
carries (its key id is printed: compare it with the one published).
With --proofs (a vigil-ledger-proofs-*.json written beside a report or export), checks it without
the store, as a recipient would: the checkpoint's signature, each inclusion proof, the consistency
proof from the previous checkpoint (and from each --checkpoint given), and with --bundle (the JSON
export) that each exported post and finding is the one the checkpoint covers.
Exit code 0 when everything holds, 1 with each problem named otherwise. See docs/security.md.`,
  options: {
    db: { type: 'string', help: `Store (default ${DEFAULT_DB})`, placeholder: 'PATH' },
    checkpoint: { type: 'string', multiple: true, help: 'A checkpoint file to check against (repeatable)', placeholder: 'FILE' },
    key: { type: 'string', help: 'Ledger key (private; its public half is used)', placeholder: 'PATH' },
    'public-key': { type: 'string', help: 'Trusted public key (PEM or base64 SPKI)', placeholder: 'FILE' },
    proofs: { type: 'string', help: 'Check a ledger proofs file instead of a store', placeholder: 'FILE' },
    bundle: { type: 'string', help: 'With --proofs: the JSON export to check against them', placeholder: 'FILE' },
    json: { type: 'boolean', help: 'Print the result as JSON' },
  },
  async run(args, io) {
    const db = (args.values.db as string | undefined) ?? DEFAULT_DB;
    const keyPath = (args.values.key as string | undefined) ?? defaultKeyPath();
    if (args.values.key && !existsSync(keyPath)) throw new UsageError(`verify: no ledger key at ${keyPath}`);
    let trustedKey: KeyObject | undefined;
    if (args.values['public-key']) trustedKey = parsePublicKey(await readFile(args.values['public-key'] as string, 'utf8'));
    else trustedKey = (await loadKey(keyPath))?.publicKey;

    const checkpoints: CheckpointSource[] = [];
    for (const file of (args.values.checkpoint as string[] | undefined) ?? []) checkpoints.push({ checkpoint: parseCheckpoint(await readText(file), file), from: file });

    if (args.values.proofs) {
      const file = args.values.proofs as string;
      const doc = JSON.parse(await readText(file)) as ProofsDocument;
      if (doc?.format !== LEDGER_PROOFS_FORMAT) throw new UsageError(`verify: ${file} is not a ${LEDGER_PROOFS_FORMAT} file`);
      parseCheckpoint(JSON.stringify(doc.checkpoint), file);
      const bundle = args.values.bundle ? (JSON.parse(await readText(args.values.bundle as string)) as Pick<CaseBundle, 'posts' | 'findings'>) : undefined;
      const problems = checkProofs(doc, { trustedKey, earlier: checkpoints.map((c) => c.checkpoint), bundle });
      for (const p of problems.slice(0, MAX_SHOWN)) io.stdout.write(`${safeTerminal(problemLine(p), 600)}\n`);
      if (problems.length) return 1;
      const cp = doc.checkpoint;
      io.stdout.write(
        `proofs ok: ${doc.items.length} inclusion proofs in ${cp.treeSize} entries, root ${cp.rootHash}, signed ${cp.timestamp} by key ${cp.keyId}${trustedKey ? '' : ' (checked with the key it carries: compare the key id with the published one)'}${doc.consistency ? `; extends the checkpoint of ${doc.consistency.fromSize} entries` : ''}${bundle ? '; the exported records match' : ''}\n`,
      );
      return 0;
    }

    const store = await openStore(db);
    try {
      const logId = await store.getState('ledger:log_id');
      checkpoints.push(...(await store.listCheckpoints()).map((checkpoint) => ({ checkpoint, from: 'store' })));
      const names = [logId && originOf(logId), storeName(db)].filter((n): n is string => !!n);
      checkpoints.push(...(await recallCheckpoints(keyPath, names)).map((checkpoint) => ({ checkpoint, from: 'key folder' })));
      const result = await verifyStoreLedger(store, { checkpoints, trustedKey });
      if (args.values.json) {
        const { tree: _tree, kept: _kept, anchoredBy, ...rest } = result;
        io.stdout.write(JSON.stringify({ ok: !result.problems.length, ...rest, anchoredBy: anchoredBy.map((s) => ({ from: s.from, ...s.checkpoint })) }) + '\n');
        return result.problems.length ? 1 : 0;
      }
      if (result.problems.length) {
        for (const p of result.problems.slice(0, MAX_SHOWN)) io.stdout.write(`${safeTerminal(problemLine(p), 600)}\n`);
        if (result.problems.length > MAX_SHOWN) io.stdout.write(`… ${result.problems.length - MAX_SHOWN} more problems (--json lists all)\n`);
        return 1;
      }
      const newest = [...result.anchoredBy].sort((a, b) => b.checkpoint.treeSize - a.checkpoint.treeSize)[0];
      const anchor = newest
        ? `consistent with ${result.anchoredBy.length} signed checkpoint(s), the largest ${newest.checkpoint.treeSize} entries at ${newest.checkpoint.timestamp} (${newest.from}, key ${newest.checkpoint.keyId}${trustedKey ? '' : ', checked with the key it carries'})`
        : 'NOT ANCHORED: no signed checkpoint to check against (reports and exports write one; pass --checkpoint FILE)';
      const legacy = result.legacyEntries ? `; ${result.legacyEntries} entries from before field coverage (raw record only)` : '';
      io.stdout.write(`ledger ok: ${result.entries} entries, root ${result.root}, head ${result.head}; ${safeTerminal(anchor, 400)}${legacy}\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
