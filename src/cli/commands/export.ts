import { loadCaseBundle } from '../../cases/case-bundle-builder.js';
import { UsageError } from '../../errors.js';
import { EXPORTERS, exportStem, isExporterName } from '../../export/index.js';
import { openStore } from '../../store/index.js';
import { safeTerminal } from '../../util/escape.js';
import { loadWatchlist } from '../../watch/load.js';
import type { Command } from '../command.js';
import { requireString } from '../command.js';
import { ledgerFiles } from '../../export/ledger.js';
import { KEY_OPTION, ledgerSummary, sealBundles } from '../ledger.js';
import { DEFAULT_DB, writeExportFiles } from './shared.js';

export const exportCommand: Command = {
  name: 'export',
  summary: 'Export cases as STIX 2.1, CSV, JSON or HTML',
  usage: 'export --watch FILE --format NAME [--db PATH] [--race ID] [--out DIR] [--key PATH]',
  description: `
Serialises the stored cases (incidents, findings, evidence) without re-detecting anything. Formats:
${Object.values(EXPORTERS).map((e) => `  ${e.name.padEnd(6)} ${e.description}`).join('\n')}
Without --race the export covers every race. CSV cells that hold identifiers (ids, accounts,
handles, URLs, hashes) are written exactly, so the files join each other and the input; free-text
cells (post text, explanations, titles, notes) starting with = + - @ get a leading ' against
spreadsheet formulas. --spreadsheet-safe puts the ' on every such cell, ids included. Networks of coordinated accounts for Gephi come from
\`vigil coordination --gexf/--graphml\`.
Every export is written with a signed checkpoint of the evidence ledger and inclusion proofs of its
evidence (vigil-checkpoint-*.json, vigil-ledger-proofs-*.json) once the whole ledger verifies; see
\`vigil verify\` and docs/security.md.`,
  options: {
    watch: { type: 'string', help: 'Watchlist (YAML or JSON)', placeholder: 'FILE' },
    format: { type: 'string', help: `One of ${Object.keys(EXPORTERS).join(', ')}`, placeholder: 'NAME' },
    db: { type: 'string', help: `Store (default ${DEFAULT_DB})`, placeholder: 'PATH' },
    race: { type: 'string', help: 'Only this race id', placeholder: 'ID' },
    out: { type: 'string', help: 'Folder for the files (default export)', placeholder: 'DIR' },
    key: KEY_OPTION,
    'spreadsheet-safe': { type: 'boolean', help: "CSV: prefix every cell starting with = + - @ with ', ids too (default: free-text cells only)" },
  },
  async run(args, io) {
    const format = requireString(args, 'format', 'export');
    if (!isExporterName(format)) throw new UsageError(`export: unknown --format ${JSON.stringify(format)}; use one of ${Object.keys(EXPORTERS).join(', ')}`);
    const watchlist = await loadWatchlist(requireString(args, 'watch', 'export'));
    const db = (args.values.db as string | undefined) ?? DEFAULT_DB;
    const store = await openStore(db);
    try {
      const bundle = await loadCaseBundle(store, watchlist, args.values.race as string | undefined);
      if (args.values['spreadsheet-safe'] && format !== 'csv') throw new UsageError('export: --spreadsheet-safe applies to --format csv only');
      const options = format === 'csv' ? { spreadsheetSafe: !!args.values['spreadsheet-safe'] } : undefined;
      await sealBundles(store, [bundle], db, args.values.key as string | undefined, io);
      const files = (EXPORTERS[format] as { export(b: typeof bundle, o?: unknown): { name: string; mediaType: string; content: string }[] }).export(bundle, options);
      files.push(...ledgerFiles(bundle, exportStem(bundle)));
      for (const path of await writeExportFiles((args.values.out as string | undefined) ?? 'export', files)) io.stdout.write(`${safeTerminal(path)}\n`);
      io.stderr.write(`${safeTerminal(ledgerSummary(bundle), 400)}\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
