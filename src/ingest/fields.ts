/**
 * Parsers for list-valued cells. IO archives write Python list reprs (`['a', 'b']`, `[]`, sometimes
 * `["it's"]` or bare `[a, b]`); our generic CSV writes JSON arrays or `|`-separated values.
 */
import { quote, RecordIssue } from './record.js';

/**
 * Parse a Python-repr or JSON list of strings. Tolerant: quotes may be single or double, with
 * backslash escapes; unquoted items run to the next comma; an empty cell is an empty list.
 * A cell that is not bracketed is split on commas (some mirrors drop the brackets), unless it holds
 * quotes (then it is kept whole rather than guessed at).
 *
 * @example parseListCell("['Distrito99', \"it's\"]") // ['Distrito99', "it's"]
 */
export function parseListCell(cell: string | undefined): string[] {
  if (cell === undefined) return [];
  let s = cell.trim();
  if (s === '' || s === '[]' || s === 'None' || s === 'null') return [];
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  else return s.includes("'") || s.includes('"') ? [s] : s.split(',').map((v) => v.trim()).filter(Boolean);
  const out: string[] = [];
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c = s[i]!;
    if (c === ' ' || c === ',' || c === '\t') {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      let value = '';
      let j = i + 1;
      for (; j < n && s[j] !== c; j++) {
        if (s[j] === '\\' && j + 1 < n) {
          j++;
          const e = s[j]!;
          value += e === 'n' ? '\n' : e === 't' ? '\t' : e;
        } else {
          value += s[j];
        }
      }
      if (value) out.push(value);
      i = j + 1;
    } else {
      let j = s.indexOf(',', i);
      if (j === -1) j = n;
      const value = s.slice(i, j).trim();
      if (value) out.push(value);
      i = j + 1;
    }
  }
  return out;
}

/**
 * A list field of the generic formats: a JSON array of strings (JSONL value or CSV cell `["a","b"]`),
 * or in CSV a `|`-separated cell (`a|b`). Anything else is `field_invalid`.
 */
export function genericList(value: unknown, field: string): string[] {
  if (value === undefined || value === null || value === '') return [];
  if (typeof value === 'string') {
    const s = value.trim();
    if (s.startsWith('[')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(s);
      } catch {
        throw new RecordIssue('field_invalid', `field "${field}": not a JSON array: ${quote(value)}`, field);
      }
      return genericList(parsed, field);
    }
    return s.split('|').map((v) => v.trim()).filter(Boolean);
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
    return value.map(String).filter(Boolean);
  }
  throw new RecordIssue('field_invalid', `field "${field}": expected a list of strings, got ${quote(value)}`, field);
}
