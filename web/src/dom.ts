/**
 * DOM building without HTML strings. Every string child becomes a text node, so text from posts,
 * profiles and files is always shown as text and never parsed as markup. There is no innerHTML
 * anywhere in the dashboard.
 */
export type Child = Node | string | number | null | undefined | false | Child[];

/** Attributes that may be set; `on*` handlers and `style` are refused (CSP and XSS hygiene). */
type Attrs = Record<string, string | number | boolean | undefined | ((ev: Event) => void)>;

const SVG_NS = 'http://www.w3.org/2000/svg';
const SVG_TAGS = new Set(['svg', 'g', 'rect', 'line', 'circle', 'text', 'title', 'path']);

export function h(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const el = SVG_TAGS.has(tag) ? document.createElementNS(SVG_NS, tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') {
      el.addEventListener(k, v);
      continue;
    }
    if (/^on/i.test(k) || k === 'style' || k === 'srcdoc') throw new Error(`dom: attribute ${k} is not allowed`);
    if ((k === 'href' || k === 'src') && !isSafeUrl(String(v))) throw new Error('dom: only same-origin links are made');
    el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el as HTMLElement;
}

function append(el: Element, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (typeof c === 'string' || typeof c === 'number') el.appendChild(document.createTextNode(String(c)));
    else el.appendChild(c);
  }
}

/**
 * Links the dashboard makes point into this origin only (no `javascript:`, no other hosts). Browsers
 * read `\` as `/` and drop tabs and newlines, so `/\evil.test` and `/\t/evil.test` lead off-site:
 * refuse backslashes and control characters (the dashboard percent-encodes ids in its paths).
 */
export function isSafeUrl(url: string): boolean {
  return url.startsWith('/') && !url.startsWith('//') && !/[\u0000-\u001f\u007f\\]/.test(url);
}

/** Replace an element's content. */
export function mount(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

export function fmtTime(iso: string | undefined): string {
  if (!iso) return '—';
  return iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');
}

export function fmtScore(n: number): string {
  return n.toFixed(2);
}

const cleanups: (() => void)[] = [];

/**
 * Run `init` once `el` is in the page (charts need their container's size), and `dispose` when the
 * next page replaces it (WebGL contexts and observers are released, not leaked per navigation).
 */
export function whenMounted(el: Element, init: () => (() => void) | void): void {
  let tries = 0;
  const go = () => {
    if (!el.isConnected) {
      if (tries++ < 20) requestAnimationFrame(go);
      return;
    }
    const dispose = init();
    if (dispose) cleanups.push(dispose);
  };
  requestAnimationFrame(go);
}

/** Release what the current page's charts hold (called before each page render). */
export function disposeMounted(): void {
  for (const f of cleanups.splice(0)) f();
}

/** Go to an in-app path without a reload (the router listens to popstate). */
export function navigate(path: string): void {
  history.pushState(null, '', path);
  dispatchEvent(new PopStateEvent('popstate'));
}

/** The page's query string as an object, and a way to change it without a reload (shareable URLs). */
export function queryParams(): URLSearchParams {
  return new URLSearchParams(location.search);
}

export function setQueryParams(values: Record<string, string | undefined>): void {
  const q = queryParams();
  for (const [k, v] of Object.entries(values)) {
    if (v) q.set(k, v);
    else q.delete(k);
  }
  const s = q.toString();
  history.replaceState(null, '', `${location.pathname}${s ? `?${s}` : ''}`);
}
