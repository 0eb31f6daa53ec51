/**
 * Static guards on the dashboard's source: post-derived text must reach the page only as text
 * nodes (web/src/dom.ts), and the page must work under a CSP without inline script or style.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const WEB = new URL('../../web/', import.meta.url);
const sources = readdirSync(new URL('src/', WEB))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => ({ f, text: readFileSync(new URL(`src/${f}`, WEB), 'utf8') }));

describe('dashboard source', () => {
  it('never parses strings as HTML', () => {
    expect(sources.length).toBeGreaterThan(3);
    const hits = sources.flatMap(({ f, text }) =>
      text
        .split('\n')
        .filter((line) => !/^\s*(\*|\/\/)/.test(line))
        .filter((line) => /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function\(|setAttribute\(\s*['"]on/.test(line))
        .map((line) => `${f}: ${line.trim()}`),
    );
    expect(hits).toEqual([]);
  });

  it('has no inline script, inline handlers or style attributes in the page', () => {
    const html = readFileSync(new URL('index.html', WEB), 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/https?:\/\//); // nothing from another origin (no CDN)
  });
});

describe('dashboard API types', () => {
  it('are generated from the current OpenAPI document (run `npx tsx scripts/api-types.ts`)', async () => {
    const { apiTypes, API_TYPES_FILE } = await import('../../scripts/api-types.js');
    expect(readFileSync(API_TYPES_FILE, 'utf8')).toBe(await apiTypes());
  });
});
