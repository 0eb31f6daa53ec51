/**
 * The stable evaluation line of `vigil leads --json` (issue 12): the fields first, in its
 * order and shape, then Vigil's own (id, status, links, grade, …), which a consumer may ignore.
 */
import type { Lead } from './types.js';

export function leadJsonLine(lead: Lead): Record<string, unknown> {
  return {
    article: lead.article,
    accusers: lead.accusers,
    accused: lead.accused.map((a) => ({ name: a.name, actor_id: a.actor_id, ...(a.role ? { role: a.role } : {}), ...(a.country ? { country: a.country } : {}) })),
    race_ids: lead.race_ids,
    candidate_ids: lead.candidate_ids,
    allegations: lead.allegations,
    quoted_posts: lead.quoted_posts.map((q) => ({ author_handle: q.author_handle, text: q.text, date: q.date, platform: q.platform, stored_ref: q.stored_ref ?? null })),
    responses: lead.responses.map((r) => ({ speaker: r.speaker, kind: r.kind, text: r.text })),
    id: lead.id,
    title: lead.title,
    lang: lead.lang,
    dateline: lead.dateline,
    published_at: lead.published_at,
    proposed_actors: lead.proposed_actors,
    incident_ids: lead.incident_ids,
    collect_next: lead.collect_next,
    grade: lead.grade,
    article_ref: lead.article_ref,
    article_sha256: lead.article_sha256,
    status: lead.status,
  };
}
