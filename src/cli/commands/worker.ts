import { compileWatchlist } from '../../analyze/index.js';
import { UsageError } from '../../errors.js';
import { openStore } from '../../store/index.js';
import { loadWatchlist } from '../../watch/load.js';
import { connectNats } from '../../worker/stream.js';
import { runWorker } from '../../worker/worker.js';
import type { Command } from '../command.js';
import { requireString } from '../command.js';

/** Parse a positive number option. */
function positive(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`worker: --${name} must be a positive number, got ${JSON.stringify(value)}`);
  return n;
}

export const workerCommand: Command = {
  name: 'worker',
  summary: 'Store record batches from NATS JetStream into PostgreSQL (run several, on several machines)',
  usage: 'worker --db postgres://… --nats nats://HOST:PORT [--watch FILE] [--stream PREFIX] [--until-idle]',
  description: `
Consumes the batches that \`vigil ingest --to nats://…\` publishes, runs the per-post detectors when
--watch is given (directive, harassment, threat; network detectors stay with \`vigil analyze\`), and
stores posts, accounts, quarantined records and findings into the PostgreSQL store. A batch is
acknowledged only after its writes returned; a batch redelivered after a crash stores nothing twice.
Each partition of the stream is held by one worker at a time, so an account's posts are stored in
the order they were read. Prints one line per batch on stderr. Stops cleanly on SIGTERM or SIGINT
(batches in hand are finished). NATS and PostgreSQL restarts are waited out. See docs/scale.md.
Example: vigil worker --db postgres://vigil@db/vigil --nats nats://queue:4222 --watch watchlist.yaml`,
  options: {
    db: { type: 'string', help: 'PostgreSQL store URL (postgres://…; ?schema=NAME picks a schema)', placeholder: 'URL' },
    nats: { type: 'string', help: 'NATS server with JetStream', placeholder: 'URL' },
    watch: { type: 'string', help: 'Watchlist: run the per-post detectors on each batch', placeholder: 'FILE' },
    stream: { type: 'string', help: 'Subject prefix of the stream (default vigil.raw)', placeholder: 'PREFIX' },
    'ack-wait': { type: 'string', help: 'Seconds before an unacknowledged batch goes to another worker (default 60)', placeholder: 'S' },
    concurrency: { type: 'string', help: 'Batches in hand at once (default 2)', placeholder: 'N' },
    'until-idle': { type: 'boolean', help: 'Exit once the stream is drained (for one-off catch-up and benches)' },
    quiet: { type: 'boolean', help: 'No line per batch, only the summary' },
  },
  async run(args, io) {
    const db = requireString(args, 'db', 'worker');
    if (!/^postgres(ql)?:\/\//.test(db)) throw new UsageError('worker: --db must be a postgres:// URL: workers on several machines share one PostgreSQL store');
    const natsUrl = requireString(args, 'nats', 'worker');
    const ackWaitMs = positive(args.values['ack-wait'], 'ack-wait', 60) * 1000;
    const concurrency = Math.round(positive(args.values.concurrency, 'concurrency', 2));
    const watchlist = typeof args.values.watch === 'string' ? compileWatchlist(await loadWatchlist(args.values.watch)) : undefined;
    // Fault tests only (test/e2e/worker-faults.test.ts): a pause between each batch's writes and its ack.
    const holdAckMs = Number(process.env.VIGIL_TEST_WORKER_HOLD_ACK_MS) || undefined;
    const store = await openStore(db);
    const abort = new AbortController();
    const onSignal = () => abort.abort();
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
    let nc: Awaited<ReturnType<typeof connectNats>> | undefined;
    try {
      nc = await connectNats(natsUrl, 'worker');
      const quiet = args.values.quiet === true;
      const counts = await runWorker({
        store,
        nc,
        prefix: args.values.stream as string | undefined,
        watchlist,
        ackWaitMs,
        concurrency,
        untilIdle: args.values['until-idle'] === true,
        signal: abort.signal,
        holdAckMs,
        log: (line) => {
          if (!quiet || !line.includes(' posts (')) io.stderr.write(line + '\n');
        },
      });
      io.stderr.write(
        `worker: ${counts.batches} batches (${counts.redelivered} redelivered): ${counts.posts} posts (${counts.stored} stored, ${counts.duplicates} duplicates), ` +
          `${counts.accounts} accounts, ${counts.quarantined} quarantined, ${counts.findings} findings\n`,
      );
      return 0;
    } finally {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      await nc?.close();
      await store.close();
    }
  },
};
