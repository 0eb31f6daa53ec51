/**
 * Browser tests of the case workflow (issue 10 parts 4-5) in headless Chromium (Debian's `chromium`
 * driven by playwright-core; skipped where it is absent): who holds which open incident; assign, note,
 * status and the history; a viewer's disabled form; a dismissed finding that survives a re-run of
 * analyze; figures that `analyze` run beside the server brings in without a restart; merging two
 * incidents, and splitting chosen findings of one into a new incident.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePost } from '../builders/records.js';
import { TEST_WATCHLIST, standInDetect } from '../../src/live/testing.js';
import { analyzeStore } from '../../src/pipeline/analyze.js';
import { parseTokens } from '../../src/server/auth.js';
import { startServer, type RunningServer } from '../../src/server/start.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite.js';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const XSS = '<img src=x onerror="alert(\'xss\')"><script>alert("xss2")</script>DO NOT VOTE for Rufus Firefly';
const NOTE = '<b>checked</b> the consulate handle';
const ANALYST = 'analyst-cases-e2e-0123456789';
const VIEWER = 'viewer-cases-e2e-0123456789';
const INCIDENT = 'inc:fd-01:gov-sy';

/** Directives by the Sylvanian consulate (analyze files them under its government); the first is hostile markup. */
const consulPosts = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) =>
    makePost({
      platform: 'bluesky',
      id: `p${from + i}`,
      authorId: 'did:plc:consul',
      authorHandle: 'consul.example',
      text: from + i === 0 ? XSS : `DO NOT VOTE for Rufus Firefly, day ${from + i}`,
      createdAt: `2026-10-0${1 + Math.floor((from + i) / 10)}T12:${String((from + i) % 60).padStart(2, '0')}:00.000Z`,
      raw: JSON.stringify({ id: `p${from + i}` }),
    }),
  );

describe.skipIf(!existsSync(CHROMIUM))('[browser] case workflow', () => {
  let dir: string;
  let store: SqliteStore;
  /** A second connection to the same file: what `vigil analyze` in another process is. */
  let other: SqliteStore;
  let server: RunningServer;
  let browser: import('playwright-core').Browser;
  let webRoot: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-cases-e2e-'));
    webRoot = join(dir, 'web');
    const { build } = await import('vite');
    await build({ configFile: `${ROOT}web/vite.config.ts`, logLevel: 'warn', build: { outDir: webRoot, emptyOutDir: true } });
    store = await openSqliteStore(join(dir, 'v.db'));
    other = await openSqliteStore(join(dir, 'v.db'));
    await other.putPosts(consulPosts(0, 12));
    await analyzeStore(other, TEST_WATCHLIST, { coordination: false });
    server = await startServer({
      store,
      watchlist: TEST_WATCHLIST,
      host: '127.0.0.1',
      port: 0,
      tokens: parseTokens(`analyst@Ana Ruiz:${ANALYST},viewer:${VIEWER}`),
      detect: standInDetect,
      webRoot,
      refreshMs: 100,
      log: () => {},
    });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
    });
  }, 120_000); // a build of the dashboard, on a machine shared with others

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    await other?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A page signed in with `token` (the HttpOnly cookie the sign-in sets), failing the test on any script error or dialog. */
  async function signedIn(token: string) {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    await context.addCookies([{ name: 'vigil_token', value: token, url: server.url, httpOnly: true, sameSite: 'Strict' }]);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on('pageerror', (e) => problems.push(e.message));
    return { page, problems, close: () => context.close() };
  }

  it('assigns, notes and sets the status; the summary and the history show who did what', async () => {
    const { page, problems, close } = await signedIn(ANALYST);
    await page.goto(`${server.url}/incident/${encodeURIComponent(INCIDENT)}`);
    await page.locator('form.review').waitFor();
    expect(await page.locator('.summary').textContent()).toMatch(/status open · held by nobody · 12 findings/);
    await page.getByRole('button', { name: 'Take it' }).click();
    expect(await page.locator('input[name=assignee]').inputValue()).toBe('Ana Ruiz');
    await page.locator('select[name=status]').selectOption('reviewing');
    await page.locator('textarea[name=note]').fill(NOTE);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    expect(await page.locator('.summary').textContent()).toMatch(/status reviewing · held by Ana Ruiz/);
    const entry = page.locator('.history .action').first();
    expect(await entry.locator('.by').textContent()).toBe('Ana Ruiz');
    expect(await entry.textContent()).toMatch(/status open → reviewing · assigned to Ana Ruiz/);
    // The note is shown as text.
    expect(await page.locator('.history .note').allTextContents()).toEqual([NOTE]);
    expect(await page.locator('.history b').count()).toBe(0);
    expect(problems).toEqual([]);
    await close();
  });

  it('lists the open incidents with who holds them, and a viewer sees the review form disabled', async () => {
    // Back to open (through the API, as the dashboard does), still held by Ana Ruiz.
    const reopened = await fetch(`${server.url}/api/v1/incidents/${encodeURIComponent(INCIDENT)}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${ANALYST}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'open' }),
    });
    expect(reopened.status).toBe(200);
    const { page, problems, close } = await signedIn(VIEWER);
    await page.goto(`${server.url}/incidents?status=open`);
    const row = page.locator('tr.incident-row', { hasText: 'Government of Sylvania' });
    await row.waitFor();
    expect(await row.locator('td.assignee').textContent()).toBe('Ana Ruiz');
    await row.locator('a').first().click();
    await page.locator('form.review').waitFor();
    expect(await page.locator('form.review fieldset').evaluate((el) => (el as HTMLFieldSetElement).disabled)).toBe(true);
    expect(await page.locator('textarea[name=note]').isEditable()).toBe(false);
    expect(await page.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await page.getByText('You are signed in as a viewer').waitFor();
    await page.locator('details.finding summary').first().click();
    expect(await page.locator('details.finding button.decide').first().isDisabled()).toBe(true);
    expect(problems).toEqual([]);
    await close();
  });

  it('pages and collapses findings, shows hostile post text as text, and keeps a dismissal across a re-run of analyze', async () => {
    const { page, problems, close } = await signedIn(ANALYST);
    await page.goto(`${server.url}/incident/${encodeURIComponent(INCIDENT)}`);
    await page.locator('.pager .count').first().waitFor();
    expect(await page.locator('.pager .count').first().textContent()).toBe('Showing 1–12 of 12 findings');
    expect(await page.locator('details.finding[open]').count()).toBe(0);
    const first = page.locator('details.finding').first();
    await first.locator('summary').click();
    await first.locator('.posts .text').waitFor();
    expect(await first.locator('.posts .text').allTextContents()).toEqual([XSS]);
    expect(await page.locator('.posts img, .posts script').count()).toBe(0);
    const dismissed = await first.getAttribute('data-id');
    await first.getByRole('button', { name: 'Dismiss' }).click();
    await page.locator(`details.finding.d-dismissed[data-id="${dismissed}"]`).waitFor();

    // analyze runs again (another connection, as another process would): findings are rewritten.
    await other.putPosts(consulPosts(12, 3));
    await analyzeStore(other, TEST_WATCHLIST, { coordination: false });
    await page.reload();
    await page.locator('.pager .count').first().waitFor();
    expect(await page.locator('.pager .count').first().textContent()).toBe('Showing 1–15 of 15 findings');
    expect(await page.locator(`details.finding.d-dismissed[data-id="${dismissed}"]`).count()).toBe(1);
    await page.locator('select[name=decision]').selectOption('dismissed');
    await page.waitForFunction(() => document.querySelector('.pager .count')?.textContent === 'Showing 1–1 of 1 findings');
    expect(page.url()).toContain('decision=dismissed');
    expect(await page.locator('details.finding').getAttribute('data-id')).toBe(dismissed);
    expect(problems).toEqual([]);
    await close();
  });

  it('shows what analyze filed beside the running server without a restart', async () => {
    const { page, problems, close } = await signedIn(VIEWER);
    await page.goto(server.url);
    await page.locator('tr[data-race="fd-01"]').waitFor();
    const incidents = () => page.locator('tr[data-race="fd-01"] td.num').first().textContent();
    expect(await incidents()).toBe('1');
    // A post from Ovalia's broadcaster: a second actor, so a second incident.
    await other.putPosts([makePost({ platform: 'bluesky', id: 'obc1', authorId: 'did:plc:obc', authorHandle: 'obc.ovalia.example', text: 'DO NOT VOTE for Rufus Firefly', createdAt: '2026-10-03T09:00:00.000Z' })]);
    await analyzeStore(other, TEST_WATCHLIST, { coordination: false });
    await page.locator('.toast', { hasText: 'Ovalia Broadcasting' }).waitFor();
    await page.waitForFunction(() => document.querySelector('tr[data-race="fd-01"] td.num')?.textContent === '2');
    expect(problems).toEqual([]);
    await close();
  });

  it('merges the broadcaster\'s incident into the government\'s: one case, its findings counted there', async () => {
    const { page, problems, close } = await signedIn(ANALYST);
    await page.goto(`${server.url}/incident/${encodeURIComponent('inc:fd-01:media-ov')}`);
    await page.locator('select[name=merge-into]').selectOption(INCIDENT);
    await page.getByRole('button', { name: 'Merge into' }).click();
    await page.locator('p.merged').waitFor();
    expect(await page.locator('.history .action').last().textContent()).toMatch(/Ana Ruiz .* merged into inc:fd-01:gov-sy/);
    await page.locator('p.merged a').click();
    await page.locator('p.merged-from').waitFor();
    expect(await page.locator('.pager .count').first().textContent()).toBe('Showing 1–16 of 16 findings');
    await page.goto(`${server.url}/incidents`);
    await page.locator('tr.incident-row').first().waitFor();
    expect(await page.locator('tr.incident-row').count()).toBe(1);
    expect(problems).toEqual([]);
    await close();
  });

  it('splits two findings off into a new incident: two cases, each linking the other, undone again', async () => {
    const { page, problems, close } = await signedIn(ANALYST);
    // Undo the merge of the previous test: an incident others are merged into is not split.
    await page.goto(`${server.url}/incident/${encodeURIComponent('inc:fd-01:media-ov')}`);
    await page.getByRole('button', { name: 'Undo merge' }).click();
    await page.locator('select[name=merge-into]').waitFor();
    await page.goto(`${server.url}/incident/${encodeURIComponent(INCIDENT)}`);
    await page.locator('.pager .count').first().waitFor();
    expect(await page.locator('.pager .count').first().textContent()).toBe('Showing 1–15 of 15 findings');
    const split = page.getByRole('button', { name: 'Split into new incident' });
    expect(await split.isDisabled()).toBe(true);
    const picks = page.locator('input.pick');
    const moved = [await picks.nth(13).locator('xpath=..').locator('details.finding').getAttribute('data-id'), await picks.nth(14).locator('xpath=..').locator('details.finding').getAttribute('data-id')];
    await picks.nth(13).check();
    await picks.nth(14).check();
    expect(await page.locator('.split-form .picked').textContent()).toBe('2 finding(s) selected.');
    await split.click();
    await page.locator('p.split-into a').waitFor();
    expect(await page.locator('.pager .count').first().textContent()).toBe('Showing 1–13 of 13 findings');
    expect(await page.locator('.history .action').last().textContent()).toMatch(/Ana Ruiz .* split 2 finding\(s\) into inc:fd-01:gov-sy:split-[0-9a-f]{12}/);
    await page.locator('.history .action').last().locator('a').click();
    await page.locator('p.split-origin').waitFor();
    expect(await page.locator('p.split-origin').textContent()).toMatch(/Split off inc:fd-01:gov-sy: 2 finding\(s\) moved here/);
    expect(await page.locator('details.finding').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).toEqual(moved);
    expect(await page.locator('.history .action').last().textContent()).toMatch(/Ana Ruiz .* 2 finding\(s\) split off inc:fd-01:gov-sy/);
    const splitUrl = page.url();
    // analyze runs again beside the server with one more directive: the split is kept, the new
    // finding goes to the original (where analyze files it).
    await other.putPosts(consulPosts(15, 1));
    await analyzeStore(other, TEST_WATCHLIST, { coordination: false });
    await page.reload();
    await page.locator('p.split-origin').waitFor();
    expect(await page.locator('details.finding').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).toEqual(moved);
    await page.locator('p.split-origin a').click();
    await page.locator('p.split-into').waitFor();
    expect(await page.locator('.pager .count').first().textContent()).toBe('Showing 1–14 of 14 findings');
    await page.goto(`${server.url}/incidents`);
    await page.locator('tr.incident-row').first().waitFor();
    const rows = await page.locator('tr.incident-row td:first-child a').allTextContents();
    expect(rows.filter((t) => t.includes('(split)'))).toHaveLength(1);
    expect(rows).toHaveLength(3); // the government's incident and its split, and the broadcaster's
    // A viewer sees the split and the checkboxes, disabled.
    const viewer = await signedIn(VIEWER);
    await viewer.page.goto(`${server.url}/incident/${encodeURIComponent(INCIDENT)}`);
    await viewer.page.locator('p.split-into').waitFor();
    expect(await viewer.page.getByRole('button', { name: 'Split into new incident' }).isDisabled()).toBe(true);
    expect(await viewer.page.locator('input.pick:not([disabled])').count()).toBe(0);
    await viewer.close();
    // Undo: the findings go back to the original.
    await page.goto(splitUrl);
    await page.getByRole('button', { name: 'Undo split' }).click();
    await page.getByText('Split undone: its findings are back in').waitFor();
    await page.locator('p.split-origin a').click();
    // the emptied split's own pager ("0 of 0") can still be on screen until the original has rendered
    await page.waitForFunction(() => document.querySelector('.pager .count')?.textContent === 'Showing 1–16 of 16 findings', undefined, { timeout: 10_000 });
    expect(problems).toEqual([]);
    await close();
  });
});
