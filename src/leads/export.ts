/**
 * Leads for threat-intel platforms and spreadsheets.
 *
 * STIX 2.1: per lead a `report` (report_types `threat-report`, the article as external reference
 * with its SHA-256) whose object_refs hold a `threat-actor` per accused party (registry actors with
 * the same ids as the case export; proposed entries marked `x_vigil_proposed`), an `identity` per
 * accuser and targeted candidate, an `observed-data` over the author's `user-account` for each
 * quoted post found in the store, and a `note` with the quoted posts, the responses and the
 * FIAT-style grade (a suggestion). CSV: leads.csv, one row per lead, free text formula-guarded.
 */
import type { Actor, Post } from '../model/types.js';
import { uuidv5, type StixBundle, type StixObject } from '../export/stix.js';
import { csvRow } from '../util/escape.js';
import type { Lead } from './types.js';

/** The case export's namespace, so a registry actor is the same threat-actor in both. */
const VIGIL_NAMESPACE = '6d1f0b9e-3c55-5f0e-9a0e-2f4c5b7a9d31';
const STIX_SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';
const REFERENCE_EPOCH = '2026-01-01T00:00:00.000Z';
const sdoId = (type: string, name: string) => `${type}--${uuidv5(`${type}:${name}`, VIGIL_NAMESPACE)}`;
const ACCOUNT_TYPES: Record<string, string> = { x: 'twitter', twitter: 'twitter', facebook: 'facebook' };

function time(value: string | null | undefined, fallback: string): string {
  const t = value ? Date.parse(value) : NaN;
  return Number.isNaN(t) ? fallback : new Date(t).toISOString();
}

/**
 * A STIX 2.1 bundle of leads. `posts` holds the stored posts the leads link to (`platform:id`).
 * @example JSON.stringify(leadsToStix(leads, watchlist.actors, posts), null, 2)
 */
export function leadsToStix(leads: Lead[], actors: Actor[], posts: ReadonlyMap<string, Post>, generatedAt = new Date().toISOString()): StixBundle {
  const objects = new Map<string, StixObject>();
  const put = (o: StixObject) => {
    if (!objects.has(o.id)) objects.set(o.id, o);
    return o.id;
  };
  const vigil = sdoId('identity', 'vigil');
  put({ type: 'identity', spec_version: '2.1', id: vigil, created: REFERENCE_EPOCH, modified: REFERENCE_EPOCH, name: 'Vigil', identity_class: 'system' });
  const common = (type: string, id: string, created: string) => ({ type, spec_version: '2.1', id, created_by_ref: vigil, created, modified: created });
  const byId = new Map(actors.map((a) => [a.id, a]));

  for (const lead of leads) {
    const created = time(lead.published_at, REFERENCE_EPOCH);
    const refs: string[] = [];
    for (const a of lead.accused) {
      const actor = a.actor_id ? byId.get(a.actor_id) : undefined;
      if (actor) {
        refs.push(
          put({
            ...common('threat-actor', sdoId('threat-actor', `actor:${actor.id}`), REFERENCE_EPOCH),
            name: actor.name,
            threat_actor_types: ['nation-state'],
            ...(actor.aliases.length ? { aliases: [...actor.aliases] } : {}),
            external_references: [{ source_name: 'vigil-registry', external_id: actor.id }],
          }),
        );
        continue;
      }
      const proposal = lead.proposed_actors.find((p) => p.mention === a.name) ?? lead.proposed_actors.find((p) => p.name === a.name);
      const key = proposal?.id ?? `unmatched:${a.name}`;
      refs.push(
        put({
          ...common('threat-actor', sdoId('threat-actor', key), created),
          name: proposal?.name ?? a.name,
          description: `Accused in a news report; not in the actor registry${proposal ? ` (proposed as ${proposal.id})` : ''}. Mentioned as "${a.name}".`,
          threat_actor_types: ['nation-state'],
          x_vigil_proposed: true,
        }),
      );
    }
    for (const name of lead.accusers) refs.push(put({ ...common('identity', sdoId('identity', `accuser:${name}`), REFERENCE_EPOCH), name, identity_class: 'individual', description: 'Makes the allegation in the article.' }));
    for (const c of lead.candidate_ids) refs.push(put({ ...common('identity', sdoId('identity', `candidate:${c}`), REFERENCE_EPOCH), name: c, identity_class: 'individual', description: 'Candidate targeted in the allegation.' }));
    for (const q of lead.quoted_posts) {
      const post = q.stored_ref ? posts.get(q.stored_ref) : undefined;
      if (!post) continue;
      const idProps = { account_login: post.authorHandle, account_type: ACCOUNT_TYPES[post.platform] ?? post.platform, user_id: post.authorId };
      const account = put({ type: 'user-account', spec_version: '2.1', id: `user-account--${uuidv5(JSON.stringify(idProps), STIX_SCO_NAMESPACE)}`, ...idProps });
      const at = time(post.createdAt, created);
      refs.push(
        put({
          ...common('observed-data', sdoId('observed-data', `post:${q.stored_ref}`), at),
          first_observed: at,
          last_observed: at,
          number_observed: 1,
          object_refs: [account],
          external_references: [{ source_name: 'vigil-evidence', external_id: q.stored_ref!, hashes: { 'SHA-256': post.contentHash } }],
        }),
      );
    }
    const reportId = sdoId('report', `lead:${lead.id}`);
    const note = put({
      ...common('note', sdoId('note', `lead:${lead.id}`), created),
      abstract: `Lead ${lead.id}: ${lead.allegations.join(', ')}`,
      content: [
        ...lead.quoted_posts.map((q) => `Quoted post by ${q.author_handle ? `@${q.author_handle}` : 'unknown'} (${q.date ?? 'undated'}): "${q.text}"${q.stored_ref ? ` — stored as ${q.stored_ref}` : ' — not found in the store'}`),
        ...lead.responses.map((r) => `Response (${r.kind}) by ${r.speaker}: ${r.text}`),
        `FIAT-style grade (suggestion): credibility ${lead.grade.credibility.score}, objectivity ${lead.grade.objectivity.score}, evidence ${lead.grade.evidence.score}, transparency ${lead.grade.transparency.score} (${lead.grade.total}/12, ${lead.grade.level}).`,
      ].join('\n'),
      object_refs: [reportId],
    });
    put({
      ...common('report', reportId, created),
      name: lead.title || `Allegation reported in ${lead.article}`,
      description: `${lead.accusers.join(', ') || 'An unnamed accuser'} alleges ${lead.allegations.join(', ')} by ${lead.accused.map((a) => a.name).join(', ')}; races ${lead.race_ids.join(', ')}. Status: ${lead.status}. A lead for analysts, not a finding of fact.`,
      report_types: ['threat-report'],
      published: created,
      labels: lead.allegations,
      object_refs: [...new Set([...refs, note])],
      external_references: [{ source_name: 'news-article', ...(lead.article.startsWith('http') ? { url: lead.article } : { description: lead.article }), hashes: { 'SHA-256': lead.article_sha256 } }],
    });
  }
  return { type: 'bundle', id: `bundle--${uuidv5(`leads:${leads.map((l) => l.id).join(',')}:${generatedAt}`, VIGIL_NAMESPACE)}`, objects: [...objects.values()] };
}

const CSV_HEADER = ['lead_id', 'status', 'article', 'title', 'published_at', 'accusers', 'accused', 'accused_actor_ids', 'race_ids', 'candidate_ids', 'allegations', 'quoted_posts', 'quoted_post_refs', 'responses', 'grade_total', 'grade_level', 'incident_id', 'collect_next'];
/** Free-text columns (formula guard); the others are identifiers and numbers, written exactly. */
const CSV_TEXT = new Set(['title', 'accusers', 'accused', 'quoted_posts', 'responses', 'collect_next', 'article'].map((c) => CSV_HEADER.indexOf(c)));

/** leads.csv (RFC 4180, CRLF). Lists inside a cell are joined with " | ". */
export function leadsCsv(leads: Lead[], spreadsheetSafe = false): string {
  const rows = leads.map((l) =>
    csvRow(
      [
        l.id,
        l.status,
        l.article,
        l.title,
        l.published_at ?? '',
        l.accusers.join(' | '),
        l.accused.map((a) => a.name).join(' | '),
        l.accused.map((a) => a.actor_id ?? '').join(' '),
        l.race_ids.join(' '),
        l.candidate_ids.join(' '),
        l.allegations.join(' '),
        l.quoted_posts.map((q) => `${q.author_handle ? `@${q.author_handle}` : '?'} ${q.date ?? ''}: ${q.text}`).join(' | '),
        l.quoted_posts.map((q) => q.stored_ref ?? '').join(' '),
        l.responses.map((r) => `${r.speaker}: ${r.kind}`).join(' | '),
        l.grade.total,
        l.grade.level,
        l.incident_id ?? '',
        l.collect_next.join(' | '),
      ],
      spreadsheetSafe ? 'all' : CSV_TEXT,
    ),
  );
  return [csvRow(CSV_HEADER), ...rows].join('\r\n') + '\r\n';
}
