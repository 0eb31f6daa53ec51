/**
 * Helpers for the leads tests (not part of the public API): the tests write an article as a few
 * sentences of their own and read the lead the extractor makes of them.
 */
import type { CompiledWatchlist } from '../analyze/match/compile.js';
import { extractLead } from './extract.js';
import { readText } from './read.js';
import type { Lead, NoLead } from './types.js';

/** The lead (or the reason there is none) of an article made of `body` under a "Title:" line. */
export function leadOfBody(cw: CompiledWatchlist, body: string, title = 'Test'): { lead: Lead } | { none: NoLead } {
  return extractLead(readText(`Title: ${title}\n\n${body}\n`, 'test-article.txt'), cw);
}

/** The lead of such an article; throws with the extractor's reason when it finds none. */
export function mustLeadOfBody(cw: CompiledWatchlist, body: string, title?: string): Lead {
  const out = leadOfBody(cw, body, title);
  if ('none' in out) throw new Error(`no lead: ${out.none.message}`);
  return out.lead;
}
