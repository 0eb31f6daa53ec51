import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { UsageError } from '../../errors.js';
import { jsonLine } from '../../analyze/money/findings.js';
import { screenMoney } from '../../analyze/money/screen.js';
import { isShareOutlier } from '../../analyze/money/share.js';
import type { FecKind } from '../../ingest/fec/columns.js';
import { openStore } from '../../store/index.js';
import { safeTerminal } from '../../util/escape.js';
import { loadWatchlist } from '../../watch/load.js';
import { numberOption, requireString, type Command } from '../command.js';
import { Progress } from '../progress.js';

const KINDS: FecKind[] = ['itcont', 'itoth', 'itpas2', 'cm', 'cn', 'ccl', 'ie'];

export const moneyScreenCommand: Command = {
  name: 'money screen',
  summary: 'Screen FEC bulk files for foreign-national indicators around watched races',
  usage: 'money screen --watch FILE --input DIR_OR_FILE... [--out findings.jsonl] [--db PATH]',
  description: `
Reads FEC bulk files (itcont, itoth, itpas2, cm, cn, ccl as .txt or straight from the FEC .zip, and
the independent-expenditure CSV), links watched candidates to their committees (watchlist
fec_candidate_id / fec_committee_ids, cn.txt, ccl.txt, cm.txt) and flags contributions and independent
expenditures for or against them that carry foreign-address signals (STATE ZZ or outside the US set,
blank STATE with a foreign city, non-US postal code), citizenship or prohibited-refund memo text, or a
NAME/EMPLOYER/OCCUPATION matching the registry; then refunds soon after receipt and same-day clusters,
and committees whose share of foreign-signal receipts stands out from their peers. Amendments, memo
rows and conduit double entries are collapsed. Every finding is an indicator with a caveat: US citizens
and green-card holders abroad may lawfully give; a foreign address prompts inquiry, it is not proof.

Counts on the last line (transaction and IE rows; cm/cn/ccl are reported on their own line):
  read      every non-blank data line of the transaction files and IE CSV (CSV header excluded)
  rejected  lines quarantined: wrong field count, bad MMDDYYYY date, non-numeric amount, bad SUB_ID or
            committee id, truncated last line (each with file, line and reason)
  screened  read - rejected: valid rows checked against every indicator
  flagged   screened rows that produced a finding, before duplicates were collapsed
read = screened + rejected; flagged <= screened.

The summary shows only aggregates: FEC donor data may not be sold or used to solicit contributions
or for commercial purposes (52 U.S.C. 30111(a)(4)); findings name contributors for inquiry only.
Example: vigil money screen --watch watch.yaml --input data/fec/ --out money.jsonl --db .vigil/vigil.db`,
  positionals: true,
  options: {
    watch: { type: 'string', help: 'Watchlist (YAML or JSON)', placeholder: 'FILE' },
    input: { type: 'string', multiple: true, help: 'FEC file, zip or directory (repeatable; positionals too)', placeholder: 'PATH' },
    out: { type: 'string', help: 'Write one JSON line per finding here', placeholder: 'FILE' },
    db: { type: 'string', help: 'Also store findings and quarantine entries in this store', placeholder: 'PATH' },
    all: { type: 'boolean', help: 'Flag foreign signals at every committee, not only watched ones' },
    kind: { type: 'string', help: `Kind of named files whose name does not tell it (${KINDS.join(', ')})`, placeholder: 'KIND' },
    workers: { type: 'string', help: 'Worker threads per plain file (default: cores)', placeholder: 'N' },
    json: { type: 'boolean', help: 'Print the counts as one JSON line on stdout before the summary line' },
  },
  async run(args, io) {
    const watchFile = requireString(args, 'watch', this.name);
    const inputs = [...((args.values.input as string[] | undefined) ?? []), ...args.positionals];
    if (!inputs.length) throw new UsageError('money screen: give at least one --input FILE_OR_DIR. See `vigil money screen --help`.');
    const kind = args.values.kind as string | undefined;
    if (kind !== undefined && !KINDS.includes(kind as FecKind)) {
      throw new UsageError(`money screen: --kind must be one of ${KINDS.join(', ')}, got ${JSON.stringify(kind)}`);
    }
    const workers = args.values.workers === undefined ? undefined : Math.max(1, Math.floor(numberOption(args, 'workers', this.name, 1)));
    const watchlist = await loadWatchlist(watchFile);
    const progress = new Progress(io.stderr, io.isTTY, 'money screen', 0);
    let done = 0;
    const result = await screenMoney({
      inputs,
      watchlist,
      all: args.values.all === true,
      kind: kind as FecKind | undefined,
      workers,
      onLog: (line) => progress.log(safeTerminal(line, 400)),
      onStart: (total) => progress.phase('money screen', total),
      onBytes: (n) => progress.update((done += n)),
    }).finally(() => progress.finish());
    const c = result.counts;

    if (args.values.out) {
      const out = createWriteStream(args.values.out as string);
      for (const f of result.findings) {
        if (!out.write(JSON.stringify(jsonLine(f)) + '\n')) await once(out, 'drain');
      }
      out.end();
      await once(out, 'finish');
    }
    if (args.values.db) {
      const store = await openStore(args.values.db as string);
      try {
        for (let i = 0; i < result.findings.length; i += 1000) {
          const batch = result.findings.slice(i, i + 1000);
          await store.putFindings(batch);
          await store.appendEvidence(batch.flatMap((f) => f.evidence));
        }
        for (let i = 0; i < result.quarantine.length; i += 1000) await store.putQuarantine(result.quarantine.slice(i, i + 1000));
      } finally {
        await store.close();
      }
    }

    for (const q of result.quarantine.slice(0, 20)) io.stderr.write(`${safeTerminal(q.reason, 300)}\n`);
    if (result.quarantine.length > 20) io.stderr.write(`… ${result.quarantine.length - 20} more quarantine entries${args.values.db ? ' (see `vigil quarantine`)' : ''}\n`);
    const lines: string[] = [];
    if (c.masterRows) lines.push(`reference files: ${c.masterRows} rows read, ${c.masterRows - c.masterRejected} loaded, ${c.masterRejected} rejected`);
    // Watched committees (default) or, with --all, the committees that stand out; aggregates only.
    const watchedShares = result.shares.filter((s) => s.totals.rows > 0 && (!args.values.all || isShareOutlier(s))).slice(0, 10);
    for (const s of watchedShares) {
      lines.push(
        `committee ${s.cmteId}: ${(s.share * 100).toFixed(2)}% of $${Math.round(s.totals.total).toLocaleString('en-US')} itemised receipts ` +
          `carry a foreign-address signal (peer median ${(s.baseline * 100).toFixed(2)}%, ${s.ratio.toFixed(1)}x)`,
      );
    }
    lines.push(
      `${c.findings} findings (${c.collapsed} duplicate rows collapsed); $${Math.round(c.flaggedDollars).toLocaleString('en-US')} in counted flagged receipts` +
        (args.values.out ? `; written to ${safeTerminal(args.values.out as string)}` : ''),
    );
    if (args.values.json) lines.push(JSON.stringify(c));
    lines.push(`${c.read} rows read, ${c.screened} screened, ${c.flagged} flagged, ${c.rejected} rejected`);
    io.stdout.write(lines.join('\n') + '\n');
    return 0;
  },
};
