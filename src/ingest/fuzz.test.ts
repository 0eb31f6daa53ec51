/**
 * Seeded fuzzing: every fixture of every format, cut and corrupted at random places, must read
 * without throwing, with read = posts + quarantined in every batch and a reason on every entry.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FORMATS } from './registry.js';
import { fixture, tempFile } from './test-helpers.js';

const FIXTURES: Record<string, string[]> = {
  'x-v2': ['x-v2/two_tweets.jsonl', 'x-v2/page-pretty.json', 'x-v2/quoted_edit.jsonl'],
  'x-v1': ['x-v1/get_retweets.json', 'x-v1/search-results.json', 'x-v1/stream.jsonl'],
  'io-archive': ['io-archive/io_tweets_sample.csv'],
  jsonl: ['generic/posts.jsonl'],
  csv: ['generic/posts.csv'],
  bluesky: ['bluesky/golden_v1.jsonl', 'bluesky/list-records.json', 'bluesky/author-feed.json'],
  mastodon: ['mastodon/timeline.jsonl', 'mastodon/post_edited.json', 'mastodon/streaming_update.json'],
  telegram: ['telegram/result.json', 'telegram/saved.json'],
};

function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOISE = [0x22, 0x2c, 0x0a, 0x0d, 0x7b, 0x7d, 0x5b, 0x5d, 0x3a, 0x5c, 0xff, 0xc3, 0x00, 0xef, 0xbb, 0xbf, 0x30];

function mutate(bytes: Buffer, rand: () => number): Buffer {
  const out = Buffer.from(bytes);
  const kind = Math.floor(rand() * 4);
  if (kind === 0) return out.subarray(0, Math.floor(rand() * out.length)); // truncated
  const edits = 1 + Math.floor(rand() * 8);
  for (let e = 0; e < edits; e++) out[Math.floor(rand() * out.length)] = NOISE[Math.floor(rand() * NOISE.length)]!;
  if (kind === 2) return Buffer.concat([out, out.subarray(0, Math.floor(rand() * out.length))]); // appended garbage
  return out;
}

describe('fuzzed inputs', () => {
  for (const format of FORMATS) {
    it(`${format.id}: never throws and keeps the counts`, async () => {
      const rand = rng(format.id.length * 7919);
      for (const rel of FIXTURES[format.id] ?? []) {
        const original = readFileSync(fixture(rel));
        for (let round = 0; round < 25; round++) {
          const path = tempFile(rel.split('/').pop()!, mutate(original, rand));
          for await (const b of format.read(path, { batchSize: 7 })) {
            expect(b.read).toBe(b.posts.length + b.quarantined.length + b.skipped);
            for (const q of b.quarantined) {
              expect(q.reason).toMatch(/^ingest\/[a-z0-9-]+: /);
              expect(q.source.file).toBe(path);
              expect(Buffer.byteLength(q.excerpt ?? '')).toBeLessThanOrEqual(2048);
            }
            for (const p of b.posts) {
              expect(typeof p.id).toBe('string');
              expect(p.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
              expect(typeof p.text).toBe('string');
            }
          }
        }
      }
    });
  }
  // Well-formed JSON with values of the wrong type at random places: mapping must check every type.
  const JSON_FIXTURES = Object.entries(FIXTURES).filter(([id]) => !['io-archive', 'csv'].includes(id));
  const ODD: unknown[] = [null, 5, 1e300, 'x', '', [], {}, true, [null], { a: 1 }, -1, '2022-13-45'];
  function scramble(value: unknown, rand: () => number): unknown {
    if (rand() < 0.08) return ODD[Math.floor(rand() * ODD.length)];
    if (Array.isArray(value)) return value.map((v) => scramble(v, rand));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scramble(v, rand)]));
    return value;
  }
  for (const [id, files] of JSON_FIXTURES) {
    it(`${id}: values of the wrong type are quarantined, not thrown`, async () => {
      const format = FORMATS.find((f) => f.id === id)!;
      const rand = rng(id.length * 104729);
      for (const rel of files) {
        const text = readFileSync(fixture(rel), 'utf8');
        const jsonl = rel.endsWith('.jsonl');
        const values = jsonl ? text.split('\n').filter((l) => l.trim()).flatMap((l) => { try { return [JSON.parse(l)]; } catch { return []; } }) : [JSON.parse(text)];
        for (let round = 0; round < 40; round++) {
          const scrambled = values.map((v) => scramble(v, rand));
          const content = jsonl ? scrambled.map((v) => JSON.stringify(v)).join('\n') : JSON.stringify(scrambled[0], null, 1);
          for await (const b of format.read(tempFile(rel.split('/').pop()!, content))) {
            expect(b.read).toBe(b.posts.length + b.quarantined.length + b.skipped);
            for (const p of b.posts) {
              expect(typeof p.id).toBe('string');
              expect(typeof p.authorHandle).toBe('string');
              expect(typeof p.text).toBe('string');
              for (const list of [p.urls, p.hashtags, p.mentions]) for (const x of list) expect(typeof x).toBe('string');
            }
          }
        }
      }
    });
  }

  it('covers every format', () => {
    for (const f of FORMATS) expect(FIXTURES[f.id], f.id).toBeDefined();
  });
});
