/**
 * `vigil ingest --to nats://…`: the same readers and counts as a store ingest (pipeline/ingest.ts),
 * with batches published to JetStream instead of written. Workers (worker.ts) store them.
 */
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { IngestSink } from '../pipeline/ingest.js';
import { sha256 } from '../util/hash.js';
import { DEFAULT_PREFIX, ensureStream, jetstreamManager, partitionBatch, streamNames, StreamError } from './stream.js';
import type { Account, Post, QuarantineEntry } from '../model/types.js';

/** Tries per message before the publish fails: a server restart takes a few seconds. */
const PUBLISH_TRIES = 20;

/** Counts of what was handed to the stream. */
export interface PublishCounts {
  messages: number;
  bytes: number;
}

/**
 * A sink for ingestFiles that publishes each batch, split by partition, and returns once JetStream
 * has stored every message (so a finished ingest means the records are durable in the stream). Each
 * message's id is the hash of its content: publishing a file again within the stream's duplicate
 * window adds nothing, and after it workers store nothing twice anyway.
 */
export class JetStreamSink implements IngestSink {
  readonly counts: PublishCounts = { messages: 0, bytes: 0 };
  private constructor(
    private readonly js: JetStreamClient,
    private readonly prefix: string,
    readonly partitions: number,
  ) {}

  static async open(nc: NatsConnection, options: { prefix?: string; partitions?: number } = {}): Promise<JetStreamSink> {
    const prefix = options.prefix ?? DEFAULT_PREFIX;
    const partitions = await ensureStream(await jetstreamManager(nc), prefix, options.partitions);
    return new JetStreamSink(jetstream(nc), prefix, partitions);
  }

  async putPosts(posts: Post[]): Promise<{ stored: number; duplicates: number }> {
    await this.publish({ posts });
    return { stored: posts.length, duplicates: 0 };
  }

  async putAccounts(accounts: Account[]): Promise<void> {
    await this.publish({ accounts });
  }

  async putQuarantine(quarantined: QuarantineEntry[]): Promise<void> {
    await this.publish({ quarantined });
  }

  bulkLoad<T>(load: () => Promise<T>): Promise<T> {
    return load();
  }

  private async publish(records: Parameters<typeof partitionBatch>[0]): Promise<void> {
    const subject = streamNames(this.prefix).subject;
    // Messages of different partitions go out together; one partition's stay in order (each
    // awaits the previous), which is what keeps an account's records in sequence.
    const byPartition = new Map<number, string[]>();
    for (const m of partitionBatch(records, this.partitions)) {
      let list = byPartition.get(m.partition);
      if (!list) byPartition.set(m.partition, (list = []));
      list.push(m.payload);
    }
    await Promise.all(
      [...byPartition].map(async ([partition, payloads]) => {
        for (const payload of payloads) {
          await this.publishOne(subject(partition), payload);
          this.counts.messages++;
          this.counts.bytes += payload.length;
        }
      }),
    );
  }

  private async publishOne(subject: string, payload: string): Promise<void> {
    const msgID = sha256(payload);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.js.publish(subject, payload, { msgID, timeout: 10_000 });
        return;
      } catch (err) {
        const message = (err as Error).message;
        if (/max.?payload/i.test(message)) {
          throw new StreamError(`ingest: a message of ${payload.length} bytes exceeds the NATS server's max_payload; raise it (max_payload: 8MB in nats-server.conf)`, { cause: err });
        }
        if (attempt >= PUBLISH_TRIES) throw new StreamError(`ingest: cannot publish to ${subject} after ${attempt} tries: ${message}`, { cause: err });
        await new Promise((resolve) => setTimeout(resolve, Math.min(250 * attempt, 2000)));
      }
    }
  }
}
