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
 * Escape one CSV cell (RFC 4180) and neutralise spreadsheet formulas: a string that could start a
 * formula is prefixed with a single quote (OWASP CSV-injection advice). Numbers pass unchanged.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'string' ? value : String(value);
  if (typeof value === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV row from cells, without the line ending. */
export function csvRow(cells: unknown[]): string {
  return cells.map(csvCell).join(',');
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
