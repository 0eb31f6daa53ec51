/** Links and small pieces every page uses: every handle, actor, network and incident is a link. */
import { enc } from './client.js';
import { KIND_ORDER } from './charts.js';
import { fmtTime, h, type Child } from './dom.js';

export const link = (path: string, ...text: Child[]) => h('a', { href: path, 'data-link': true }, ...text);

/** An account (`platform:handle`) as a link to its page, shown as `@handle`. */
export function accountLink(id: string): HTMLElement {
  const handle = id.slice(id.indexOf(':') + 1);
  return h('a', { href: `/account/${enc(id)}`, 'data-link': true, class: 'handle' }, `@${handle}`);
}

export const actorLink = (id: string, text: Child = id) => link(`/actor/${enc(id)}`, text);
export const incidentLink = (id: string, text: Child) => link(`/incident/${enc(id)}`, text);
export const networkLink = (id: string, text: Child) => link(`/network/${enc(id)}`, text);
export const raceLink = (r: { id: string; office: string; jurisdiction: string }) => link(`/race/${enc(r.id)}`, raceName(r));

/** "US House OH-19": the office and the district, so two races of one office read apart. */
export function raceName(r: { office: string; jurisdiction: string }): string {
  const parts = r.jurisdiction.split('-');
  return `${r.office} ${parts.length > 1 ? parts.slice(1).join('-') : r.jurisdiction}`;
}

export const kindLabel = (k: string) => k.replace(/_/g, ' ');

export const kindBadges = (kinds: string[] | Record<string, number>) =>
  h(
    'span',
    { class: 'badges' },
    Array.isArray(kinds)
      ? kinds.map((k) => h('span', { class: `badge k-${k}` }, kindLabel(k)))
      : [...KIND_ORDER, ...Object.keys(kinds).filter((k) => !KIND_ORDER.includes(k))].filter((k) => kinds[k]).map((k) => h('span', { class: `badge k-${k}` }, `${kindLabel(k)} ${kinds[k]}`)),
  );

/** A post: author link, time, repost/quote marker, text as text. */
export function postItem(p: { platform: string; id: string; authorHandle: string; createdAt: string; text: string; repostOf?: string; quoteOf?: string }): HTMLElement {
  return h(
    'li',
    { class: 'post', 'data-ref': `${p.platform}:${p.id}` },
    h('div', { class: 'who' }, accountLink(`${p.platform}:${p.authorHandle}`), ` · ${fmtTime(p.createdAt)}`, p.repostOf ? ` · repost of ${p.repostOf}` : '', p.quoteOf ? ` · quote of ${p.quoteOf}` : ''),
    h('div', { class: 'text' }, p.text || (p.repostOf ? '(repost)' : '')),
  );
}

export const caveat = () => h('p', { class: 'caveat' }, 'Indicators for review, with caveats. Nothing here states that anyone broke a law.');
