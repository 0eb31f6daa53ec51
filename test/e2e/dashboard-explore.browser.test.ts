/**
 * Browser tests of the analyst's workbench (issue 10 parts 1-3) on the demo's fictional Veradia
 * scenario, ingested and analysed as the demo does: from the overview, in a few clicks, which
 * accounts amplified the head of state's directive and how fast, who else they co-acted with, what
 * one account posted and when; search with shareable URLs; timelines; the network view; a phone's
 * 390 px width; hostile text; and a generated 2,000-node network drawn interactively.
 * Tagged [browser]: skipped where /usr/bin/chromium is absent.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFinding, makePost } from '../builders/records.js';
import { startServer, type RunningServer } from '../../src/server/start.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/store.js';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RACE = 'us-house-oh-19-2026';
const XSS = '<img src=x onerror="alert(1)"><script>alert(2)</script> Veradia festival';
const BIG = 2000;

describe.skipIf(!existsSync(CHROMIUM))('[browser] investigating in the dashboard (Veradia demo)', () => {
  let store: Store;
  let server: RunningServer;
  let browser: import('playwright-core').Browser;
  let webRoot = '';

  beforeAll(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'vigil-web-e2e-explore-'));
    const { build } = await import('vite');
    await build({ configFile: `${ROOT}web/vite.config.ts`, logLevel: 'warn', build: { outDir: webRoot, emptyOutDir: true } });
    const { loadWatchlist } = await import('../../src/watch/load.js');
    const { compileWatchlist } = await import('../../src/analyze/match/compile.js');
    const { ingestFiles } = await import('../../src/pipeline/ingest.js');
    const { analyzeStore } = await import('../../src/pipeline/analyze.js');
    const watchlist = await loadWatchlist(`${ROOT}demo/watchlist.yaml`);
    store = await openSqliteStore(':memory:');
    await ingestFiles(store, [`${ROOT}demo/data/veradia-x-pages.jsonl`]);
    await analyzeStore(store, watchlist, { compiled: compileWatchlist(watchlist) });
    // Hostile text from a watched account, and a generated 2,000-account group (fictional handles).
    await store.putPosts([makePost({ id: 'e2e-xss', authorId: 'e2e-1', authorHandle: 'ohio_veradiano', createdAt: '2026-10-03T09:00:00.000Z', text: XSS })]);
    const accounts = Array.from({ length: BIG }, (_, i) => `x:gen${String(i).padStart(4, '0')}`);
    const edges: [string, string, number, string][] = [];
    for (let i = 1; i < BIG; i++) {
      edges.push([accounts[i], accounts[Math.floor(i / 2)], 1 + (i % 5), 'repost']); // a tree…
      if (i % 3 === 0) edges.push([accounts[i], accounts[(i * 7) % BIG], 1, 'hashtag']); // …with cross links
    }
    await store.putFindings([
      makeFinding({
        id: 'coordination:group:big',
        kind: 'coordination',
        subjects: { accounts, actorIds: [] },
        targets: { candidateIds: ['whitfield'], raceIds: [RACE] },
        observedAt: '2026-10-04T00:00:00.000Z',
        explanation: 'A generated group of 2,000 accounts (browser test).',
        detail: { groupId: 'group:big', edges },
      }),
    ]);
    server = await startServer({ store, watchlist, host: '127.0.0.1', port: 0, tokens: [], detect: () => [], webRoot, log: () => {} });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    if (webRoot) rmSync(webRoot, { recursive: true, force: true });
  });

  async function open(path: string, width = 1200) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${server.url}${path}`);
    return { page, dialogs, errors };
  }

  it('from the overview: who amplified the directive and how fast, who they co-acted with, what one posted and when', async () => {
    const { page, dialogs, errors } = await open('/');
    // The overview names races by office and district and counts findings, not incidents, by kind.
    await page.locator(`tr[data-race="${RACE}"]`).waitFor();
    expect(await page.locator(`tr[data-race="${RACE}"] td a`).first().textContent()).toBe('US House OH-19');
    expect(await page.locator(`tr[data-race="${RACE}"] .badge.k-directive`).textContent()).toMatch(/^directive \d+$/);
    const directives = Number((await page.locator(`tr[data-race="${RACE}"] .badge.k-directive`).textContent())!.split(' ')[1]);
    expect(directives).toBeGreaterThan(1);

    // Click 1: the coordinated group, named by its registry member rather than its hash.
    await page.getByRole('link', { name: 'VN24tv + 4 accounts' }).click();
    await page.locator('.sigma[data-nodes]').waitFor();
    expect(Number(await page.locator('.sigma').getAttribute('data-nodes'))).toBe(6); // 5 members + the amplified head of state
    // The wave: the head of state's directive first, then each member's repost with its delay.
    const first = page.locator('.wave-post').first();
    await first.locator('.wave-list li').first().waitFor();
    expect(await first.locator('h3').textContent()).toMatch(/^Original by @AMontcastel · 2026-10-02 14:00:05 UTC/);
    expect(await first.locator('.post-text .text').textContent()).toMatch(/DO NOT VOTE for @DanaWhitfieldOH/);
    const wave = await first.locator('.wave-list li').allTextContents();
    expect(wave).toHaveLength(5);
    const seconds = wave.map((w) => Number(/\+(\d+) s/.exec(w)?.[1]));
    expect(seconds.every((s) => s > 0 && s < 60)).toBe(true); // all within a minute: the evidence
    expect([...seconds].sort((a, b) => a - b)).toEqual(seconds); // fastest first
    expect(await first.locator('.wave canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('a.button', { hasText: 'GEXF' }).getAttribute('href')).toBe('/api/v1/networks/group%3A50d62369517ff957/export?format=gexf');
    // Clicking an account in the drawing opens its page (then back to the group).
    const sigma = page.locator('.sigma[data-top-node]');
    const top = (await sigma.getAttribute('data-top-node'))!;
    const at = (await sigma.boundingBox())!;
    await page.mouse.click(at.x + Number(await sigma.getAttribute('data-top-x')), at.y + Number(await sigma.getAttribute('data-top-y')));
    await page.waitForURL(`**/account/${encodeURIComponent(top)}`);
    await page.locator('h1', { hasText: `@${top.slice(top.indexOf(':') + 1)}` }).waitFor();
    await page.goBack();
    await first.locator('.wave-list li').first().waitFor();

    // Click 2: the fastest amplifier's account: who else it co-acted with.
    const fastest = first.locator('.wave-list li a').first();
    const handle = (await fastest.textContent())!;
    await fastest.click();
    await page.locator('h1', { hasText: handle }).waitFor();
    const co = await page.locator('.co-actors li').allTextContents();
    expect(co.length).toBeGreaterThanOrEqual(4);
    expect(co.some((c) => c.startsWith('@AMontcastel') && /amplification/.test(c))).toBe(true);
    expect(co.filter((c) => /co-repost/.test(c)).length).toBeGreaterThanOrEqual(3);
    expect(await page.locator('.account-networks a').first().textContent()).toBe('VN24tv + 4 accounts');

    // What it posted and when: the posts, newest first, and the activity timeline (hour by default, day on a click).
    await page.locator('.posts .post').first().waitFor();
    const times = await page.locator('.posts .post .who').allTextContents();
    expect(times.length).toBeGreaterThan(0);
    const stamps = times.map((t) => /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/.exec(t)![0]);
    expect([...stamps].sort().reverse()).toEqual(stamps);
    await page.locator('.timeline[data-bucket="hour"] .tl-plot canvas').waitFor();
    await page.locator('button[data-bucket="day"]').click();
    await page.locator('.timeline[data-bucket="day"] .tl-plot canvas').waitFor();
    expect(new URL(page.url()).searchParams.get('bucket')).toBe('day');
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('searches posts by words, race, author and kind, with the filters in a shareable URL', async () => {
    const { page, errors } = await open('/');
    await page.locator('nav.nav a', { hasText: 'Search' }).click();
    await page.locator('form.search').waitFor();
    await page.locator('input[name=q]').fill('do not vote');
    await page.locator('select[name=race]').selectOption(RACE);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('.posts .post').first().waitFor();
    const url = new URL(page.url());
    expect(url.pathname).toBe('/search');
    expect(url.searchParams.get('q')).toBe('do not vote');
    expect(url.searchParams.get('race')).toBe(RACE);
    const texts = await page.locator('.posts .post .text').allTextContents();
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.every((t) => /do not vote/i.test(t))).toBe(true);
    const authors = await page.locator('.posts .post .who a').allTextContents();
    expect(authors).toContain('@AMontcastel');

    // The URL alone reproduces the view (shared with a colleague).
    const shared = await open(`${url.pathname}${url.search}`);
    await shared.page.locator('.posts .post').first().waitFor();
    expect(await shared.page.locator('.posts .post .text').allTextContents()).toEqual(texts);
    expect(await shared.page.locator('input[name=q]').inputValue()).toBe('do not vote');
    await shared.page.close();

    // Evidence of one finding kind, by one author.
    await page.goto(`${server.url}/search?kind=directive&author=AMontcastel`);
    await page.locator('.posts .post').first().waitFor();
    expect(new Set(await page.locator('.posts .post .who a').allTextContents())).toEqual(new Set(['@AMontcastel']));
    expect(await page.locator('select[name=kind]').inputValue()).toBe('directive');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows hostile post text as text on the account page and in search', async () => {
    const { page, dialogs } = await open('/search?q=veradia%20festival');
    await page.locator('.posts .post').first().waitFor();
    expect(await page.locator('.posts .post .text').allTextContents()).toContain(XSS);
    expect(await page.locator('#app img, #app script').count()).toBe(0);
    await page.locator('.posts .post .who a', { hasText: '@ohio_veradiano' }).first().click();
    await page.locator('.posts .post').first().waitFor();
    expect((await page.locator('.posts .post .text').allTextContents())[0]).toBe(XSS); // its newest post
    expect(await page.locator('#app img, #app script').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('puts the race timeline bucket and incident filters in the URL, and restores them from it', async () => {
    const { page, errors } = await open('/');
    await page.locator(`tr[data-race="${RACE}"] a`).first().click();
    await page.locator('.timeline[data-bucket="day"] .tl-plot canvas').waitFor();
    await page.locator('button[data-bucket="hour"]').click();
    await page.locator('.timeline[data-bucket="hour"] .tl-plot canvas').waitFor();
    expect(Number(await page.locator('.timeline').getAttribute('data-points'))).toBeGreaterThan(1);
    await page.locator('select[name=kind]').selectOption('harassment');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('kind') === 'harassment');
    const rows = await page.locator('tr.incident-row').count();
    expect(new URL(page.url()).searchParams.get('bucket')).toBe('hour');
    await page.reload();
    await page.locator('.timeline[data-bucket="hour"] .tl-plot canvas').waitFor();
    await page.locator('tr.incident-row').first().waitFor();
    expect(await page.locator('select[name=kind]').inputValue()).toBe('harassment');
    expect(await page.locator('tr.incident-row').count()).toBe(rows);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lists actors; the head of state has the incident its post leads and links to its account', async () => {
    const { page, errors } = await open('/');
    await page.locator('nav.nav a', { hasText: 'Actors' }).click();
    await page.getByRole('link', { name: 'Aurelio Montcastel' }).click();
    await page.getByRole('heading', { name: 'Aurelio Montcastel' }).waitFor();
    expect(await page.locator('h2', { hasText: /^Incidents \(\d+\)$/ }).textContent()).not.toBe('Incidents (0)');
    expect(await page.locator('dl.registry a.handle').allTextContents()).toContain('@AMontcastel');
    await page.locator('.tl-plot canvas').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fits a 390 px phone screen on every page', async () => {
    const group = encodeURIComponent('group:50d62369517ff957');
    const paths: [string, string][] = [
      ['/', `tr[data-race="${RACE}"]`],
      [`/race/${RACE}`, '.tl-plot canvas'],
      ['/incidents', 'tr.incident-row'],
      ['/actors', 'table.actors'],
      ['/actor/xv-president', '.tl-plot canvas'],
      ['/account/x%3AAMontcastel', '.posts .post'],
      ['/networks', 'table.networks'],
      [`/network/${group}`, '.wave canvas'],
      ['/search?q=veradia', '.posts .post'],
    ];
    for (const [path, ready] of paths) {
      const { page, errors } = await open(path, 390);
      await page.locator(ready).first().waitFor();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(`${path} ${width}`).toBe(`${path} 390`);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('draws a 2,000-node network interactively and reports how long it took', async () => {
    const { page, errors } = await open(`/network/${encodeURIComponent('group:big')}`);
    const canvas = page.locator(`.sigma[data-nodes="${BIG}"]`);
    await canvas.waitFor({ timeout: 60_000 });
    const first = Number(await canvas.getAttribute('data-render-ms'));
    // Drawn at once; ForceAtlas2 runs in a worker and the drawing settles as positions arrive.
    await page.locator('.sigma[data-layout-ms]').waitFor({ timeout: 60_000 });
    const settled = Number(await canvas.getAttribute('data-layout-ms'));
    console.log(`network view: ${BIG} nodes, ${await canvas.getAttribute('data-edges')} edges — first frame ${first} ms, ForceAtlas2 settled ${settled} ms`);
    expect(first).toBeLessThanOrEqual(settled);
    // Drawn, not blank: a PNG of thousands of dots and lines is far larger than one of an empty box.
    const before = await canvas.screenshot();
    expect(before.length).toBeGreaterThan(30_000);
    // Interactive: a wheel zoom redraws the view.
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -600);
    await page.waitForTimeout(500);
    const after = await canvas.screenshot();
    expect(after.equals(before)).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
