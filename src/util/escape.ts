/**
 * Escaping for hostile text. Post text is written by the operators Vigil watches: it reaches HTML,
 * CSV, terminals and logs only through these functions.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escape text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * A cell a spreadsheet may read as a formula: one that starts with = + - @ (or their full-width
 * forms, which some spreadsheets fold), TAB or CR, possibly after spaces or NULs.
 */
const FORMULA_START = /^[\u0000 ]*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/**
 * Escape one CSV cell (RFC 4180). With `guard` (the default), a string that could start a
 * spreadsheet formula is prefixed with a single quote (OWASP CSV-injection advice). Numbers pass
 * unchanged. Identifier cells (ids, handles, URLs) are written with `guard = false`: a Telegram
 * channel id `-1001234567890` or a phone-number handle `+15551234567` must stay what it is, or the
 * files stop joining (issue 11).
 */
export function csvCell(value: unknown, guard = true): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'string' ? value : String(value);
  if (guard && typeof value === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Which cells of a row get the formula guard: every one, or those whose index is in the set. */
export type CsvGuard = 'all' | ReadonlySet<number>;

/**
 * One CSV row from cells, without the line ending. `guard` names the free-text columns (post text,
 * explanations, titles, notes) that get the formula guard; default every cell. Pass an empty set
 * for rows of identifiers only.
 */
export function csvRow(cells: unknown[], guard: CsvGuard = 'all'): string {
  let out = '';
  for (let i = 0; i < cells.length; i++) {
    if (i) out += ',';
    out += csvCell(cells[i], guard === 'all' || guard.has(i));
  }
  return out;
}

/**
 * Make text safe for a terminal or a log line: control characters (C0, DEL, C1, including ESC, which
 * starts ANSI sequences), bidi overrides and isolates, and the Unicode line and paragraph separators
 * (which some viewers break lines on) become visible escapes; long text is cut. The weak LRM/RLM
 * marks pass: right-to-left posts use them, and they cannot reorder text as overrides do.
 */
export function safeTerminal(text: string, maxLength = 200): string {
  const cut = text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
  return cut.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code === 0x0a ? '\\n' : code === 0x09 ? '\\t' : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
