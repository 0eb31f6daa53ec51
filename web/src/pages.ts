import { api, enc } from './client.js';
import { fmtScore, fmtTime, h, mount } from './dom.js';
import { link } from './links.js';

/** Alerts raised while servers ran on this store; `incidents` says what is on record when there are none. */
export function alertList(alerts: any[], incidents?: number): HTMLElement {
  if (!alerts.length) return h('p', { id: 'alerts', class: 'muted' }, incidents ? `No new or rising incidents were alerted while a server watched; the races above hold ${incidents} incidents on record.` : 'No alerts yet.');
  return h(
    'ul',
    { id: 'alerts', class: 'alerts' },
    alerts.map((a) => h('li', {}, h('span', { class: 'time' }, fmtTime(a.at)), ' ', h('span', { class: `badge ${a.type}` }, a.type === 'new' ? 'new' : 'score up'), ' ', link(`/incident/${enc(a.incidentId)}`, a.title), ` (${fmtScore(a.score)})`)),
  );
}

// ---------------------------------------------------------------- sign-in

export function signInPage(app: HTMLElement, retry: () => void): void {
  const input = h('input', { type: 'password', name: 'token', autocomplete: 'off', 'aria-label': 'Access token' });
  const msg = h('p', { class: 'muted', role: 'status' });
  const form = h('form', {}, h('label', {}, 'Access token ', input), ' ', h('button', { type: 'submit' }, 'Sign in'), msg);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await api('/api/v1/session', { method: 'POST', body: { token: (input as HTMLInputElement).value } });
      retry();
    } catch {
      mount(msg, 'That token was not accepted.');
    }
  });
  mount(app, h('h1', {}, 'Sign in'), h('p', {}, 'This server needs a viewer or analyst token.'), form);
}
