/**
 * An evidence grade in the terms of DFRLab's Foreign Interference Attribution Tracker (FIAT):
 * credibility, objectivity, evidence and transparency of the *allegation*, each 0..3, computed from
 * what the article's text allows and always marked as a suggestion: FIAT's own coders read the
 * whole claim, its author's history and its spread, which a text alone does not give.
 */
import type { CompiledWatchlist } from '../analyze/match/compile.js';
import type { EvidenceGrade, GradePart, Lead } from './types.js';

/** Loaded words that FIAT's objectivity criterion ("language") marks down. */
const LOADED = /(?<![\p{L}])(?:outrageous|shameful|disgrace|traitor|evil|puppet|lies|liar|vergonzos|traidor|mentiras|mentiroso|titere|vergonhos|mentiroso|fantoche)/giu;

const clamp = (n: number) => Math.max(0, Math.min(3, n));

/** Grade a lead (its links to the store, when known, raise the evidence score). */
export function gradeLead(lead: Lead, text: string, cw: CompiledWatchlist): EvidenceGrade {
  const candidateNames = new Set(cw.candidates.map((c) => c.name));
  const credibility: GradePart = { score: 2, reasons: [] };
  if (lead.accusers.some((a) => candidateNames.has(a))) {
    credibility.score--;
    credibility.reasons.push('the accuser is a candidate in the race (campaign affiliation, political interest)');
  } else credibility.reasons.push('the accuser is not a candidate in the race');
  if (lead.published_at || lead.dateline) credibility.reasons.push('the article is dated');

  const objectivity: GradePart = { score: 2, reasons: [] };
  const loaded = text.match(LOADED)?.length ?? 0;
  if (loaded) {
    objectivity.score--;
    objectivity.reasons.push(`${loaded} loaded word(s) in the text`);
  }
  if (lead.responses.some((r) => r.kind === 'denial' || r.kind === 'counter_accusation')) {
    objectivity.score++;
    objectivity.reasons.push("the accused side's answer is reported");
  }

  const evidence: GradePart = { score: 0, reasons: [] };
  if (lead.quoted_posts.length) {
    evidence.score++;
    evidence.reasons.push('quotes the post it rests on (clarity)');
  }
  if (lead.accused.some((a) => a.actor_id)) {
    evidence.score++;
    evidence.reasons.push('names a registry actor (identified responsibility)');
  }
  if (lead.quoted_posts.some((q) => q.stored_ref)) {
    evidence.score++;
    evidence.reasons.push('the quoted post is in the store (corroborated by an archive)');
  } else if (lead.quoted_posts.some((q) => q.date)) {
    evidence.reasons.push('the quoted post is dated (context) but not yet found in an archive');
  }

  const transparency: GradePart = { score: 0, reasons: [] };
  if (lead.responses.some((r) => r.kind === 'condemnation')) {
    transparency.score++;
    transparency.reasons.push('an official body speaks to the same events (corroboration)');
  }
  if (lead.article.startsWith('http')) {
    transparency.score++;
    transparency.reasons.push('the article has a public address (open access)');
  }
  if (lead.quoted_posts.some((q) => q.author_handle)) {
    transparency.score++;
    transparency.reasons.push("the quoted post's author can be checked (open source)");
  }

  for (const part of [credibility, objectivity, evidence, transparency]) part.score = clamp(part.score);
  const total = credibility.score + objectivity.score + evidence.score + transparency.score;
  return { suggestion: true, credibility, objectivity, evidence, transparency, total, level: total >= 9 ? 'high' : total >= 5 ? 'medium' : 'low' };
}
