/**
 * Reading JSON inputs that come either as JSONL (one value per line, the usual dump of API pages
 * or stream messages) or as one pretty-printed document (a saved API response, a Telegram
 * `result.json`). The mode is chosen from the first line: if it is a complete JSON value the file
 * is JSONL; otherwise, when the file is at most `maxRecordBytes * 16`, it is parsed whole.
 * Every problem becomes a `JsonProblem` with its line; nothing is thrown for bad input.
 */
import { open, stat } from 'node:fs/promises';
import { foreignBom, foreignBomReason, isLineProblem, readLines } from './lines.js';
import { DEFAULT_MAX_RECORD_BYTES, type IssueCode } from './record.js';

/** One parsed JSON value: a JSONL line, or the whole document (`document: true`, line 1). */
export interface JsonValue {
  line: number;
  offset: number;
  /** Source text of the value (the line, or the whole document). */
  text: string;
  value: unknown;
  document: boolean;
  /** Bytes of the file consumed once this value is read. */
  end: number;
}

/** A line or document that could not be read, with its quarantine code. */
export interface JsonProblem {
  line?: number;
  offset?: number;
  code: IssueCode;
  detail: string;
  excerpt?: Uint8Array | string;
  end: number;
}

/** What readJson yields. */
export type JsonItem = JsonValue | JsonProblem;

/** Whether a readJson item is a problem rather than a value. */
export function isJsonProblem(item: JsonItem): item is JsonProblem {
  return 'code' in item;
}

/**
 * Deepest nesting of arrays and objects a record may have. Real platform records nest about a dozen
 * levels; JSON.parse reads any depth, but the recursive code after it (JSON.stringify, mappers) ends
 * in a RangeError around a few thousand, so deeper values are quarantined right after parsing, before any of it runs.
 */
export const MAX_JSON_DEPTH = 512;

/**
 * Whether a parsed JSON value nests deeper than `max`. `text` is its source: a text with at most
 * `max` brackets cannot, which answers almost every record by counting alone; otherwise the value is
 * walked with an explicit stack (JSON.parse itself reads any depth; what overflows is the recursive
 * code after it). Walking the parsed value costs about a quarter of parsing a 350 KB X page;
 * scanning the text character by character cost as much as parsing it.
 */
export function jsonTooDeep(text: string, value: unknown, max = MAX_JSON_DEPTH): boolean {
  let brackets = 0;
  for (let i = text.indexOf('['); i >= 0 && brackets <= max; i = text.indexOf('[', i + 1)) brackets++;
  for (let i = text.indexOf('{'); i >= 0 && brackets <= max; i = text.indexOf('{', i + 1)) brackets++;
  if (brackets <= max) return false;
  const stack: unknown[] = [value];
  const depths: number[] = [1];
  while (stack.length) {
    const node = stack.pop();
    const depth = depths.pop()!;
    if (depth > max) return true;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const child: unknown = node[i];
        if (child !== null && typeof child === 'object') {
          stack.push(child);
          depths.push(depth + 1);
        }
      }
    } else {
      const obj = node as Record<string, unknown>;
      for (const key in obj) {
        const child = obj[key];
        if (child !== null && typeof child === 'object') {
          stack.push(child);
          depths.push(depth + 1);
        }
      }
    }
  }
  return false;
}

/** The problem reported for a value nested deeper than MAX_JSON_DEPTH. */
export function tooDeepDetail(what: string): string {
  return `${what} nests arrays or objects more than ${MAX_JSON_DEPTH} levels deep (no platform record does); not read`;
}

/**
 * The members of the JSON array or object that starts at `text[from]` (after whitespace), as source
 * spans: `[start, end)` of each element or member value, with the member's key. Lets a reader keep
 * each record's exact source text (JSON.parse then JSON.stringify would round 19-digit numeric ids).
 * Assumes `text` parsed; undefined when the value there is not an array or object.
 */
export function jsonMembers(text: string, from = 0): { key?: string; start: number; end: number }[] | undefined {
  let i = skipSpace(text, from);
  const open = text.charCodeAt(i);
  if (open !== 0x5b && open !== 0x7b) return undefined;
  const out: { key?: string; start: number; end: number }[] = [];
  i = skipSpace(text, i + 1);
  while (i < text.length && text.charCodeAt(i) !== 0x5d && text.charCodeAt(i) !== 0x7d) {
    let key: string | undefined;
    if (open === 0x7b) {
      const k = i;
      i = skipString(text, i);
      key = JSON.parse(text.slice(k, i)) as string;
      i = skipSpace(text, skipSpace(text, i) + 1); // past the colon
    }
    const start = i;
    i = skipValue(text, i);
    out.push(key === undefined ? { start, end: i } : { key, start, end: i });
    i = skipSpace(text, i);
    if (text.charCodeAt(i) === 0x2c) i = skipSpace(text, i + 1);
  }
  return out;
}

function skipSpace(text: string, i: number): number {
  for (let c = text.charCodeAt(i); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = text.charCodeAt(++i));
  return i;
}

/** Index just after the string that starts at `i`. */
function skipString(text: string, i: number): number {
  for (i++; i < text.length; i++) {
    const d = text.charCodeAt(i);
    if (d === 0x5c) i++;
    else if (d === 0x22) return i + 1;
  }
  return i;
}

/** Index just after the value that starts at `i` (iterative, so any depth is fine). */
function skipValue(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 0x22) return skipString(text, i);
  if (c !== 0x5b && c !== 0x7b) {
    for (let d = c; i < text.length && d !== 0x2c && d !== 0x5d && d !== 0x7d && d !== 0x20 && d !== 0x0a && d !== 0x0d && d !== 0x09; d = text.charCodeAt(++i));
    return i;
  }
  let depth = 0;
  while (i < text.length) {
    const d = text.charCodeAt(i);
    if (d === 0x22) {
      i = skipString(text, i);
      continue;
    }
    if (d === 0x5b || d === 0x7b) depth++;
    else if ((d === 0x5d || d === 0x7d) && --depth === 0) return i + 1;
    i++;
  }
  return i;
}

/** How many times maxRecordBytes a whole-file document may be. */
export const DOCUMENT_FACTOR = 16;
const HEAD_BYTES = 64 * 1024;
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** `JSON.parse` message made readable ("… in JSON at position 41 (line 1 column 42)"). */
function jsonError(err: unknown, size: number): string {
  const msg = err instanceof Error ? err.message : String(err);
  return `malformed JSON: ${msg.slice(0, 200)}${/position \d+/.test(msg) ? '' : ` (${size} bytes read)`}`;
}

async function firstLine(file: string): Promise<{ line: string | undefined; complete: boolean; size: number }> {
  const { size } = await stat(file);
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(Math.min(size, HEAD_BYTES));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const head = buf.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '');
    const lines = head.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const complete = i < lines.length - 1 || bytesRead === size;
      if (lines[i]!.trim() !== '') return { line: lines[i]!.trim(), complete, size };
    }
    return { line: undefined, complete: true, size };
  } finally {
    await fh.close();
  }
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Read `file` as JSONL or as one JSON document (see the module comment), in arrays of items.
 * An empty or blank file yields a single `file_empty` problem.
 */
export async function* readJson(file: string, options: { maxRecordBytes?: number; chunkBytes?: number } = {}): AsyncGenerator<JsonItem[]> {
  const max = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const bom = await foreignBom(file);
  if (bom) {
    yield [{ line: 1, offset: 0, code: 'utf8_invalid', detail: foreignBomReason(bom), end: (await stat(file)).size }];
    return;
  }
  const first = await firstLine(file);
  if (first.line === undefined) {
    yield [{ code: 'file_empty', detail: first.size ? 'the file holds only blank lines, no records' : 'the file is empty (0 bytes), no records', end: first.size }];
    return;
  }
  if (first.complete && !parses(first.line)) {
    if (first.size <= max * DOCUMENT_FACTOR) {
      // A first line of just `{` or `[` is a pretty-printed document: report a parse error once,
      // at its line, instead of quarantining every line of it.
      const doc = await readDocument(file, first.size, /^[[{]$/.test(first.line));
      if (doc) {
        yield [doc];
        return;
      }
      // Not one document either: read it as JSONL so each bad line is reported where it is.
    } else if (/^[[{]$/.test(first.line)) {
      yield [{
        line: 1,
        offset: 0,
        code: 'record_too_large',
        detail: `a pretty-printed JSON document of ${first.size} bytes is larger than the ${max * DOCUMENT_FACTOR}-byte limit for whole-file JSON; convert it to JSONL (e.g. jq -c) or raise maxRecordBytes`,
        end: first.size,
      }];
      return;
    }
  }
  for await (const items of readLines(file, options)) {
    const out: JsonItem[] = [];
    for (const it of items) {
      if (isLineProblem(it)) {
        const end = it.end;
        out.push(
          it.code === 'record_too_large'
            ? { line: it.line, offset: it.offset, code: it.code, detail: `line is ${it.size} bytes, over the ${max}-byte record limit; skipped`, excerpt: it.excerpt, end }
            : { line: it.line, offset: it.offset, code: it.code, detail: 'line is not valid UTF-8', excerpt: it.excerpt, end },
        );
        continue;
      }
      const end = it.end;
      // A BOM at the start of a later line: files concatenated with `cat`. Skip it like the first one.
      const text = it.text.charCodeAt(0) === 0xfeff ? it.text.slice(1) : it.text;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        out.push({ line: it.line, offset: it.offset, code: 'json_malformed', detail: jsonError(err, it.bytes.length), excerpt: it.bytes, end });
        continue;
      }
      if (jsonTooDeep(text, value)) out.push({ line: it.line, offset: it.offset, code: 'json_too_deep', detail: tooDeepDetail('the line'), excerpt: it.bytes, end });
      else out.push({ line: it.line, offset: it.offset, text, value, document: false, end });
    }
    yield out;
  }
}

async function readDocument(file: string, size: number, mustParse: boolean): Promise<JsonItem | undefined> {
  const fh = await open(file, 'r');
  let bytes: Buffer;
  try {
    bytes = Buffer.alloc(size);
    await fh.read(bytes, 0, size, 0);
  } finally {
    await fh.close();
  }
  let text: string;
  try {
    text = decoder.decode(bytes); // drops a leading BOM
  } catch {
    return { line: 1, offset: 0, code: 'utf8_invalid', detail: 'the JSON document is not valid UTF-8', excerpt: bytes, end: size };
  }
  // `offset` is where `text` starts: after a BOM, which the decoder dropped.
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    const value: unknown = JSON.parse(text);
    if (jsonTooDeep(text, value)) {
      return { line: 1, offset: bom, code: 'json_too_deep', detail: tooDeepDetail('the JSON document'), excerpt: text.slice(0, 400), end: size };
    }
    return { line: 1, offset: bom, text, value, document: true, end: size };
  } catch (err) {
    if (!mustParse) return undefined;
    const position = Number(/position (\d+)/.exec((err as Error).message)?.[1] ?? text.length);
    const before = text.slice(0, position);
    const line = before.split('\n').length;
    const offset = Buffer.byteLength(before.slice(0, before.lastIndexOf('\n') + 1));
    const excerpt = text.slice(Math.max(0, position - 200), position + 200);
    return { line, offset, code: 'json_malformed', detail: `the JSON document is malformed, nothing in it was read: ${jsonError(err, size)}`, excerpt, end: size };
  }
}

/**
 * Finds the line and byte offset of successive parts of a document's text (each search starts where
 * the previous match was), so records inside a pretty-printed file point near where they are.
 */
export class TextLocator {
  private index = 0;
  private line = 1;
  private offset = 0;

  /** `startOffset`: the file offset of `text[0]` (3 after a BOM). */
  constructor(
    private readonly text: string,
    startOffset = 0,
  ) {
    this.offset = startOffset;
  }

  /** Position of the next occurrence of `needle`; the current position when it is not found. */
  locate(needle: string): { line: number; offset: number } {
    const at = this.text.indexOf(needle, this.index);
    if (at >= 0) {
      const between = this.text.slice(this.index, at);
      for (let k = between.indexOf('\n'); k !== -1; k = between.indexOf('\n', k + 1)) this.line++;
      this.offset += Buffer.byteLength(between);
      this.index = at;
    }
    return { line: this.line, offset: this.offset };
  }
}
