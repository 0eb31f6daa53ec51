/**
 * Leads and the store. Articles are stored as posts of platform `news` (so they get the same source
 * reference, SHA-256, search and ledger entries as any record); leads are kept in the store's
 * key/value state (`lead:<id>`, with the list of ids in `leads:index`), which both backends already
 * have, so no table is added. A confirmed lead becomes an `allegation` finding and is filed into the
 * incidents like any finding: it opens the incident of its actor and race, or joins the one there is.
 */
import { rootActorId } from '../cases/actors.js';
import { UsageError } from '../errors.js';
import type { Finding, Post, Watchlist } from '../model/types.js';
import { fileIncidents } from '../pipeline/analyze.js';
import type { Store } from '../store/store.js';
import { foldText } from '../util/normalize.js';
import { gradeLead } from './grade.js';
import type { CompiledWatchlist } from '../analyze/match/compile.js';
import type { Lead, QuotedPost } from './types.js';

const INDEX_KEY = 'leads:index';
const leadKey = (id: string) => `lead:${id}`;

/** Days either side of a quoted post's approximate date searched for it. */
const WINDOW_DAYS = 15;
/** Share of the quote's words a stored post must hold to be taken for it. */
const MIN_SIMILARITY = 0.6;

async function index(store: Store): Promise<string[]> {
  const raw = await store.getState(INDEX_KEY);
  return raw ? (JSON.parse(raw) as string[]) : [];
}

/** Keep a lead; an analyst's status, notes and edits already stored win over a re-extraction. */
export async function saveLead(store: Store, lead: Lead): Promise<Lead> {
  const old = await getLead(store, lead.id);
  const analystTouched = !!old && (old.status !== 'suggested' || old.notes.some((n) => n.startsWith('edited ')));
  const kept: Lead = old && analystTouched ? { ...lead, status: old.status, notes: old.notes, incident_id: old.incident_id, accused: old.accused, accusers: old.accusers, allegations: old.allegations, race_ids: old.race_ids, candidate_ids: old.candidate_ids } : old ? { ...lead, notes: old.notes } : lead;
  await store.setState(leadKey(lead.id), JSON.stringify(kept));
  const ids = await index(store);
  if (!ids.includes(lead.id)) await store.setState(INDEX_KEY, JSON.stringify([...ids, lead.id]));
  return kept;
}

export async function getLead(store: Store, id: string): Promise<Lead | undefined> {
  const raw = await store.getState(leadKey(id));
  return raw ? (JSON.parse(raw) as Lead) : undefined;
}

/** Every lead, in the order they were first found; `raceId` keeps those of one race. */
export async function listLeads(store: Store, filter: { raceId?: string } = {}): Promise<Lead[]> {
  const out: Lead[] = [];
  for (const id of await index(store)) {
    const lead = await getLead(store, id);
    if (lead && (!filter.raceId || lead.race_ids.includes(filter.raceId))) out.push(lead);
  }
  return out;
}

function words(text: string): Set<string> {
  return new Set(foldText(text).split(' ').filter((w) => w.length > 1));
}

/** Share of the quote's words found in the post (quotes are often cut, so containment, not Jaccard). */
export function quoteSimilarity(quote: string, post: string): number {
  const q = words(quote);
  if (!q.size) return 0;
  const p = words(post);
  let hit = 0;
  for (const w of q) if (p.has(w)) hit++;
  return hit / q.size;
}

/** since/until of a quoted post's approximate date, with the window either side. */
function window(date: string | null): { since?: string; until?: string; label: string } {
  if (!date) return { label: 'at any date' };
  const [y, m, d] = date.split('-').map(Number) as [number, number?, number?];
  const start = Date.UTC(y, (m ?? 1) - 1, d ?? 1);
  const end = d ? start + 86_400_000 : m ? Date.UTC(y, m, 1) : Date.UTC(y + 1, 0, 1);
  const pad = WINDOW_DAYS * 86_400_000;
  const month = m ? new Date(start).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' }) : '';
  const label = d ? `around ${date}` : m ? `from ${month} ${y}` : `from ${y}`;
  return { since: new Date(start - pad).toISOString(), until: new Date(end + pad).toISOString(), label };
}

/** Find a quoted post in the store: its author's posts in the date window, the most similar text. */
export async function findQuotedPost(store: Store, q: QuotedPost): Promise<{ post: Post; similarity: number } | null> {
  const w = window(q.date);
  let best: { post: Post; similarity: number } | null = null;
  const consider = (posts: Post[]) => {
    for (const post of posts) {
      if (post.platform === 'news') continue;
      const similarity = quoteSimilarity(q.text, post.text);
      if (similarity >= MIN_SIMILARITY && (!best || similarity > best.similarity)) best = { post, similarity };
    }
  };
  if (q.author_handle) {
    let after: string | undefined;
    for (let page = 0; page < 20; page++) {
      const r = await store.searchPosts({ author: q.author_handle, since: w.since, until: w.until, limit: 200, after });
      consider(r.posts);
      if (!r.next) break;
      after = r.next;
    }
  } else {
    // No author: the quote's first words as a phrase, in the window.
    const phrase = foldText(q.text).split(' ').slice(0, 8).join(' ');
    if (phrase) consider((await store.searchPosts({ q: phrase, since: w.since, until: w.until, limit: 50 })).posts);
  }
  return best;
}

/**
 * Link a lead to what the store holds: each quoted post to its stored copy, the incidents of its
 * accused actors in its races; and say what to collect when something is missing.
 */
export async function linkLead(store: Store, lead: Lead, cw: CompiledWatchlist, articleText: string): Promise<Lead> {
  const collect: string[] = [];
  const quoted: QuotedPost[] = [];
  for (const q of lead.quoted_posts) {
    const found = await findQuotedPost(store, q);
    if (found) {
      quoted.push({ ...q, stored_ref: `${found.post.platform}:${found.post.id}`, similarity: Math.round(found.similarity * 1000) / 1000 });
      continue;
    }
    quoted.push({ ...q, stored_ref: null });
    const w = window(q.date);
    collect.push(
      q.author_handle
        ? `no archive in the store holds @${q.author_handle} posts ${w.label} matching the quote "${q.text.slice(0, 80)}": collect the account's ${q.platform === 'x' ? 'X' : q.platform} posts ${w.label} and ingest them`
        : `the quoted post "${q.text.slice(0, 80)}" has no known author: find the account that posted it and ingest its posts ${w.label}`,
    );
  }
  const roots = new Set(lead.accused.filter((a) => a.actor_id).map((a) => rootActorId(a.actor_id!, cw.actorById)));
  const incidentIds: string[] = [];
  for (const raceId of lead.race_ids) {
    for (const inc of await store.listIncidents({ raceId })) {
      if (roots.has(inc.subject) || inc.findingIds.includes(allegationFindingId(lead.id))) incidentIds.push(inc.id);
    }
  }
  if (!incidentIds.length && roots.size) collect.push(`no incident of ${[...roots].join(', ')} in ${lead.race_ids.join(', ')} yet: ingest the accused accounts' posts and run \`vigil analyze\`, or confirm this lead to open one`);
  for (const p of lead.proposed_actors) collect.push(`add ${p.name}${p.country ? ` (${p.country})` : ''} to the actor registry with its accounts (proposed as ${p.id})`);
  const linked: Lead = { ...lead, quoted_posts: quoted, incident_ids: [...new Set(incidentIds)], collect_next: collect };
  linked.grade = gradeLead(linked, articleText, cw);
  return linked;
}

export const allegationFindingId = (leadId: string) => `allegation:${leadId}`;

/** The finding a confirmed lead files: the allegation, its accused actors, its target, its evidence. */
export function allegationFinding(lead: Lead, article: Post | undefined, quotedPosts: Post[]): Finding {
  const evidence = [
    ...(article ? [{ kind: 'post' as const, ref: `${article.platform}:${article.id}`, source: article.source, sha256: article.contentHash }] : []),
    ...quotedPosts.map((p) => ({ kind: 'post' as const, ref: `${p.platform}:${p.id}`, source: p.source, sha256: p.contentHash })),
  ];
  const accused = lead.accused.map((a) => a.name).join(', ');
  return {
    id: allegationFindingId(lead.id),
    kind: 'allegation',
    subjects: { accounts: lead.quoted_posts.filter((q) => q.author_handle).map((q) => `${q.platform}:${q.author_handle}`), actorIds: [...new Set(lead.accused.filter((a) => a.actor_id).map((a) => a.actor_id!))] },
    targets: { candidateIds: lead.candidate_ids, raceIds: lead.race_ids },
    score: Math.round((lead.grade.total / 12) * 1000) / 1000,
    observedAt: lead.published_at ?? article?.createdAt ?? new Date(0).toISOString(),
    explanation: `Reported allegation (${lead.article}): ${lead.accusers.join(', ') || 'unnamed accuser'} accuses ${accused} of ${lead.allegations.join(', ')}; confirmed by an analyst from lead ${lead.id}. FIAT-style grade ${lead.grade.total}/12 (suggestion).`,
    detail: { leadId: lead.id, article: lead.article, allegations: lead.allegations, responses: lead.responses, grade: lead.grade, notes: lead.notes },
    evidence,
  };
}

/** Confirm a lead: file its allegation finding and return the incident it opened or joined. */
export async function confirmLead(store: Store, watchlist: Watchlist, id: string, note?: string): Promise<{ lead: Lead; incidentId: string | undefined }> {
  const lead = await getLead(store, id);
  if (!lead) throw new UsageError(`leads: no lead ${JSON.stringify(id)} in the store`);
  const [platform, postId] = splitRef(lead.article_ref);
  const article = await store.getPost(platform, postId);
  const quoted: Post[] = [];
  for (const q of lead.quoted_posts) {
    if (!q.stored_ref) continue;
    const [p, i] = splitRef(q.stored_ref);
    const post = await store.getPost(p, i);
    if (post) quoted.push(post);
  }
  await store.putFindings([allegationFinding(lead, article, quoted)]);
  const { incidents } = await fileIncidents(store, watchlist);
  const incident = incidents.find((i) => i.findingIds.includes(allegationFindingId(lead.id)));
  const updated: Lead = { ...lead, status: 'confirmed', incident_id: incident?.id, notes: note ? [...lead.notes, note] : lead.notes };
  await store.setState(leadKey(id), JSON.stringify(updated));
  return { lead: updated, incidentId: incident?.id };
}

/** Dismiss a lead (a confirmed one's finding is withdrawn and the incidents refiled). */
export async function dismissLead(store: Store, watchlist: Watchlist, id: string, note?: string): Promise<Lead> {
  const lead = await getLead(store, id);
  if (!lead) throw new UsageError(`leads: no lead ${JSON.stringify(id)} in the store`);
  const updated: Lead = { ...lead, status: 'dismissed', incident_id: undefined, notes: note ? [...lead.notes, note] : lead.notes };
  await store.setState(leadKey(id), JSON.stringify(updated));
  if (lead.status === 'confirmed') {
    const others = (await store.listFindings({ kind: 'allegation' })).filter((f) => f.id !== allegationFindingId(id));
    await store.deleteFindings(['allegation']);
    if (others.length) await store.putFindings(others);
    await fileIncidents(store, watchlist);
  }
  return updated;
}

/** Fields an analyst may edit, each a list except the status-free ones. */
export const EDITABLE = ['accusers', 'allegations', 'race_ids', 'candidate_ids', 'accused'] as const;

/**
 * Edit a lead: `accusers=Norma Torres;Someone`, `allegations=directive;harassment`,
 * `accused=sv-president;proposed:sv-cabinet` (registry or proposed ids), `note=...`.
 */
export async function editLead(store: Store, cw: CompiledWatchlist, id: string, edits: string[]): Promise<Lead> {
  const lead = await getLead(store, id);
  if (!lead) throw new UsageError(`leads: no lead ${JSON.stringify(id)} in the store`);
  const updated: Lead = { ...lead };
  for (const e of edits) {
    const eq = e.indexOf('=');
    if (eq < 1) throw new UsageError(`leads: --set wants FIELD=VALUE, got ${JSON.stringify(e)}`);
    const field = e.slice(0, eq).trim();
    const values = e.slice(eq + 1).split(';').map((v) => v.trim()).filter(Boolean);
    if (field === 'note') updated.notes = [...updated.notes, e.slice(eq + 1)];
    else if (field === 'accused') {
      updated.accused = values.map((v) => {
        const actor = cw.actorById.get(v);
        if (actor) return { name: actor.name, actor_id: actor.id, role: actor.role, country: actor.country };
        const proposed = lead.proposed_actors.find((p) => p.id === v);
        return { name: proposed?.name ?? v, actor_id: null, ...(proposed ? { role: proposed.role, country: proposed.country } : {}) };
      });
    } else if ((EDITABLE as readonly string[]).includes(field)) {
      (updated as unknown as Record<string, string[]>)[field] = values;
    } else throw new UsageError(`leads: ${JSON.stringify(field)} cannot be edited (editable: ${[...EDITABLE, 'note'].join(', ')})`);
  }
  updated.notes = [...updated.notes.filter((n) => !n.startsWith('edited ')), `edited ${edits.map((e) => e.split('=')[0]).join(', ')}`];
  await store.setState(leadKey(id), JSON.stringify(updated));
  return updated;
}

function splitRef(ref: string): [string, string] {
  const i = ref.indexOf(':');
  return [ref.slice(0, i), ref.slice(i + 1)];
}
