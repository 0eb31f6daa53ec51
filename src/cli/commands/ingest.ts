import { ingestFiles, ingestSummary } from '../../pipeline/ingest.js';
import { openStore } from '../../store/index.js';
import { safeTerminal } from '../../util/escape.js';
import { FORMATS } from '../../ingest/index.js';
import { UsageError } from '../../errors.js';
import type { Command } from '../command.js';
import { Progress } from '../progress.js';
import { DEFAULT_DB } from './shared.js';

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'Read post archives into the store (each record stored or quarantined)',
  usage: 'ingest [--db PATH] [--format ID] FILE...',
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
Example: vigil ingest --db .vigil/vigil.db tweets.jsonl io_archive.csv`,
  positionals: true,
  options: {
    db: { type: 'string', help: `SQLite store (default ${DEFAULT_DB})`, placeholder: 'PATH' },
    format: { type: 'string', help: 'Input format id (default: detect per file)', placeholder: 'ID' },
    json: { type: 'boolean', help: 'Print the counts as one JSON line on stdout (and nothing else there)' },
  },
  async run(args, io) {
    if (!args.positionals.length) throw new UsageError('ingest: give at least one FILE. See `vigil ingest --help`.');
    const store = await openStore((args.values.db as string | undefined) ?? DEFAULT_DB);
    const progress = new Progress(io.stderr, io.isTTY, 'ingest', 0);
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
        const counts = c ? ingestSummary(c) : '';
        if (failure) io.stderr.write(`  ${safeTerminal(file)}: FAILED: ${safeTerminal(failure.message, 400)}${c && c.read ? ` (before it failed: ${counts})` : ''}\n`);
        else if (c) io.stderr.write(`  ${safeTerminal(file)}: ${counts}\n`);
      }
      if (json) {
        const files = args.positionals.map((file) => ({ file, ...(perFile.get(file) ?? {}), ...(failed.find((f) => f.file === file) ? { failed: failed.find((f) => f.file === file)!.message } : {}) }));
        io.stdout.write(JSON.stringify({ ...totals, files, failed: failed.length }) + '\n');
      }
      words.write(`${ingestSummary(totals)}\n`);
      if (totals.quarantined) words.write('Quarantined records: `vigil quarantine` lists them with file, line and reason.\n');
      if (failed.length) {
        io.stderr.write(`ingest: ${failed.length} of ${args.positionals.length} files could not be read; the others were ingested\n`);
        return 1;
      }
      return 0;
    } finally {
      progress.finish();
      await store.close();
    }
  },
};
