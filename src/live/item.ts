import type { Account, Post, QuarantineEntry } from '../model/types.js';

/**
 * What a live connector hands to the pipeline for one frame. Exactly one outcome is set, so every
 * frame is counted: a post to store, an account update, a quarantined frame, or a frame that is not
 * a post (likes, follows, deletes…) counted under `skipped` with its kind.
 */
export interface LiveItem {
  post?: Post;
  account?: Account;
  quarantine?: QuarantineEntry;
  /** Kind of a frame that carries no post, e.g. `app.bsky.feed.like` or `delete`. */
  skipped?: string;
  /** Source cursor after this frame, persisted once the frame's batch is stored. */
  cursor?: string;
}

/** Cut raw input kept in quarantine to a few KiB. */
export function excerpt(raw: string, max = 4096): string {
  return raw.length > max ? raw.slice(0, max) : raw;
}
