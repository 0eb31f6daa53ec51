/** FEC bulk files: layouts, readers (plain files and zips), row parsers and the fast byte scanner. */

// Layouts and file kinds.
export { CM_COLUMNS, CN_COLUMNS, CCL_COLUMNS, IE_COLUMNS, LAYOUTS, PAS2_COLUMNS, TRANSACTION_COLUMNS, kindFromName } from './columns.js';
export type { FecKind, TransactionLayout } from './columns.js';
// Inputs: plain files, FEC zips, directories.
export { expandFecInputs } from './sources.js';
export type { ExpandResult, FecSource } from './sources.js';
export { listZipEntries, openZipEntry } from './zip.js';
export type { ZipEntry } from './zip.js';
// Rows: lines, decoding, parsing, quarantine.
export { readLines } from './lines.js';
export type { RawLine } from './lines.js';
export { decodeCp1252 } from './decode.js';
export { parseCandidateLine, parseCommitteeLine, parseFecAmount, parseFecDate, parseLinkageLine, parseTransactionLine, rowQuarantine } from './records.js';
export type { CandidateRecord, CommitteeRecord, FecTransaction, LinkageRecord, RowIssue } from './records.js';
export { emptyMasters, loadMasterSource } from './masters.js';
export type { FecMasters } from './masters.js';
export { readIeCsv } from './ie-csv.js';
export type { IeRecord } from './ie-csv.js';
// The fast path.
export { REJECT_CODES, TransactionScanner, US_STATE_CODES } from './scan.js';
export type { ScanConfig, ScanResult } from './scan.js';
export { scanFile, scanStream, splitOnLines } from './parallel.js';
