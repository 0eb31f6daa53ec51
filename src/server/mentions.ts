import type { Post, Watchlist } from '../model/types.js';
import type { Store } from '../store/store.js';
import { foldText } from '../util/normalize.js';

interface Matcher {
  raceId: string;
  candidateId: string;
  handles: Set<string>;
  /** Folded names and aliases, padded with spaces for whole-word matching. */
  names: string[];
}

/**
 * Candidate mentions per race and hour: the backdrop of the race timeline. A post mentions a
 * candidate when it @-mentions one of the candidate's handles or names them (folded, whole words).
 * Counts come from one background scan of the store at start plus every live post after it.
 */
export class MentionCounter {
  /** raceId → hour (`2026-10-20T14`) → candidateId → count */
  private readonly counts = new Map<string, Map<string, Map<string, number>>>();
  private readonly matchers: Matcher[] = [];
  /** First words of every name: a post none of whose words is here names no candidate. */
  private readonly firstWords = new Set<string>();
  private readonly anyHandles = new Set<string>();
  /** Key of the last post the archive scan has counted; undefined before it starts, null when done. */
  private scanKey: string | null | undefined;
  scanned = 0;

  constructor(watchlist: Watchlist) {
    for (const race of watchlist.races) {
      for (const c of race.candidates) {
        const handles = new Set<string>();
        for (const hs of Object.values(c.handles)) for (const h of hs) handles.add(h.toLowerCase());
        const names = [c.name, ...c.aliases].map((n) => foldText(n)).filter((n) => n.length >= 3).map((n) => ` ${n} `);
        this.matchers.push({ raceId: race.id, candidateId: c.id, handles, names });
        for (const n of names) this.firstWords.add(n.trim().split(' ')[0]);
        for (const h of handles) this.anyHandles.add(h);
      }
    }
  }

  /** Whether the archive scan has finished (until then, counts are partial). */
  get ready(): boolean {
    return this.scanKey === null;
  }

  /** Count live posts. While the scan runs, posts it will still reach are left to it. */
  addLive(posts: Post[]): void {
    if (this.scanKey === null) return this.count(posts);
    const pos = this.scanKey;
    if (pos === undefined) return; // the scan has not started: it will see them
    this.count(posts.filter((p) => `${p.platform}\u0000${p.id}` <= pos));
  }

  /** Count every stored post once, in batches, yielding between them. Starts over from zero. */
  async scan(store: Store, signal?: AbortSignal): Promise<void> {
    this.counts.clear();
    this.scanned = 0;
    this.scanKey = '';
    for await (const batch of store.iteratePosts({ batchSize: 1000 })) {
      if (signal?.aborted) return;
      this.count(batch);
      this.scanned += batch.length;
      const last = batch[batch.length - 1];
      this.scanKey = `${last.platform}\u0000${last.id}`;
      await new Promise((r) => setTimeout(r, 0)); // let requests in between slices
    }
    this.scanKey = null;
  }

  private count(posts: Post[]): void {
    for (const p of posts) {
      const mentions = p.mentions.length ? new Set(p.mentions.map((m) => m.toLowerCase())) : undefined;
      const folded = ` ${foldText(p.text.slice(0, 5000))} `;
      // Most posts name no candidate: one pass over their words rules that out cheaply.
      const mayName = folded.split(' ').some((w) => this.firstWords.has(w));
      const mayMention = mentions !== undefined && [...mentions].some((m) => this.anyHandles.has(m));
      if (!mayName && !mayMention) continue;
      for (const m of this.matchers) {
        let hit = false;
        if (mayMention) for (const h of m.handles) if (mentions!.has(h)) hit = true;
        if (!hit && mayName) hit = m.names.some((n) => folded.includes(n));
        if (!hit) continue;
        let byHour = this.counts.get(m.raceId);
        if (!byHour) this.counts.set(m.raceId, (byHour = new Map()));
        const hour = p.createdAt.slice(0, 13);
        let byCand = byHour.get(hour);
        if (!byCand) byHour.set(hour, (byCand = new Map()));
        byCand.set(m.candidateId, (byCand.get(m.candidateId) ?? 0) + 1);
      }
    }
  }

  /** Mentions per bucket (`hour` keys `…T14`, `day` keys `…-20`) and candidate for a race. */
  series(raceId: string, bucket: 'hour' | 'day'): Map<string, Record<string, number>> {
    const out = new Map<string, Record<string, number>>();
    for (const [hour, byCand] of this.counts.get(raceId) ?? []) {
      const key = bucket === 'hour' ? `${hour}:00:00Z` : hour.slice(0, 10);
      let rec = out.get(key);
      if (!rec) out.set(key, (rec = {}));
      for (const [c, n] of byCand) rec[c] = (rec[c] ?? 0) + n;
    }
    return out;
  }
}
