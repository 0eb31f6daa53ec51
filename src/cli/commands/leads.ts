import { existsSync } from 'node:fs';
import { compileWatchlist } from '../../analyze/match/compile.js';
import { UsageError } from '../../errors.js';
import { articlePost, confirmLead, dismissLead, editLead, extractLead, leadJsonLine, leadsCsv, leadsToStix, linkLead, listLeads, readArticles, saveLead, type Lead } from '../../leads/index.js';
import type { Post } from '../../model/types.js';
import { openStore } from '../../store/index.js';
import type { Store } from '../../store/store.js';
import { safeTerminal } from '../../util/escape.js';
import { loadWatchlist } from '../../watch/load.js';
import { requireString, type Command, type CommandIo } from '../command.js';
import { DEFAULT_DB, writeExportFiles } from './shared.js';

const t = (s: string, n = 300) => safeTerminal(s, n);

/** A lead in a few lines for a terminal. */
function describe(lead: Lead): string {
  const lines = [`lead ${lead.id} (${lead.status}) — ${t(lead.article)}${lead.title ? `: ${t(lead.title, 160)}` : ''}`];
  lines.push(`  accusers: ${t(lead.accusers.join('; ') || '(none named)')}`);
  lines.push(`  accused: ${lead.accused.map((a) => `${t(a.name, 80)} → ${a.actor_id ?? (lead.proposed_actors.find((p) => p.mention === a.name)?.id ?? 'not in registry')}`).join('; ')}`);
  lines.push(`  race: ${lead.race_ids.join(', ') || '-'}; candidate: ${lead.candidate_ids.join(', ') || '-'}; allegations: ${lead.allegations.join(', ')}`);
  for (const q of lead.quoted_posts) lines.push(`  quoted: ${q.author_handle ? `@${t(q.author_handle, 40)}` : '?'} ${q.date ?? 'undated'} "${t(q.text, 120)}" → ${q.stored_ref ? `stored ${t(q.stored_ref, 80)} (similarity ${q.similarity})` : 'not in the store'}`);
  for (const r of lead.responses) lines.push(`  response: ${t(r.speaker, 80)} (${r.kind})`);
  if (lead.dateline) lines.push(`  dateline: ${t(lead.dateline.place, 60)}${lead.dateline.date ? `, ${lead.dateline.date}` : ''}`);
  if (lead.incident_ids.length) lines.push(`  incidents in the store: ${lead.incident_ids.join(', ')}`);
  if (lead.incident_id) lines.push(`  filed in incident: ${lead.incident_id}`);
  for (const c of lead.collect_next) lines.push(`  collect next: ${t(c, 300)}`);
  const g = lead.grade;
  lines.push(`  grade (FIAT terms, a suggestion): ${g.total}/12 ${g.level} — credibility ${g.credibility.score}, objectivity ${g.objectivity.score}, evidence ${g.evidence.score}, transparency ${g.transparency.score}`);
  return lines.join('\n') + '\n';
}

export const leadsCommand: Command = {
  name: 'leads',
  summary: 'Turn news articles (text, HTML, RSS/Atom) into leads: allegation, accused, race, quoted posts, responses',
  usage: 'leads --watch FILE [--db PATH] [--json] (FILE|DIR|FEED... | --input FILE) | --list | --confirm ID | --dismiss ID | --edit ID --set F=V | --export stix|csv --out DIR',
  description: `
Reads articles — plain text (optional "Title:", "Date:", "URL:", "Source:" header lines, then a
blank line), HTML pages (main text by Readability; a page that is not an article is reported),
RSS/Atom feeds (one article per item) and folders of them; EN, ES, PT — and writes one lead per
article that reports an allegation of foreign interference in a watched race: accusers, accused
(matched to the actor registry by name, alias, handle or role, else proposed as a registry entry
with the article as source), race and candidate, allegations (directive, harassment, threat, money,
coordination, hacking, other), quoted posts with author and approximate date, official responses
(condemnation, denial, counter_accusation, no_comment, other), dateline, and an evidence grade in
the terms of DFRLab's FIAT (a suggestion). An article with no allegation gives no lead and says so
on stderr.
With a store (--db, or ${DEFAULT_DB} when it exists) each article is stored as a post of platform
"news" (source reference and SHA-256 kept), the quoted posts are looked up in the archives (author,
date window, text similarity), the incidents of the accused in the race are listed, and what to
collect next is said; the lead is kept for review: --list, --confirm ID (opens or joins the
incident of its actor and race), --edit ID --set accusers="A;B" (accused, allegations, race_ids,
candidate_ids, note), --dismiss ID; --export stix|csv writes leads.stix.json or leads.csv.
--json writes one JSON line per lead:
  {"article","accusers":[],"accused":[{"name","actor_id"}],"race_ids":[],"candidate_ids":[],
   "allegations":[],"quoted_posts":[{"author_handle","text","date"}],"responses":[{"speaker","kind"}],…}
Example: vigil leads --watch watch.yaml --input article.html --json`,
  options: {
    watch: { type: 'string', help: 'Watchlist (YAML or JSON)', placeholder: 'FILE' },
    input: { type: 'string', multiple: true, help: 'Article, feed or folder (also as positional arguments)', placeholder: 'FILE' },
    db: { type: 'string', help: `Store (default ${DEFAULT_DB} when it exists)`, placeholder: 'PATH' },
    json: { type: 'boolean', help: 'One JSON line per lead on stdout' },
    list: { type: 'boolean', help: 'List the leads kept in the store' },
    race: { type: 'string', help: 'With --list or --export: only this race', placeholder: 'ID' },
    confirm: { type: 'string', help: 'Confirm a lead: file it into an incident', placeholder: 'ID' },
    dismiss: { type: 'string', help: 'Dismiss a lead', placeholder: 'ID' },
    edit: { type: 'string', help: 'Edit a lead (with --set)', placeholder: 'ID' },
    set: { type: 'string', multiple: true, help: 'With --edit: FIELD=VALUE (lists split on ";")', placeholder: 'F=V' },
    note: { type: 'string', help: 'A note kept with --confirm, --dismiss', placeholder: 'TEXT' },
    export: { type: 'string', help: 'Write the kept leads as stix or csv', placeholder: 'FORMAT' },
    out: { type: 'string', help: 'Folder for --export (default leads-export)', placeholder: 'DIR' },
  },
  positionals: true,
  async run(args, io) {
    const watchlist = await loadWatchlist(requireString(args, 'watch', 'leads'));
    const cw = compileWatchlist(watchlist);
    const dbArg = args.values.db as string | undefined;
    const action = ['list', 'confirm', 'dismiss', 'edit', 'export'].filter((k) => args.values[k] !== undefined);
    if (action.length > 1) throw new UsageError(`leads: --${action.join(' and --')} cannot be combined`);
    const inputs = [...((args.values.input as string[] | undefined) ?? []), ...args.positionals];
    if (action.length) {
      const store = await openStore(dbArg ?? DEFAULT_DB);
      try {
        return await manage(store, action[0]!, args.values, io, watchlist, cw);
      } finally {
        await store.close();
      }
    }
    if (!inputs.length) throw new UsageError('leads: name articles, feeds or folders (or --input FILE). See `vigil leads --help`.');
    for (const p of inputs) if (!existsSync(p)) throw new UsageError(`leads: cannot read ${p}: ENOENT`);
    const storePath = dbArg ?? (existsSync(DEFAULT_DB) ? DEFAULT_DB : undefined);
    const store = storePath ? await openStore(storePath) : undefined;
    if (!store) io.stderr.write(`leads: no store (${DEFAULT_DB} does not exist and --db was not given): articles are not kept and not linked to archives\n`);
    let read = 0;
    let leads = 0;
    let none = 0;
    let rejected = 0;
    try {
      for await (const batch of readArticles(inputs)) {
        for (const r of batch.rejected) {
          rejected++;
          io.stderr.write(`leads: ${t(r.source.file)}${r.source.index !== undefined ? `#${r.source.index}` : ''}: not an article (${r.code}): ${t(r.reason)}\n`);
        }
        for (const a of batch.articles) {
          read++;
          if (store) await store.putPosts([articlePost(a)]);
          const out = extractLead(a, cw);
          if ('none' in out) {
            none++;
            io.stderr.write(`leads: ${t(out.none.article)}: no lead: ${out.none.message}\n`);
            continue;
          }
          let lead = out.lead;
          if (store) lead = await saveLead(store, await linkLead(store, lead, cw, a.text));
          leads++;
          io.stdout.write(args.values.json ? `${JSON.stringify(leadJsonLine(lead))}\n` : describe(lead));
        }
      }
    } finally {
      await store?.close();
    }
    io.stderr.write(`leads: ${read} articles read, ${leads} leads, ${none} without a lead, ${rejected} not articles\n`);
    return 0;
  },
};

async function manage(store: Store, action: string, values: Record<string, unknown>, io: CommandIo, watchlist: Awaited<ReturnType<typeof loadWatchlist>>, cw: ReturnType<typeof compileWatchlist>): Promise<number> {
  const note = values.note as string | undefined;
  const json = values.json === true;
  const show = (lead: Lead) => io.stdout.write(json ? `${JSON.stringify(leadJsonLine(lead))}\n` : describe(lead));
  if (action === 'list') {
    const all = await listLeads(store, { raceId: values.race as string | undefined });
    for (const l of all) show(l);
    if (!json) io.stdout.write(`${all.length} leads\n`);
    return 0;
  }
  if (action === 'confirm') {
    const { lead, incidentId } = await confirmLead(store, watchlist, values.confirm as string, note);
    show(lead);
    io.stderr.write(`leads: ${lead.id} confirmed${incidentId ? `; filed in incident ${incidentId}` : ''}\n`);
    return 0;
  }
  if (action === 'dismiss') {
    show(await dismissLead(store, watchlist, values.dismiss as string, note));
    return 0;
  }
  if (action === 'edit') {
    const sets = (values.set as string[] | undefined) ?? [];
    if (!sets.length && !note) throw new UsageError('leads: --edit needs --set FIELD=VALUE (or --note)');
    show(await editLead(store, cw, values.edit as string, [...sets, ...(note ? [`note=${note}`] : [])]));
    return 0;
  }
  const format = values.export as string;
  if (format !== 'stix' && format !== 'csv') throw new UsageError(`leads: --export must be stix or csv, got ${JSON.stringify(format)}`);
  const all = await listLeads(store, { raceId: values.race as string | undefined });
  const posts = new Map<string, Post>();
  for (const l of all) {
    for (const q of l.quoted_posts) {
      if (!q.stored_ref) continue;
      const i = q.stored_ref.indexOf(':');
      const p = await store.getPost(q.stored_ref.slice(0, i), q.stored_ref.slice(i + 1));
      if (p) posts.set(q.stored_ref, p);
    }
  }
  const file = format === 'stix' ? { name: 'leads.stix.json', mediaType: 'application/stix+json;version=2.1', content: JSON.stringify(leadsToStix(all, watchlist.actors, posts), null, 2) + '\n' } : { name: 'leads.csv', mediaType: 'text/csv', content: leadsCsv(all) };
  const [path] = await writeExportFiles((values.out as string | undefined) ?? 'leads-export', [file]);
  io.stdout.write(`${t(path!)}: ${all.length} leads\n`);
  return 0;
}
