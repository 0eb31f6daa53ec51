import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { compileWatchlist, detectPostFindings } from '../../analyze/index.js';
import { UsageError } from '../../errors.js';
import { analyzeStore } from '../../pipeline/analyze.js';
import { ingestFiles } from '../../pipeline/ingest.js';
import { WorkerDetector } from '../../live/worker-detector.js';
import { parseTokens } from '../../server/auth.js';
import { startServer } from '../../server/start.js';
import { openStore } from '../../store/index.js';
import { safeTerminal } from '../../util/escape.js';
import { loadWatchlist } from '../../watch/load.js';
import type { Command } from '../command.js';
import { numberOption, requireString } from '../command.js';
import { DEFAULT_DB } from './shared.js';

/** The built dashboard, relative to this module in both src/ (tsx) and dist/. */
const WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/** Longest server log line; lines carry stack traces, connector errors and request paths. */
const MAX_LOG_LINE = 4000;

/**
 * The server's log sink: one timestamped line on stderr. Lines quote remote text (request paths,
 * connector and webhook errors, stack traces), so control codes are escaped here, at the terminal.
 */
export function serverLog(io: { stderr: { write(s: string): unknown } }, now = () => new Date()): (line: string) => void {
  return (line) => io.stderr.write(`${now().toISOString()} ${safeTerminal(line, MAX_LOG_LINE)}\n`);
}

const TIMELINES = ['public', 'public:local', 'public:remote', 'hashtag'] as const;

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the JSON API and dashboard, follow live streams, send alerts',
  usage: 'serve --watch FILE [--db PATH] [--host 127.0.0.1] [--port 8080] [--jetstream URL] [--mastodon URL]',
  description: `
Runs until interrupted (Ctrl-C). Binds to 127.0.0.1 by default, where no token is needed. On any
other address it refuses to start unless access tokens are configured: VIGIL_TOKENS or --tokens-file
holding \`viewer:TOKEN\` and \`analyst:TOKEN\` entries (comma or newline separated, 16+ characters).
Viewers read; analysts also work cases (status, notes, assignee, decisions on findings) and start
imports. \`analyst@Ana Ruiz:TOKEN\` names the holder, who signs each action in the incident's audit
trail (else the role does). Tokens are never logged. Changes that other processes (analyze, ingest,
leads) commit to the store reach the dashboard and alerts within --refresh-ms (default 2000).

Live streams: --jetstream wss://jetstream1.us-east.bsky.network/subscribe (v1 frames) or a
…/xrpc/network.bsky.jetstream.subscribeEvents endpoint (v2); --mastodon https://instance with
--mastodon-timeline and --mastodon-tag. Cursors are stored, so a restart resumes where it stopped.
Webhook targets come from the watchlist's \`webhooks\`. OpenAPI: /api/v1/openapi.json.

Example: vigil serve --watch watchlist.yaml --jetstream wss://jetstream2.us-west.bsky.network/subscribe`,
  options: {
    watch: { type: 'string', help: 'Watchlist (YAML or JSON)', placeholder: 'FILE' },
    db: { type: 'string', help: `Store (default ${DEFAULT_DB})`, placeholder: 'PATH' },
    host: { type: 'string', help: 'Address to bind (default 127.0.0.1)', placeholder: 'ADDR' },
    port: { type: 'string', help: 'Port (default 8080; 0 picks a free one)', placeholder: 'N' },
    'tokens-file': { type: 'string', help: 'File of viewer:/analyst: tokens (else VIGIL_TOKENS)', placeholder: 'FILE' },
    jetstream: { type: 'string', multiple: true, help: 'Jetstream endpoint to follow (repeatable)', placeholder: 'URL' },
    mastodon: { type: 'string', multiple: true, help: 'Mastodon instance to stream from (repeatable)', placeholder: 'URL' },
    'mastodon-timeline': { type: 'string', help: 'public, public:local, public:remote or hashtag (default public)', placeholder: 'NAME' },
    'mastodon-tag': { type: 'string', multiple: true, help: 'Hashtag to follow (with --mastodon-timeline hashtag)', placeholder: 'TAG' },
    'mastodon-token-file': { type: 'string', help: 'File holding a Mastodon access token', placeholder: 'FILE' },
    'import-dir': { type: 'string', help: 'Folder analysts may import files from through the API', placeholder: 'DIR' },
    web: { type: 'string', help: 'Dashboard folder (default: the built web/dist)', placeholder: 'DIR' },
    'detect-worker': { type: 'boolean', help: 'Run live detection in a worker thread (for machines with spare cores)' },
    'refresh-ms': { type: 'string', help: 'How often to look for changes other processes (analyze, ingest) made to the store (default 2000; 0 = never)', placeholder: 'MS' },
  },
  async run(args, io) {
    const watchlist = await loadWatchlist(requireString(args, 'watch', 'serve'));
    const host = (args.values.host as string | undefined) ?? '127.0.0.1';
    const port = numberOption(args, 'port', 'serve', 8080);
    const tokensFile = args.values['tokens-file'] as string | undefined;
    const tokenSpec = tokensFile ? await readSecret(tokensFile) : (process.env.VIGIL_TOKENS ?? '');
    const tokens = parseTokens(tokenSpec);
    const timeline = (args.values['mastodon-timeline'] as string | undefined) ?? 'public';
    if (!TIMELINES.includes(timeline as (typeof TIMELINES)[number])) throw new UsageError(`serve: --mastodon-timeline must be one of ${TIMELINES.join(', ')}`);
    const tags = (args.values['mastodon-tag'] as string[] | undefined) ?? [];
    if (timeline === 'hashtag' && !tags.length) throw new UsageError('serve: --mastodon-timeline hashtag needs --mastodon-tag');
    const mastodonToken = args.values['mastodon-token-file'] ? (await readSecret(args.values['mastodon-token-file'] as string)).trim() : undefined;
    const mastodon = ((args.values.mastodon as string[] | undefined) ?? []).flatMap((instance) =>
      (timeline === 'hashtag' ? tags : [undefined]).map((tag) => ({ instance, timeline: timeline as (typeof TIMELINES)[number], tag, token: mastodonToken })),
    );
    const webRoot = (args.values.web as string | undefined) ?? (existsSync(WEB_DIST) ? WEB_DIST : undefined);
    const store = await openStore((args.values.db as string | undefined) ?? DEFAULT_DB);
    const cw = compileWatchlist(watchlist);
    // Opt-in: detect live posts in a worker thread while the next batch is stored. It pays for the
    // copy between threads only where a core is free (slower on a busy 2-core machine; see bench/live.ts).
    const detector = args.values['detect-worker'] ? new WorkerDetector(watchlist, (posts) => detectPostFindings(posts, cw)) : undefined;
    const log = serverLog(io);
    try {
      const server = await startServer({
        store,
        watchlist,
        host,
        port,
        tokens,
        detect: (posts) => (detector ? detector.detect(posts) : detectPostFindings(posts, cw)),
        webRoot,
        jetstream: args.values.jetstream as string[] | undefined,
        mastodon,
        importDir: args.values['import-dir'] as string | undefined,
        ingest: async (s, file, format) => {
          const result = await ingestFiles(s, [file], { format });
          // ingestFiles reports an unreadable file and goes on; an import of one file has failed.
          if (result.failed.length) throw new Error(result.failed[0]!.message);
          return result;
        },
        analyzeAfterImport: (s) => analyzeStore(s, watchlist, { compiled: cw }),
        refreshMs: numberOption(args, 'refresh-ms', 'serve', 2000),
        log,
      });
      io.stdout.write(`vigil: serving on ${server.url} (${tokens.length ? `${tokens.length} access tokens` : 'loopback, no tokens'})${webRoot ? '' : '; dashboard not built (npm run build:web)'}\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      log('stopping: writing queued live posts');
      await server.close();
      const t = server.pipeline.totals;
      io.stdout.write(`vigil: live ${t.items} frames: ${t.stored} stored, ${t.duplicates} duplicates, ${t.skipped} skipped, ${t.quarantined} quarantined\n`);
      return 0;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new UsageError(`serve: ${safeTerminal(host)}:${port} is already in use`);
      throw err;
    } finally {
      await detector?.close();
      await store.close();
    }
  },
};

/** Read a secret file (tokens), with a clear error that does not echo its content. */
async function readSecret(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`serve: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`, { cause: err });
  }
}
