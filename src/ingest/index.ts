/**
 * Ingest: streaming parsers from source files to normalized posts, accounts and quarantine entries.
 */

// Contract: the batch, the format interface and the registry.
export type { IngestBatch, IngestFormat, ReadOptions } from './record.js';
export { FORMATS, formatById, detectFormat, readPosts } from './registry.js';

// Formats, for callers that want one directly.
export { X_V2 } from './x-v2.js';
export { X_V1, parseV1Time } from './x-v1.js';
export { IO_ARCHIVE } from './io-archive.js';
export { GENERIC_JSONL, GENERIC_CSV } from './generic.js';
export { BLUESKY } from './bluesky.js';
export { MASTODON, htmlToText } from './mastodon.js';
export { TELEGRAM } from './telegram.js';

// Building blocks shared with the coordination engine (10M-row IO archives).
export { CsvTokenizer, readCsv, parseCsv, suspectDelimiter } from './csv.js';
export type { CsvOptions, CsvRecord, CsvBatch, CsvError } from './csv.js';
export { readLines } from './lines.js';
export type { Line, LineProblem, LineItem, LineOptions } from './lines.js';
export { parseTimestamp } from './time.js';
export { parseListCell } from './fields.js';
