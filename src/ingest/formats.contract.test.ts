/**
 * Contract test over the registry: every format has metadata, recognises its own fixtures and
 * none of the others', and reads its fixtures with read = posts + quarantined in every batch.
 */
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { detectFormat, FORMATS, formatById } from './registry.js';
import { fixture } from './test-helpers.js';

/** Fixtures per format id: every format must have at least one. */
const OWN: Record<string, string[]> = {
  'x-v2': ['x-v2/two_tweets.jsonl', 'x-v2/streaming_output_with_error.jsonl', 'x-v2/page-pretty.json', 'x-v2/single-tweets.jsonl', 'x-v2/quoted_edit.jsonl'],
  'x-v1': ['x-v1/get_retweets.json', 'x-v1/get_status.json', 'x-v1/streaming_extended_tweet.json', 'x-v1/extended_tweet_in_extended_mode.json', 'x-v1/status_quoted_tweet.json', 'x-v1/search-results.json', 'x-v1/stream.jsonl'],
  'io-archive': ['io-archive/io_tweets_sample.csv', 'io-archive/io_tweets_reordered.csv'],
  jsonl: ['generic/posts.jsonl'],
  csv: ['generic/posts.csv'],
  bluesky: ['bluesky/golden_v1.jsonl', 'bluesky/expected_v1.jsonl', 'bluesky/list-records.json', 'bluesky/author-feed.json'],
  mastodon: ['mastodon/post_edited.json', 'mastodon/post no emojis.json', 'mastodon/post_akkoma_quote.json', 'mastodon/timeline.jsonl', 'mastodon/streaming_update.json'],
  telegram: ['telegram/result.json', 'telegram/saved.json', 'telegram/public_channel.json'],
};

function head(path: string): string {
  return readFileSync(path).subarray(0, 64 * 1024).toString('utf8');
}

describe('ingest format registry', () => {
  it('has unique ids and every format has a title, a description and fixtures', () => {
    expect(new Set(FORMATS.map((f) => f.id)).size).toBe(FORMATS.length);
    for (const f of FORMATS) {
      expect(f.id, 'id').toMatch(/^[a-z0-9-]+$/);
      expect(f.title.length, `${f.id} title`).toBeGreaterThan(5);
      expect(f.description.length, `${f.id} description`).toBeGreaterThan(60);
      expect(OWN[f.id], `fixtures for ${f.id}`).toBeDefined();
    }
  });

  for (const format of FORMATS) {
    it(`${format.id}: sniffs its own fixtures and none of the others'`, async () => {
      for (const [id, files] of Object.entries(OWN)) {
        for (const rel of files) {
          const path = fixture(rel);
          expect(format.sniff(head(path), path), `${format.id} sniffing ${rel}`).toBe(id === format.id);
        }
      }
      for (const rel of OWN[format.id]!) expect((await detectFormat(fixture(rel))).id).toBe(format.id);
    });

    it(`${format.id}: reads its fixtures with read = posts + quarantined and no throw`, async () => {
      for (const rel of OWN[format.id]!) {
        let read = 0;
        let posts = 0;
        let lastBytes = 0;
        for await (const b of format.read(fixture(rel))) {
          expect(b.read).toBe(b.posts.length + b.quarantined.length + b.skipped);
          for (const p of b.posts) {
            expect(p.source.file).toBe(fixture(rel));
            expect(p.source.line).toBeGreaterThan(0);
            expect(typeof p.id).toBe('string');
            expect(p.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
          }
          read += b.read;
          posts += b.posts.length;
          expect(b.bytesRead).toBeGreaterThanOrEqual(lastBytes);
          lastBytes = b.bytesRead;
        }
        expect(posts, `${rel} gives posts`).toBeGreaterThan(0);
        expect(lastBytes, `${rel}: bytesRead ends at the file size`).toBe(statSync(fixture(rel)).size);
        expect(read).toBeGreaterThanOrEqual(posts);
      }
    });
  }

  it('formatById throws a UsageError listing the ids', () => {
    expect(formatById('csv').id).toBe('csv');
    expect(() => formatById('nope')).toThrow(UsageError);
    for (const f of FORMATS) expect(() => formatById('nope')).toThrow(f.id);
  });
});
