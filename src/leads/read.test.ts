/** Reading articles (issue 12): HTML main text, non-article pages, RSS and Atom feeds, folders. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../util/hash.js';
import { articlePost, readArticleFile, readArticles, readHtml, readText } from './read.js';

const FIX = 'test/fixtures/leads';

describe('reading articles', () => {
  it('HTML: the main text without navigation, sidebar or footer; URL, outlet and time from the meta tags', () => {
    const raw = readFileSync('demo/data/articles/xv-consulate-gotv-es.html', 'utf8');
    const a = readHtml(raw, 'x.html');
    if ('code' in a) throw new Error(a.reason);
    expect(a.text).toMatch(/^COLUMBUS, Ohio — La campaña/m);
    expect(a.text).not.toMatch(/Portada|Lo más leído|Privacidad|Resultados de fútbol/);
    expect(a.url).toBe('https://diario-ficticio.example/2026/10/20/consulado-veradia-votos');
    expect(a.outlet).toBe('Diario Ficticio del Valle');
    expect(a.publishedAt).toBe('2026-10-20T15:00:00.000Z');
    expect(a.sha256).toBe(sha256(raw));
    expect(a.raw).toBe(raw);
  });

  it('a page that is not an article is reported, not guessed at', async () => {
    const r = await readArticleFile(`${FIX}/section-front.html`);
    expect(r.articles).toEqual([]);
    expect(r.rejected).toEqual([expect.objectContaining({ code: 'not_article' })]);
  });

  it('RSS: one article per item with text; a link-only item is reported', async () => {
    const r = await readArticleFile(`${FIX}/ohio-ledger.rss`);
    expect(r.articles.map((a) => [a.title, a.url, a.publishedAt, a.source.index])).toEqual([
      ['Whitfield says Veradian consul pressured volunteers', 'https://ohio-ledger.example/2026/10/22/consul-pressure', '2026-10-22T12:00:00.000Z', 0],
      ['Road works on Route 4 (fictional)', 'https://ohio-ledger.example/2026/10/22/road-works', '2026-10-22T13:00:00.000Z', 1],
    ]);
    expect(r.articles[0]!.text).toMatch(/^COLUMBUS, Ohio — Rep\. Dana Whitfield said/);
    expect(r.articles[0]!.raw).toMatch(/^<item>/);
    expect(r.articles[0]!.outlet).toBe('The Ohio Ledger (fictional)');
    expect(r.rejected).toEqual([expect.objectContaining({ code: 'not_article', source: { file: `${FIX}/ohio-ledger.rss`, index: 2 } })]);
  });

  it('Atom entries', async () => {
    const r = await readArticleFile(`${FIX}/ohio-ledger.atom`);
    expect(r.articles.map((a) => [a.format, a.url, a.publishedAt])).toEqual([['atom', 'https://ohio-ledger.example/2026/10/28/hack', '2026-10-28T09:00:00.000Z']]);
  });

  it('folders are read recursively in name order', async () => {
    const names: string[] = [];
    for await (const r of readArticles([FIX])) for (const a of [...r.articles.map((x) => x.source.file), ...r.rejected.map((x) => x.source.file)]) names.push(a);
    expect([...new Set(names)]).toEqual([`${FIX}/ohio-ledger.atom`, `${FIX}/ohio-ledger.rss`, `${FIX}/section-front.html`]);
  });

  it('plain text header, and the article as a news post with its source and hash', () => {
    const raw = 'Title: T\nDate: 2026-10-15\nURL: https://e.example/a\nSource: Ledger\n\nBody text.\n';
    const a = readText(raw, 'a.txt');
    expect([a.title, a.text, a.url, a.outlet, a.publishedAt]).toEqual(['T', 'Body text.', 'https://e.example/a', 'Ledger', '2026-10-15T00:00:00.000Z']);
    const p = articlePost(a);
    expect(p).toMatchObject({ platform: 'news', id: sha256(raw).slice(0, 24), authorHandle: 'Ledger', text: 'T\n\nBody text.', contentHash: sha256(raw), raw, source: { file: 'a.txt' }, urls: ['https://e.example/a'] });
  });
});
