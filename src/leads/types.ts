/**
 * Leads: a news article turned into work for an analyst (issue 12). An article reports an
 * allegation of foreign interference; the lead says who alleges what against whom, which watched
 * race it concerns, which posts it quotes, who responded and how, what the store already holds and
 * what to collect next.
 */
import type { ActorKind, ActorRole, SourceRef } from '../model/types.js';

export type ArticleFormat = 'text' | 'html' | 'rss' | 'atom';
export type LeadLang = 'en' | 'es' | 'pt';

/** One news article as read, before extraction. */
export interface Article {
  /** `news:<id>` once stored as a post; the id is the first 24 hex digits of the raw record's SHA-256. */
  id: string;
  format: ArticleFormat;
  title: string;
  /** Main text, boilerplate dropped (HTML), paragraphs separated by blank lines. */
  text: string;
  url?: string;
  /** Outlet or site name when the source gives one. */
  outlet?: string;
  /** ISO time of publication when known. */
  publishedAt?: string;
  source: SourceRef;
  /** The untouched record (file text, or the feed item's XML). */
  raw: string;
  sha256: string;
}

/** An input that is not an article (a section front, a login page, an empty feed). */
export interface NotArticle {
  source: SourceRef;
  code: 'not_article' | 'unreadable' | 'empty_feed';
  reason: string;
}

export type AllegationKind = 'directive' | 'harassment' | 'threat' | 'money' | 'coordination' | 'hacking' | 'other';
export type ResponseKind = 'condemnation' | 'denial' | 'counter_accusation' | 'no_comment' | 'other';

/** A party accused by the article, matched to the registry or proposed as a new entry. */
export interface Accused {
  /** As written in the article ("his cabinet", "El Salvador's ambassador", "Nayib Bukele"). */
  name: string;
  actor_id: string | null;
  /** How it was matched: the registry's name/alias/handle, or a role of a country's actors. */
  via?: 'name' | 'alias' | 'handle' | 'role';
  role?: ActorRole;
  country?: string;
}

/** A registry entry suggested for an accused party the registry lacks; the article is its source. */
export interface ProposedActor {
  id: string;
  kind: ActorKind;
  name: string;
  country?: string;
  role: ActorRole;
  affiliation?: string;
  sources: string[];
  /** The words of the article it comes from. */
  mention: string;
}

export interface QuotedPost {
  author_handle: string | null;
  text: string;
  /** Approximate date as the article gives it: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; null when it says none. */
  date: string | null;
  platform: string;
  /** Registry actor or candidate the author was matched to. */
  author_id?: string | null;
  /** The stored post found for it (`platform:id`), when one was. */
  stored_ref?: string | null;
  similarity?: number;
}

export interface LeadResponse {
  speaker: string;
  kind: ResponseKind;
  /** The sentence, trimmed. */
  text: string;
}

/** FIAT's four criteria (DFRLab), each 0..3 with the reasons, as a suggestion for the analyst. */
export interface EvidenceGrade {
  suggestion: true;
  credibility: GradePart;
  objectivity: GradePart;
  evidence: GradePart;
  transparency: GradePart;
  /** Sum over the four, 0..12, and a word for it. */
  total: number;
  level: 'low' | 'medium' | 'high';
}
export interface GradePart {
  score: number;
  reasons: string[];
}

export type LeadStatus = 'suggested' | 'confirmed' | 'dismissed';

/** The stable JSON line of `vigil leads --json` plus the fields after `race_ids`… (more are allowed). */
export interface Lead {
  id: string;
  /** The article's reference: its URL, else `file` (`file#n` for the n-th item of a feed). */
  article: string;
  title: string;
  lang: LeadLang;
  accusers: string[];
  accused: Accused[];
  race_ids: string[];
  candidate_ids: string[];
  allegations: AllegationKind[];
  quoted_posts: QuotedPost[];
  responses: LeadResponse[];
  dateline: { place: string; date?: string } | null;
  published_at: string | null;
  /** The sentences the allegation was read from. */
  allegation_text: string[];
  proposed_actors: ProposedActor[];
  /** What the store holds: incidents of the accused actors in the race. */
  incident_ids: string[];
  /** What to collect next when the store lacks something the article cites. */
  collect_next: string[];
  grade: EvidenceGrade;
  /** The article as a stored post (`news:<id>`) and its SHA-256. */
  article_ref: string;
  article_sha256: string;
  status: LeadStatus;
  notes: string[];
  /** Incident opened or joined when the lead was confirmed. */
  incident_id?: string;
}

/** Why an article gave no lead. */
export interface NoLead {
  article: string;
  reason: 'no_allegation' | 'no_watched_target' | 'no_accused';
  message: string;
}
