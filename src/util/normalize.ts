/**
 * Text folding for matching: lower case, accents removed (NFD, combining marks dropped), every run
 * of characters that are not letters or digits turned into one space, trimmed.
 * "Presidente  BUKELE!" and "presidente bukele" fold to the same string.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Lower case, accents removed, one character for one character (offsets stay those of the text). */
export function plain(text: string): string {
  let out = '';
  for (const ch of text) {
    const base = ch.normalize('NFD')[0] ?? ch;
    const lower = base.toLowerCase();
    // Keep the length: a character whose lower case is longer ("İ") stays as it is.
    out += lower.length === ch.length ? lower : ch.length === base.length ? base : ch;
  }
  return out;
}

/** A handle for comparison: without a leading '@', lower case. */
export function foldHandle(handle: string): string {
  // the regex only when there is an '@' to drop: called twice per classified post (bench/classify-speed.ts)
  return (handle.charCodeAt(0) === 64 ? handle.replace(/^@+/, '') : handle).toLowerCase();
}
