import { loadCaseBundle } from '../../cases/case-bundle-builder.js';
import { EXPORTERS } from '../../export/index.js';
import { listLeads } from '../../leads/store.js';
import { openStore } from '../../store/index.js';
import { safeTerminal } from '../../util/escape.js';
import { loadWatchlist } from '../../watch/load.js';
import type { Command } from '../command.js';
import { requireString } from '../command.js';
import { KEY_OPTION, ledgerSummary, sealBundles } from '../ledger.js';
import { ledgerFiles } from '../../export/ledger.js';
import { exportStem } from '../../export/index.js';
import { DEFAULT_DB, writeExportFiles } from './shared.js';

export const reportCommand: Command = {
  name: 'report',
  summary: 'Write one self-contained HTML case report per race',
  usage: 'report --watch FILE [--db PATH] [--race ID | --all] [--out DIR] [--key PATH]',
  description: `
Writes, for each race in the watchlist (or the one --race names), an HTML file with the incidents,
their timeline, the evidence table with source references and SHA-256 hashes, the DISARM techniques
and the legal indicators with their caveats. --all writes one report covering every race. The file
has no script and loads nothing: it can be mailed or archived as it is. Post text is escaped.
Each report is written with a signed checkpoint of the evidence ledger (vigil-checkpoint-*.json,
to publish) and inclusion proofs of its evidence (vigil-ledger-proofs-*.json), once the whole
ledger verifies; a broken ledger is reported and not signed. Run \`vigil analyze\` first.`,
  options: {
    watch: { type: 'string', help: 'Watchlist (YAML or JSON)', placeholder: 'FILE' },
    db: { type: 'string', help: `Store (default ${DEFAULT_DB})`, placeholder: 'PATH' },
    race: { type: 'string', help: 'Only this race id', placeholder: 'ID' },
    all: { type: 'boolean', help: 'One report covering all races' },
    out: { type: 'string', help: 'Folder for the reports (default reports)', placeholder: 'DIR' },
    key: KEY_OPTION,
  },
  async run(args, io) {
    const watchlist = await loadWatchlist(requireString(args, 'watch', 'report'));
    const db = (args.values.db as string | undefined) ?? DEFAULT_DB;
    const store = await openStore(db);
    const out = (args.values.out as string | undefined) ?? 'reports';
    try {
      const raceIds: (string | undefined)[] = args.values.all
        ? [undefined]
        : args.values.race
          ? [args.values.race as string]
          : watchlist.races.map((r) => r.id);
      // The ledger is verified and signed once for all the reports of this run.
      const bundles = [];
      for (const raceId of raceIds) bundles.push({ ...(await loadCaseBundle(store, watchlist, raceId)), leads: await listLeads(store, { raceId }) });
      await sealBundles(store, bundles, db, args.values.key as string | undefined, io);
      for (const bundle of bundles) {
        const [path] = await writeExportFiles(out, [...EXPORTERS.html.export(bundle), ...ledgerFiles(bundle, exportStem(bundle))]);
        io.stdout.write(`${safeTerminal(path!)}: ${bundle.incidents.length} incidents, ${bundle.findings.length} findings, ${bundle.evidence.length} evidence entries (${safeTerminal(ledgerSummary(bundle), 400)})\n`);
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};
