import { open } from 'node:fs/promises';
import { classifyPost, type ClassifiablePost } from '../../analyze/classify/classify.js';
import { compileWatchlist } from '../../analyze/match/compile.js';
import { IngestFormatError, UsageError } from '../../errors.js';
import { readPosts, type IngestBatch } from '../../ingest/index.js';
import type { QuarantineEntry } from '../../model/types.js';
import { safeTerminal } from '../../util/escape.js';
import { loadWatchlist } from '../../watch/load.js';
import { requireString, type Command } from '../command.js';

/**
 * `vigil classify`: one JSON line per input post on stdout, the stable evaluation interface
 * `{"id","directive","target_candidate_ids","harassment","threat","actor_id"}`. Records that cannot
 * be read are reported on stderr with file, line and reason, and counted.
 */
export const classifyCommand: Command = {
  name: 'classify',
  summary: 'Classify posts: voting directives, harassment, threats, attribution (JSON lines)',
  usage: 'classify --watch WATCHLIST --input FILE [--format ID] [--explain]',
  description: `
Reads FILE (any ingest format, detected from the content unless --format is given) and writes one
JSON line per post to stdout:
  {"id","directive":"vote_for"|"vote_against"|"abstain"|null,"target_candidate_ids":[],
   "harassment":bool,"threat":bool,"actor_id":string|null}
--explain adds "race_ids" and "explanation" (the words that matched). A plain repost is not the
reposter's own directive. Records that cannot be read are listed on stderr (file, line, reason).
JSON lines that the strict reader rejects only for a missing platform, author or time (or that use
the Post field names authorHandle/createdAt) are still classified, with platform "x" by default,
and listed on stderr as classified leniently; a record without id or text is not classified.
Example: vigil classify --watch watch.yaml --input posts.jsonl > labels.jsonl`,
  options: {
    watch: { type: 'string', help: 'Watchlist file (YAML or JSON)', placeholder: 'FILE' },
    input: { type: 'string', help: 'Posts file (JSONL, CSV, X v2, Bluesky, Mastodon, Telegram…)', placeholder: 'FILE' },
    format: { type: 'string', help: 'Input format id (default: detect)', placeholder: 'ID' },
    explain: { type: 'boolean', help: 'Add race_ids and explanation to each line' },
  },
  async run(args, io) {
    const watchFile = requireString(args, 'watch', 'classify');
    const input = requireString(args, 'input', 'classify');
    const explain = args.values.explain === true;
    const cw = compileWatchlist(await loadWatchlist(watchFile));
    let read = 0;
    let posts = 0;
    let quarantined = 0;
    let skipped = 0;
    let lenient = 0;
    const format = args.values.format as string | undefined;
    try {
      for await (const batch of readWithFallback(input, format)) {
        read += batch.read;
        skipped += batch.skipped;
        let out = '';
        // Posts and rescued records, in file order.
        const items: { line: number; post: ClassifiablePost }[] = batch.posts.map((post) => ({ line: post.source.line ?? 0, post }));
        const left: QuarantineEntry[] = [];
        for (const q of batch.quarantined) {
          const post = rescue(q);
          if (post) {
            items.push({ line: q.source.line ?? 0, post });
            lenient++;
            io.stderr.write(`classify: ${safeTerminal(q.source.file)}:${q.source.line ?? '?'}: classified leniently (${q.code}: ${safeTerminal(q.field ?? '', 40)})\n`);
          } else left.push(q);
        }
        if (items.length > batch.posts.length) items.sort((a, b) => a.line - b.line);
        for (const { post } of items) {
          const c = classifyPost(post, cw);
          const line: Record<string, unknown> = {
            id: c.id,
            directive: c.directive,
            target_candidate_ids: c.target_candidate_ids,
            harassment: c.harassment,
            threat: c.threat,
            actor_id: c.actor_id,
          };
          if (explain) {
            line.race_ids = c.race_ids;
            line.explanation = c.explanation;
          }
          out += `${JSON.stringify(line)}\n`;
          posts++;
        }
        if (out && !io.stdout.write(out)) await new Promise<void>((resolve) => io.stdout.once('drain', () => resolve()));
        for (const q of left) {
          quarantined++;
          io.stderr.write(`classify: ${safeTerminal(q.source.file)}${q.source.line ? `:${q.source.line}` : ''}: ${q.code}: ${safeTerminal(q.reason, 300)}\n`);
        }
      }
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
        throw new UsageError(`classify: cannot read ${input}: ${code}`, { cause: err });
      }
      throw err;
    }
    io.stderr.write(`classify: ${read} read, ${posts} classified${lenient ? ` (${lenient} leniently)` : ''}, ${quarantined} quarantined${skipped ? `, ${skipped} skipped (not posts)` : ''}\n`);
    return 0;
  },
};

/** readPosts, retrying as generic JSON lines when detection fails on a file that starts with '{'. */
async function* readWithFallback(file: string, format: string | undefined): AsyncGenerator<IngestBatch> {
  let yielded = false;
  try {
    for await (const batch of readPosts(file, { format })) {
      yielded = true;
      yield batch;
    }
  } catch (err) {
    if (yielded || format || !(err instanceof IngestFormatError) || (await firstChar(file)) !== '{') throw err;
    yield* readPosts(file, { format: 'jsonl' });
  }
}

async function firstChar(file: string): Promise<string> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(256);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return buf.toString('utf8', 0, bytesRead).replace(/^\uFEFF/, '').trimStart().slice(0, 1);
  } finally {
    await fh.close();
  }
}

const RESCUABLE = new Set(['field_missing', 'field_invalid', 'timestamp_invalid']);

/**
 * A JSON record the generic reader rejected only for fields classification does not need.
 * Accepts the generic names and the Post names; needs an id and a text.
 */
function rescue(q: QuarantineEntry): ClassifiablePost | null {
  if (!RESCUABLE.has(q.code) || !q.excerpt) return null;
  let o: Record<string, unknown>;
  try {
    const v: unknown = JSON.parse(q.excerpt);
    if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
    o = v as Record<string, unknown>;
  } catch {
    return null;
  }
  const str = (...keys: string[]) => {
    for (const k of keys) {
      const v = o[k];
      if (typeof v === 'string' && v !== '') return v;
      if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    }
    return undefined;
  };
  const list = (...keys: string[]) => {
    for (const k of keys) if (Array.isArray(o[k])) return (o[k] as unknown[]).filter((x): x is string => typeof x === 'string');
    return [];
  };
  const id = str('id', 'post_id', 'postId');
  const text = str('text', 'full_text', 'content');
  if (id === undefined || text === undefined) return null;
  return {
    id,
    text,
    platform: (str('platform') ?? 'x').toLowerCase(),
    authorHandle: (str('author_handle', 'authorHandle', 'author', 'handle', 'username', 'screen_name') ?? '').replace(/^@+/, ''),
    createdAt: str('created_at', 'createdAt'),
    lang: str('lang'),
    hashtags: list('hashtags'),
    mentions: list('mentions'),
    repostOf: str('repost_of', 'repostOf', 'repost_of_post_id'),
  };
}
