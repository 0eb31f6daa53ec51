import { createHash, timingSafeEqual } from 'node:crypto';
import { UsageError } from '../errors.js';

/** Viewers read; analysts also change incident status and notes and start imports. */
export type Role = 'viewer' | 'analyst';

export interface TokenEntry {
  role: Role;
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
    const role = part.slice(0, colon);
    const token = part.slice(colon + 1);
    if (colon < 0 || (role !== 'viewer' && role !== 'analyst')) {
      throw new UsageError('serve: each token must be written `viewer:TOKEN` or `analyst:TOKEN`');
    }
    if (token.length < 16) throw new UsageError(`serve: a ${role} token is shorter than 16 characters`);
    out.push({ role, digest: digest(token) });
  }
  return out;
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** The role a presented token grants, compared in constant time; undefined when it matches none. */
export function roleForToken(tokens: TokenEntry[], presented: string): Role | undefined {
  const d = digest(presented);
  let role: Role | undefined;
  for (const t of tokens) if (timingSafeEqual(t.digest, d) && (role === undefined || t.role === 'analyst')) role = t.role;
  return role;
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
