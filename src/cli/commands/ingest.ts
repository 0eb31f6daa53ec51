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

Ends with: N read, N stored, N duplicates, N quarantined (read = stored + duplicates + quarantined).
Example: vigil ingest --db .vigil/vigil.db tweets.jsonl io_archive.csv`,
  positionals: true,
  options: {
    db: { type: 'string', help: `SQLite store (default ${DEFAULT_DB})`, placeholder: 'PATH' },
    format: { type: 'string', help: 'Input format id (default: detect per file)', placeholder: 'ID' },
    json: { type: 'boolean', help: 'Print the counts as one JSON line on stdout' },
  },
  async run(args, io) {
    if (!args.positionals.length) throw new UsageError('ingest: give at least one FILE. See `vigil ingest --help`.');
    const store = await openStore((args.values.db as string | undefined) ?? DEFAULT_DB);
    const progress = new Progress(io.stderr, io.isTTY, 'ingest', 0);
    try {
      const { totals, perFile } = await ingestFiles(
        store,
        args.positionals,
        { format: args.values.format as string | undefined },
        {
          onFile: (file, size) => progress.phase(`ingest ${file}`, size),
          onBatch: (_file, bytes) => progress.update(bytes),
        },
      );
      progress.finish();
      for (const [file, c] of perFile) io.stderr.write(`  ${safeTerminal(file)}: ${ingestSummary(c)}\n`);
      if (args.values.json) io.stdout.write(JSON.stringify(totals) + '\n');
      io.stdout.write(`${ingestSummary(totals)}\n`);
      if (totals.quarantined) io.stdout.write('Quarantined records: `vigil quarantine` lists them with file, line and reason.\n');
      return 0;
    } finally {
      progress.finish();
      await store.close();
    }
  },
};
