/** Calls to the Vigil API (same origin; the session cookie or no token on loopback). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function api<T = any>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? 'GET',
    headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: 'same-origin',
  });
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    throw new ApiFailure(res.status, 'bad_response', `The server answered ${res.status} without JSON.`);
  }
  if (!res.ok) throw new ApiFailure(res.status, json?.error?.code ?? 'unknown', json?.error?.message ?? `HTTP ${res.status}`);
  return json as T;
}

export const enc = encodeURIComponent;

/** Response shapes, generated from the server's OpenAPI document (scripts/api-types.ts). */
export type Schemas = import('./api-types.js').components['schemas'];
