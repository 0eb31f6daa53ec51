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
  usage: 'analyze --watch FILE [--db PATH] [--full] [--json]',
  description: `
Matches watched candidates and races in every stored post, finds voting directives (EN/ES/PT),
harassment and threats, attributes authors to the actor registry (with the affiliation chain),
groups findings into incidents per actor and race with DISARM techniques and legal indicators,
and appends the evidence to the ledger. Findings from \`vigil money screen\` join the same incidents.
Incremental: a second run reads only the posts stored since the last one, re-runs the
coordination engine on the platforms they belong to, and does nothing when nothing is new; a
changed watchlist analyses everything again (findings are replaced, analyst notes kept). --full
re-analyses everything regardless.`,
  options: {
    watch: { type: 'string', help: 'Watchlist (YAML or JSON)', placeholder: 'FILE' },
    db: { type: 'string', help: `SQLite store (default ${DEFAULT_DB})`, placeholder: 'PATH' },
    full: { type: 'boolean', help: 'Analyse every post again, not only those stored since the last run' },
    json: { type: 'boolean', help: 'Print the summary as JSON' },
  },
  async run(args, io) {
    const watchlist = await loadWatchlist(requireString(args, 'watch', 'analyze'));
    const store = await openStore((args.values.db as string | undefined) ?? DEFAULT_DB);
    const progress = new Progress(io.stderr, io.isTTY, 'analyze posts', await store.countPosts(), 'items');
    try {
      let current = '';
      const summary = await analyzeStore(store, watchlist, {
        full: args.values.full === true,
        onProgress: (done, total, _phase, label) => {
          if (label !== current) progress.phase((current = label), total, 'items');
          progress.update(done);
        },
      });
      progress.finish();
      if (args.values.json) {
        io.stdout.write(JSON.stringify(summary) + '\n');
        return 0;
      }
      const kinds = Object.entries(summary.findings).map(([k, n]) => `${n} ${k}`).join(', ') || 'none';
      io.stdout.write(
        `${summary.posts} posts in the store, ${summary.analyzed} analyzed in this run${summary.incremental ? ' (incremental)' : ''}` +
          `${summary.coordinated.length ? `, coordination on ${summary.coordinated.join(', ')}` : ''}; ` +
          `findings: ${kinds}; ${summary.incidents} incidents; ${summary.evidenceEntries} evidence entries in the ledger\n`,
      );
      return 0;
    } finally {
      progress.finish();
      await store.close();
    }
  },
};
