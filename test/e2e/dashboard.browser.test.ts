/**
 * Browser end-to-end tests of the dashboard in headless Chromium (Debian's `chromium` driven by
 * playwright-core). Tagged [browser]: skipped where /usr/bin/chromium is absent (CI installs it).
 * The README's screenshots come from scripts/screenshots.ts (the demo store), not from these tests.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJetstreamFrame } from '../../src/live/bluesky.js';
import { syntheticJetstreamPost } from '../../src/live/synthetic.js';
import { standInDetect, TEST_WATCHLIST } from '../../src/live/testing.js';
import { parseTokens } from '../../src/server/auth.js';
import { startServer, type RunningServer } from '../../src/server/start.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/store.js';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const XSS = '<img src=x onerror="alert(\'xss\')"><script>alert("xss2")</script>DO NOT VOTE for Firefly!!';
const NOTE = '<b>checked</b> the consulate handle';

describe.skipIf(!existsSync(CHROMIUM))('[browser] dashboard in headless Chromium', () => {
  let store: Store;
  let server: RunningServer;
  let browser: import('playwright-core').Browser;
  const handles = new Map([
    ['did:plc:consul', 'consul.example'],
    ['did:plc:obc', 'obc.ovalia.example'],
  ]);
  let n = 0;
  let webRoot = '';
  const post = (did: string, text: string) => server.pipeline.push('e2e', parseJetstreamFrame(syntheticJetstreamPost(n++, { did, text, spacingUs: 1_800_000_000 }), 'jetstream:e2e', handles));

  beforeAll(async () => {
    // Build the dashboard from source into a folder of this run's own, so a stale or concurrently
    // rebuilt web/dist cannot change what is tested.
    webRoot = mkdtempSync(join(tmpdir(), 'vigil-web-e2e-'));
    const { build } = await import('vite');
    await build({ configFile: `${ROOT}web/vite.config.ts`, logLevel: 'warn', build: { outDir: webRoot, emptyOutDir: true } });
    store = await openSqliteStore(':memory:');
    server = await startServer({ store, watchlist: TEST_WATCHLIST, host: '127.0.0.1', port: 0, tokens: [], detect: standInDetect, webRoot, log: () => {} });
    post('did:plc:consul', XSS);
    for (let i = 0; i < 30; i++) post(i % 2 ? 'did:plc:consul' : `did:plc:crowd${i}`, i % 3 === 0 ? `DO NOT VOTE for Firefly${'!'.repeat(i % 4)}` : `Harbour festival ${i}`);
    await server.pipeline.flush();
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
    });
    // A vite build and a browser launch: beside the rest of the suite on two cores this took over the
    // default 10 s once in a CI dry run (alone it passes well inside it).
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    if (webRoot) rmSync(webRoot, { recursive: true, force: true });
  });

  it('clicks from the overview to an incident, shows evidence, runs no injected script, and updates live', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
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

    await page.goto(server.url);
    await page.locator('tr[data-race="fd-01"]').waitFor();
    expect(await page.locator('tr[data-race="fd-01"] td.num').first().textContent()).toBe('1');

    await page.locator('tr[data-race="fd-01"] a').click();
    await page.locator('tr.incident-row').first().waitFor();
    await page.locator('.tl-plot canvas').first().waitFor(); // the uPlot timeline

    await page.locator('tr.incident-row a').first().click();
    await page.locator('details.finding').first().waitFor();
    // Findings are collapsed; opening one loads its evidence (incident.ts).
    const findings = await page.locator('details.finding').count();
    await page.evaluate(() => document.querySelectorAll('details.finding').forEach((d) => ((d as HTMLDetailsElement).open = true)));
    await page.waitForFunction((n) => document.querySelectorAll('details.finding .evidence .posts .text').length >= n, findings);
    // The XSS payload is on the page as text, and no element was made from it.
    const texts = await page.locator('.evidence .posts .text').allTextContents();
    expect(texts).toContain(XSS);
    expect(await page.locator('.evidence img, .evidence script').count()).toBe(0);
    expect(await page.locator('td.hash code').first().textContent()).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.locator('.legal, .caveat').count()).toBeGreaterThan(0);

    // Analyst review (loopback without tokens: the local user is an analyst). The note is text too.
    await page.locator('select[name=status]').selectOption('reviewing');
    await page.locator('textarea[name=note]').fill(NOTE);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    expect(await page.locator('.history .note').allTextContents()).toEqual([NOTE]);
    expect(await page.locator('.history b').count()).toBe(0);

    // Back to the overview; a new incident (another actor) arrives over SSE without a reload.
    await page.locator('a.brand').click();
    await page.locator('tr[data-race="fd-01"]').waitFor();
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    post('did:plc:obc', 'DO NOT VOTE for Firefly! says the broadcaster');
    await page.locator('.toast').first().waitFor();
    await page.waitForFunction(() => document.querySelector('tr[data-race="fd-01"] td.num')?.textContent === '2');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    expect(await page.locator('#alerts li').count()).toBeGreaterThan(0);
    expect(await page.locator('.toast').first().textContent()).toMatch(/New incident: .*Ovalia Broadcasting/);

    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('asks for a token when the server has tokens, and tells a viewer that only analysts edit', async () => {
    const viewer = 'viewer-e2e-token-0123456789';
    const second = await startServer({ store, watchlist: TEST_WATCHLIST, host: '127.0.0.1', port: 0, tokens: parseTokens(`viewer:${viewer}`), detect: standInDetect, webRoot, log: () => {} });
    try {
      const page = await browser.newPage();
      await page.goto(second.url);
      await page.locator('input[name=token]').fill('wrong-token-0123456789');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('That token was not accepted.').waitFor();
      await page.locator('input[name=token]').fill(viewer);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('tr[data-race="fd-01"]').waitFor();
      const cookies = await page.context().cookies();
      expect(cookies.find((c) => c.name === 'vigil_token')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
      expect(await page.evaluate(() => document.cookie)).toBe(''); // page script cannot read it
      await page.goto(`${second.url}/incident/${encodeURIComponent('inc:fd-01:gov-sy')}`);
      await page.locator('form.review').waitFor();
      expect(await page.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
      await page.getByText('an analyst token is needed to change this case').waitFor();
      await page.close();
    } finally {
      await second.close();
    }
  });

  it('shows the actor page with its affiliation chain and a coordinated group as a network', async () => {
    const reposts = ['did:plc:consul', 'did:plc:r1', 'did:plc:r2', 'did:plc:r3'].map(
      (did, i) =>
        parseJetstreamFrame(
          JSON.stringify({ did, time_us: 1_795_000_000_000_000 + i, kind: 'commit', commit: { operation: 'create', collection: 'app.bsky.feed.repost', rkey: `rp${i}`, record: { subject: { uri: 'at://did:plc:origin/app.bsky.feed.post/1', cid: 'c' }, createdAt: '2026-10-01T00:00:00Z' } } }),
          'jetstream:e2e',
          handles,
        ).post!,
    );
    await store.putPosts(reposts);
    await store.putFindings([
      {
        id: 'coordination:group:e2e',
        kind: 'coordination',
        subjects: { accounts: reposts.map((p) => `bluesky:${p.authorHandle}`), actorIds: ['consul-sy'] },
        targets: { candidateIds: ['cand-rufus'], raceIds: ['fd-01'] },
        score: 0.8,
        observedAt: '2026-10-01T00:00:00.000Z',
        explanation: '4 accounts reposted the same post within 60 s',
        detail: { groupId: 'group:e2e' },
        evidence: reposts.map((p) => ({ kind: 'post' as const, ref: `bluesky:${p.id}`, source: p.source, sha256: p.contentHash })),
      },
    ]);
    // The server's cached views follow its own writes and other processes' commits; this one is neither.
    server.api.views.invalidate();
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/actor/consul-sy`);
    await page.getByRole('heading', { name: 'Consulate of Sylvania' }).waitFor();
    expect(await page.getByRole('link', { name: /Government of Sylvania/ }).count()).toBeGreaterThan(0);
    expect(await page.locator('.posts .text').allTextContents()).toContain(XSS);

    await page.goto(server.url);
    await page.getByRole('link', { name: 'consul.example + 3 accounts' }).click();
    // Drawn by sigma.js: four accounts, all six pairs of co-reposters linked; the consulate's is a registry account.
    await page.locator('.sigma[data-nodes="4"][data-edges="6"]').waitFor();
    expect(await page.locator('table.members tr', { hasText: 'consul-sy (SY)' }).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('filters the race page by actor country', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/race/fd-01`);
    await page.locator('tr.incident-row').first().waitFor();
    expect(await page.locator('tr.incident-row').count()).toBe(2);
    await page.locator('select[name=country]').selectOption('OV');
    await page.waitForFunction(() => document.querySelectorAll('tr.incident-row').length === 1);
    expect(await page.locator('tr.incident-row a').textContent()).toMatch(/Ovalia Broadcasting/);
    await page.close();
  });
});

// ---------------------------------------------------------------- leads (issue 12)

const HOSTILE_TITLE = '<img src=x onerror=alert(1)>';

describe.skipIf(!existsSync(CHROMIUM))('[browser] leads in the dashboard (demo-like store)', () => {
  const VIEWER = 'viewer-leads-token-0123456789';
  const ANALYST = 'analyst-leads-token-0123456789';
  let store: Store;
  let server: RunningServer;
  let browser: import('playwright-core').Browser;
  let seedId = '';
  let webRoot = '';
  const hostileId = 'lead-hostile-e2e';

  beforeAll(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'vigil-web-e2e-leads-'));
    const { build } = await import('vite');
    await build({ configFile: `${ROOT}web/vite.config.ts`, logLevel: 'warn', build: { outDir: webRoot, emptyOutDir: true } });
    const { loadWatchlist } = await import('../../src/watch/load.js');
    const { compileWatchlist } = await import('../../src/analyze/match/compile.js');
    const { ingestFiles } = await import('../../src/pipeline/ingest.js');
    const { analyzeStore } = await import('../../src/pipeline/analyze.js');
    const { articlePost, extractLead, linkLead, readText, saveLead } = await import('../../src/leads/index.js');
    // As the demo does: the seed case's posts ingested and analysed, then the seed article read as a lead.
    const watchlist = await loadWatchlist(`${ROOT}demo/watchlist.yaml`);
    const cw = compileWatchlist(watchlist);
    store = await openSqliteStore(':memory:');
    await ingestFiles(store, [`${ROOT}demo/data/seed-case.jsonl`]);
    await analyzeStore(store, watchlist, { compiled: cw });
    const file = 'demo/data/articles/seed-ca35-2022.txt';
    const article = readText(readFileSync(`${ROOT}${file}`, 'utf8'), file);
    await store.putPosts([articlePost(article)]);
    const out = extractLead(article, cw);
    if ('none' in out) throw new Error(out.none.message);
    const seed = await saveLead(store, await linkLead(store, out.lead, cw, article.text));
    seedId = seed.id;
    // Article text is hostile: a lead whose every free-text field is markup.
    await saveLead(store, {
      ...seed,
      id: hostileId,
      title: HOSTILE_TITLE,
      accusers: [XSS],
      quoted_posts: seed.quoted_posts.map((q) => ({ ...q, text: XSS })),
      responses: [{ speaker: HOSTILE_TITLE, kind: 'denial', text: XSS }],
      allegation_text: [XSS],
      collect_next: [XSS],
    });
    server = await startServer({ store, watchlist, host: '127.0.0.1', port: 0, tokens: parseTokens(`viewer:${VIEWER},analyst:${ANALYST}`), detect: () => [], webRoot, log: () => {} });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    if (webRoot) rmSync(webRoot, { recursive: true, force: true });
  });

  async function signedIn(token: string, path: string) {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}${path}`);
    await page.locator('input[name=token]').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    return { page, dialogs, errors };
  }

  it('a viewer sees the lead, its quoted post and archive link, but cannot confirm it', async () => {
    const { page, dialogs, errors } = await signedIn(VIEWER, `/lead/${seedId}`);
    await page.locator('.quoted-post').first().waitFor();
    expect(await page.getByRole('button', { name: 'Confirm' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Dismiss' }).isDisabled()).toBe(true);
    await page.getByText('Only analysts can confirm or dismiss leads.').waitFor();
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lists the lead from the overview and the race, opens it, shows the quoted post, and an analyst confirms it', async () => {
    const { page, dialogs, errors } = await signedIn(ANALYST, '/');
    await page.locator('tr[data-race="us-house-ca-35-2022"]').waitFor();
    await page.locator('.leads-link a').click();
    await page.locator('tr.lead-row').first().waitFor();
    expect(await page.locator('tr.lead-row').count()).toBe(2);
    const row = page.locator(`tr.lead-row[data-lead="${seedId}"]`);
    expect(await row.locator('td').nth(1).textContent()).toBe('Norma Torres');
    expect(await row.locator('.accused.registry a').textContent()).toBe('Nayib Bukele');
    expect(await row.locator('.accused.proposed').count()).toBe(3);
    expect(await row.textContent()).toMatch(/suggested: \w+ \(\d+\/12\)/);
    expect(await row.locator('[data-status]').textContent()).toBe('suggested');

    // The race page links to its leads.
    await row.locator('td').nth(3).locator('a').click();
    await page.locator('.leads-link a').waitFor();
    expect(await page.locator('.leads-link a').textContent()).toMatch(/Leads from news reports for this race \(2\)/);
    await page.locator('.leads-link a').click();
    await page.locator(`tr.lead-row[data-lead="${seedId}"] a`).first().click();

    await page.locator('.quoted-post').first().waitFor();
    expect(await page.locator('h1.lead-title').textContent()).toBe("Torres says El Salvador's president orchestrated attacks during her campaign");
    expect(await page.locator('.quoted-post .quote').first().textContent()).toMatch(/DO NOT VOTE for @NormaJTorres/);
    expect(await page.locator('.quoted-post .archive code.ref').first().textContent()).toBe('x:seed-bukele-2021-04');
    expect(await page.locator('.quoted-post .archived .text').first().textContent()).toMatch(/DO NOT VOTE for @NormaJTorres/);
    expect(await page.locator('.quoted-post .archived .hash code').first().textContent()).toMatch(/^[0-9a-f]{64}$/);
    const responses = await page.locator('ul.responses li').allTextContents();
    expect(responses.some((r) => /State Department/.test(r))).toBe(true);
    expect(responses.some((r) => /Justice Department.*no comment/.test(r))).toBe(true);

    await page.locator('textarea[name=lead-note]').fill('quoted post found in the archive');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Confirmed: filed into the incident.').waitFor();
    expect(await page.locator('.summary [data-status]').textContent()).toBe('confirmed');
    expect(await page.locator('ul.notes li').allTextContents()).toEqual(['quoted post found in the archive']);
    await page.getByRole('link', { name: 'inc:us-house-ca-35-2022:sv-government' }).click();
    await page.locator('details.finding').first().waitFor();
    expect(await page.locator('.finding .k-allegation').count()).toBe(1);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows hostile lead text as text', async () => {
    const { page, dialogs, errors } = await signedIn(ANALYST, '/leads');
    const row = page.locator(`tr.lead-row[data-lead="${hostileId}"]`);
    await row.waitFor();
    expect(await row.locator('a').first().textContent()).toBe(HOSTILE_TITLE);
    await row.locator('a').first().click();
    await page.locator('.quoted-post').first().waitFor();
    expect(await page.locator('h1.lead-title').textContent()).toBe(HOSTILE_TITLE);
    expect(await page.locator('.quoted-post .quote').first().textContent()).toBe(XSS);
    expect(await page.locator('ul.responses strong').first().textContent()).toBe(HOSTILE_TITLE);
    expect(await page.locator('#app img, #app script').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
