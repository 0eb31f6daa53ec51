import { EventEmitter } from 'node:events';
import type { Account, Finding, Incident, Post, QuarantineEntry } from '../model/types.js';
import type { Store } from '../store/store.js';
import type { LiveItem } from './item.js';

/** Store state key under which a source's cursor is kept. */
export function cursorKey(source: string): string {
  return `live:cursor:${source}`;
}

/** A change to an incident caused by live posts; sent to the dashboard (SSE) and to webhooks. */
export interface IncidentEvent {
  type: 'new' | 'updated';
  incident: Incident;
  /** Score before this batch, for `updated`. */
  previousScore?: number;
  /** When the change was stored (ISO). */
  at: string;
}

/** What one stored batch did; `latencyMs` is the oldest item's receipt-to-stored time. */
export interface BatchReport {
  items: number;
  stored: number;
  duplicates: number;
  quarantined: number;
  skipped: number;
  findings: number;
  incidents: number;
  latencyMs: number;
}

export interface LivePipelineOptions {
  store: Store;
  /** The per-post detectors used for archives (analyze's `detectPostFindings` with a compiled watchlist). */
  detect: (posts: Post[]) => Finding[] | Promise<Finding[]>;
  /** Group findings into incidents (cases' `buildIncidents` with the watchlist). */
  buildIncidents: (findings: Finding[]) => Incident[];
  /** Items per batch (default 2000). */
  batchSize?: number;
  /** Longest wait before a partial batch is written, ms (default 100). */
  flushMs?: number;
  /** Pending items above which `push` asks the connector to pause (default 50 000). */
  highWater?: number;
  /** Called when a batch cannot be written; the batch's cursors are not advanced. */
  onError?: (err: unknown) => void;
}

interface Pending {
  source: string;
  item: LiveItem;
  receivedAt: number;
}

/** A batch after stage 1. */
interface StoredBatch {
  items: number;
  receivedAt: number;
  posts: Post[];
  written: { stored: number; duplicates: number };
  quarantined: number;
  skipped: number;
  cursors: Map<string, string>;
}

/**
 * The live path: connectors push items; the pipeline writes them in batches through the same
 * detectors as archives (read → normalize → detect → store), updates incidents, and only then
 * advances each source's cursor. A crash between receipt and storage therefore replays the frames
 * from the source on restart, and the store counts them as duplicates: at-least-once, nothing lost.
 *
 * Events, per stored batch: `posts` (its posts), `batch` (BatchReport), then `incident`
 * (IncidentEvent) for each incident it created or changed.
 */
export class LivePipeline extends EventEmitter {
  readonly totals = { items: 0, stored: 0, duplicates: 0, quarantined: 0, skipped: 0, findings: 0, batches: 0, errors: 0 };
  /** Skipped frames by kind (likes, follows, deletes…), so nothing disappears uncounted. */
  readonly skippedByKind = new Map<string, number>();
  private pending: Pending[] = [];
  /** Stage 1 (store the batch) of the batch being written, if any. */
  private storing: Promise<void> | undefined;
  /** Stage 2 (findings, incidents, cursors) of every stored batch, chained in batch order. */
  private tail: Promise<void> = Promise.resolve();
  private inStage2 = 0;
  private timer: NodeJS.Timeout | undefined;
  private drainWaiters: (() => void)[] = [];
  private readonly batchSize: number;
  private readonly flushMs: number;
  private readonly highWater: number;

  constructor(private readonly options: LivePipelineOptions) {
    super();
    this.batchSize = options.batchSize ?? 2000;
    this.flushMs = options.flushMs ?? 100;
    this.highWater = options.highWater ?? 50_000;
  }

  /** Queue one item. Returns false when the caller should pause reading until `drained()`. */
  push(source: string, item: LiveItem, receivedAt = performance.now()): boolean {
    this.pending.push({ source, item, receivedAt });
    if (this.pending.length >= this.batchSize) this.kick();
    else this.timer ??= setTimeout(() => this.kick(), this.flushMs);
    return this.pending.length < this.highWater;
  }

  /** Resolves once pending items fall below the high-water mark. */
  drained(): Promise<void> {
    if (this.pending.length < this.highWater) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /** Write everything queued so far, findings and cursors included. */
  async flush(): Promise<void> {
    while (this.pending.length || this.storing || this.inStage2) {
      this.kick();
      await this.storing;
      await this.tail;
    }
  }

  /**
   * Start storing the next batch. Two stages overlap: while batch k's detection runs (possibly in a
   * worker thread) and its incidents are updated, batch k+1 is written. Stage 2 runs in batch order,
   * and only stage 2 advances cursors, so a cursor never passes a batch whose findings are not stored.
   */
  private kick(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    // At most two batches past stage 1 at once, so memory stays bounded when detection is slower.
    if (this.storing || !this.pending.length || this.inStage2 >= 2) return;
    const batch = this.pending.splice(0, this.batchSize);
    this.storing = this.store(batch)
      .then((stored) => {
        this.inStage2++;
        // Detection starts now, in parallel with the next batch's stage 1.
        const found = stored.posts.length ? Promise.resolve(this.options.detect(stored.posts)) : Promise.resolve([]);
        found.catch(() => undefined); // handled in stage 2; avoid an unhandled rejection meanwhile
        this.tail = this.tail
          .then(() => this.finish(stored, found))
          .catch((err) => this.fail(err))
          .finally(() => {
            this.inStage2--;
            this.schedule();
          });
      })
      .catch((err) => this.fail(err))
      .finally(() => {
        this.storing = undefined;
        if (this.pending.length < this.highWater) for (const w of this.drainWaiters.splice(0)) w();
        this.schedule();
      });
  }

  private schedule(): void {
    if (this.pending.length >= this.batchSize) this.kick();
    else if (this.pending.length) this.timer ??= setTimeout(() => this.kick(), this.flushMs);
  }

  private fail(err: unknown): void {
    this.totals.errors++;
    this.options.onError?.(err);
  }

  /** Stage 1: accounts, quarantine and posts of one batch. */
  private async store(batch: Pending[]): Promise<StoredBatch> {
    const { store } = this.options;
    const posts: Post[] = [];
    const accounts: Account[] = [];
    const quarantine: QuarantineEntry[] = [];
    const cursors = new Map<string, string>();
    let skipped = 0;
    for (const { source, item } of batch) {
      if (item.post) posts.push(item.post);
      if (item.account) accounts.push(item.account);
      if (item.quarantine) quarantine.push(item.quarantine);
      if (item.skipped) {
        skipped++;
        // Kinds come from the stream (any collection name): keep at most 200 distinct ones.
        const kind = this.skippedByKind.has(item.skipped) || this.skippedByKind.size < 200 ? item.skipped : '(other)';
        this.skippedByKind.set(kind, (this.skippedByKind.get(kind) ?? 0) + 1);
      }
      if (item.cursor !== undefined) cursors.set(source, item.cursor);
    }
    if (accounts.length) await store.putAccounts(accounts);
    if (quarantine.length) await store.putQuarantine(quarantine);
    const written = posts.length ? await store.putPosts(posts) : { stored: 0, duplicates: 0 };
    if (posts.length) this.emit('posts', posts);
    return { items: batch.length, receivedAt: batch[0].receivedAt, posts, written, quarantined: quarantine.length, skipped, cursors };
  }

  /**
   * Stage 2: store the findings (detection ran on every post of the batch, duplicates included:
   * it is idempotent, and a replay after a crash must still produce what the crash interrupted),
   * update incidents, then advance the cursors and report.
   */
  private async finish(b: StoredBatch, found: Promise<Finding[]>): Promise<void> {
    const { store } = this.options;
    const findings = await found;
    let changed: IncidentEvent[] = [];
    if (findings.length) {
      await store.putFindings(findings);
      await store.appendEvidence(findings.flatMap((f) => f.evidence));
      changed = await this.updateIncidents(findings);
    }
    for (const [source, cursor] of b.cursors) await store.setState(cursorKey(source), cursor);

    const latencyMs = performance.now() - b.receivedAt;
    const t = this.totals;
    t.items += b.items;
    t.stored += b.written.stored;
    t.duplicates += b.written.duplicates;
    t.quarantined += b.quarantined;
    t.skipped += b.skipped;
    t.findings += findings.length;
    t.batches++;
    const report: BatchReport = {
      items: b.items,
      stored: b.written.stored,
      duplicates: b.written.duplicates,
      quarantined: b.quarantined,
      skipped: b.skipped,
      findings: findings.length,
      incidents: changed.length,
      latencyMs,
    };
    // The batch first (read models refresh on it), then each incident change (SSE, webhooks).
    this.emit('batch', report);
    for (const ev of changed) this.emit('incident', ev);
  }

  /**
   * Rebuild the incidents the new findings fall into, from the findings those incidents already
   * hold plus the new ones, and report what changed.
   */
  private async updateIncidents(fresh: Finding[]): Promise<IncidentEvent[]> {
    const { store } = this.options;
    const touched = this.options.buildIncidents(fresh);
    const before = new Map<string, Incident>();
    const ids = new Set<string>();
    for (const i of touched) {
      const old = await store.getIncident(i.id);
      if (!old) continue;
      before.set(i.id, old);
      for (const id of old.findingIds) ids.add(id);
      // Findings an analyst split off are still this incident's as analyze files them (the split is
      // applied on reading); rebuilt without them, an undone split would not bring them back.
      for (const s of old.splitInto ?? []) for (const id of (await store.getIncident(s))?.splitFrom?.findings ?? []) ids.add(id);
    }
    const all = new Map<string, Finding>();
    if (ids.size) for (const f of await store.listFindings({ ids: [...ids] })) all.set(f.id, f);
    for (const f of fresh) all.set(f.id, f);
    const wanted = new Set(touched.map((i) => i.id));
    const rebuilt = this.options.buildIncidents([...all.values()]).filter((i) => wanted.has(i.id));
    const at = new Date().toISOString();
    const events: IncidentEvent[] = [];
    const toStore: Incident[] = [];
    for (const incident of rebuilt) {
      const old = before.get(incident.id);
      if (!old) events.push({ type: 'new', incident, at });
      else if (old.score !== incident.score || old.findingIds.length !== incident.findingIds.length) {
        // Keep what the analyst set; the store keeps it too, this keeps the event truthful.
        events.push({ type: 'updated', incident: { ...incident, status: old.status, notes: old.notes }, previousScore: old.score, at });
      } else continue;
      toStore.push(incident);
    }
    if (toStore.length) await store.putIncidents(toStore);
    return events;
  }
}
