import type { CaseBundle } from '../cases/bundle.js';
import { defaultKeyPath, loadOrCreateKey, storeName } from '../cases/checkpoint.js';
import { applySeal, bundleLedgerRefs, sealLedger } from '../cases/ledger-verify.js';
import type { Store } from '../store/store.js';
import { safeTerminal } from '../util/escape.js';
import type { CommandIo, OptionSpec } from './command.js';

/** The `--key` option of the commands that sign checkpoints. */
export const KEY_OPTION: OptionSpec = {
  type: 'string',
  help: 'Ledger signing key, created when missing (default $VIGIL_KEY, else ~/.config/vigil/ledger-key.pem)',
  placeholder: 'PATH',
};

/**
 * Verify the ledger once and, when it holds, sign a checkpoint for this report or export; fold the
 * result into each bundle (exporters then show it and write the checkpoint and proofs files). Says
 * on stderr when the key was created, and where.
 */
export async function sealBundles(store: Store, bundles: CaseBundle[], db: string, keyOption: string | undefined, io: CommandIo): Promise<void> {
  const { key, created } = await loadOrCreateKey(keyOption ?? defaultKeyPath());
  if (created) io.stderr.write(`created the ledger signing key ${safeTerminal(key.path)} (key id ${key.keyId}); keep it outside the store and publish its .pub.pem\n`);
  const refs = new Set(bundles.flatMap((b) => [...bundleLedgerRefs(b)]));
  const sealed = await sealLedger(store, key, { storeName: storeName(db), keep: (e) => refs.has(e.ref) });
  for (const bundle of bundles) applySeal(bundle, sealed);
}

/** What a command prints about the ledger after writing a bundle. */
export function ledgerSummary(bundle: CaseBundle): string {
  const l = bundle.ledger;
  if (!l.ok) return `LEDGER BROKEN (no checkpoint signed): ${l.problem ?? 'run vigil verify'}`;
  return `ledger ok: ${l.entries} entries, root ${l.root?.slice(0, 16) ?? '?'}…, checkpoint signed by key ${l.checkpoint?.keyId ?? '?'}`;
}
