/**
 * Freshness (issue 10 part 5): a server notices what other processes commit to its store — `vigil
 * analyze`, `ingest`, `leads --confirm` run beside it — without a restart. It polls the store's
 * change mark (SQLite's data_version, a trigger-kept counter on PostgreSQL: one cheap read per tick)
 * and, when it moved, rebuilds the cached views and announces each incident that is new or whose
 * score or findings changed as an `incident` event: the same path live batches take, so the
 * dashboard's alert list and SSE stream and the webhooks all hear of it.
 */
import type { EventEmitter } from 'node:events';
import type { IncidentEvent } from '../live/pipeline.js';
import type { Incident } from '../model/types.js';
import type { Store } from '../store/store.js';
import type { Views } from './views.js';

export interface StoreWatcherOptions {
  store: Store;
  views: Views;
  /** Where `incident` events go (the live pipeline's emitter, which the API, SSE and webhooks listen on). */
  events: EventEmitter;
  /** Poll interval, ms (default 2000). */
  intervalMs?: number;
  onError?: (err: unknown) => void;
}

/** What an incident looked like when last seen, to tell new and changed ones apart. */
type Seen = { score: number; findings: number };
const seenOf = (i: Incident): Seen => ({ score: i.score, findings: i.findingIds.length });

export class StoreWatcher {
  private mark: string | undefined;
  private readonly seen = new Map<string, Seen>();
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<boolean> | undefined;
  private readonly onLive = (ev: IncidentEvent) => this.seen.set(ev.incident.id, seenOf(ev.incident));

  constructor(private readonly o: StoreWatcherOptions) {
    // Changes this process makes itself are announced by the live pipeline: remember them, so a
    // store whose mark also counts its own writes (PostgreSQL) does not announce them twice.
    o.events.on('incident', this.onLive);
  }

  /** Take the store's current state as the baseline (nothing is announced for it). */
  async baseline(): Promise<void> {
    this.mark = await this.o.store.changeMark();
    this.seen.clear();
    for (const i of await this.o.store.listIncidents()) this.seen.set(i.id, seenOf(i));
  }

  /** Poll every `intervalMs` until stop(). */
  async start(): Promise<void> {
    await this.baseline();
    const tick = () => {
      this.timer = setTimeout(() => {
        void this.check()
          .catch((err) => this.o.onError?.(err))
          .finally(() => {
            if (this.timer) tick();
          });
      }, this.o.intervalMs ?? 2000);
      this.timer.unref();
    };
    tick();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.o.events.off('incident', this.onLive);
  }

  /** One poll: true when the store had changed (views rebuilt, events sent). Calls do not overlap. */
  check(): Promise<boolean> {
    this.checking ??= this.poll().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async poll(): Promise<boolean> {
    const mark = await this.o.store.changeMark();
    if (mark === this.mark) return false;
    this.mark = mark;
    const at = new Date().toISOString();
    const events: IncidentEvent[] = [];
    for (const incident of await this.o.store.listIncidents()) {
      const before = this.seen.get(incident.id);
      const now = seenOf(incident);
      this.seen.set(incident.id, now);
      if (!before) events.push({ type: 'new', incident, at });
      else if (before.score !== now.score || before.findings !== now.findings) events.push({ type: 'updated', incident, previousScore: before.score, at });
    }
    // Every cached race is rebuilt, not only those with events: counts and timelines move with
    // findings that change no incident's score.
    await this.o.views.refresh();
    for (const ev of events) this.o.events.emit('incident', ev);
    return true;
  }
}
