import { analyzeStore } from '../../pipeline/analyze.js';
import { openStore } from '../../store/index.js';
import { loadWatchlist } from '../../watch/load.js';
import type { Command } from '../command.js';
import { requireString } from '../command.js';
import { Progress } from '../progress.js';
import { DEFAULT_DB } from './shared.js';

export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'Run the detectors over stored posts and file findings into incidents',
  usage: 'analyze --watch FILE [--db PATH] [--json]',
  description: `
Matches watched candidates and races in every stored post, finds voting directives (EN/ES/PT),
harassment and threats, attributes authors to the actor registry (with the affiliation chain),
groups findings into incidents per actor and race with DISARM techniques and legal indicators,
and appends the evidence to the ledger. Findings from \`vigil money screen\` join the same incidents.
Re-running replaces the post findings (so watchlist edits take effect) and keeps analyst notes.`,
  options: {
    watch: { type: 'string', help: 'Watchlist (YAML or JSON)', placeholder: 'FILE' },
    db: { type: 'string', help: `SQLite store (default ${DEFAULT_DB})`, placeholder: 'PATH' },
    json: { type: 'boolean', help: 'Print the summary as JSON' },
  },
  async run(args, io) {
    const watchlist = await loadWatchlist(requireString(args, 'watch', 'analyze'));
    const store = await openStore((args.values.db as string | undefined) ?? DEFAULT_DB);
    const progress = new Progress(io.stderr, io.isTTY, 'analyze posts', await store.countPosts(), 'items');
    try {
      const summary = await analyzeStore(store, watchlist, { onProgress: (done) => progress.update(done) });
      progress.finish();
      if (args.values.json) {
        io.stdout.write(JSON.stringify(summary) + '\n');
        return 0;
      }
      const kinds = Object.entries(summary.findings).map(([k, n]) => `${n} ${k}`).join(', ') || 'none';
      io.stdout.write(
        `${summary.posts} posts analyzed; findings: ${kinds}; ${summary.incidents} incidents; ${summary.evidenceEntries} evidence entries in the ledger\n`,
      );
      return 0;
    } finally {
      progress.finish();
      await store.close();
    }
  },
};
