/**
 * The fast transaction scanner: one pass over raw bytes, no string per row. For each line it counts
 * fields, validates the committee id, date, amount and SUB_ID with the same rules as records.ts,
 * adds the row to its committee's totals, and keeps (copies out) only rows the screener must look
 * at closely: rows of watched committees or candidates (those without a signal up to a cap) and,
 * when asked (`keepAllSignals`, the CLI's `--all`), every row with a foreign-address signal or a
 * trigger token in NAME, EMPLOYER, OCCUPATION or MEMO_TEXT. Everything else is counted and
 * forgotten, which keeps memory flat whatever the file size.
 */
import type { TransactionLayout } from './columns.js';
import { MAX_LINE_BYTES } from './lines.js';
import { FOLD_TABLE, HASH_SEED, TokenHashSet, type TriggerToken } from './tokens.js';

/** What the scanner needs to know, as plain data (it crosses to worker threads). */
export interface ScanConfig {
  layout: TransactionLayout;
  /** Numeric parts of watched committee ids (`C00999993` → 999993). */
  watchedCommittees: number[];
  /** Watched candidate ids (matched against CAND_ID in itpas2). */
  watchedCandidates: string[];
  /** Tokens in NAME, EMPLOYER, OCCUPATION or MEMO_TEXT that make a row worth a close look. */
  triggerHashes: TriggerToken[];
  /** Tokens that count only in MEMO_TEXT (citizenship and refund words such as "green"). */
  memoTriggerHashes?: TriggerToken[];
  /** Keep every row with a foreign-address signal, whichever committee received it. */
  keepAllSignals: boolean;
  /** Keep every valid row (small files whose signals are not in the row itself, such as itpas2). */
  keepAll?: boolean;
  /**
   * Most watched rows without an address signal or trigger word kept for the patterns (refunds,
   * clusters); past it such rows are only counted, so memory stays bounded for very large committees.
   */
  maxPlainWatchedRows?: number;
  /** Most rejected rows whose excerpt is kept (all rejected rows keep line, offset and code). */
  maxRejectExcerpts?: number;
  /** Most rejected rows listed one by one; past it they are only counted per code (memory stays flat). */
  maxRejectRecords?: number;
}

/** Trigger hashes plus a bit per (first, second) folded character (low bytes) to skip most tokens unhashed. */
interface TriggerSet {
  hashes: TokenHashSet;
  pairs: Uint8Array;
}

function triggerSet(tokens: TriggerToken[]): TriggerSet {
  const pairs = new Uint8Array(8192);
  for (const t of tokens) {
    const key = (((t.pair >>> 8) & 0xff) << 8) | (t.pair & 0xff);
    pairs[key >>> 3]! |= 1 << (key & 7);
  }
  return { hashes: new TokenHashSet(tokens.map((t) => t.hash)), pairs };
}

/** Reject codes in the order the checks run; index = code number in ScanResult.rejectMeta. */
export const REJECT_CODES = [
  'field_count',
  'committee_id_invalid',
  'date_invalid',
  'amount_invalid',
  'sub_id_invalid',
  'line_truncated',
  'line_too_long',
] as const;

/** Why a row was kept (bit flags). */
export const KEEP_WATCHED = 1;
export const KEEP_TRIGGER = 2;
export const KEEP_SIGNAL = 4;

/** Per-committee totals of receipts (positive, non-memo rows). */
export const STAT_FIELDS = 4; // total dollars, rows, foreign-signal dollars, foreign-signal rows

/** The result of scanning one byte range or stream. Line numbers are relative (1 = first line scanned). */
export interface ScanResult {
  /** Physical lines scanned (line numbers count these). */
  lines: number;
  /** Blank lines among them (not records). */
  blank: number;
  rejected: number;
  /** Kept lines, each followed by LF. */
  keptBytes: Uint8Array;
  /** Per kept row: relative line, absolute offset, keep flags. */
  keptMeta: Float64Array;
  /** Excerpts of rejected rows (first maxRejectExcerpts), each followed by LF. */
  rejectBytes: Uint8Array;
  /** Per rejected row: relative line, absolute offset, code index, excerpt kept (1/0). */
  rejectMeta: Float64Array;
  /** Rejected rows past maxRejectRecords, counted per code index (not listed). */
  rejectOverflow: number[];
  /** Watched rows without a signal not kept because maxPlainWatchedRows was reached. */
  plainWatchedDropped: number;
  /** Committee numeric ids, and STAT_FIELDS numbers per committee. */
  committeeIds: Float64Array;
  committeeStats: Float64Array;
}

/** US state and territory codes that are not foreign (reference/fec.md §4), military AA/AE/AP included. */
export const US_STATE_CODES = new Set(
  ('AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH ' +
    'OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR VI GU AS MP AA AE AP US').split(' '),
);

const US_STATE_TABLE = (() => {
  const t = new Uint8Array(65536);
  for (const s of US_STATE_CODES) {
    for (const a of [s.charCodeAt(0), s.charCodeAt(0) | 0x20]) {
      for (const b of [s.charCodeAt(1), s.charCodeAt(1) | 0x20]) t[(a << 8) | b] = 1;
    }
  }
  return t;
})();

const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

class Growable {
  bytes = new Uint8Array(1 << 16);
  length = 0;
  append(src: Uint8Array, start: number, end: number): void {
    const n = end - start + 1;
    if (this.length + n > this.bytes.length) {
      let size = this.bytes.length * 2;
      while (size < this.length + n) size *= 2;
      const next = new Uint8Array(size);
      next.set(this.bytes.subarray(0, this.length));
      this.bytes = next;
    }
    this.bytes.set(src.subarray(start, end), this.length);
    this.bytes[this.length + n - 1] = 0x0a;
    this.length += n;
  }
  take(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

class NumberList {
  data = new Float64Array(1024);
  length = 0;
  push3(a: number, b: number, c: number): void {
    this.ensure(3);
    this.data[this.length++] = a;
    this.data[this.length++] = b;
    this.data[this.length++] = c;
  }
  push4(a: number, b: number, c: number, d: number): void {
    this.ensure(4);
    this.data[this.length++] = a;
    this.data[this.length++] = b;
    this.data[this.length++] = c;
    this.data[this.length++] = d;
  }
  private ensure(n: number): void {
    if (this.length + n <= this.data.length) return;
    const next = new Float64Array(this.data.length * 2);
    next.set(this.data);
    this.data = next;
  }
  take(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

/**
 * Scans complete lines. Feed it buffers with `scan` (complete lines only, the last one possibly
 * unterminated at end of input), then call `result`.
 */
export class TransactionScanner {
  private readonly layout: TransactionLayout;
  /** Bit per committee number (C + 8 digits → 10^8 bits, 12.5 MB): a lookup without hashing. */
  private readonly watched: Uint8Array | null;
  private readonly watchedCand: Set<string>;
  private readonly triggers: TriggerSet;
  private readonly memoTriggers: TriggerSet;
  private readonly keepAllSignals: boolean;
  private readonly keepAll: boolean;
  private readonly maxPlainWatched: number;
  private plainWatched = 0;
  private plainWatchedDropped = 0;
  private readonly maxRejectExcerpts: number;
  private readonly maxRejectRecords: number;
  private readonly rejectOverflow = REJECT_CODES.map(() => 0);
  private readonly starts = new Int32Array(64);
  /** Open-addressing table committee number → slot (keys stored +1; 0 = empty). */
  private slotKeys = new Int32Array(1 << 14);
  private slotVals = new Int32Array(1 << 14);
  private committees = 0;
  private stats = new Float64Array(STAT_FIELDS * 1024);
  private ids = new Float64Array(1024);
  private lines = 0;
  private blank = 0;
  private rejected = 0;
  private excerpts = 0;
  private readonly kept = new Growable();
  private readonly keptMeta = new NumberList();
  private readonly rejects = new Growable();
  private readonly rejectMeta = new NumberList();
  /** Fields whose tokens are checked against the trigger set. */
  private readonly tokenFields: number[];

  constructor(config: ScanConfig) {
    this.layout = config.layout;
    this.watched = config.watchedCommittees.length ? new Uint8Array(12_500_000) : null;
    for (const n of config.watchedCommittees) if (n >= 0 && n < 1e8) this.watched![n >>> 3]! |= 1 << (n & 7);
    this.watchedCand = new Set(config.watchedCandidates);
    this.triggers = triggerSet(config.triggerHashes);
    this.memoTriggers = triggerSet([...config.triggerHashes, ...(config.memoTriggerHashes ?? [])]);
    this.keepAllSignals = config.keepAllSignals;
    this.keepAll = config.keepAll ?? false;
    this.maxPlainWatched = config.maxPlainWatchedRows ?? 200_000;
    this.maxRejectExcerpts = config.maxRejectExcerpts ?? 10_000;
    this.maxRejectRecords = config.maxRejectRecords ?? 200_000;
    const l = config.layout;
    this.tokenFields = [l.name, l.employer, l.occupation];
  }

  /**
   * Scan the lines in `buf[start, end)`. `baseOffset` is the absolute offset of `buf[0]`.
   * When `atEnd` is true, a final line without LF is scanned too (and marked truncated if invalid).
   * Returns the index just after the last complete line scanned.
   */
  scan(buf: Uint8Array, start: number, end: number, baseOffset: number, atEnd: boolean): number {
    const F = this.starts;
    let s = start;
    // One pass finds both the field separators and the line end, so no per-line indexOf call.
    while (s < end) {
      let nl = buf.indexOf(10, s);
      let terminated = true;
      if (nl < 0 || nl >= end) {
        if (!atEnd) break;
        nl = end;
        terminated = false;
      }
      if (nl - s > MAX_LINE_BYTES) {
        // Rejected whole, whichever reader holds it (ranges, streams): all agree on the count.
        this.tooLong(buf, s, s + 2048, baseOffset + s);
        s = nl + 1;
        continue;
      }
      let n = 0;
      for (let j = s; j < nl; j++) {
        if (buf[j] === 124) {
          if (n < 62) F[n + 1] = j + 1;
          n++;
        }
      }
      const i = nl;
      const e = terminated && i > s && buf[i - 1] === 0x0d ? i - 1 : i;
      F[0] = s;
      this.scanLine(buf, s, e, n, baseOffset + s, terminated);
      s = i + 1;
    }
    return Math.min(s, end);
  }

  /**
   * Count a line longer than the readers hold (MAX_LINE_BYTES; no FEC row comes near) as rejected,
   * with `buf[s, e)` (its start) as the excerpt. The caller skips the rest of it to the next LF, so
   * memory stays bounded whatever the input.
   */
  tooLong(buf: Uint8Array, s: number, e: number, offset: number): void {
    this.lines++;
    this.reject(buf, s, e, offset, REJECT_CODES.indexOf('line_too_long'), true);
  }

  private reject(buf: Uint8Array, s: number, e: number, offset: number, code: number, terminated: boolean): void {
    if (!terminated) code = REJECT_CODES.indexOf('line_truncated');
    this.rejected++;
    if (this.rejected > this.maxRejectRecords) {
      this.rejectOverflow[code]!++;
      return;
    }
    const keep = this.excerpts < this.maxRejectExcerpts;
    if (keep) {
      this.excerpts++;
      this.rejects.append(buf, s, Math.min(e, s + 2048));
    }
    this.rejectMeta.push4(this.lines, offset, code, keep ? 1 : 0);
  }

  /** `F[k]` holds the start of field k; field k ends at `F[k + 1] - 1` (the last at `e`). */
  private scanLine(buf: Uint8Array, s: number, e: number, pipes: number, offset: number, terminated: boolean): void {
    this.lines++;
    // Blank lines are not records (as in every Vigil ingest): counted apart, never quarantined.
    if (e === s) {
      this.blank++;
      return;
    }
    const L = this.layout;
    if (pipes !== L.fields - 1) return this.reject(buf, s, e, offset, 0, terminated);
    const F = this.starts;
    F[L.fields] = e + 1;

    // CMTE_ID: C + 8 digits.
    const cmte = this.committeeNumber(buf, F[L.cmte]!, F[L.cmte + 1]! - 1);
    if (cmte < 0) return this.reject(buf, s, e, offset, 1, terminated);

    // TRANSACTION_DT: blank or a valid MMDDYYYY.
    const ds = F[L.date]!;
    const dlen = F[L.date + 1]! - 1 - ds;
    if (dlen !== 0) {
      if (dlen !== 8) return this.reject(buf, s, e, offset, 2, terminated);
      let v = 0;
      for (let i = ds; i < ds + 8; i++) {
        const c = buf[i]! - 48;
        if (c < 0 || c > 9) return this.reject(buf, s, e, offset, 2, terminated);
        v = v * 10 + c;
      }
      const month = Math.floor(v / 1_000_000);
      const day = Math.floor(v / 10_000) % 100;
      const year = v % 10_000;
      const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
      const maxDay = month === 2 && !leap ? 28 : DAYS_IN_MONTH[month] ?? 0;
      if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 || day > maxDay) {
        return this.reject(buf, s, e, offset, 2, terminated);
      }
    }

    // TRANSACTION_AMT: -?(\d{1,15}(\.\d{0,4})?|\.\d{1,4})
    const amount = this.amount(buf, F[L.amount]!, F[L.amount + 1]! - 1);
    if (Number.isNaN(amount)) return this.reject(buf, s, e, offset, 3, terminated);

    // SUB_ID: 1-19 digits.
    const ss = F[L.subId]!;
    const slen = F[L.subId + 1]! - 1 - ss;
    if (slen < 1 || slen > 19) return this.reject(buf, s, e, offset, 4, terminated);
    for (let i = ss; i < ss + slen; i++) {
      const c = buf[i]!;
      if (c < 48 || c > 57) return this.reject(buf, s, e, offset, 4, terminated);
    }

    // Foreign-address signal: STATE outside the US set (blank included) or letters in ZIP_CODE.
    const sts = F[L.state]!;
    let signal = F[L.state + 1]! - 1 - sts !== 2 || US_STATE_TABLE[(buf[sts]! << 8) | buf[sts + 1]!] === 0;
    if (!signal) {
      const ze = F[L.zip + 1]! - 1;
      for (let i = F[L.zip]!; i < ze; i++) {
        const c = buf[i]! | 0x20;
        if (c >= 97 && c <= 122) {
          signal = true;
          break;
        }
      }
    }

    // Committee totals: receipts only (positive amounts), memo rows (MEMO_CD = X) not counted.
    const ms = F[L.memoCd]!;
    const isMemo = F[L.memoCd + 1]! - 1 - ms === 1 && (buf[ms]! | 0x20) === 120;
    if (!isMemo && amount > 0) {
      const slot = this.slotOf(cmte);
      const o = slot * STAT_FIELDS;
      const st = this.stats;
      st[o] += amount;
      st[o + 1] += 1;
      if (signal) {
        st[o + 2] += amount;
        st[o + 3] += 1;
      }
    }

    let flags = 0;
    const W = this.watched;
    if (W !== null) {
      if ((W[cmte >>> 3]! & (1 << (cmte & 7))) !== 0) flags |= KEEP_WATCHED;
      else {
        const other = this.committeeNumber(buf, F[L.otherId]!, F[L.otherId + 1]! - 1);
        if (other >= 0 && (W[other >>> 3]! & (1 << (other & 7))) !== 0) flags |= KEEP_WATCHED;
      }
    }
    if (L.candId >= 0 && this.watchedCand.size > 0 && (flags & KEEP_WATCHED) === 0) {
      const a = F[L.candId]!;
      const b = Math.min(F[L.candId + 1]! - 1, a + 16);
      if (this.watchedCand.has(String.fromCharCode(...buf.subarray(a, b)))) flags |= KEEP_WATCHED;
    }
    if ((signal && this.keepAllSignals) || this.keepAll) flags |= KEEP_SIGNAL;
    // Trigger words matter only for rows the analysis will look at: watched rows, or any row with
    // keepAllSignals. Skipping the others keeps token hashing off most rows in the default mode.
    if (this.memoTriggers.hashes.size > 0 && (this.keepAllSignals || flags !== 0)) {
      const TF = this.tokenFields;
      let hit = this.hasTrigger(buf, F[L.memoText]!, F[L.memoText + 1]! - 1, this.memoTriggers);
      for (let t = 0; t < TF.length && !hit; t++) hit = this.hasTrigger(buf, F[TF[t]!]!, F[TF[t]! + 1]! - 1, this.triggers);
      if (hit) flags |= KEEP_TRIGGER;
    }
    if (flags === KEEP_WATCHED && !signal) {
      if (this.plainWatched >= this.maxPlainWatched) {
        this.plainWatchedDropped++;
        return;
      }
      this.plainWatched++;
    }
    if (flags !== 0) {
      this.kept.append(buf, s, e);
      this.keptMeta.push3(this.lines, offset, flags);
    }
  }

  /** `C` + 8 digits → the number; -1 otherwise. */
  private committeeNumber(buf: Uint8Array, a: number, b: number): number {
    if (b - a !== 9 || buf[a] !== 67) return -1;
    let v = 0;
    for (let i = a + 1; i < b; i++) {
      const c = buf[i]! - 48;
      if (c < 0 || c > 9) return -1;
      v = v * 10 + c;
    }
    return v;
  }

  /** Parse an amount; NaN when it breaks the grammar. */
  private amount(buf: Uint8Array, a: number, b: number): number {
    let i = a;
    let neg = false;
    if (i < b && buf[i] === 45) {
      neg = true;
      i++;
    }
    let intDigits = 0;
    let v = 0;
    while (i < b && buf[i]! >= 48 && buf[i]! <= 57) {
      v = v * 10 + (buf[i]! - 48);
      intDigits++;
      i++;
    }
    if (intDigits > 15) return NaN;
    if (i < b) {
      if (buf[i] !== 46) return NaN;
      i++;
      let frac = 0;
      let scale = 1;
      let fracDigits = 0;
      while (i < b && buf[i]! >= 48 && buf[i]! <= 57) {
        frac = frac * 10 + (buf[i]! - 48);
        scale *= 10;
        fracDigits++;
        i++;
      }
      if (i < b || fracDigits > 4 || (intDigits === 0 && fracDigits === 0)) return NaN;
      v += frac / scale;
    } else if (intDigits === 0) {
      return NaN;
    }
    return neg ? -v : v;
  }

  /**
   * Whether a field holds a trigger token. Tokens whose first two folded characters start no
   * trigger are skipped without hashing (most tokens), which keeps this off the profile.
   */
  private hasTrigger(buf: Uint8Array, a: number, b: number, set: TriggerSet): boolean {
    const T = FOLD_TABLE;
    const pairs = set.pairs;
    let i = a;
    while (i < b) {
      while (i < b && T[buf[i]!] === 0) i++;
      if (i >= b) return false;
      const c0 = T[buf[i]!]!;
      const c1 = i + 1 < b ? T[buf[i + 1]!]! : 0;
      const key = ((c0 & 0xff) << 8) | (c1 & 0xff);
      if ((pairs[key >>> 3]! & (1 << (key & 7))) === 0) {
        while (i < b && T[buf[i]!] !== 0) i++;
        continue;
      }
      let h = HASH_SEED;
      while (i < b) {
        const c = T[buf[i]!]!;
        if (c === 0) break;
        h = Math.imul(h ^ c, 16777619) >>> 0;
        i++;
      }
      if (set.hashes.has(h)) return true;
    }
    return false;
  }

  /** The slot of a committee, adding it on first sight. */
  private slotOf(cmte: number): number {
    const keys = this.slotKeys;
    const mask = keys.length - 1;
    let h = (Math.imul(cmte, 0x9e3779b1) >>> 12) & mask;
    for (;;) {
      const k = keys[h]!;
      if (k === cmte + 1) return this.slotVals[h]!;
      if (k === 0) break;
      h = (h + 1) & mask;
    }
    const slot = this.committees++;
    keys[h] = cmte + 1;
    this.slotVals[h] = slot;
    if (slot >= this.ids.length) {
      const ids = new Float64Array(this.ids.length * 2);
      ids.set(this.ids);
      this.ids = ids;
      const stats = new Float64Array(this.stats.length * 2);
      stats.set(this.stats);
      this.stats = stats;
    }
    this.ids[slot] = cmte;
    if (this.committees * 2 > keys.length) this.rehash();
    return slot;
  }

  private rehash(): void {
    const oldKeys = this.slotKeys;
    const oldVals = this.slotVals;
    this.slotKeys = new Int32Array(oldKeys.length * 2);
    this.slotVals = new Int32Array(oldKeys.length * 2);
    const mask = this.slotKeys.length - 1;
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i]!;
      if (k === 0) continue;
      let h = (Math.imul(k - 1, 0x9e3779b1) >>> 12) & mask;
      while (this.slotKeys[h] !== 0) h = (h + 1) & mask;
      this.slotKeys[h] = k;
      this.slotVals[h] = oldVals[i]!;
    }
  }

  result(): ScanResult {
    const n = this.committees;
    return {
      lines: this.lines,
      blank: this.blank,
      rejected: this.rejected,
      keptBytes: this.kept.take(),
      keptMeta: this.keptMeta.take(),
      rejectBytes: this.rejects.take(),
      rejectMeta: this.rejectMeta.take(),
      rejectOverflow: [...this.rejectOverflow],
      plainWatchedDropped: this.plainWatchedDropped,
      committeeIds: this.ids.slice(0, n),
      committeeStats: this.stats.slice(0, n * STAT_FIELDS),
    };
  }
}
