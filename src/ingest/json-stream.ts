/**
 * Streaming reader for the elements of named arrays inside one large JSON document, such as the
 * `messages` of a Telegram Desktop export (hundreds of MB for a busy channel). The file is lexed
 * byte by byte in chunks; only one element at a time is held (at most `maxRecordBytes`) and parsed
 * with JSON.parse. Scalars of the object that holds the array (a chat's `id`, `name`, `type`) are
 * handed along with each element, so they must come before the array, as Telegram writes them.
 */
import { createReadStream } from 'node:fs';
import { DEFAULT_MAX_RECORD_BYTES, EXCERPT_BYTES } from './record.js';
import { jsonTooDeep, tooDeepDetail, type JsonProblem } from './json.js';

/** One element of a target array, parsed, with where it is. */
export interface JsonElement {
  value: unknown;
  /** Source text of the element. */
  text: string;
  line: number;
  offset: number;
  /** Offset just after the element. */
  end: number;
  /** Scalar members (parsed) of the object that holds the array, seen before it. */
  parent: Record<string, unknown>;
}

/** An element, or a problem at its place. */
export type JsonStreamItem = JsonElement | (JsonProblem & { parent?: undefined });

interface Frame {
  array: boolean;
  /** Object frames: the key whose value comes next (or is being read). */
  key?: string;
  expectingKey: boolean;
  /** Object frames outside targets: raw scalar members. */
  scalars: Record<string, string>;
  /** Array frames: whether its elements are yielded. */
  target: boolean;
}

const SMALL = 1024; // keys and scalars longer than this are not kept
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Yield, in arrays per chunk read, every element of every array whose key is `arrayKey`.
 * Problems (an element over the size limit, one that does not parse, a truncated document) are
 * items too; nothing is thrown for bad input. `targets` counts the arrays found.
 */
export async function* streamJsonArrays(
  file: string,
  options: { arrayKey: string; maxRecordBytes?: number; chunkBytes?: number; stats?: { targets: number } },
): AsyncGenerator<JsonStreamItem[]> {
  const max = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const stack: Frame[] = [];
  let inString = false;
  let escape = false;
  let inScalar = false;
  let line = 1;
  let base = 0; // file offset of chunk[0]
  // The one capture in progress: an element, or (outside elements) a key or a small scalar.
  let cap: 'element' | 'key' | 'scalar' | undefined;
  let capStart = 0;
  let capLine = 0;
  let capParts: Buffer[] = [];
  let capBytes = 0;
  let capTooLarge = false;
  let elementDepth = -1; // stack length of the target array while inside one of its elements
  let innerDepth = 0; // open brackets inside the current element (its nested values get no frames)

  const frameOfValue = (): Frame | undefined => stack[stack.length - 1];

  for await (const raw of createReadStream(file, { highWaterMark: options.chunkBytes ?? 1024 * 1024 }) as AsyncIterable<Buffer>) {
    let chunk = raw;
    if (base === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
      chunk = chunk.subarray(3);
      base = 3;
    }
    const out: JsonStreamItem[] = [];
    const n = chunk.length;

    const startCapture = (kind: 'element' | 'key' | 'scalar', at: number): void => {
      cap = kind;
      capStart = base + at;
      capLine = line;
      capParts = [];
      capBytes = 0;
      capTooLarge = false;
    };
    /** Bytes of the capture ending at chunk index `at` (exclusive). */
    const endCapture = (at: number): Buffer => {
      const from = Math.max(0, capStart - base);
      const tail = chunk.subarray(from, at);
      capBytes += tail.length;
      const bytes = capParts.length ? Buffer.concat([...capParts, tail]) : tail;
      cap = undefined;
      capParts = [];
      return bytes;
    };
    /** A value starts at `at`. True when it is a container element (which gets no frame). */
    const valueStart = (at: number, kind: 'string' | 'scalar' | 'container'): boolean => {
      const parent = frameOfValue();
      if (elementDepth >= 0 || !parent) return false;
      if (parent.array) {
        if (parent.target) {
          startCapture('element', at);
          elementDepth = stack.length;
          innerDepth = kind === 'container' ? 1 : 0;
          return innerDepth === 1;
        }
      } else if (parent.expectingKey) {
        if (kind === 'string') startCapture('key', at + 1);
      } else if (kind !== 'container') {
        startCapture('scalar', at);
      }
      return false;
    };
    const finishElement = (at: number): void => {
      const bytes = endCapture(at);
      out.push(element(bytes, capLine, capStart, base + at));
      elementDepth = -1;
    };
    const valueEnd = (at: number): void => {
      // `at` is the chunk index just after the value.
      if (cap === 'element' && innerDepth === 0) {
        finishElement(at);
      } else if (cap === 'scalar' && elementDepth < 0) {
        const bytes = endCapture(at);
        const parent = frameOfValue();
        if (parent && !parent.array && parent.key !== undefined && !capTooLarge && bytes.length <= SMALL) parent.scalars[parent.key] = bytes.toString('utf8');
      }
    };
    const element = (bytes: Buffer, atLine: number, offset: number, end: number): JsonStreamItem => {
      const parentFrame = stack[stack.length - 2];
      const parent: Record<string, unknown> = {};
      if (parentFrame) {
        for (const [k, v] of Object.entries(parentFrame.scalars)) {
          try {
            parent[k] = JSON.parse(v);
          } catch {
            // a malformed scalar outside the elements: leave it out
          }
        }
      }
      if (capTooLarge || capBytes > max) {
        return { line: atLine, offset, code: 'record_too_large', detail: `the element is ${capBytes} bytes, over the ${max}-byte record limit; skipped`, excerpt: bytes.subarray(0, EXCERPT_BYTES), end };
      }
      let text: string;
      try {
        text = decoder.decode(bytes);
      } catch {
        return { line: atLine, offset, code: 'utf8_invalid', detail: 'the element is not valid UTF-8', excerpt: bytes.subarray(0, EXCERPT_BYTES), end };
      }
      try {
        const value: unknown = JSON.parse(text);
        if (jsonTooDeep(text, value)) {
          return { line: atLine, offset, code: 'json_too_deep', detail: tooDeepDetail('the element'), excerpt: bytes.subarray(0, EXCERPT_BYTES), end };
        }
        return { value, text, line: atLine, offset, end, parent };
      } catch (err) {
        const message = (err as Error).message;
        const position = Number(/position (\d+)/.exec(message)?.[1] ?? NaN);
        const at = Number.isFinite(position) ? ` at line ${atLine + text.slice(0, position).split('\n').length - 1}` : '';
        return { line: atLine, offset, code: 'json_malformed', detail: `malformed JSON${at}: ${message.slice(0, 200)}`, excerpt: bytes.subarray(0, EXCERPT_BYTES), end };
      }
    };

    let nextBackslash = -1; // cached position of the next `\` in this chunk (n when none)
    for (let i = 0; i < n; i++) {
      if (inString) {
        if (escape) {
          escape = false;
          continue;
        }
        // Jump to the string's next quote or backslash with native searches (strings are most of
        // the bytes); JSON strings hold no raw newlines, so no line is skipped.
        if (nextBackslash < i) {
          nextBackslash = chunk.indexOf(0x5c, i);
          if (nextBackslash === -1) nextBackslash = n;
        }
        let quote = chunk.indexOf(0x22, i);
        if (quote === -1) quote = n;
        if (nextBackslash < quote) {
          i = nextBackslash; // the loop's i++ lands on the escaped byte…
          escape = true; // …which the next turn skips
          continue;
        }
        if (quote === n) {
          i = n;
          continue;
        }
        i = quote;
        inString = false;
        if (cap === 'key' && elementDepth < 0) {
          const bytes = endCapture(i);
          const frame = frameOfValue();
          if (frame && !frame.array) frame.key = !capTooLarge && bytes.length <= SMALL ? bytes.toString('utf8') : undefined;
        } else {
          valueEnd(i + 1);
        }
        continue;
      }
      const c = chunk[i]!;
      if (c === 0x0a) line++;
      if (innerDepth > 0) {
        // Inside a container element only strings and brackets matter until it closes.
        if (c === 0x22) inString = true;
        else if (c === 0x7b || c === 0x5b) innerDepth++;
        else if ((c === 0x7d || c === 0x5d) && --innerDepth === 0) finishElement(i + 1);
        continue;
      }
      if (inScalar) {
        if (c === 0x2c || c === 0x5d || c === 0x7d || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
          inScalar = false;
          valueEnd(i);
        } else {
          continue;
        }
      }
      switch (c) {
        case 0x22: // "
          valueStart(i, 'string');
          inString = true;
          break;
        case 0x7b: // {
        case 0x5b: {
          // [
          if (valueStart(i, 'container')) break;
          const parent = frameOfValue();
          const isArray = c === 0x5b;
          const target = isArray && elementDepth < 0 && !!parent && !parent.array && parent.key === options.arrayKey;
          if (target && options.stats) options.stats.targets++;
          stack.push({ array: isArray, expectingKey: !isArray, scalars: {}, target });
          break;
        }
        case 0x7d: // }
        case 0x5d: // ]
          stack.pop();
          valueEnd(i + 1);
          break;
        case 0x2c: {
          // ,
          const frame = frameOfValue();
          if (frame && !frame.array) {
            frame.expectingKey = true;
            frame.key = undefined;
          }
          break;
        }
        case 0x3a: {
          // :
          const frame = frameOfValue();
          if (frame && !frame.array) frame.expectingKey = false;
          break;
        }
        case 0x20:
        case 0x0a:
        case 0x0d:
        case 0x09:
          break;
        default:
          valueStart(i, 'scalar');
          inScalar = true;
      }
    }
    // Keep the part of this chunk that an unfinished capture needs.
    if (cap) {
      const piece = chunk.subarray(Math.max(0, capStart - base));
      capBytes += piece.length;
      if (cap !== 'element' && capBytes > SMALL) {
        capTooLarge = true; // a long key or scalar: not kept
        capParts = [];
      } else if (capBytes > max) {
        // Too large: keep only the first 2 KiB for the excerpt.
        const kept = capParts.reduce((sum, b) => sum + b.length, 0);
        if (kept < EXCERPT_BYTES) capParts = [Buffer.from(Buffer.concat([...capParts, piece]).subarray(0, EXCERPT_BYTES))];
        capTooLarge = true;
      } else {
        capParts.push(piece);
      }
    }
    base += n;
    yield out;
  }
  if (stack.length || inString) {
    yield [{ line, offset: base, code: 'json_malformed', detail: 'the JSON document ends early (truncated?): the elements before this point were read', end: base }];
  }
}
