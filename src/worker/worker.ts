/**
 * `vigil worker`: consume record batches from JetStream (published by `vigil ingest --to nats://…`),
 * run the per-post detectors, store into PostgreSQL, and acknowledge each batch only after every
 * write returned. A batch redelivered after a crash stores nothing twice: posts are keyed by
 * (platform, id), accounts upserted, quarantine kept once per (source, code), findings replaced by
 * their id (which the post's key determines) and logged in the ledger only when they changed.
 */
import { jetstream, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { detectPostFindings, type CompiledWatchlist } from '../analyze/index.js';
import { StoreError } from '../errors.js';
import type { Store } from '../store/store.js';
import { safeTerminal } from '../util/escape.js';
import { decodeBatch, DEFAULT_PREFIX, ensureConsumer, ensureStream, jetstreamManager, streamNames, type RawBatch } from './stream.js';

/** What a worker has done so far. */
export interface WorkerCounts {
  batches: number;
  /** Batches that had been delivered before (to this or another worker) and not acknowledged. */
  redelivered: number;
  posts: number;
  stored: number;
  duplicates: number;
  accounts: number;
  quarantined: number;
  findings: number;
}

export interface WorkerOptions {
  store: Store;
  nc: NatsConnection;
  /** Subject prefix of the stream (default `vigil.raw`). */
  prefix?: string;
  /** With a watchlist, the per-post detectors run on each batch (directive, harassment, threat). */
  watchlist?: CompiledWatchlist;
  /** How long a batch may stay unacknowledged before JetStream hands it to another worker (default 60 s). */
  ackWaitMs?: number;
  /** Batches stored at once by this worker (default 2: one is detected while another is written). */
  concurrency?: number;
  /** Return once every partition is empty and nothing is in flight (benches, tests, one-off catch-up). */
  untilIdle?: boolean;
  /** One line per batch and per problem. */
  log(line: string): void;
  /** Stop pulling, finish the batches in hand, return. */
  signal?: AbortSignal;
  /**
   * Fault tests only: wait this long between a batch's writes and its ack (logged), so that a test
   * can kill the worker, or restart a server, with a batch committed but not acknowledged.
   */
  holdAckMs?: number;
}

/** A store failure is retried in place for about this long (PostgreSQL restarting), then the worker stops. */
const STORE_RETRY_MS = 5 * 60_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A counting semaphore: `acquire` resolves with a release function. */
class Slots {
  private waiting: (() => void)[] = [];
  constructor(private free: number) {}
  async acquire(): Promise<() => void> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    return () => {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    };
  }
}

/** Write one batch in the order a single ingest would: posts, accounts, quarantine, then findings. */
async function storeBatch(store: Store, batch: RawBatch, findings: ReturnType<typeof detectPostFindings>) {
  const { stored, duplicates } = batch.posts.length ? await store.putPosts(batch.posts) : { stored: 0, duplicates: 0 };
  if (batch.accounts.length) await store.putAccounts(batch.accounts);
  if (batch.quarantined.length) await store.putQuarantine(batch.quarantined);
  if (findings.length) await store.putFindings(findings);
  return { stored, duplicates };
}

/**
 * Consume until `signal` aborts (or, with `untilIdle`, until the stream is drained). Creates the
 * stream and one durable consumer per partition when missing. Returns the counts.
 */
export async function runWorker(options: WorkerOptions): Promise<WorkerCounts> {
  const { store, nc, log } = options;
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const names = streamNames(prefix);
  const ackWaitMs = options.ackWaitMs ?? 60_000;
  const jsm = await jetstreamManager(nc);
  const partitions = await ensureStream(jsm, prefix);
  const consumers = [];
  for (let p = 0; p < partitions; p++) consumers.push(await ensureConsumer(jsm, prefix, p, ackWaitMs));
  const js = jetstream(nc);
  const counts: WorkerCounts = { batches: 0, redelivered: 0, posts: 0, stored: 0, duplicates: 0, accounts: 0, quarantined: 0, findings: 0 };
  const slots = new Slots(Math.max(1, options.concurrency ?? 2));
  let inFlight = 0;
  let stopped = false;
  let failure: Error | undefined;
  const stop = () => (stopped = true);
  options.signal?.addEventListener('abort', stop, { once: true });
  log(`worker: consuming ${names.stream} (${partitions} partitions, subjects ${names.subject(0)} … ${names.subject(partitions - 1)})`);

  const handle = async (msg: JsMsg) => {
    inFlight++;
    // Tell JetStream the batch is being worked on, so a slow write (PostgreSQL restarting) is not
    // handed to another worker; a killed worker sends nothing and its batch is redelivered.
    const beat = setInterval(() => msg.working(), Math.max(500, ackWaitMs / 3));
    const release = await slots.acquire();
    try {
      if (stopped) return msg.nak();
      let batch: RawBatch;
      try {
        batch = decodeBatch(msg.data);
      } catch (err) {
        // Not ours (another version, another producer): it would fail the same way for ever.
        log(`${safeTerminal((err as Error).message, 200)}; ${msg.subject} message ${msg.seq} is dropped from the stream`); // JSON.parse quotes the message's own bytes
        return msg.term();
      }
      const started = Date.now();
      const findings = options.watchlist && batch.posts.length ? detectPostFindings(batch.posts, options.watchlist) : [];
      let result: { stored: number; duplicates: number } | undefined;
      for (let attempt = 1; !result; attempt++) {
        try {
          result = await storeBatch(store, batch, findings);
        } catch (err) {
          if (Date.now() - started > STORE_RETRY_MS) {
            throw new StoreError(`worker: ${msg.subject} message ${msg.seq}: the store still fails after ${STORE_RETRY_MS / 60_000} minutes: ${(err as Error).message}`, { cause: err });
          }
          const wait = Math.min(500 * attempt, 5000);
          log(`worker: ${msg.subject} message ${msg.seq}: store failed (${safeTerminal((err as Error).message, 200)}); retrying in ${wait} ms`);
          await sleep(wait);
        }
      }
      if (options.holdAckMs) {
        log(`worker: ${msg.subject} message ${msg.seq}: written; holding the ack for ${options.holdAckMs} ms (fault test)`);
        await sleep(options.holdAckMs);
      }
      const acked = await msg.ackAck({ timeout: 5000 }).catch(() => false);
      counts.batches++;
      if (msg.info.deliveryCount > 1) counts.redelivered++;
      counts.posts += batch.posts.length;
      counts.stored += result.stored;
      counts.duplicates += result.duplicates;
      counts.accounts += batch.accounts.length;
      counts.quarantined += batch.quarantined.length;
      counts.findings += findings.length;
      const again = msg.info.deliveryCount > 1 ? ` (delivery ${msg.info.deliveryCount})` : '';
      const lost = acked ? '' : '; the ack was not confirmed: JetStream may deliver the batch again, which stores nothing twice';
      log(
        `worker: ${msg.subject} message ${msg.seq}${again}: ${batch.posts.length} posts (${result.stored} stored, ${result.duplicates} duplicates), ` +
          `${batch.accounts.length} accounts, ${batch.quarantined.length} quarantined, ${findings.length} findings; ${Date.now() - started} ms${lost}`,
      );
    } catch (err) {
      failure ??= err as Error;
      stopped = true;
      msg.nak();
    } finally {
      clearInterval(beat);
      release();
      inFlight--;
    }
  };

  // One long poll per partition: a consumer hands out one message at a time, so a partition that
  // another worker holds simply waits here while the others flow.
  const loops = consumers.map(async (name, partition) => {
    let complained = 0;
    while (!stopped) {
      try {
        const consumer = await js.consumers.get(names.stream, name);
        while (!stopped) {
          const msg = await consumer.next({ expires: 5000 });
          if (msg) await handle(msg);
        }
      } catch (err) {
        if (stopped) break;
        // NATS restarting or unreachable: the client reconnects by itself; say so now and then.
        if (Date.now() - complained > 10_000) {
          log(`worker: ${names.subject(partition)}: waiting for NATS (${safeTerminal((err as Error).message, 200)})`);
          complained = Date.now();
        }
        await sleep(1000);
      }
    }
  });

  if (options.untilIdle) {
    // Idle twice in a row: nothing pending or unacknowledged on any partition, nothing in hand.
    let idleChecks = 0;
    while (!stopped && idleChecks < 2) {
      await sleep(1000);
      try {
        let busy = inFlight;
        for (const name of consumers) {
          const info = await jsm.consumers.info(names.stream, name);
          busy += info.num_pending + info.num_ack_pending;
        }
        idleChecks = busy === 0 ? idleChecks + 1 : 0;
      } catch {
        idleChecks = 0;
      }
    }
    stopped = true;
  } else {
    while (!stopped) await sleep(250);
  }
  // Batches in hand are finished and acknowledged. Long polls still open end when the caller closes
  // the connection (a batch delivered to one meanwhile goes to another worker after the ack wait).
  while (inFlight > 0) await sleep(50);
  void loops;
  options.signal?.removeEventListener('abort', stop);
  if (failure) throw failure;
  return counts;
}
