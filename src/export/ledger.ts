/**
 * Ledger files written beside every report and export: the signed checkpoint (small, to publish) and
 * the inclusion proofs of the bundle's entries with the consistency proof from the previous
 * checkpoint (see docs/security.md, "Evidence ledger").
 */
import type { CaseBundle } from '../cases/bundle.js';

export const LEDGER_PROOFS_FORMAT = 'vigil-ledger-proofs/1';

/** The checkpoint and proofs files for a sealed bundle; none when the ledger was not signed. */
export function ledgerFiles(bundle: CaseBundle, stem: string): { name: string; mediaType: string; content: string }[] {
  const checkpoint = bundle.ledger.checkpoint;
  if (!checkpoint) return [];
  const proofs = {
    format: LEDGER_PROOFS_FORMAT,
    checkpoint,
    ...(bundle.ledger.consistency ? { consistency: bundle.ledger.consistency } : {}),
    items: bundle.inclusionProofs ?? [],
  };
  return [
    { name: `vigil-checkpoint-${stem}.json`, mediaType: 'application/json', content: JSON.stringify(checkpoint, null, 2) + '\n' },
    { name: `vigil-ledger-proofs-${stem}.json`, mediaType: 'application/json', content: JSON.stringify(proofs, null, 2) + '\n' },
  ];
}
