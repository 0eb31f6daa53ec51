/**
 * Folding with offsets: the same folding as `foldText` (src/util/normalize.ts), one character at a
 * time, keeping for every folded character the range of the original text it came from, so that an
 * explanation can quote the words as the author wrote them.
 *
 * Besides the folded characters it records, per folded position, the facts the classifier needs
 * and that folding throws away: the sentence/clause it is in (and whether that clause is a
 * question), whether it is inside quotation marks, and which hashtag it belongs to. Inside a
 * hashtag, camelCase and letter/digit changes become spaces (`#NoVotenPorIbarra` folds to
 * `no voten por ibarra`), so that the phrase patterns also match hashtags.
 *
 * Buffers are module-level and reused (one classification at a time per thread), and the input is
 * cut at MAX_TEXT UTF-16 units: post text is hostile and buffers must stay bounded.
 */

/** Longest prefix of a text that is scanned (UTF-16 units). Longer texts are cut, not rejected. */
export const MAX_TEXT = 20_000;
const CAP = MAX_TEXT * 3 + 8;

/** The folded view of one text. Arrays are shared buffers: valid until the next `foldWithOffsets`. */
export interface Folded {
  text: string;
  /** Number of folded characters. */
  n: number;
  /** The folded characters as a string. */
  str: string;
  codes: Uint16Array;
  /** Original range [origStart, origEnd) of each folded character. */
  origStart: Int32Array;
  origEnd: Int32Array;
  /** Word number of each folded character (spaces belong to the word before). */
  word: Int32Array;
  /** Clause number of each folded character. */
  clause: Int32Array;
  /** Per clause: 1 when it ends with '?' or starts with '¿'. */
  question: Uint8Array;
  /** Per clause: 1 when it ends with a colon ("Banderas said: …"). */
  colonEnd: Uint8Array;
  /** 1 inside quotation marks. */
  quoted: Uint8Array;
  /** Hashtag number (1-based) or 0. */
  hashtag: Int32Array;
  /** Folded [start, end) of hashtag h at [2h, 2h+1]. */
  hashtagSpan: Int32Array;
  hashtagCount: number;
  /** Whether the scanned text was cut at MAX_TEXT. */
  truncated: boolean;
}

const codes = new Uint16Array(CAP);
const codesBytes = Buffer.from(codes.buffer, codes.byteOffset, codes.byteLength);
const origStart = new Int32Array(CAP);
const origEnd = new Int32Array(CAP);
const word = new Int32Array(CAP);
const clause = new Int32Array(CAP);
const question = new Uint8Array(CAP);
const colonEnd = new Uint8Array(CAP);
const quoted = new Uint8Array(CAP);
const hashtag = new Int32Array(CAP);
const hashtagSpan = new Int32Array(CAP);

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const SPACE = 32;

/**
 * Fold of one non-ASCII code point: '' for a combining mark that foldText drops (U+0300–U+036F),
 * ' ' for a separator, else the folded letters (NFD, marks dropped, lower case; any non-letter that
 * NFD produces becomes a space, as in foldText).
 */
const foldCache = new Map<number, string>();
function foldCodePoint(cp: number): string {
  let f = foldCache.get(cp);
  if (f !== undefined) return f;
  if (cp >= 0x300 && cp <= 0x36f) f = '';
  else {
    const ch = String.fromCodePoint(cp);
    if (!LETTER_OR_DIGIT.test(ch)) f = ' ';
    else {
      f = '';
      for (const c of ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()) f += LETTER_OR_DIGIT.test(c) ? c : ' ';
    }
  }
  if (foldCache.size < 100_000) foldCache.set(cp, f);
  return f;
}

/** Character classes of the original text, for the ASCII fast path. */
const enum K {
  Sep = 0,
  Lower = 1,
  Upper = 2,
  Digit = 3,
}
const ASCII_KIND = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  ASCII_KIND[c] = c >= 97 && c <= 122 ? K.Lower : c >= 65 && c <= 90 ? K.Upper : c >= 48 && c <= 57 ? K.Digit : K.Sep;
}

/**
 * Fold `text` into the shared buffers.
 * @param splitHashtags insert spaces at camelCase and letter/digit changes inside hashtags
 *   (false gives exactly `foldText(text)` as `String.fromCharCode(...codes.subarray(0, n))`).
 */
export function foldWithOffsets(text: string, splitHashtags = true): Folded {
  const truncated = text.length > MAX_TEXT;
  const len = truncated ? MAX_TEXT : text.length;
  st.n = 0;
  st.w = 0;
  st.cl = 0;
  question[0] = 0;
  colonEnd[0] = 0;
  st.inQuote = 0;
  st.tag = 0;
  st.pendingSpace = false;
  st.spaceAt = 0;
  let tagCount = 0;
  let prevKind: number = K.Sep; // kind of the previous original character (for hashtag splits)
  let runLen = 0; // length of the current run of letters in the original (for the '.' rule); -1 after digits
  let runLowerFirst = false;

  for (let i = 0; i < len && st.n < CAP - 4; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      const kind = ASCII_KIND[c]!;
      if (kind === K.Sep) {
        if (st.tag) endTag();
        prevKind = K.Sep;
        // Clause and quote bookkeeping on punctuation. A '.' ends a clause only after a word of
        // 4+ letters, a lower-case word or a number, so "Rep. Torres" and "U.S." stay in one clause.
        if (c === 46) {
          const next = i + 1 < len ? text.charCodeAt(i + 1) : 32;
          if ((next === 32 || next === 10 || next === 13 || next === 9) && (runLen >= 4 || (runLen >= 2 && runLowerFirst) || runLen === -1)) endClause(false);
        } else if (c === 33 || c === 59 || c === 10) endClause(false);
        else if (c === 58) {
          // "Friends in Arizona: vote…" — a colon before a space ends a clause (not "7:30", not "https://")
          const next = i + 1 < len ? text.charCodeAt(i + 1) : 32;
          if (next === 32 || next === 10 || next === 13 || next === 9) {
            colonEnd[st.cl] = 1;
            endClause(false);
          }
        }
        else if (c === 63) endClause(true);
        else if (c === 34) st.inQuote = st.inQuote === 1 ? 0 : 1;
        else if (c === 39) singleQuote(text, i, len);
        else if (c === 35 && i + 1 < len) {
          // '#' directly followed by a letter or digit opens a hashtag.
          const nx = text.charCodeAt(i + 1);
          if ((nx < 128 && ASCII_KIND[nx] !== K.Sep) || (nx >= 128 && foldCodePoint(nx).trim() !== '')) {
            separator(i);
            tagCount++;
            st.tag = tagCount;
            hashtagSpan[2 * tagCount - 2] = -1; // start set on the first emitted character
            runLen = 0;
            continue;
          }
        }
        runLen = 0;
        separator(i);
        continue;
      }
      if (st.tag && splitHashtags && prevKind !== K.Sep) {
        if ((kind === K.Upper && prevKind === K.Lower) || (kind === K.Digit) !== (prevKind === K.Digit)) separator(i);
      }
      if (st.tag && hashtagSpan[2 * st.tag - 2] === -1) startTag();
      emit(kind === K.Upper ? c + 32 : c, i, i + 1);
      prevKind = kind;
      if (kind === K.Digit) runLen = -1;
      else {
        if (runLen <= 0) runLowerFirst = kind === K.Lower;
        runLen = runLen < 0 ? 1 : runLen + 1;
      }
      continue;
    }
    // Non-ASCII: one code point (a surrogate pair counts as one).
    let cp = c;
    let end = i + 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = (c - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
        end = i + 2;
      }
    }
    const f = foldCodePoint(cp);
    if (f === '') {
      i = end - 1;
      continue; // dropped combining mark
    }
    if (f === ' ') {
      if (st.tag) endTag();
      prevKind = K.Sep;
      runLen = 0;
      if (cp === 0x201c || cp === 0xab || cp === 0x201e) st.inQuote = 1;
      else if (cp === 0x201d || cp === 0xbb) st.inQuote = 0;
      else if (cp === 0x2018 || cp === 0x2019) singleQuote(text, i, len);
      else if (cp === 0xbf) {
        endClause(false);
        question[st.cl] = 1; // '¿' opens a question
      } else if (cp === 0xa1 || cp === 0x2026 || cp === 0x2028 || cp === 0x2029) endClause(false);
      separator(i);
      i = end - 1;
      continue;
    }
    const upper = isUpperCodePoint(cp);
    const kind = upper ? K.Upper : K.Lower;
    if (st.tag && splitHashtags && kind === K.Upper && prevKind === K.Lower) separator(i);
    if (st.tag && hashtagSpan[2 * st.tag - 2] === -1) startTag();
    for (let k = 0; k < f.length; k++) {
      const fc = f.charCodeAt(k);
      if (fc === SPACE) separator(i);
      else emit(fc, i, end);
    }
    prevKind = kind;
    if (runLen <= 0) runLowerFirst = !upper;
    runLen = runLen < 0 ? 1 : runLen + 1;
    i = end - 1;
  }
  if (st.tag) endTag();

  // The folded characters as one string: words are then slices of it (no copy per word). A Buffer over
  // the same memory decodes it natively (String.fromCharCode.apply over a subarray cost more than the fold).
  const str = codesBytes.toString('utf16le', 0, st.n * 2);
  return {
    text,
    n: st.n,
    str,
    codes,
    origStart,
    origEnd,
    word,
    clause,
    question,
    colonEnd,
    quoted,
    hashtag,
    hashtagSpan,
    hashtagCount: tagCount,
    truncated,
  };
}

/** Mutable state of the fold in progress (module-level so that the helpers below are not closures). */
const st = { n: 0, w: 0, cl: 0, inQuote: 0, tag: 0, pendingSpace: false, spaceAt: 0 };

/**
 * A single quote opens a quotation after a space, a colon or the start and before a letter, and
 * closes it after a letter and before a non-letter; inside words ("don't") it is an apostrophe.
 */
function singleQuote(text: string, i: number, len: number): void {
  const prev = i > 0 ? text.charCodeAt(i - 1) : 32;
  const next = i + 1 < len ? text.charCodeAt(i + 1) : 32;
  const isLetter = (c: number) => (c < 128 ? ASCII_KIND[c] !== K.Sep : foldCodePoint(c).trim() !== '');
  if (!st.inQuote && !isLetter(prev) && isLetter(next) && prev !== 39) st.inQuote = 2;
  else if (st.inQuote === 2 && isLetter(prev) && !isLetter(next)) st.inQuote = 0;
}

function pushSpace(): void {
  const n = st.n;
  codes[n] = SPACE;
  origStart[n] = st.spaceAt;
  origEnd[n] = st.spaceAt + 1;
  word[n] = st.w;
  clause[n] = st.cl;
  quoted[n] = st.inQuote;
  // a camelCase split inside a hashtag belongs to the hashtag
  hashtag[n] = st.tag && hashtagSpan[2 * st.tag - 2] !== -1 ? st.tag : 0;
  st.n = n + 1;
  st.w++;
  st.pendingSpace = false;
}

function emit(code: number, start: number, end: number): void {
  if (st.pendingSpace) {
    if (st.n > 0) pushSpace();
    st.pendingSpace = false;
  }
  const n = st.n;
  codes[n] = code;
  origStart[n] = start;
  origEnd[n] = end;
  word[n] = st.w;
  clause[n] = st.cl;
  quoted[n] = st.inQuote;
  hashtag[n] = st.tag;
  st.n = n + 1;
}

function separator(at: number): void {
  if (!st.pendingSpace) st.spaceAt = at;
  st.pendingSpace = true;
}

function endClause(isQuestion: boolean): void {
  if (isQuestion) question[st.cl] = 1;
  if (st.n > 0 && clause[st.n - 1] === st.cl) {
    st.cl++;
    question[st.cl] = 0;
    colonEnd[st.cl] = 0;
  } else colonEnd[st.cl] = 0; // an empty clause: the colon does not count
}

/** First character of a hashtag: the space before it is not part of it. */
function startTag(): void {
  if (st.pendingSpace && st.n > 0) pushSpace();
  hashtagSpan[2 * st.tag - 2] = st.n;
}

function endTag(): void {
  hashtagSpan[2 * st.tag - 1] = st.n;
  st.tag = 0;
}

const upperCache = new Map<number, boolean>();
function isUpperCodePoint(cp: number): boolean {
  let u = upperCache.get(cp);
  if (u === undefined) {
    const ch = String.fromCodePoint(cp);
    u = ch !== ch.toLowerCase();
    if (upperCache.size < 100_000) upperCache.set(cp, u);
  }
  return u;
}

/** The folded string of a Folded view (for tests and explanations). */
export function foldedString(f: Folded, start = 0, end = f.n): string {
  return f.str.slice(start, end);
}
