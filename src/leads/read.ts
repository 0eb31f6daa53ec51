/**
 * Reading news articles: plain text (with an optional `Title:` / `Date:` / `URL:` / `Source:`
 * header), HTML pages (main text by Mozilla's Readability over a linkedom DOM: navigation, ads and
 * footers dropped; a page that is not an article is reported, not guessed at), RSS 2.0 and Atom
 * feeds (one article per item), and folders of them. Nothing is fetched: a feed item's text is
 * what the feed holds. Every article keeps its raw record and that record's SHA-256.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isProbablyReaderable, Readability } from '@mozilla/readability';
import { DOMParser, parseHTML } from 'linkedom';
import type { Post } from '../model/types.js';
import { sha256 } from '../util/hash.js';
import type { Article, ArticleFormat, NotArticle } from './types.js';

/** Files larger than this are not read (a news page is well under it). */
export const MAX_ARTICLE_BYTES = 8 * 1024 * 1024;
/** Main text shorter than this is not an article (a section front, a login wall, a 404). */
const MIN_ARTICLE_CHARS = 200;
/** Files of a folder read, at most. */
const MAX_FILES = 10_000;
const EXTENSIONS = /\.(?:txt|text|md|html?|xhtml|xml|rss|atom)$/i;

export interface ReadResult {
  articles: Article[];
  rejected: NotArticle[];
}

function sniff(text: string): ArticleFormat {
  const head = text.slice(0, 2000).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (/^<\?xml[^>]*>\s*(?:<!--[\s\S]*?-->\s*)*<rss|^<rss/.test(head) || /<rss[\s>]/.test(head.slice(0, 400))) return 'rss';
  if (/^<\?xml[^>]*>\s*(?:<!--[\s\S]*?-->\s*)*<feed|^<feed[\s>]/.test(head)) return 'atom';
  if (head.startsWith('<') || /<(?:html|body|article|p)[\s>]/.test(head)) return 'html';
  return 'text';
}

function isoTime(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const t = Date.parse(value.trim());
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** Paragraphs of an element's text: block elements become blank lines. */
function blockText(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  for (const el of document.querySelectorAll('p, div, br, li, h1, h2, h3, h4, blockquote')) el.after(document.createTextNode('\n\n'));
  return tidy(document.body?.textContent ?? '');
}

function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function article(format: ArticleFormat, raw: string, source: Article['source'], fields: Omit<Article, 'id' | 'format' | 'raw' | 'sha256' | 'source'>): Article {
  const hash = sha256(raw);
  return { id: hash.slice(0, 24), format, raw, sha256: hash, source, ...fields };
}

/** A plain-text article: an optional header of `Key: value` lines, then a blank line, then the text. */
export function readText(raw: string, file: string): Article {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const header: Record<string, string> = {};
  let body = text;
  const m = /^((?:(?:title|date|url|source|outlet|published):[^\n]*\n)+)\n/i.exec(text);
  if (m) {
    for (const line of m[1]!.split('\n')) {
      const i = line.indexOf(':');
      if (i > 0) header[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
    }
    body = text.slice(m[0].length);
  }
  body = tidy(body);
  const title = header['title'] ?? (body.split('\n')[0]!.length <= 160 && body.includes('\n') ? body.split('\n')[0]! : '');
  if (!header['title'] && title) body = body.slice(title.length).trim();
  return article('text', raw, { file }, {
    title,
    text: body,
    url: header['url'],
    outlet: header['source'] ?? header['outlet'],
    publishedAt: isoTime(header['date'] ?? header['published']),
  });
}

/** An HTML page's main text, or why it is not an article. */
export function readHtml(raw: string, file: string): Article | NotArticle {
  const { document } = parseHTML(raw);
  const meta = (sel: string) => document.querySelector(sel)?.getAttribute('content') ?? undefined;
  const url = meta('meta[property="og:url"]') ?? document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? undefined;
  const published = meta('meta[property="article:published_time"]') ?? meta('meta[name="date"]') ?? document.querySelector('time[datetime]')?.getAttribute('datetime') ?? undefined;
  const outlet = meta('meta[property="og:site_name"]');
  const typeMeta = meta('meta[property="og:type"]');
  const readerable = isProbablyReaderable(document as unknown as Document, { minContentLength: 140, minScore: 20 });
  const parsed = new Readability(document as unknown as Document, { charThreshold: MIN_ARTICLE_CHARS }).parse();
  const text = parsed?.content ? blockText(parsed.content) : '';
  if (!parsed || text.length < MIN_ARTICLE_CHARS || (!readerable && typeMeta !== 'article')) {
    return {
      source: { file },
      code: 'not_article',
      reason: parsed ? `main text is ${text.length} characters of ${readerable ? 'a readable page' : 'a page Readability does not take for an article'}` : 'Readability found no main text',
    };
  }
  return article('html', raw, { file }, { title: (parsed.title ?? '').trim(), text, url, outlet: outlet ?? parsed.siteName ?? undefined, publishedAt: isoTime(published ?? parsed.publishedTime) });
}

/** RSS 2.0 or Atom: one article per item; the item's XML is its raw record. */
export function readFeed(raw: string, file: string, format: 'rss' | 'atom'): ReadResult {
  const doc = new DOMParser().parseFromString(raw, 'text/xml');
  const items = [...doc.querySelectorAll(format === 'rss' ? 'item' : 'entry')];
  const channel = doc.querySelector(format === 'rss' ? 'channel > title' : 'feed > title')?.textContent?.trim();
  const out: ReadResult = { articles: [], rejected: [] };
  if (!items.length) out.rejected.push({ source: { file }, code: 'empty_feed', reason: `the ${format === 'rss' ? 'RSS' : 'Atom'} feed has no items` });
  items.forEach((item, index) => {
    const child = (...names: string[]) => {
      for (const n of names) {
        const el = [...item.children].find((c) => c.tagName.toLowerCase() === n);
        if (el) return el;
      }
      return undefined;
    };
    const link = format === 'rss' ? child('link')?.textContent?.trim() : (child('link')?.getAttribute('href') ?? undefined);
    const body = child('content:encoded', 'content', 'description', 'summary')?.textContent ?? '';
    const text = /<[a-z][\s\S]*>/i.test(body) ? blockText(body) : tidy(body);
    const source = { file, index };
    if (text.length < 40) {
      out.rejected.push({ source, code: 'not_article', reason: 'the feed item holds no article text (only a link)' });
      return;
    }
    out.articles.push(
      article(format, item.toString(), source, {
        title: child('title')?.textContent?.trim() ?? '',
        text,
        url: link || undefined,
        outlet: channel,
        publishedAt: isoTime(child('pubdate', 'published', 'updated', 'dc:date')?.textContent),
      }),
    );
  });
  return out;
}

/** Read one file's articles (a feed gives several). */
export async function readArticleFile(file: string): Promise<ReadResult> {
  const info = await stat(file);
  if (info.size > MAX_ARTICLE_BYTES) return { articles: [], rejected: [{ source: { file }, code: 'unreadable', reason: `larger than ${MAX_ARTICLE_BYTES} bytes` }] };
  const raw = await readFile(file, 'utf8');
  const format = sniff(raw);
  if (format === 'rss' || format === 'atom') return readFeed(raw, file, format);
  if (format === 'html') {
    const a = readHtml(raw, file);
    return 'code' in a ? { articles: [], rejected: [a] } : { articles: [a], rejected: [] };
  }
  const a = readText(raw, file);
  return a.text.length < 40 ? { articles: [], rejected: [{ source: { file }, code: 'not_article', reason: 'the file holds no text' }] } : { articles: [a], rejected: [] };
}

/** Files, folders (recursively, article-like extensions, in name order) and feeds. */
export async function* readArticles(paths: string[]): AsyncGenerator<ReadResult> {
  let files = 0;
  async function* walk(path: string): AsyncGenerator<ReadResult> {
    const info = await stat(path);
    if (info.isDirectory()) {
      const names = (await readdir(path)).sort();
      for (const name of names) {
        if (name.startsWith('.')) continue;
        const child = join(path, name);
        const s = await stat(child);
        if (s.isDirectory() || EXTENSIONS.test(name)) yield* walk(child);
      }
      return;
    }
    if (++files > MAX_FILES) return;
    yield await readArticleFile(path);
  }
  for (const p of paths) yield* walk(p);
}

/** The article as a post of platform `news`, so that it is stored, hashed and searchable like any record. */
export function articlePost(a: Article): Post {
  const outlet = (a.outlet ?? hostOf(a.url) ?? 'unknown-outlet').slice(0, 200);
  return {
    platform: 'news',
    id: a.id,
    authorId: outlet,
    authorHandle: outlet,
    createdAt: a.publishedAt ?? new Date(0).toISOString(),
    text: a.title ? `${a.title}\n\n${a.text}` : a.text,
    urls: a.url ? [a.url] : [],
    hashtags: [],
    mentions: [],
    source: a.source,
    contentHash: a.sha256,
    raw: a.raw,
    ...(a.publishedAt ? {} : { notes: ['article: no publication time; stored as 1970-01-01'] }),
  };
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined;
  }
}
