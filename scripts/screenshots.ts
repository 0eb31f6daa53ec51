/**
 * Screenshots of every dashboard page for the README, from the demo store, in headless Chromium
 * (Debian's /usr/bin/chromium through playwright-core), at desktop width; every page is also checked at
 * 390 px (a phone) and two are kept at that width (`*-390.png`).
 *
 *   npm run demo            # once: builds and fills demo-out/vigil.db
 *   npx tsx scripts/screenshots.ts [--db demo-out/vigil.db] [--watch demo/watchlist.yaml] [--out docs/screenshots]
 *
 * The store is copied first, so the demo store is never changed. The dashboard is built from source
 * into a temporary folder. Pages that overflow 390 px are reported (and make the script fail).
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { VigilApi } from '../src/server/api.js';
import { createVigilServer } from '../src/server/http.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import { loadWatchlist } from '../src/watch/load.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({ options: { db: { type: 'string', default: `${ROOT}demo-out/vigil.db` }, watch: { type: 'string', default: `${ROOT}demo/watchlist.yaml` }, out: { type: 'string', default: `${ROOT}docs/screenshots` } } });

const tmp = mkdtempSync(join(tmpdir(), 'vigil-shots-'));
const webRoot = join(tmp, 'web');
const db = join(tmp, 'vigil.db');
copyFileSync(values.db!, db);
const { build } = await import('vite');
await build({ configFile: `${ROOT}web/vite.config.ts`, logLevel: 'warn', build: { outDir: webRoot, emptyOutDir: true } });
const store = await openSqliteStore(db);
const watchlist = await loadWatchlist(values.watch!);
const api = new VigilApi({ store, watchlist, tokens: [] });
await api.restoreAlerts();
const server = createVigilServer({ api, webRoot });
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const { chromium } = await import('playwright-core');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
mkdirSync(values.out!, { recursive: true });
const overflow: string[] = [];
const PHONE_SHOTS = new Set(['race', 'account']);
try {
  const get = async (path: string) => JSON.parse(await (await fetch(`${base}${path}`)).text());
  const race = watchlist.races.find((r) => r.id.includes('oh-19')) ?? watchlist.races[0]!;
  const group = (await get('/api/v1/networks')).items[0];
  const incident = (await get(`/api/v1/races/${encodeURIComponent(race.id)}/incidents?limit=1`)).items[0];
  // The head of state whose post the group amplified (the demo's story), else the first one listed.
  const amplifiedActor = group ? (await get(`/api/v1/networks/${encodeURIComponent(group.id)}`)).nodes.find((n: { source?: boolean; actorId?: string }) => n.source && n.actorId)?.actorId : undefined;
  const head = watchlist.actors.find((a) => a.id === amplifiedActor) ?? watchlist.actors.find((a) => a.role === 'head_of_state') ?? watchlist.actors[0]!;
  const headAccount = Object.entries(head.handles).flatMap(([p, hs]) => hs.map((x) => `${p}:${x}`))[0];
  const pages: [string, string, string][] = [
    ['overview', '/', 'tr[data-race]'],
    ['race', `/race/${encodeURIComponent(race.id)}`, '.tl-plot canvas'],
    ['incidents', '/incidents?status=open', 'tr.incident-row'],
    ...(incident ? ([['incident', `/incident/${encodeURIComponent(incident.id)}`, 'h1']] as [string, string, string][]) : []),
    ['actors', '/actors', 'table.actors'],
    ['actor', `/actor/${encodeURIComponent(head.id)}`, '.tl-plot'],
    ...(headAccount ? ([['account', `/account/${encodeURIComponent(headAccount)}`, 'ol.posts li']] as [string, string, string][]) : []),
    ['networks', '/networks', 'h1'],
    ...(group ? ([['network', `/network/${encodeURIComponent(group.id)}`, '.sigma[data-nodes]'], ['wave', `/network/${encodeURIComponent(group.id)}`, '.wave canvas']] as [string, string, string][]) : []),
    ['search', `/search?q=${encodeURIComponent('do not vote')}&race=${encodeURIComponent(race.id)}`, 'ol.posts li'],
    ['leads', '/leads', 'h1'],
  ];
  for (const [name, path, ready] of pages) {
    for (const [suffix, width] of [['', 1200], ['-390', 390]] as const) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.goto(`${base}${path}`);
      await page.locator(ready).first().waitFor({ timeout: 20_000 });
      await page.waitForTimeout(300); // let canvases paint
      if (name === 'wave') await page.locator('.wave').first().scrollIntoViewIfNeeded();
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      if (wide > width + 1) overflow.push(`${name} at ${width} px is ${wide} px wide`);
      // Every page is checked at 390 px; two are kept as pictures of the phone layout.
      if (width === 390 && !PHONE_SHOTS.has(name)) {
        await page.close();
        continue;
      }
      if (name === 'wave') await page.locator('.waves').screenshot({ path: `${values.out}/${name}${suffix}.png` });
      else await page.screenshot({ path: `${values.out}/${name}${suffix}.png`, fullPage: name !== 'network' });
      await page.close();
    }
    console.log(`screenshots: ${name} (${path})`);
  }
} finally {
  await browser.close();
  server.close();
  await store.close();
  rmSync(tmp, { recursive: true, force: true });
}
if (overflow.length) {
  console.error(`screenshots: pages wider than the screen:\n  ${overflow.join('\n  ')}`);
  process.exitCode = 1;
}
