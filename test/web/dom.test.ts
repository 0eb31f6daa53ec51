import { describe, expect, it } from 'vitest';

// Imported by path so that the DOM-typed dashboard sources stay out of the Node typecheck.
const DOM_MODULE = '../../web/src/dom.js';
const { isSafeUrl } = (await import(DOM_MODULE)) as { isSafeUrl: (url: string) => boolean };

describe('dashboard links', () => {
  it('allow same-origin paths', () => {
    expect(isSafeUrl('/incident/inc%3Afd-01%3Agov-sy')).toBe(true);
    expect(isSafeUrl('/')).toBe(true);
  });

  it('refuse other schemes, protocol-relative links and the forms browsers fold into them', () => {
    for (const url of ['javascript:alert(1)', 'https://evil.test/', '//evil.test/', '/\\evil.test/', '/\t/evil.test/', '/\n/evil.test', '\\\\evil.test']) {
      expect(isSafeUrl(url), JSON.stringify(url)).toBe(false);
    }
  });
});
