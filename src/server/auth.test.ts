import { describe, expect, it } from 'vitest';
import { entryForToken, parseTokens, presentedToken, roleForToken } from './auth.js';

describe('presentedToken', () => {
  it('reads a bearer token or the dashboard cookie', () => {
    expect(presentedToken({ authorization: 'Bearer abcdefghijklmnopq' })).toBe('abcdefghijklmnopq');
    expect(presentedToken({ cookie: 'a=1; vigil_token=abc%21def' })).toBe('abc!def');
  });

  it('treats a cookie with a malformed percent-escape as no token instead of throwing', () => {
    expect(presentedToken({ cookie: 'vigil_token=%E0%A4%A' })).toBeUndefined();
  });

  it('never keeps the token itself, only its digest', () => {
    const [entry] = parseTokens('viewer:viewer-token-0123456789');
    expect(JSON.stringify(entry)).not.toContain('viewer-token-0123456789');
    expect(roleForToken([entry!], 'viewer-token-0123456789')).toBe('viewer');
    expect(roleForToken([entry!], 'viewer-token-012345678X')).toBeUndefined();
  });

  it('names the holder of a token, who then signs the audit trail (issue 10)', () => {
    const tokens = parseTokens('analyst@Ana Ruiz:analyst-token-0123456789,viewer:viewer-token-0123456789');
    expect(entryForToken(tokens, 'analyst-token-0123456789')).toMatchObject({ role: 'analyst', name: 'Ana Ruiz' });
    expect(entryForToken(tokens, 'viewer-token-0123456789')).not.toHaveProperty('name');
    expect(() => parseTokens('analyst@<b>:analyst-token-0123456789')).toThrow(/token name/);
    expect(() => parseTokens('admin@x:analyst-token-0123456789')).toThrow(/viewer:TOKEN/);
  });
});
