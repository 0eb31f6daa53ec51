/** Leads from news reports (issue 12): read articles, extract leads, link them to the store, export. */

/** Records. */
export type { Accused, AllegationKind, Article, EvidenceGrade, Lead, LeadResponse, LeadStatus, NoLead, NotArticle, ProposedActor, QuotedPost, ResponseKind } from './types.js';
/** Reading text, HTML and feeds. */
export { articlePost, readArticleFile, readArticles, readFeed, readHtml, readText } from './read.js';
/** Extraction (pure). */
export { extractLead, splitSentences, approximateDate, dateline } from './extract.js';
/** FIAT-style grade. */
export { gradeLead } from './grade.js';
/** The store: keep, link, confirm, edit, dismiss. */
export { allegationFinding, allegationFindingId, confirmLead, dismissLead, editLead, findQuotedPost, getLead, linkLead, listLeads, quoteSimilarity, saveLead } from './store.js';
/** Exports. */
export { leadsCsv, leadsToStix } from './export.js';
/** The stable JSON line. */
export { leadJsonLine } from './json.js';
