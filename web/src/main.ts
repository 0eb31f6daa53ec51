import { ApiFailure } from './client.js';
import { disposeMounted, h, mount } from './dom.js';
import { accountPage, actorPage, actorsPage, networkPage, networksPage, searchPage } from './explore.js';
import { leadPage, leadsPage } from './leads.js';
import { incidentsPage, overviewPage, racePage } from './overview.js';
import { incidentPage } from './incident.js';
import { alertList, signInPage } from './pages.js';

const app = document.getElementById('app')!;
const toasts = document.getElementById('toasts')!;
const liveDot = document.getElementById('live')!;
const recentAlerts: any[] = [];

const ROUTES: [RegExp, (app: HTMLElement, ...params: string[]) => Promise<void>][] = [
  [/^\/$/, (a) => overviewPage(a)],
  [/^\/race\/([^/]+)$/, racePage],
  [/^\/incident\/([^/]+)$/, incidentPage],
  [/^\/incidents$/, (a) => incidentsPage(a)],
  [/^\/actors$/, (a) => actorsPage(a)],
  [/^\/actor\/([^/]+)$/, actorPage],
  [/^\/account\/([^/]+)$/, accountPage],
  [/^\/networks$/, (a) => networksPage(a)],
  [/^\/network\/([^/]+)$/, networkPage],
  [/^\/search$/, (a) => searchPage(a)],
  [/^\/leads$/, (a) => leadsPage(a)],
  [/^\/lead\/([^/]+)$/, leadPage],
];

async function render(): Promise<void> {
  const path = location.pathname;
  disposeMounted();
  markNav(path);
  for (const [re, page] of ROUTES) {
    const m = re.exec(path);
    if (!m) continue;
    try {
      await page(app, ...m.slice(1).map(decodeURIComponent));
      document.body.dataset.page = re.source;
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 401) return signInPage(app, () => void render());
      mount(app, h('h1', {}, 'Something went wrong'), h('p', {}, err instanceof ApiFailure ? `${err.code}: ${err.message}` : String(err)));
    }
    return;
  }
  mount(app, h('h1', {}, 'Not found'), h('p', {}, h('a', { href: '/', 'data-link': true }, 'Back to the races')));
}

/** The top bar shows where one is (aria-current), for sighted and screen-reader users alike. */
function markNav(path: string): void {
  for (const a of document.querySelectorAll('nav.nav a')) {
    const href = a.getAttribute('href') ?? '';
    const here = href === '/' ? path === '/' || path.startsWith('/race/') : path === href || path.startsWith(`${href.replace(/s$/, '')}/`);
    if (here) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

// In-app navigation without reloads.
document.addEventListener('click', (ev) => {
  const a = (ev.target as Element).closest?.('a[data-link]');
  if (!a || (ev as MouseEvent).ctrlKey || (ev as MouseEvent).metaKey) return;
  ev.preventDefault();
  history.pushState(null, '', a.getAttribute('href'));
  void render();
});
window.addEventListener('popstate', () => void render());

/** New incidents arrive over server-sent events: a toast, the alert list, and a refresh of the page. */
function listen(): void {
  const es = new EventSource('/api/v1/events');
  let wasDown = false;
  es.addEventListener('open', () => {
    liveDot.classList.add('on');
    // Events sent while the stream was down are not replayed: catch up by reloading the data.
    if (wasDown && (location.pathname === '/' || location.pathname.startsWith('/race/'))) void render();
    wasDown = false;
  });
  es.addEventListener('error', () => {
    liveDot.classList.remove('on');
    wasDown = true;
  });
  es.addEventListener('incident', (ev) => {
    let data: any;
    try {
      data = JSON.parse((ev as MessageEvent).data);
    } catch {
      return;
    }
    recentAlerts.unshift({ at: data.at, type: data.type, incidentId: data.incident.id, title: data.incident.title, score: data.incident.score });
    const toast = h('div', { class: 'toast' }, data.type === 'new' ? 'New incident: ' : 'Incident updated: ', h('a', { href: `/incident/${encodeURIComponent(data.incident.id)}`, 'data-link': true }, data.incident.title));
    toasts.prepend(toast);
    setTimeout(() => toast.remove(), 15_000);
    // Refresh list pages in place; an analyst reading an incident keeps what they typed.
    if (location.pathname === '/' || location.pathname.startsWith('/race/')) void render();
    else {
      const list = document.getElementById('alerts');
      if (list) list.replaceWith(alertList(recentAlerts));
    }
  });
}

void render();
listen();
