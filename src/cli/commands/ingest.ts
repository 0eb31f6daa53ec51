import { ingestFiles, ingestSummary, type IngestSink } from '../../pipeline/ingest.js';
import { openStore } from '../../store/index.js';
import { JetStreamSink } from '../../worker/publish.js';
import { connectNats, shownUrl } from '../../worker/stream.js';
import { safeTerminal } from '../../util/escape.js';
import { FORMATS } from '../../ingest/index.js';
import { UsageError } from '../../errors.js';
import type { Command } from '../command.js';
import { Progress } from '../progress.js';
import { DEFAULT_DB } from './shared.js';

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'Read post archives into the store (each record stored or quarantined)',
  usage: 'ingest [--db PATH | --to nats://HOST:PORT] [--format ID] FILE...',
  description: `
Reads each FILE as a stream, normalizes its posts and stores them. Records that cannot be read are
quarantined with file, line and reason (see \`vigil quarantine\`). Re-ingesting a file stores nothing
twice (posts are keyed by platform and native id), so an interrupted ingest can simply be run again.
The format is detected from the content unless --format is given. Formats:
${FORMATS.map((f) => `  ${f.id.padEnd(12)} ${f.title}`).join('\n')}

Each file gets its own line on stderr. A file that cannot be read (missing, no known format) is
reported and the others go on; the exit code is then 1. Records that are expected not to be posts
(Bluesky likes and follows, deletions, Telegram service messages) are counted as skipped. Posts with
an implausible time (before 1990, in the future) or NUL characters are stored with a note and a warning.

Ends with: N read, N stored, N duplicates, N quarantined, N skipped (not posts)
(read = stored + duplicates + quarantined + skipped). With --json, stdout holds only one JSON object.
Example: vigil ingest --db .vigil/vigil.db tweets.jsonl io_archive.csv

With --to nats://HOST:PORT the batches are published to a NATS JetStream stream instead (created
if missing, one subject per partition: an account's records stay in order) for \`vigil worker\`s to
store into PostgreSQL; the counts then say "published" for "stored", and duplicates show up in the
workers' counts. The command returns once JetStream has every message. See docs/scale.md.`,
  positionals: true,
  options: {
    db: { type: 'string', help: `SQLite store (default ${DEFAULT_DB})`, placeholder: 'PATH' },
    format: { type: 'string', help: 'Input format id (default: detect per file)', placeholder: 'ID' },
    json: { type: 'boolean', help: 'Print the counts as one JSON line on stdout (and nothing else there)' },
    to: { type: 'string', help: 'Publish to NATS JetStream for `vigil worker` instead of storing', placeholder: 'URL' },
    stream: { type: 'string', help: 'With --to: subject prefix of the stream (default vigil.raw)', placeholder: 'PREFIX' },
    partitions: { type: 'string', help: 'With --to: partitions of a new stream (default 16)', placeholder: 'N' },
  },
  async run(args, io) {
    if (!args.positionals.length) throw new UsageError('ingest: give at least one FILE. See `vigil ingest --help`.');
    const to = args.values.to as string | undefined;
    if (to && args.values.db) throw new UsageError('ingest: give --db or --to, not both (workers store what --to publishes)');
    const { sink: store, close, sent } = to ? await openPublisher(to, args.values.stream as string | undefined, args.values.partitions as string | undefined) : await openSink((args.values.db as string | undefined) ?? DEFAULT_DB);
    const progress = new Progress(io.stderr, io.isTTY, 'ingest', 0);
    const summary = (c: Parameters<typeof ingestSummary>[0]) => (to ? ingestSummary(c).replace(' stored,', ' published,') : ingestSummary(c));
    const json = args.values.json === true;
    // With --json, stdout is for the JSON object alone (so `| jq` works); the words go to stderr.
    const words = json ? io.stderr : io.stdout;
    try {
      const { totals, perFile, failed } = await ingestFiles(
        store,
        args.positionals,
        { format: args.values.format as string | undefined },
        {
          onFile: (file, size) => progress.phase(`ingest ${file}`, size),
          onBatch: (_file, bytes) => progress.update(bytes),
          onWarnings: (warnings) => {
            for (const w of warnings) progress.log(`warning: ${safeTerminal(w, 400)}`);
          },
        },
      );
      progress.finish();
      for (const file of args.positionals) {
        const c = perFile.get(file);
        const failure = failed.find((f) => f.file === file);
        const counts = c ? summary(c) : '';
        if (failure) io.stderr.write(`  ${safeTerminal(file)}: FAILED: ${safeTerminal(failure.message, 400)}${c && c.read ? ` (before it failed: ${counts})` : ''}\n`);
        else if (c) io.stderr.write(`  ${safeTerminal(file)}: ${counts}\n`);
      }
      if (json) {
        const files = args.positionals.map((file) => ({ file, ...(perFile.get(file) ?? {}), ...(failed.find((f) => f.file === file) ? { failed: failed.find((f) => f.file === file)!.message } : {}) }));
        io.stdout.write(JSON.stringify({ ...totals, files, failed: failed.length }) + '\n');
      }
      if (sent) io.stderr.write(sent());
      words.write(`${summary(totals)}\n`);
      if (totals.quarantined) words.write('Quarantined records: `vigil quarantine` lists them with file, line and reason.\n');
      if (failed.length) {
        io.stderr.write(`ingest: ${failed.length} of ${args.positionals.length} files could not be read; the others were ingested\n`);
        return 1;
      }
      return 0;
    } finally {
      progress.finish();
      await close();
    }
  },
};

async function openSink(db: string): Promise<{ sink: IngestSink; close: () => Promise<void>; sent?: () => string }> {
  const store = await openStore(db);
  return { sink: store, close: () => store.close() };
}

async function openPublisher(url: string, prefix: string | undefined, partitions: string | undefined): Promise<{ sink: IngestSink; close: () => Promise<void>; sent: () => string }> {
  const n = partitions === undefined ? undefined : Number(partitions);
  if (n !== undefined && !(Number.isInteger(n) && n >= 1 && n <= 1024)) throw new UsageError('ingest: --partitions must be an integer from 1 to 1024');
  const nc = await connectNats(url, 'ingest');
  try {
    const sink = await JetStreamSink.open(nc, { prefix, partitions: n });
    const sent = () => `ingest: ${sink.counts.messages} messages (${(sink.counts.bytes / 2 ** 20).toFixed(1)} MiB) in ${sink.partitions} partitions of ${shownUrl(url)}\n`;
    return { sink, close: () => nc.close(), sent };
  } catch (err) {
    await nc.close();
    throw err;
  }
}
