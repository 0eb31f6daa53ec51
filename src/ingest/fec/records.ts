/**
 * Row parsers for the FEC pipe files: split on `|` (fields are never quoted), decode Windows-1252,
 * validate, and return either a record or an issue. Issues are plain data; the caller quarantines
 * them with file and line. These parsers are the clear, slow path: the fast screener (scan.ts)
 * applies the same rules to bytes and is tested against them.
 */
import type { QuarantineEntry, SourceRef } from '../../model/types.js';
import { sha256 } from '../../util/hash.js';
import { CCL_COLUMNS, CM_COLUMNS, CN_COLUMNS, FIELD_COUNTS, type FecKind, type TransactionLayout } from './columns.js';
import { decodeCp1252 } from './decode.js';
import type { RawLine } from './lines.js';

/** A transaction row from itcont, itoth or itpas2. */
export interface FecTransaction {
  kind: TransactionLayout['kind'];
  cmteId: string;
  amndtInd: string;
  rptTp: string;
  /** IMAGE_NUM: 11 digits (old) or 18 digits starting with the filing date YYYYMMDD. */
  imageNum: string;
  tranTp: string;
  entityTp: string;
  name: string;
  city: string;
  state: string;
  zip: string;
  employer: string;
  occupation: string;
  /** ISO date `YYYY-MM-DD`, or null when TRANSACTION_DT is blank. */
  date: string | null;
  amount: number;
  otherId: string;
  /** itpas2 only. */
  candId: string;
  tranId: string;
  fileNum: string;
  memoCd: string;
  memoText: string;
  /** FEC record number: up to 19 digits, kept as a string. */
  subId: string;
  source: SourceRef;
  /** SHA-256 of the raw line bytes (without the line ending). */
  sha256: string;
  /** The line decoded as Windows-1252. */
  raw: string;
}

export interface CommitteeRecord {
  cmteId: string;
  name: string;
  city: string;
  state: string;
  designation: string;
  type: string;
  party: string;
  orgType: string;
  connectedOrg: string;
  candId: string;
}

export interface CandidateRecord {
  candId: string;
  name: string;
  party: string;
  electionYear: string;
  officeState: string;
  office: string;
  district: string;
  ici: string;
  status: string;
  pcc: string;
}

export interface LinkageRecord {
  candId: string;
  candElectionYear: string;
  fecElectionYear: string;
  cmteId: string;
  cmteType: string;
  designation: string;
  linkageId: string;
}

/** Why a row was rejected. Codes are stable. */
export interface RowIssue {
  code:
    | 'field_count'
    | 'date_invalid'
    | 'amount_invalid'
    | 'sub_id_invalid'
    | 'committee_id_invalid'
    | 'line_truncated'
    | 'line_too_long';
  reason: string;
  field?: string;
}

export type RowResult<T> = { ok: true; record: T } | { ok: false; issue: RowIssue };

const AMOUNT_RE = /^-?(?:\d{1,15}(?:\.\d{0,4})?|\.\d{1,4})$/;
const SUB_ID_RE = /^\d{1,19}$/;
const CMTE_ID_RE = /^C\d{8}$/;

/** `MMDDYYYY` → `YYYY-MM-DD`; '' → null; anything else → undefined (invalid). */
export function parseFecDate(text: string): string | null | undefined {
  if (text === '') return null;
  if (!/^\d{8}$/.test(text)) return undefined;
  const month = Number(text.slice(0, 2));
  const day = Number(text.slice(2, 4));
  const year = Number(text.slice(4));
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return undefined;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > days) return undefined;
  return `${text.slice(4)}-${text.slice(0, 2)}-${text.slice(2, 4)}`;
}

/** A TRANSACTION_AMT: optional minus, digits, optional decimals (up to 4); undefined when not numeric. */
export function parseFecAmount(text: string): number | undefined {
  return AMOUNT_RE.test(text) ? Number(text) : undefined;
}

function issue(code: RowIssue['code'], reason: string, field?: string): { ok: false; issue: RowIssue } {
  return { ok: false, issue: field ? { code, reason, field } : { code, reason } };
}

/** Split a decoded line on pipes. */
export function splitPipes(text: string): string[] {
  return text.split('|');
}

/**
 * Parse one transaction line (itcont, itoth or itpas2 layout).
 * @example parseTransactionLine(line, LAYOUTS.itcont, 'itcont.txt')
 */
export function parseTransactionLine(raw: RawLine, layout: TransactionLayout, file: string): RowResult<FecTransaction> {
  const result = parseTransactionFields(raw, layout, file);
  if (!result.ok && raw.unterminated) {
    return issue('line_truncated', `last line has no line ending and is incomplete: ${result.issue.reason}`, result.issue.field);
  }
  return result;
}

function parseTransactionFields(raw: RawLine, layout: TransactionLayout, file: string): RowResult<FecTransaction> {
  const text = decodeCp1252(raw.bytes);
  const f = splitPipes(text);
  if (f.length !== layout.fields) {
    return issue('field_count', `expected ${layout.fields} fields, found ${f.length}`);
  }
  const cmteId = f[layout.cmte]!;
  if (!CMTE_ID_RE.test(cmteId)) return issue('committee_id_invalid', `CMTE_ID ${JSON.stringify(cmteId.slice(0, 20))} is not C followed by 8 digits`, 'CMTE_ID');
  const date = parseFecDate(f[layout.date]!);
  if (date === undefined) return issue('date_invalid', `TRANSACTION_DT ${JSON.stringify(f[layout.date]!.slice(0, 20))} is not a valid MMDDYYYY date`, 'TRANSACTION_DT');
  const amount = parseFecAmount(f[layout.amount]!);
  if (amount === undefined) return issue('amount_invalid', `TRANSACTION_AMT ${JSON.stringify(f[layout.amount]!.slice(0, 20))} is not a number`, 'TRANSACTION_AMT');
  const subId = f[layout.subId]!;
  if (!SUB_ID_RE.test(subId)) return issue('sub_id_invalid', `SUB_ID ${JSON.stringify(subId.slice(0, 24))} is not 1-19 digits`, 'SUB_ID');
  return {
    ok: true,
    record: {
      kind: layout.kind,
      cmteId,
      amndtInd: f[layout.amndt]!,
      rptTp: f[layout.rptTp]!,
      imageNum: f[layout.imageNum]!,
      tranTp: f[layout.tranTp]!,
      entityTp: f[layout.entityTp]!,
      name: f[layout.name]!,
      city: f[layout.city]!,
      state: f[layout.state]!,
      zip: f[layout.zip]!,
      employer: f[layout.employer]!,
      occupation: f[layout.occupation]!,
      date,
      amount,
      otherId: f[layout.otherId]!,
      candId: layout.candId >= 0 ? f[layout.candId]! : '',
      tranId: f[layout.tranId]!,
      fileNum: f[layout.fileNum]!,
      memoCd: f[layout.memoCd]!,
      memoText: f[layout.memoText]!,
      subId,
      source: { file, line: raw.line, offset: raw.offset },
      sha256: sha256(raw.bytes),
      raw: text,
    },
  };
}

function masterFields(raw: RawLine, kind: 'cm' | 'cn' | 'ccl'): RowResult<string[]> {
  const f = splitPipes(decodeCp1252(raw.bytes));
  if (f.length !== FIELD_COUNTS[kind]) {
    const why = `expected ${FIELD_COUNTS[kind]} fields, found ${f.length}`;
    return raw.unterminated ? issue('line_truncated', `last line has no line ending and is incomplete: ${why}`) : issue('field_count', why);
  }
  return { ok: true, record: f };
}

/** Parse a `cm.txt` line. */
export function parseCommitteeLine(raw: RawLine): RowResult<CommitteeRecord> {
  const r = masterFields(raw, 'cm');
  if (!r.ok) return r;
  const f = Object.fromEntries(CM_COLUMNS.map((c, i) => [c, r.record[i]!.trim()])) as Record<(typeof CM_COLUMNS)[number], string>;
  return {
    ok: true,
    record: {
      cmteId: f.CMTE_ID, name: f.CMTE_NM, city: f.CMTE_CITY, state: f.CMTE_ST, designation: f.CMTE_DSGN,
      type: f.CMTE_TP, party: f.CMTE_PTY_AFFILIATION, orgType: f.ORG_TP, connectedOrg: f.CONNECTED_ORG_NM,
      candId: f.CAND_ID,
    },
  };
}

/** Parse a `cn.txt` line. */
export function parseCandidateLine(raw: RawLine): RowResult<CandidateRecord> {
  const r = masterFields(raw, 'cn');
  if (!r.ok) return r;
  const f = Object.fromEntries(CN_COLUMNS.map((c, i) => [c, r.record[i]!.trim()])) as Record<(typeof CN_COLUMNS)[number], string>;
  return {
    ok: true,
    record: {
      candId: f.CAND_ID, name: f.CAND_NAME, party: f.CAND_PTY_AFFILIATION, electionYear: f.CAND_ELECTION_YR,
      officeState: f.CAND_OFFICE_ST, office: f.CAND_OFFICE, district: f.CAND_OFFICE_DISTRICT, ici: f.CAND_ICI,
      status: f.CAND_STATUS, pcc: f.CAND_PCC,
    },
  };
}

/** Parse a `ccl.txt` line. */
export function parseLinkageLine(raw: RawLine): RowResult<LinkageRecord> {
  const r = masterFields(raw, 'ccl');
  if (!r.ok) return r;
  const f = Object.fromEntries(CCL_COLUMNS.map((c, i) => [c, r.record[i]!.trim()])) as Record<(typeof CCL_COLUMNS)[number], string>;
  return {
    ok: true,
    record: {
      candId: f.CAND_ID, candElectionYear: f.CAND_ELECTION_YR, fecElectionYear: f.FEC_ELECTION_YR,
      cmteId: f.CMTE_ID, cmteType: f.CMTE_TP, designation: f.CMTE_DSGN, linkageId: f.LINKAGE_ID,
    },
  };
}

/** A quarantine entry for a rejected row, with a bounded, decoded excerpt. */
export function rowQuarantine(file: string, raw: RawLine, rowIssue: RowIssue): QuarantineEntry {
  const entry: QuarantineEntry = {
    source: { file, line: raw.line, offset: raw.offset },
    code: rowIssue.code,
    reason: `fec: ${file}:${raw.line}: ${rowIssue.reason}`,
    excerpt: decodeCp1252(raw.bytes, 0, Math.min(raw.bytes.length, 2048)),
  };
  if (rowIssue.field) entry.field = rowIssue.field;
  return entry;
}

/** Kinds whose rows are transactions. */
export function isTransactionKind(kind: FecKind): kind is TransactionLayout['kind'] {
  return kind === 'itcont' || kind === 'itoth' || kind === 'itpas2';
}
