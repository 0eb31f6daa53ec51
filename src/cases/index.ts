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
// Evidence ledger (the lead's module)
export { entryHash, GENESIS_HASH, verifyLedger } from './ledger.js';
export type { LedgerCheck } from './ledger.js';
