/**
 * Generated hostile inputs for every reader, shared by the property tests (fuzz.property.test.ts, a
 * few hundred inputs) and bench/ingest-fuzz.ts (100,000 and more): real samples mutated at random
 * (bytes flipped to JSON/CSV syntax, cut, spliced, duplicated), and samples with hostile values put
 * in (10,000-deep nesting, U+0000, lone surrogates, 19-digit numbers, years 0001 and 2999, BOMs).
 * Not part of the public API.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { ingestFiles } from '../pipeline/ingest.js';
import type { Store } from '../store/store.js';
import { fixture } from './test-helpers.js';

/** Real samples per format id (test/fixtures; see each folder's README for their origin). */
export const SEEDS: Record<string, string[]> = {
  'x-v2': ['x-v2/two_tweets.jsonl', 'x-v2/page-pretty.json', 'x-v2/quoted_edit.jsonl', 'x-v2/single-tweets.jsonl'],
  'x-v1': ['x-v1/get_retweets.json', 'x-v1/search-results.json', 'x-v1/stream.jsonl', 'x-v1/get_status.json'],
  'io-archive': ['io-archive/io_tweets_sample.csv'],
  jsonl: ['generic/posts.jsonl'],
  csv: ['generic/posts.csv'],
  bluesky: ['bluesky/golden_v1.jsonl', 'bluesky/list-records.json', 'bluesky/author-feed.json'],
  mastodon: ['mastodon/timeline.jsonl', 'mastodon/post_edited.json', 'mastodon/streaming_update.json'],
  telegram: ['telegram/result.json', 'telegram/saved.json'],
};

const cache = new Map<string, Buffer>();
function seed(rel: string): Buffer {
  let b = cache.get(rel);
  if (!b) cache.set(rel, (b = readFileSync(fixture(rel))));
  return b;
}

/** Bytes that matter to the parsers: JSON and CSV syntax, line ends, NUL, invalid UTF-8, BOM parts. */
const NOISE = [0x22, 0x2c, 0x0a, 0x0d, 0x7b, 0x7d, 0x5b, 0x5d, 0x3a, 0x5c, 0xff, 0xc3, 0x00, 0xef, 0xbb, 0xbf, 0x30, 0x20, 0x09];

/** Text put into a JSON string or value position: each has broken a reader somewhere before. */
const HOSTILE_VALUES = [
  '['.repeat(10_000) + ']'.repeat(10_000),
  '{"a":'.repeat(3_000) + '1' + '}'.repeat(3_000),
  '"a\\u0000b"',
  '"\\ud800"',
  '1583000000000000123',
  '1e400',
  '-0',
  '"0001-01-01T00:00:00Z"',
  '"2999-12-31T23:59:59Z"',
  '"\\u202e\\u2066evil"',
  '"' + 'x'.repeat(70_000) + '"',
  'null',
  '[]',
  '{}',
];

type Mutation =
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'cut'; at: number }
  | { kind: 'splice'; from: number; to: number; at: number }
  | { kind: 'value'; at: number; value: number }
  | { kind: 'bom'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), byte: fc.constantFrom(...NOISE) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('splice' as const), from: fc.double({ min: 0, max: 1, noNaN: true }), to: fc.double({ min: 0, max: 1, noNaN: true }), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('value' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), value: fc.nat(HOSTILE_VALUES.length - 1) }),
  fc.record({ kind: fc.constant('bom' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
);

/** Replace the JSON value after the `n`-th `:` near `at` (or insert at a line start in CSV). */
function putValue(bytes: Buffer, at: number, value: string): Buffer {
  const pos = Math.floor(at * bytes.length);
  const colon = bytes.indexOf(0x3a, pos);
  if (colon < 0) return Buffer.concat([bytes.subarray(0, pos), Buffer.from(value), bytes.subarray(pos)]);
  let end = colon + 1;
  // Skip a simple scalar or string value (good enough: the result need not be valid JSON).
  while (end < bytes.length && bytes[end] === 0x20) end++;
  if (bytes[end] === 0x22) {
    end++;
    while (end < bytes.length && bytes[end] !== 0x22) end += bytes[end] === 0x5c ? 2 : 1;
    end++;
  } else {
    while (end < bytes.length && ![0x2c, 0x7d, 0x5d, 0x0a].includes(bytes[end]!)) end++;
  }
  return Buffer.concat([bytes.subarray(0, colon + 1), Buffer.from(value), bytes.subarray(end)]);
}

function apply(bytes: Buffer, m: Mutation): Buffer {
  const at = (x: number) => Math.min(bytes.length, Math.floor(x * bytes.length));
  switch (m.kind) {
    case 'flip': {
      const out = Buffer.from(bytes);
      if (out.length) out[Math.min(out.length - 1, at(m.at))] = m.byte;
      return out;
    }
    case 'cut':
      return bytes.subarray(0, at(m.at));
    case 'splice': {
      const [a, b] = [at(m.from), at(m.to)].sort((x, y) => x - y);
      const p = at(m.at);
      return Buffer.concat([bytes.subarray(0, p), bytes.subarray(a, b), bytes.subarray(p)]);
    }
    case 'value':
      return putValue(bytes, m.at, HOSTILE_VALUES[m.value]!);
    case 'bom':
      return Buffer.concat([bytes.subarray(0, at(m.at)), Buffer.from([0xef, 0xbb, 0xbf]), bytes.subarray(at(m.at))]);
  }
}

/** A mutated real sample of `format`: a seed file and 0-6 mutations. */
export function mutatedSample(format: string): fc.Arbitrary<Buffer> {
  const seeds = SEEDS[format]!;
  return fc.tuple(fc.constantFrom(...seeds), fc.array(mutation, { maxLength: 6 })).map(([rel, ms]) => ms.reduce(apply, seed(rel)));
}

/**
 * Random JSON lines: objects with the keys readers look for (ids, text, times, users, records) and
 * arbitrary values, so that mapping code sees every type in every place.
 */
export function randomJsonLines(): fc.Arbitrary<Buffer> {
  const key = fc.constantFrom('id', 'id_str', 'text', 'full_text', 'created_at', 'createdAt', 'author_id', 'user', 'platform', 'author_handle', 'data', 'includes', 'did', 'kind', 'commit', 'record', 'uri', 'account', 'content', 'event', 'payload', 'statuses', 'messages', 'type', 'date', 'entities', 'retweeted_status', 'reblog', 'facets', 'urls', 'hashtags');
  const value = fc.letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('2022-10-20T14:03:11Z', 'Thu Oct 20 14:03:11 +0000 2022', 'x', 'did:plc:a', 'at://did:plc:a/app.bsky.feed.post/k', 9007199254740993), fc.dictionary(key, tie('v'), { maxKeys: 5 }), fc.array(tie('v'), { maxLength: 3 })),
  }));
  return fc.array(fc.dictionary(key, value.v, { maxKeys: 8 }), { minLength: 1, maxLength: 6 }).map((objs) => Buffer.from(objs.map((o) => JSON.stringify(o)).join('\n') + '\n'));
}

/** What one generated input gave: its counts, or the crash (an error that is not a file problem). */
export interface FuzzOutcome {
  read: number;
  /** read - (stored + duplicates + quarantined + skipped): must be 0. */
  lost: number;
  /** The file as a whole could not be read (no known format, with format detection). */
  unreadable: boolean;
  crash?: Error;
}

/**
 * Ingest `path` into `store` as `format` through the pipeline (the same path as `vigil ingest`) and
 * check that nothing is lost: every record read is stored, a duplicate, quarantined or skipped.
 */
export async function checkInput(store: Store, path: string, format?: string): Promise<FuzzOutcome> {
  try {
    const { totals, failed } = await ingestFiles(store, [path], { format, worker: false, batchSize: 7 });
    const lost = totals.read - (totals.stored + totals.duplicates + totals.quarantined + totals.skipped);
    return { read: totals.read, lost, unreadable: failed.length > 0 };
  } catch (err) {
    return { read: 0, lost: 0, unreadable: false, crash: err as Error };
  }
}
