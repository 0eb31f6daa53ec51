import { loadCaseBundle } from '../../cases/case-bundle-builder.js';
import { EXPORTERS } from '../../export/index.js';
import { openStore } from '../../store/index.js';
import { safeTerminal } from '../../util/escape.js';
import { loadWatchlist } from '../../watch/load.js';
import type { Command } from '../command.js';
import { requireString } from '../command.js';
import { DEFAULT_DB, writeExportFiles } from './shared.js';

export const reportCommand: Command = {
  name: 'report',
  summary: 'Write one self-contained HTML case report per race',
  usage: 'report --watch FILE [--db PATH] [--race ID | --all] [--out DIR]',
  description: `
Writes, for each race in the watchlist (or the one --race names), an HTML file with the incidents,
their timeline, the evidence table with source references and SHA-256 hashes, the DISARM techniques
and the legal indicators with their caveats. --all writes one report covering every race. The file
has no script and loads nothing: it can be mailed or archived as it is. Post text is escaped.
Run \`vigil analyze\` first.`,
  options: {
    watch: { type: 'string', help: 'Watchlist (YAML or JSON)', placeholder: 'FILE' },
    db: { type: 'string', help: `Store (default ${DEFAULT_DB})`, placeholder: 'PATH' },
    race: { type: 'string', help: 'Only this race id', placeholder: 'ID' },
    all: { type: 'boolean', help: 'One report covering all races' },
    out: { type: 'string', help: 'Folder for the reports (default reports)', placeholder: 'DIR' },
  },
  async run(args, io) {
    const watchlist = await loadWatchlist(requireString(args, 'watch', 'report'));
    const store = await openStore((args.values.db as string | undefined) ?? DEFAULT_DB);
    const out = (args.values.out as string | undefined) ?? 'reports';
    try {
      const raceIds: (string | undefined)[] = args.values.all
        ? [undefined]
        : args.values.race
          ? [args.values.race as string]
          : watchlist.races.map((r) => r.id);
      for (const raceId of raceIds) {
        const bundle = await loadCaseBundle(store, watchlist, raceId);
        const [path] = await writeExportFiles(out, EXPORTERS.html.export(bundle));
        const ledger = bundle.ledger.ok ? 'ledger ok' : 'LEDGER BROKEN: run vigil verify';
        io.stdout.write(`${safeTerminal(path!)}: ${bundle.incidents.length} incidents, ${bundle.findings.length} findings, ${bundle.evidence.length} evidence entries (${ledger})\n`);
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};
