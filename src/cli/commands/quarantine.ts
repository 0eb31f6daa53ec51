import { openStore } from '../../store/index.js';
import { safeTerminal } from '../../util/escape.js';
import type { Command } from '../command.js';
import { numberOption } from '../command.js';
import { DEFAULT_DB } from './shared.js';

export const quarantineCommand: Command = {
  name: 'quarantine',
  summary: 'List records that could not be stored, with file, line and reason',
  usage: 'quarantine [--db PATH] [--limit N] [--json]',
  options: {
    db: { type: 'string', help: `SQLite store (default ${DEFAULT_DB})`, placeholder: 'PATH' },
    limit: { type: 'string', help: 'How many entries to list (default 50)', placeholder: 'N' },
    json: { type: 'boolean', help: 'One JSON line per entry' },
  },
  async run(args, io) {
    const store = await openStore((args.values.db as string | undefined) ?? DEFAULT_DB);
    try {
      const limit = numberOption(args, 'limit', 'quarantine', 50);
      const total = await store.countQuarantine();
      for (const q of await store.listQuarantine({ limit })) {
        if (args.values.json) {
          io.stdout.write(JSON.stringify(q) + '\n');
          continue;
        }
        const where = `${q.source.file}${q.source.line ? `:${q.source.line}` : ''}`;
        io.stdout.write(`${safeTerminal(where)}  ${q.code}  ${safeTerminal(q.reason, 300)}\n`);
      }
      if (!args.values.json) io.stdout.write(`${total} quarantined in all\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
