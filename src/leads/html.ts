/**
 * The "Leads from news reports" section of the HTML case report: per lead the allegation, the
 * accused (registry or proposed), the quoted posts and whether the store holds them, the responses,
 * what to collect next and the FIAT-style grade (a suggestion). Every text is escaped.
 */
import { escapeHtml } from '../util/escape.js';
import type { Lead } from './types.js';

const e = (s: string, max = 600) => escapeHtml(s.length > max ? `${s.slice(0, max)}…` : s);

function leadBlock(l: Lead): string {
  const accused = l.accused.map((a) => `${e(a.name, 120)} → ${a.actor_id ? `<code>${e(a.actor_id, 120)}</code>` : `<em>not in registry${l.proposed_actors.some((p) => p.mention === a.name) ? ' (proposed)' : ''}</em>`}`).join('; ');
  const quoted = l.quoted_posts.map((q) => `<li>${q.author_handle ? `@${e(q.author_handle, 60)}` : 'unknown author'}, ${e(q.date ?? 'undated', 20)}: <q>${e(q.text)}</q> — ${q.stored_ref ? `in the store as <code>${e(q.stored_ref, 120)}</code>` : '<strong>not in the store</strong>'}</li>`).join('');
  const responses = l.responses.map((r) => `<li>${e(r.speaker, 120)}: ${e(r.kind.replace(/_/g, ' '))}</li>`).join('');
  const collect = l.collect_next.map((c) => `<li>${e(c)}</li>`).join('');
  const g = l.grade;
  return `<section class="incident">
<h3>${e(l.title || l.article, 200)} <span class="meta">(${e(l.status)})</span></h3>
<p class="meta">Lead <code>${e(l.id)}</code> from ${l.article.startsWith('http') ? `<code>${e(l.article, 300)}</code>` : e(l.article, 300)}; article stored as <code>${e(l.article_ref)}</code>, SHA-256 <code class="hash">${e(l.article_sha256, 64)}</code>${l.dateline ? `; dateline ${e(l.dateline.place, 60)}` : ''}.</p>
<table><tbody>
<tr><th>Accusers</th><td>${e(l.accusers.join('; ') || '(none named)')}</td></tr>
<tr><th>Accused</th><td>${accused}</td></tr>
<tr><th>Allegations</th><td>${e(l.allegations.join(', '))}</td></tr>
<tr><th>Race, candidate</th><td>${e(l.race_ids.join(', '))}; ${e(l.candidate_ids.join(', ') || '-')}</td></tr>
<tr><th>Incidents</th><td>${l.incident_id ? `filed in <code>${e(l.incident_id)}</code>` : l.incident_ids.length ? l.incident_ids.map((i) => `<code>${e(i)}</code>`).join(', ') : 'none yet'}</td></tr>
<tr><th>Grade (FIAT terms, suggestion)</th><td>${g.total}/12 ${e(g.level)}: credibility ${g.credibility.score}, objectivity ${g.objectivity.score}, evidence ${g.evidence.score}, transparency ${g.transparency.score}</td></tr>
</tbody></table>
${quoted ? `<p>Quoted posts:</p><ul>${quoted}</ul>` : ''}
${responses ? `<p>Responses:</p><ul>${responses}</ul>` : ''}
${collect ? `<p>Collect next:</p><ul>${collect}</ul>` : ''}
</section>`;
}

/** The section, or '' when there are no leads (dismissed leads are left out). */
export function leadsSection(leads: readonly Lead[] | undefined): string {
  const shown = (leads ?? []).filter((l) => l.status !== 'dismissed');
  if (!shown.length) return '';
  return `<h2>Leads from news reports</h2>
<p class="notice">Allegations reported by news articles, read by <code>vigil leads</code>. A lead is work for an analyst, not a finding: each accused party, quote and response is as the article reports it.</p>
${shown.map(leadBlock).join('\n')}`;
}
