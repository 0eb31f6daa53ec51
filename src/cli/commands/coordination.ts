import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { UsageError } from '../../errors.js';
import { detectFormat } from '../../ingest/index.js';
import { compileWatchlist } from '../../analyze/index.js';
import { coordinationFromFiles } from '../../analyze/coord/run.js';
import { CO_KINDS, type CoKind } from '../../analyze/coord/columns.js';
import { coordMatcher, groupTargets, type GroupTargets } from '../../analyze/coord/findings.js';
import { edgesCsvLines, groupsJson, provenanceLine, PROVENANCE_HEADER, toNetwork } from '../../analyze/coord/outputs.js';
import { gexfLines } from '../../export/gexf.js';
import { graphmlLines } from '../../export/graphml.js';
import { loadWatchlist } from '../../watch/load.js';
import { safeTerminal } from '../../util/escape.js';
import { numberOption, type Command } from '../command.js';
import { Progress } from '../progress.js';

const FORMATS = ['io-archive', 'x-v2', 'jsonl', 'csv'];

/** Write lines to a file, respecting back-pressure. */
async function writeLines(file: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(file);
  let buf = '';
  for (const line of lines) {
    buf += line + '\n';
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

function parseKinds(value: string | undefined): CoKind[] {
  if (!value) return ['repost', 'link', 'hashtag'];
  const kinds = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const k of kinds) {
    if (!(CO_KINDS as readonly string[]).includes(k)) throw new UsageError(`coordination: --co: unknown co-action "${safeTerminal(k, 40)}" (use ${CO_KINDS.join(', ')})`);
  }
  return kinds as CoKind[];
}

export const coordinationCommand: Command = {
  name: 'coordination',
  summary: 'Find coordinated accounts in archives (co-repost, co-link, co-hashtag, co-reply, text)',
  usage: 'coordination --input FILE... [--co repost,link,hashtag] [--time-window 60] [--edges edges.csv] [--groups groups.json] [--gexf net.gexf]',
  description: `
Runs straight on files, without the store. Default semantics are CooRTweet's: an edge joins two
accounts that acted on the same object within --time-window seconds (|dt| <= window); its weight
counts those co-action pairs; accounts with fewer than --min-participation rows of a co-action are
dropped before pairing and again after; edges are kept when weight > the --edge-weight quantile of
all edge weights (R quantile type 7), or with --min-weight N when weight >= N. --semantics toolkit
gives the coordination-network-toolkit's directed edges (weight = distinct posts of the source
account), without its empty-URL bug. Reposts take part only in co-repost.
IO archives have minute timestamps: Δt is then a multiple of 60 s, so a window under 60 means
"same minute".
Groups are Louvain communities (seeded) of the kept-edge graph, scored against chance.
Outputs: --edges (account_a,account_b,co_action,weight,first_at,last_at), --groups (JSON array),
--provenance (every co-action behind every kept edge), --gexf / --graphml (for Gephi).
CSV cells hold ids, URLs and hashtags exactly as in the input (a hashed id may begin with +);
only co-text objects (post text) get the spreadsheet formula guard. --spreadsheet-safe guards
every cell, for opening the files in a spreadsheet.
Ends with one summary line.
Example: vigil coordination --input io.csv --co repost,link --edges edges.csv --groups groups.json --gexf net.gexf`,
  positionals: true,
  options: {
    input: { type: 'string', multiple: true, help: 'Input file (repeatable; positionals also work)', placeholder: 'FILE' },
    format: { type: 'string', help: `Input format: ${FORMATS.join('|')} (default: detect)`, placeholder: 'ID' },
    co: { type: 'string', help: `Co-actions, comma-separated: ${CO_KINDS.join(',')} (default repost,link,hashtag)`, placeholder: 'LIST' },
    'time-window': { type: 'string', help: 'Seconds; |dt| <= window is a co-action (default 60)', placeholder: 'S' },
    'min-participation': { type: 'string', help: 'Minimum rows per account and co-action (default 2)', placeholder: 'N' },
    'edge-weight': { type: 'string', help: 'Keep edges with weight above this quantile (default 0.5)', placeholder: 'P' },
    'min-weight': { type: 'string', help: 'Keep edges with weight >= N instead of a quantile', placeholder: 'N' },
    semantics: { type: 'string', help: 'coortweet (default, undirected) or toolkit (directed)', placeholder: 'NAME' },
    'normalize-urls': { type: 'boolean', help: 'Co-link on normalised URLs (tracking parameters, www., AMP…) instead of as written' },
    'distinct-hashtags': { type: 'boolean', help: 'One co-hashtag row per distinct tag of a post (CooRTweet counts each listed tag)' },
    similarity: { type: 'string', help: 'Jaccard threshold for near-duplicate text (default 0.8; 1 = exact only)', placeholder: 'J' },
    seed: { type: 'string', help: 'Louvain seed (default 1)', placeholder: 'N' },
    watch: { type: 'string', help: 'Watchlist for targets and foreign links', placeholder: 'FILE' },
    edges: { type: 'string', help: 'Write the kept edges as CSV', placeholder: 'FILE' },
    groups: { type: 'string', help: 'Write the groups as JSON', placeholder: 'FILE' },
    provenance: { type: 'string', help: 'Write every co-action behind each kept edge as CSV', placeholder: 'FILE' },
    gexf: { type: 'string', help: 'Write the network as GEXF (1.3, with edge intervals for the timeline)', placeholder: 'FILE' },
    'gexf-version': { type: 'string', help: 'GEXF schema: 1.3 (default) or 1.2 (1.2draft, static: for NetworkX and older readers)', placeholder: 'V' },
    graphml: { type: 'string', help: 'Write the network as GraphML', placeholder: 'FILE' },
    quarantine: { type: 'string', help: 'Write quarantined records as JSON lines', placeholder: 'FILE' },
    threads: { type: 'string', help: 'Reader threads for IO archives (default 2)', placeholder: 'N' },
    'spreadsheet-safe': { type: 'boolean', help: "Prefix every CSV cell starting with = + - @ with ' (ids too; the files then no longer match the input)" },
    json: { type: 'boolean', help: 'Print the summary as one JSON line too' },
  },
  async run(args, io) {
    const v = args.values;
    const files = [...((v.input as string[] | undefined) ?? []), ...args.positionals];
    if (!files.length) throw new UsageError('coordination: give at least one --input FILE. See `vigil coordination --help`.');
    const format = v.format as string | undefined;
    if (format !== undefined && !FORMATS.includes(format)) throw new UsageError(`coordination: --format must be one of ${FORMATS.join(', ')}`);
    if (v['edge-weight'] !== undefined && v['min-weight'] !== undefined) throw new UsageError('coordination: give --edge-weight or --min-weight, not both');
    const edgeWeight = numberOption(args, 'edge-weight', 'coordination', 0.5);
    if (edgeWeight < 0 || edgeWeight > 1) throw new UsageError('coordination: --edge-weight must be between 0 and 1');
    const semantics = (v.semantics as string | undefined) ?? 'coortweet';
    if (semantics !== 'coortweet' && semantics !== 'toolkit') throw new UsageError('coordination: --semantics must be coortweet or toolkit');
    const timeWindow = numberOption(args, 'time-window', 'coordination', 60);
    const minParticipation = numberOption(args, 'min-participation', 'coordination', 2);
    const similarity = numberOption(args, 'similarity', 'coordination', 0.8);
    if (timeWindow < 0 || minParticipation < 0 || similarity <= 0 || similarity > 1) throw new UsageError('coordination: --time-window and --min-participation must be >= 0, --similarity in (0, 1]');
    const threshold = v['min-weight'] !== undefined ? { minWeight: numberOption(args, 'min-weight', 'coordination', 1) } : { edgeWeight };
    const kinds = parseKinds(v.co as string | undefined);
    const gexfVersion = (v['gexf-version'] as string | undefined) ?? '1.3';
    if (gexfVersion !== '1.3' && gexfVersion !== '1.2') throw new UsageError('coordination: --gexf-version must be 1.3 or 1.2');

    if (kinds.includes('mention') && !v.watch) throw new UsageError('coordination: --co mention counts mentions of watched candidates: give --watch');
    const watchlist = v.watch ? await loadWatchlist(v.watch as string) : undefined;
    const cw = watchlist ? compileWatchlist(watchlist) : undefined;
    const watchedMentions = new Set<string>();
    for (const race of watchlist?.races ?? []) for (const c of race.candidates) for (const hs of Object.values(c.handles)) for (const h of hs) watchedMentions.add(h.replace(/^@+/, '').toLowerCase());

    // Per-file format: the columnar fast path needs every file to be an IO archive.
    const formats = await Promise.all(files.map(async (f) => format ?? (await detectFormat(f)).id));
    const fmt = formats.every((f) => f === 'io-archive') ? 'io-archive' : undefined;
    if (!fmt && new Set(formats).size > 1) throw new UsageError('coordination: inputs have different formats; run them separately or give --format');

    const csvOptions = { spreadsheetSafe: !!v['spreadsheet-safe'] };
    const progress = new Progress(io.stderr, io.isTTY, 'coordination', 0);
    const quarantineOut: WriteStream | undefined = v.quarantine ? createWriteStream(v.quarantine as string) : undefined;
    const provenanceOut: WriteStream | undefined = v.provenance ? createWriteStream(v.provenance as string) : undefined;
    let provenanceBuf = PROVENANCE_HEADER + '\n';
    const quarantineSamples: string[] = [];
    const started = Date.now();
    // Wall time per phase, printed with the per-kind lines.
    const phases: [string, number][] = [];
    const enter = (name: string): void => {
      phases.push([name, Date.now()]);
    };
    try {
      const run = await coordinationFromFiles(
        files,
        fmt ?? formats[0],
        { kinds, timeWindow, minParticipation, threshold, semantics, textSimilarity: similarity, seed: numberOption(args, 'seed', 'coordination', 1), threads: numberOption(args, 'threads', 'coordination', 2), watchedMentions, keepRawText: !!watchlist, urls: v['normalize-urls'] ? 'normalized' : 'as-written', distinctHashtags: !!v['distinct-hashtags'] },
        {
          onFile: (file, bytes) => {
            enter('read');
            progress.phase(`read ${file}`, bytes);
          },
          onBytes: (b) => progress.update(b),
          onPhase: (phase, kind) => {
            enter(kind ? `${phase} co-${kind}` : phase);
            progress.phase(kind ? `${phase} co-${kind}` : phase, 0);
          },
          onQuarantine: (q) => {
            if (quarantineSamples.length < 5) quarantineSamples.push(q.reason);
            quarantineOut?.write(JSON.stringify(q) + '\n');
          },
          onProvenance: provenanceOut
            ? (row, cols) => {
                provenanceBuf += provenanceLine(cols, row, semantics === 'toolkit', csvOptions) + '\n';
                if (provenanceBuf.length > 1 << 20) {
                  provenanceOut.write(provenanceBuf);
                  provenanceBuf = '';
                }
              }
            : undefined,
        },
      );
      const r = run.result;
      enter('outputs');
      progress.phase('writing outputs', 0);
      let targets: Map<string, GroupTargets> | undefined;
      if (watchlist && cw) {
        const matcher = coordMatcher(cw);
        targets = new Map(r.groups.map((g) => [g.id, groupTargets(r, g, watchlist, matcher)]));
      }
      if (v.edges) await writeLines(v.edges as string, edgesCsvLines(r, csvOptions));
      if (v.groups) await writeLines(v.groups as string, [JSON.stringify(groupsJson(r, targets), null, 1)]);
      if (v.gexf || v.graphml) {
        const net = toNetwork(r, targets);
        if (v.gexf) await writeLines(v.gexf as string, gexfLines(net, new Date(), gexfVersion));
        if (v.graphml) await writeLines(v.graphml as string, graphmlLines(net));
      }
      enter('end');
      progress.finish();
      const timing = phases.slice(0, -1).map(([name, t], i) => `${name} ${((phases[i + 1][1] - t) / 1000).toFixed(1)} s`);
      io.stderr.write(`  time: ${timing.join(', ')}\n`);
      for (const s of quarantineSamples) io.stderr.write(`  quarantined: ${safeTerminal(s)}\n`);
      if (r.minuteOnly && timeWindow < 60) io.stderr.write(`  note: timestamps have minutes only; a ${timeWindow} s window means "same minute"\n`);
      for (const k of r.kinds) io.stderr.write(`  co-${k.kind}: ${k.rows} rows, ${k.edgesBefore} edges, ${k.edges.a.length} kept (${k.rule})\n`);
      const edgesKept = r.kinds.reduce((s, k) => s + k.edges.a.length, 0);
      const flagged = r.groups.filter((g) => g.score >= 0.5).length;
      const summary = {
        read: run.read,
        quarantined: run.quarantined,
        skipped: run.skipped,
        posts: r.cols.posts,
        accounts: r.cols.accounts.size,
        edges: edgesKept,
        groups: r.groups.length,
        groupsScored05: flagged,
        seconds: Math.round((Date.now() - started) / 100) / 10,
      };
      if (v.json) io.stdout.write(JSON.stringify(summary) + '\n');
      io.stdout.write(
        `coordination: ${summary.read} read, ${summary.posts} posts, ${summary.quarantined} quarantined${summary.skipped ? `, ${summary.skipped} skipped (not posts)` : ''}; ${edgesKept} edges kept; ${summary.groups} groups (${flagged} scoring >= 0.5) in ${summary.seconds} s\n`,
      );
      return 0;
    } finally {
      progress.finish();
      if (provenanceOut) {
        provenanceOut.end(provenanceBuf);
        await once(provenanceOut, 'finish');
      }
      if (quarantineOut) {
        quarantineOut.end();
        await once(quarantineOut, 'finish');
      }
    }
  },
};
