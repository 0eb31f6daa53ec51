import { createHash, timingSafeEqual } from 'node:crypto';
import { UsageError } from '../errors.js';

/** Viewers read; analysts also change incident status and notes and start imports. */
export type Role = 'viewer' | 'analyst';

export interface TokenEntry {
  role: Role;
  /** Who holds the token (`analyst@Ana Ruiz:…`), the author of their actions in the audit trail. */
  name?: string;
  /** SHA-256 of the token; the token itself is not kept. */
  digest: Buffer;
}

/**
 * Parse tokens from `role:token` pairs separated by commas or newlines (the `VIGIL_TOKENS`
 * environment variable or a token file), e.g. `viewer:Xk3…,analyst:Qp9…`. Tokens shorter than 16
 * characters are refused: they can be guessed.
 */
export function parseTokens(spec: string): TokenEntry[] {
  const out: TokenEntry[] = [];
  for (const part of spec.split(/[,\n]/).map((s) => s.trim()).filter(Boolean)) {
    if (part.startsWith('#')) continue;
    const colon = part.indexOf(':');
    const [role, name] = splitOnce(part.slice(0, colon), '@');
    const token = part.slice(colon + 1);
    if (colon < 0 || (role !== 'viewer' && role !== 'analyst')) {
      throw new UsageError('serve: each token must be written `viewer:TOKEN` or `analyst:TOKEN` (or `analyst@NAME:TOKEN`)');
    }
    if (name !== undefined && !/^[\p{L}\p{N} ._-]{1,80}$/u.test(name)) throw new UsageError('serve: a token name is 1-80 letters, digits, spaces, dots, dashes or underscores');
    if (token.length < 16) throw new UsageError(`serve: a ${role} token is shorter than 16 characters`);
    out.push({ role, digest: digest(token), ...(name !== undefined ? { name } : {}) });
  }
  return out;
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

/** The token entry a presented token matches (an analyst entry first), compared in constant time. */
export function entryForToken(tokens: TokenEntry[], presented: string): TokenEntry | undefined {
  const d = digest(presented);
  let found: TokenEntry | undefined;
  for (const t of tokens) if (timingSafeEqual(t.digest, d) && (found === undefined || t.role === 'analyst')) found = t;
  return found;
}

/** The role a presented token grants; undefined when it matches none. */
export function roleForToken(tokens: TokenEntry[], presented: string): Role | undefined {
  return entryForToken(tokens, presented)?.role;
}

/** Whether `host` is a loopback address (the only binds allowed without tokens). */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** The token a request presents: `Authorization: Bearer …` or the dashboard's `vigil_token` cookie. */
export function presentedToken(headers: Record<string, string | string[] | undefined>): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(\S{1,512})$/i.exec(auth);
    if (m) return m[1];
  }
  const cookie = headers.cookie;
  if (typeof cookie === 'string') {
    const m = /(?:^|;\s*)vigil_token=([^;]{1,512})/.exec(cookie);
    if (m) {
      // A malformed escape is a bad token (401), not a server error.
      try {
        return decodeURIComponent(m[1]);
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
