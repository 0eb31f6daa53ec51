/**
 * Signed checkpoints of the evidence ledger: "this ledger held N entries with Merkle root R at time T",
 * signed with Ed25519 (node:crypto). The note signed is C2SP tlog-checkpoint style text:
 *
 *   vigil-ledger/<log id>
 *   <tree size>
 *   <root hash, base64>
 *   timestamp <ISO 8601>
 *
 * The key pair lives outside the store (default `~/.config/vigil/ledger-key.pem`, see
 * {@link defaultKeyPath}), so whoever can write the store cannot sign a rewritten ledger. Beside the
 * key, Vigil remembers the newest checkpoint it signed for each ledger (`checkpoints/<log id>.json`),
 * so `vigil verify` finds a truncation even when the store's own checkpoints were deleted too.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { LedgerError } from '../errors.js';
import type { LedgerCheckpoint } from '../model/types.js';
import type { Store } from '../store/store.js';

export const CHECKPOINT_FORMAT = 'vigil-checkpoint/1';
const LOG_ID_STATE = 'ledger:log_id';

/**
 * Where the ledger key is kept unless `--key` says otherwise: `$VIGIL_KEY`, else
 * `$VIGIL_KEY_DIR/ledger-key.pem`, else `$XDG_CONFIG_HOME/vigil/ledger-key.pem`, else
 * `~/.config/vigil/ledger-key.pem`.
 */
export function defaultKeyPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.VIGIL_KEY) return env.VIGIL_KEY;
  const dir = env.VIGIL_KEY_DIR ?? join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'vigil');
  return join(dir, 'ledger-key.pem');
}

/** An Ed25519 key pair for signing checkpoints. */
export interface LedgerKey {
  path: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI DER, base64: what a checkpoint carries and what to publish. */
  publicKeyB64: string;
  keyId: string;
}

function keyFrom(path: string, privateKey: KeyObject): LedgerKey {
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return { path, privateKey, publicKey, publicKeyB64: der.toString('base64'), keyId: keyIdOf(der) };
}

/** First 16 hex digits of SHA-256 over the SPKI DER of a public key. */
export function keyIdOf(spkiDer: Uint8Array): string {
  return createHash('sha256').update(spkiDer).digest('hex').slice(0, 16);
}

/** Read the private key at `path` (PKCS#8 PEM); undefined when there is none. */
export async function loadKey(path: string): Promise<LedgerKey | undefined> {
  if (!existsSync(path)) return undefined;
  try {
    const privateKey = createPrivateKey(await readFile(path, 'utf8'));
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`an ${privateKey.asymmetricKeyType} key, not Ed25519`);
    return keyFrom(path, privateKey);
  } catch (err) {
    throw new LedgerError(`ledger: cannot read the ledger key ${path}: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * Read the key at `path`, creating it (mode 0600, folder 0700) when missing. Created under a temporary
 * name and linked into place, so two processes starting at once end up with one key.
 */
export async function loadOrCreateKey(path: string): Promise<{ key: LedgerKey; created: boolean }> {
  const found = await loadKey(path);
  if (found) return { key: found, created: false };
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(tmp, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  let created = true;
  try {
    await link(tmp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new LedgerError(`ledger: cannot write the ledger key ${path}: ${(err as Error).message}`, { cause: err });
    created = false;
  } finally {
    await unlink(tmp).catch(() => {});
  }
  await chmod(path, 0o600).catch(() => {});
  const key = await loadKey(path);
  await writeFile(`${path.replace(/\.pem$/, '')}.pub.pem`, key!.publicKey.export({ type: 'spki', format: 'pem' })).catch(() => {});
  return { key: key!, created };
}

/** A public key from PEM text or base64 SPKI DER. */
export function parsePublicKey(text: string): KeyObject {
  try {
    const trimmed = text.trim();
    const key = trimmed.startsWith('-----') ? createPublicKey(trimmed) : createPublicKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`an ${key.asymmetricKeyType} key, not Ed25519`);
    return key;
  } catch (err) {
    throw new LedgerError(`ledger: not an Ed25519 public key: ${(err as Error).message}`, { cause: err });
  }
}

/** The ledger's id, created on first need and kept in the store. */
export async function ledgerLogId(store: Store): Promise<string> {
  const found = await store.getState(LOG_ID_STATE);
  if (found) return found;
  const id = randomBytes(12).toString('hex');
  await store.setState(LOG_ID_STATE, id);
  return id;
}

export const originOf = (logId: string): string => `vigil-ledger/${logId}`;

/** The exact text a checkpoint's signature covers. */
export function checkpointNote(cp: Pick<LedgerCheckpoint, 'origin' | 'treeSize' | 'rootHash' | 'timestamp'>): string {
  return `${cp.origin}\n${cp.treeSize}\n${Buffer.from(cp.rootHash, 'hex').toString('base64')}\ntimestamp ${cp.timestamp}\n`;
}

/** Sign "the ledger `logId` held `treeSize` entries with root `rootHash` at `timestamp`". */
export function signCheckpoint(key: LedgerKey, body: { logId: string; treeSize: number; rootHash: string; timestamp?: string }): LedgerCheckpoint {
  const unsigned = { origin: originOf(body.logId), treeSize: body.treeSize, rootHash: body.rootHash, timestamp: body.timestamp ?? new Date().toISOString() };
  const signature = sign(null, Buffer.from(checkpointNote(unsigned)), key.privateKey).toString('base64');
  return { format: CHECKPOINT_FORMAT, ...unsigned, keyId: key.keyId, publicKey: key.publicKeyB64, signature };
}

/**
 * Check a checkpoint's signature. With `trusted`, against that key (a checkpoint signed by any other
 * key fails, whatever key it carries); without, against the key it carries, which proves only that
 * whoever holds that key signed it: compare its `keyId` with the one published.
 */
export function checkpointSignatureOk(cp: LedgerCheckpoint, trusted?: KeyObject): { ok: boolean; reason?: string } {
  let key: KeyObject;
  try {
    key = trusted ?? parsePublicKey(cp.publicKey);
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
  if (trusted && keyIdOf(trusted.export({ type: 'spki', format: 'der' })) !== cp.keyId) {
    return { ok: false, reason: `signed by key ${cp.keyId}, not by the trusted key` };
  }
  const ok = verify(null, Buffer.from(checkpointNote(cp)), key, Buffer.from(cp.signature, 'base64'));
  return ok ? { ok } : { ok, reason: 'the signature does not match the checkpoint' };
}

/** Parse a checkpoint file (the checkpoint itself, or a file holding one under `checkpoint`). */
export function parseCheckpoint(text: string, name: string): LedgerCheckpoint {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new LedgerError(`ledger: ${name} is not JSON: ${(err as Error).message}`, { cause: err });
  }
  const cp = (value as { checkpoint?: unknown } | null)?.checkpoint ?? value;
  const c = cp as Partial<LedgerCheckpoint> | null;
  if (
    !c ||
    c.format !== CHECKPOINT_FORMAT ||
    typeof c.origin !== 'string' ||
    !Number.isSafeInteger(c.treeSize) ||
    c.treeSize! < 0 ||
    !/^[0-9a-f]{64}$/.test(String(c.rootHash)) ||
    typeof c.timestamp !== 'string' ||
    typeof c.keyId !== 'string' ||
    typeof c.publicKey !== 'string' ||
    typeof c.signature !== 'string'
  ) {
    throw new LedgerError(`ledger: ${name} is not a ${CHECKPOINT_FORMAT} checkpoint`);
  }
  return c as LedgerCheckpoint;
}

/**
 * Where the newest checkpoint signed for a ledger is remembered, beside the key: one file per name,
 * the ledger's origin and the store's location (so a store whose log id was deleted with its entries
 * is still matched).
 */
function rememberedPath(keyPath: string, name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80);
  return join(dirname(keyPath), 'checkpoints', `${safe}-${createHash('sha256').update(name).digest('hex').slice(0, 12)}.json`);
}

/**
 * The name under which checkpoints of the store at `location` (a path or URL) are remembered; none
 * for an in-memory store.
 */
export function storeName(location: string): string | undefined {
  if (location === ':memory:') return undefined;
  // Never a password: only scheme, host, port and path of a URL.
  try {
    const url = new URL(location);
    if (url.protocol !== 'file:' && url.host) return `store:${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    // a file path
  }
  return `store:${resolve(location)}`;
}

/** Remember `cp` beside the key under each name, unless a larger checkpoint is remembered there. */
export async function rememberCheckpoint(keyPath: string, cp: LedgerCheckpoint, names: string[] = [cp.origin]): Promise<void> {
  for (const name of names) {
    const path = rememberedPath(keyPath, name);
    const previous = (await recallCheckpoints(keyPath, [name]).catch(() => []))[0];
    if (previous && previous.treeSize > cp.treeSize && previous.origin === cp.origin) continue;
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, JSON.stringify(cp, null, 2) + '\n');
    await rename(tmp, path);
  }
}

/** The checkpoints remembered beside the key under any of `names`. */
export async function recallCheckpoints(keyPath: string, names: string[]): Promise<LedgerCheckpoint[]> {
  const out: LedgerCheckpoint[] = [];
  for (const name of names) {
    const path = rememberedPath(keyPath, name);
    if (existsSync(path)) out.push(parseCheckpoint(await readFile(path, 'utf8'), path));
  }
  return out;
}
