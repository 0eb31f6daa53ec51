/**
 * Browser end-to-end tests of the dashboard in headless Chromium (Debian's `chromium` driven by
 * playwright-core). Tagged [browser]: skipped where /usr/bin/chromium is absent (CI installs it).
 * Screenshots go to docs/screenshots/.
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
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
const SHOTS = `${ROOT}docs/screenshots`;
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
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
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
    await page.screenshot({ path: `${SHOTS}/overview.png`, fullPage: true });

    await page.locator('tr[data-race="fd-01"] a').click();
    await page.locator('tr.incident-row').first().waitFor();
    expect(await page.locator('svg.chart rect').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/race.png`, fullPage: true });

    await page.locator('tr.incident-row a').first().click();
    await page.locator('table.evidence').first().waitFor();
    // The XSS payload is on the page as text, and no element was made from it.
    const texts = await page.locator('.post-text .text').allTextContents();
    expect(texts).toContain(XSS);
    expect(await page.locator('.post-text img, .post-text script').count()).toBe(0);
    expect(await page.locator('td.hash code').first().textContent()).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.locator('.legal, .caveat').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/incident.png`, fullPage: true });

    // Analyst review (loopback without tokens: the local user is an analyst). The note is text too.
    await page.locator('select[name=status]').selectOption('reviewing');
    await page.locator('textarea[name=note]').fill(NOTE);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    expect(await page.locator('ul.notes li').allTextContents()).toEqual([NOTE]);
    expect(await page.locator('ul.notes b').count()).toBe(0);

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
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Only analysts can change incidents.').waitFor();
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
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/actor/consul-sy`);
    await page.getByRole('heading', { name: 'Consulate of Sylvania' }).waitFor();
    expect(await page.getByRole('link', { name: /Government of Sylvania/ }).count()).toBeGreaterThan(0);
    expect(await page.locator('ul.posts .text').allTextContents()).toContain(XSS);

    await page.goto(server.url);
    await page.getByRole('link', { name: 'group:e2e' }).click();
    await page.locator('svg.network circle').first().waitFor();
    expect(await page.locator('svg.network circle').count()).toBe(4);
    expect(await page.locator('svg.network circle.registry').count()).toBe(1); // the consulate's account
    expect(await page.locator('svg.network line.edge').count()).toBe(6); // all pairs of four co-reposters
    await page.screenshot({ path: `${SHOTS}/network.png`, fullPage: true });
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
