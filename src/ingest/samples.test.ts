/**
 * A sweep over every real sample in /work/shared/samples (skipped where that folder is absent):
 * detection gives the expected format (or none for files that hold no posts), and each file reads
 * without throwing, with read = posts + quarantined in every batch.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IngestFormatError } from '../errors.js';
import { collect, detectFormat, readPosts } from './registry.js';

const ROOT = '/work/shared/samples';

/** Expected detection per sample; null = not a post source (user lookups, counts, syntax lists). */
const EXPECTED: Record<string, string | null> = {
  'twitter-v2/brexit.jsonl': 'x-v2',
  'twitter-v2/counts.jsonl': null,
  'twitter-v2/edited_after.jsonl': 'x-v2',
  'twitter-v2/edited_before.jsonl': 'x-v2',
  'twitter-v2/geo_tweets.jsonl': 'x-v2',
  'twitter-v2/many_urls.jsonl': 'x-v2',
  'twitter-v2/media_tweet.jsonl': 'x-v2',
  'twitter-v2/mentions_tweet.jsonl': 'x-v2',
  'twitter-v2/quoted_edit.jsonl': 'x-v2',
  'twitter-v2/streaming_output_with_error.jsonl': 'x-v2',
  'twitter-v2/tweets_compliance.jsonl': null,
  'twitter-v2/two_tweets.jsonl': 'x-v2',
  'twitter-v2/users.jsonl': null,
  'twitter-v2/users_compliance.jsonl': null,
  'twitter-v2/verified_type.jsonl': 'x-v2',
  'twitter-v2/withheld.jsonl': 'x-v2',
  'twitter-v1.1/extended_tweet_in_compat_mode.json': 'x-v1',
  'twitter-v1.1/extended_tweet_in_extended_mode.json': 'x-v1',
  'twitter-v1.1/get_retweets.json': 'x-v1',
  'twitter-v1.1/get_status.json': 'x-v1',
  'twitter-v1.1/status_quoted_tweet.json': 'x-v1',
  'twitter-v1.1/streaming_extended_tweet.json': 'x-v1',
  'bluesky/aturi_syntax_valid.txt': null,
  'bluesky/data-model-fixtures.json': null,
  'bluesky/data-model-invalid.json': null,
  'bluesky/data-model-valid.json': null,
  'bluesky/datetime_parse_invalid.txt': null,
  'bluesky/datetime_syntax_invalid.txt': null,
  'bluesky/datetime_syntax_valid.txt': null,
  'bluesky/did_syntax_valid.txt': null,
  'bluesky/expected_v1.jsonl': 'bluesky',
  'bluesky/golden_v1.jsonl': 'bluesky',
  'bluesky/handle_syntax_valid.txt': null,
  'bluesky/manifest.json': null,
  'bluesky/record-data-invalid.json': null,
  'bluesky/record-data-valid.json': null,
  'mastodon/Context.json': 'mastodon',
  'mastodon/StatusWithNull.json': 'mastodon',
  'mastodon/StatusWithoutNull.json': 'mastodon',
  'mastodon/Timeline.json': 'mastodon',
  'mastodon/account_moved.json': null,
  'mastodon/post no emojis.json': 'mastodon',
  'mastodon/post with emojis and attachments.json': 'mastodon',
  'mastodon/post_akkoma_quote.json': 'mastodon',
  'mastodon/post_edited.json': 'mastodon',
  'mastodon/quote.json': 'mastodon',
  'mastodon/streaming_delete.json': 'mastodon',
  'mastodon/streaming_update.json': 'mastodon',
  'telegram/bot.json': 'telegram',
  'telegram/personal.json': 'telegram',
  'telegram/private_channel.json': 'telegram',
  'telegram/private_group.json': 'telegram',
  'telegram/public_channel.json': 'telegram',
  'telegram/public_supergroup.json': 'telegram',
  'telegram/result.json': 'telegram',
  'telegram/saved.json': 'telegram',
};

/** Posts expected from some samples (counted independently from the files). */
const POSTS: Record<string, number> = {
  'twitter-v2/brexit.jsonl': 100,
  'twitter-v2/withheld.jsonl': 215,
  'twitter-v2/streaming_output_with_error.jsonl': 7,
  'mastodon/Timeline.json': 2,
  'mastodon/Context.json': 2,
};

describe.skipIf(!existsSync(ROOT))('real samples in /work/shared/samples', () => {
  for (const [rel, format] of Object.entries(EXPECTED)) {
    it(`${rel}: ${format ?? 'not a post source'}`, async () => {
      const path = `${ROOT}/${rel}`;
      if (format === null) {
        await expect(detectFormat(path)).rejects.toBeInstanceOf(IngestFormatError);
        return;
      }
      expect((await detectFormat(path)).id).toBe(format);
      const r = await collect(readPosts(path));
      expect(r.read).toBe(r.posts.length + r.quarantined.length + r.skipped);
      if (POSTS[rel] !== undefined) expect(r.posts).toHaveLength(POSTS[rel]!);
      for (const p of r.posts) expect(p.platform).toMatch(/^(x|bluesky|mastodon|telegram)$/);
    });
  }
});
