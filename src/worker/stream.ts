/**
 * The JetStream side of ingest workers: stream and consumer names, how records are partitioned into
 * subjects, the message format, and connecting with errors that say what is wrong.
 *
 * One stream per prefix (default `vigil.raw`) with one subject per partition (`vigil.raw.0` …
 * `vigil.raw.15`). An account's posts and profile always go to the same partition (hash of platform
 * and account id), and each partition has one durable consumer that hands out one message at a time
 * (max_ack_pending 1): however many workers pull, a partition's batches are stored in publish order.
 * The stream has work-queue retention, so a batch leaves it once a worker has acknowledged it.
 */
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, jetstreamManager, RetentionPolicy, StorageType, type JetStreamManager } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { UsageError, VigilError } from '../errors.js';
import { fnv1a } from '../util/hash.js';
import type { Account, Post, QuarantineEntry } from '../model/types.js';

/** Partitions of a new stream unless --partitions says otherwise: the most workers that can help at once. */
export const DEFAULT_PARTITIONS = 16;
export const DEFAULT_PREFIX = 'vigil.raw';
/**
 * Bytes of JSON per message before it is sent. NATS refuses messages over the server's max_payload
 * (1 MiB by default); a single record larger than this still goes alone (see docs/scale.md).
 */
const MESSAGE_BYTES = 256 * 1024;

/** NATS unreachable, a stream of another shape, a message that is not ours. */
export class StreamError extends VigilError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('stream', message, options);
  }
}

/** One message: records of one partition, in the order ingest read them. */
export interface RawBatch {
  v: 1;
  posts: Post[];
  accounts: Account[];
  quarantined: QuarantineEntry[];
}

/** Names derived from a subject prefix: the stream, a partition's subject and its durable consumer. */
export function streamNames(prefix: string) {
  if (!/^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/i.test(prefix) || prefix.length > 100) {
    throw new UsageError(`worker: invalid stream prefix ${JSON.stringify(prefix)} (letters, digits, '-', '_', separated by dots)`);
  }
  const stream = prefix.replace(/[.-]/g, '_').toUpperCase();
  return {
    stream,
    subject: (partition: number) => `${prefix}.${partition}`,
    consumer: (partition: number) => `${stream}_P${partition}`,
  };
}

/** The partition of an account: its posts and its profile travel together, in order. */
export function partitionOf(platform: string, accountId: string, partitions: number): number {
  return fnv1a(`${platform}\u0000${accountId}`) % partitions;
}

/**
 * Split records into messages per partition, each at most about MESSAGE_BYTES of JSON. Quarantine
 * entries have no account: they go by their file and line.
 */
export function partitionBatch(records: Partial<Omit<RawBatch, 'v'>>, partitions: number): { partition: number; payload: string }[] {
  type Part = { posts: string[]; accounts: string[]; quarantined: string[]; bytes: number };
  const parts = new Map<number, Part[]>();
  const add = (partition: number, key: 'posts' | 'accounts' | 'quarantined', record: unknown) => {
    const json = JSON.stringify(record);
    let list = parts.get(partition);
    if (!list) parts.set(partition, (list = []));
    let part = list[list.length - 1];
    if (!part || (part.bytes && part.bytes + json.length > MESSAGE_BYTES)) list.push((part = { posts: [], accounts: [], quarantined: [], bytes: 0 }));
    part[key].push(json);
    part.bytes += json.length + 1;
  };
  for (const p of records.posts ?? []) add(partitionOf(p.platform, p.authorId, partitions), 'posts', p);
  for (const a of records.accounts ?? []) add(partitionOf(a.platform, a.id, partitions), 'accounts', a);
  for (const q of records.quarantined ?? []) add(fnv1a(`${q.source.file}\u0000${q.source.line ?? ''}`) % partitions, 'quarantined', q);
  const out: { partition: number; payload: string }[] = [];
  for (const [partition, list] of parts) {
    for (const part of list) {
      out.push({ partition, payload: `{"v":1,"posts":[${part.posts.join(',')}],"accounts":[${part.accounts.join(',')}],"quarantined":[${part.quarantined.join(',')}]}` });
    }
  }
  return out;
}

/** Parse a message; a StreamError when it is not a batch this Vigil understands. */
export function decodeBatch(data: Uint8Array): RawBatch {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8'));
  } catch (err) {
    throw new StreamError(`worker: a message is not JSON: ${(err as Error).message}`, { cause: err });
  }
  const b = value as Partial<RawBatch> | null;
  if (!b || b.v !== 1 || !Array.isArray(b.posts) || !Array.isArray(b.accounts) || !Array.isArray(b.quarantined)) {
    throw new StreamError(`worker: a message is not a version 1 record batch (published by another Vigil version?)`);
  }
  return b as RawBatch;
}

/** A NATS URL fit for a log line: user and password left out. */
export function shownUrl(url: string): string {
  return url.replace(/\/\/[^@/,]*@/g, '//');
}

/**
 * Connect to NATS (a URL, or a comma-separated list for a cluster), reconnecting for ever after a
 * drop; a StreamError naming the server when it is unreachable.
 */
export async function connectNats(url: string, who: 'ingest' | 'worker'): Promise<NatsConnection> {
  const servers = url.split(',');
  if (!servers.every((s) => /^nats:\/\/[^/\s]+\/?$/.test(s))) throw new UsageError(`${who}: expected a NATS URL like nats://127.0.0.1:4222 (or several, comma-separated), got ${JSON.stringify(shownUrl(url))}`);
  try {
    return await connect({ servers, name: `vigil-${who}-${process.pid}`, maxReconnectAttempts: -1, reconnectTimeWait: 500 });
  } catch (err) {
    throw new StreamError(`${who}: cannot reach NATS at ${shownUrl(url)}: ${(err as Error).message}. Is nats-server running there with JetStream enabled (-js)?`, { cause: err });
  }
}

/**
 * The stream for `prefix`, created with `partitions` subjects if missing (file storage, work-queue
 * retention). An existing stream keeps its partitions; returns how many it has.
 */
export async function ensureStream(jsm: JetStreamManager, prefix: string, partitions = DEFAULT_PARTITIONS): Promise<number> {
  const names = streamNames(prefix);
  try {
    const info = await jsm.streams.info(names.stream);
    const n = info.config.subjects?.length ?? 0;
    if (!n || info.config.subjects!.some((s, i) => s !== names.subject(i))) {
      throw new StreamError(`worker: stream ${names.stream} exists but its subjects are not ${names.subject(0)} … ${names.subject(n - 1)}; delete it or use another --stream`);
    }
    return n;
  } catch (err) {
    if (err instanceof StreamError) throw err;
    if (!/not found/i.test((err as Error).message)) throw new StreamError(`worker: JetStream: ${(err as Error).message} (is JetStream enabled on the server, -js?)`, { cause: err });
  }
  if (!Number.isInteger(partitions) || partitions < 1 || partitions > 1024) throw new UsageError('worker: --partitions must be an integer from 1 to 1024');
  await jsm.streams.add({
    name: names.stream,
    subjects: Array.from({ length: partitions }, (_, i) => names.subject(i)),
    storage: StorageType.File,
    retention: RetentionPolicy.Workqueue,
    // Publishing the same batch again within two minutes (a rerun after a crash) is dropped by id.
    duplicate_window: nanos(120_000),
  });
  return partitions;
}

/**
 * The durable consumer of one partition, created or brought to `ackWaitMs`. One message in flight:
 * the next is handed out only after the last is acknowledged, which keeps the partition in order.
 */
export async function ensureConsumer(jsm: JetStreamManager, prefix: string, partition: number, ackWaitMs: number): Promise<string> {
  const names = streamNames(prefix);
  const name = names.consumer(partition);
  const ackWait = nanos(ackWaitMs);
  try {
    const info = await jsm.consumers.info(names.stream, name);
    if (info.config.ack_wait !== ackWait) await jsm.consumers.update(names.stream, name, { ack_wait: ackWait });
  } catch (err) {
    if (!/not found/i.test((err as Error).message)) throw err;
    await jsm.consumers.add(names.stream, {
      durable_name: name,
      filter_subject: names.subject(partition),
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      max_ack_pending: 1,
      ack_wait: ackWait,
      max_deliver: -1,
    });
  }
  return name;
}

export { jetstreamManager };
