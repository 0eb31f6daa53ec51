/**
 * Cases: incidents, DISARM techniques, legal indicators, the case bundle and the evidence ledger.
 */

// Incidents from findings (pure planner)
export { buildIncidents, combineScores, memberActors, NO_RACE, UNATTRIBUTED } from './incidents.js';
// Registry affiliation helpers
export { affiliationChain, rootActorId } from './actors.js';
// DISARM techniques Vigil can suggest
export { DISARM_TECHNIQUES, disarmUrl, techniquesForFindings } from './disarm.js';
export type { DisarmTechniqueInfo } from './disarm.js';
// Legal indicators by jurisdiction
export { LEGAL_PACKS, legalIndicatorsFor } from './legal.js';
export type { IncidentFacts, Provision } from './legal.js';
// The case bundle exporters read, and its loader
export { indexBundle, postKey } from './bundle.js';
export type { BundleIndex, CaseBundle } from './bundle.js';
export { loadCaseBundle } from './case-bundle-builder.js';
// Evidence ledger: entries, their field hashes and Merkle leaves
export { canonicalJson, entryHash, entryLeafHash, fieldHash, findingRecord, GENESIS_HASH, leafData, postFields, verifyLedger } from './ledger.js';
export type { LedgerCheck } from './ledger.js';
// RFC 6962 Merkle tree, inclusion and consistency proofs
export { MerkleTree, leafHash, nodeHash, verifyConsistency, verifyInclusion } from './merkle.js';
// Signed checkpoints and the key kept outside the store
export { checkpointSignatureOk, defaultKeyPath, loadKey, loadOrCreateKey, parseCheckpoint, signCheckpoint } from './checkpoint.js';
export type { LedgerKey } from './checkpoint.js';
// Verifying the ledger against the store and checkpoints, sealing it for an export, checking proofs files
export { applySeal, checkProofs, inclusionItemOk, sealLedger, verifyStoreLedger } from './ledger-verify.js';
export type { CheckpointSource, ConsistencyItem, InclusionItem, LedgerProblem, LedgerVerification, ProofsDocument, SealedLedger } from './ledger-verify.js';
