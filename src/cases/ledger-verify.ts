/**
 * Verifying the evidence ledger against the store and against signed checkpoints, and sealing it
 * (signing a new checkpoint) for a report or export.
 *
 * What is checked, in one pass over the ledger:
 * - the hash chain (each entry's hash over its body and the previous hash);
 * - every post entry against the post as stored now: the raw record's SHA-256 and each field's hash,
 *   so a changed `text` or `authorHandle` is named;
 * - every stored finding against its latest ledger entry, naming the changed fields;
 * - every incident's status and notes against the analyst actions logged for it;
 * - the Merkle root over the first N entries against every checkpoint given, kept in the store or
 *   remembered beside the key: fewer entries than a checkpoint signed = truncation; a different
 *   root = rewriting or a fork (a chain recomputed end to end passes the chain check, not this one).
 */
import type { KeyObject } from 'node:crypto';
import type { EvidenceEntry, LedgerCheckpoint, LedgerKind, Post } from '../model/types.js';
import type { Store } from '../store/store.js';
import { sha256 } from '../util/hash.js';
import {
  checkpointSignatureOk,
  ledgerLogId,
  originOf,
  recallCheckpoints,
  rememberCheckpoint,
  signCheckpoint,
  type LedgerKey,
} from './checkpoint.js';
import type { CaseBundle } from './bundle.js';
import { GENESIS_HASH, entryHash, entryLeafHash, fieldHash, findingRecord, findingRef, incidentRef, leafData, postFields, splitPostRef } from './ledger.js';
import { caseActionRecord } from './workflow.js';
import { HASH_BYTES, MerkleTree, leafHash, verifyConsistency, verifyInclusion } from './merkle.js';

const LOG_ID_STATE = 'ledger:log_id';
/** Posts fetched at once while checking post entries. */
const POST_FETCH_CONCURRENCY = 32;

export type LedgerProblemCode =
  | 'chain_broken'
  | 'post_missing'
  | 'raw_changed'
  | 'post_changed'
  | 'finding_changed'
  | 'finding_not_logged'
  | 'action_changed'
  | 'truncated'
  | 'rewritten'
  | 'other_ledger'
  | 'bad_signature';

/** One thing that does not hold, with the entry, record and fields it concerns where known. */
export interface LedgerProblem {
  code: LedgerProblemCode;
  message: string;
  seq?: number;
  ref?: string;
  fields?: string[];
}

/** A checkpoint to check the ledger against, and where it came from (a file name, `store`, `key folder`). */
export interface CheckpointSource {
  checkpoint: LedgerCheckpoint;
  from: string;
}

export interface LedgerVerification {
  entries: number;
  /** Hash of the last entry (the chain head). */
  head: string;
  /** Merkle root over all entries, hex. */
  root: string;
  logId?: string;
  tree: MerkleTree;
  problems: LedgerProblem[];
  /** Checkpoints the ledger was found consistent with. */
  anchoredBy: CheckpointSource[];
  /** Post entries from before the ledger covered fields: only their raw record's SHA-256 is checked. */
  legacyEntries: number;
  /** Entries the caller asked to keep (`keep`), in sequence order. */
  kept: EvidenceEntry[];
}

/** Field names whose hashes differ between two field maps (a field added or removed counts). */
export function changedFields(logged: Record<string, string>, now: Record<string, string>): string[] {
  const names = new Set([...Object.keys(logged), ...Object.keys(now)]);
  return [...names].filter((n) => logged[n] !== now[n]).sort();
}

/** Verify the store's ledger; see the module comment for what is checked. */
export async function verifyStoreLedger(
  store: Store,
  options: { checkpoints?: CheckpointSource[]; trustedKey?: KeyObject; keep?: (entry: EvidenceEntry) => boolean } = {},
): Promise<LedgerVerification> {
  const problems: LedgerProblem[] = [];
  let leaves = Buffer.allocUnsafe(1024 * HASH_BYTES);
  let count = 0;
  let prev = GENESIS_HASH;
  let chainOk = true;
  let legacyEntries = 0;
  const kept: EvidenceEntry[] = [];
  const latestFinding = new Map<string, EvidenceEntry>();
  const actions = new Map<string, EvidenceEntry[]>();

  for await (const batch of store.iterateEvidence()) {
    const posts: EvidenceEntry[] = [];
    for (const entry of batch) {
      if (chainOk) {
        const reason =
          entry.seq !== count + 1
            ? `entry ${count + 1} is missing (next stored is ${entry.seq})`
            : entry.prevHash !== prev
              ? `entry ${entry.seq} does not point at the hash of entry ${entry.seq - 1}`
              : entryHash(entry) !== entry.hash
                ? `entry ${entry.seq} (${entry.ref}) was changed after it was written: its hash does not match its content`
                : undefined;
        if (reason) {
          chainOk = false;
          problems.push({ code: 'chain_broken', seq: entry.seq !== count + 1 ? count + 1 : entry.seq, ref: entry.ref, message: reason });
        }
      }
      prev = entry.hash;
      if ((count + 1) * HASH_BYTES > leaves.length) {
        const grown = Buffer.allocUnsafe(leaves.length * 2);
        leaves.copy(grown);
        leaves = grown;
      }
      entryLeafHash(entry).copy(leaves, count * HASH_BYTES);
      count++;
      if (options.keep?.(entry)) kept.push(entry);
      if (!entry.fields && entry.kind === 'post') legacyEntries++;
      if (entry.kind === 'post') posts.push(entry);
      else if (entry.kind === 'finding') latestFinding.set(entry.ref, entry);
      else if (entry.kind === 'action') {
        const list = actions.get(entry.ref);
        if (list) list.push(entry);
        else actions.set(entry.ref, [entry]);
      }
    }
    for (let i = 0; i < posts.length; i += POST_FETCH_CONCURRENCY) {
      const chunk = posts.slice(i, i + POST_FETCH_CONCURRENCY);
      const got = await Promise.all(chunk.map((e) => fetchPost(store, e.ref)));
      chunk.forEach((e, j) => {
        const problem = postProblem(e, got[j]);
        if (problem) problems.push(problem);
      });
    }
  }

  for (const finding of await store.listFindings()) {
    const now = findingRecord(finding);
    const logged = latestFinding.get(now.ref);
    if (!logged) problems.push({ code: 'finding_not_logged', ref: now.ref, message: `finding ${finding.id} is in the store but was never logged` });
    else if (logged.sha256 !== now.sha256) {
      const fields = changedFields(logged.fields ?? {}, now.fields ?? {});
      problems.push({ code: 'finding_changed', seq: logged.seq, ref: now.ref, fields, message: `finding ${finding.id} differs from its ledger entry ${logged.seq}: ${fields.join(', ')} changed` });
    }
  }

  for (const incident of await store.listIncidents()) {
    const logged = actions.get(incidentRef(incident.id)) ?? [];
    // The latest action that set each field (an assignment or a finding decision sets no status).
    const last = (name: string) => {
      for (let i = logged.length - 1; i >= 0; i--) if (logged[i]!.fields?.[name] !== undefined) return logged[i]!.fields![name];
      return undefined;
    };
    const status = last('status') ?? fieldHash('open');
    const notes = logged.flatMap((a) => (a.fields?.note ? [a.fields.note] : []));
    const fields: string[] = [];
    if (status !== fieldHash(incident.status)) fields.push('status');
    if (notes.join() !== incident.notes.map((n) => fieldHash(n)).join()) fields.push('notes');
    if ((last('assignee') ?? fieldHash(null)) !== fieldHash(incident.assignee ?? null)) fields.push('assignee');
    if ((last('mergeInto') ?? fieldHash(null)) !== fieldHash(incident.mergedInto ?? null)) fields.push('merge');
    // Each audit-trail row (who, when, what) must be the one logged; a row removed leaves its entry.
    const trail = await store.listCaseActions(incident.id);
    // A split incident's origin and moved findings are those last logged on it; the original's
    // splits are those its trail made and did not undo (a split row deleted or edited shows here).
    const made = new Set<string>();
    for (const a of trail) {
      if (a.split?.into) made.add(a.split.into);
      if (a.unsplit) made.delete(a.unsplit);
    }
    if ((last('splitFrom') ?? fieldHash(null)) !== fieldHash(incident.splitFrom ?? null) || [...made].sort().join() !== (incident.splitInto ?? []).join()) fields.push('split');
    const trailLogged = new Set(logged.filter((a) => a.fields?.by !== undefined).map((a) => a.sha256));
    const rows = trail.map((a) => caseActionRecord(a).sha256);
    if (rows.some((h) => !trailLogged.has(h)) || new Set(rows).size !== trailLogged.size) fields.push('history');
    if (fields.length) {
      problems.push({
        code: 'action_changed',
        ref: incidentRef(incident.id),
        fields,
        message: `incident ${incident.id}: ${fields.join(' and ')} ${fields.length > 1 ? 'differ' : 'differs'} from the ${logged.length} analyst action(s) logged for it`,
      });
    }
  }

  const tree = new MerkleTree(leaves.subarray(0, count * HASH_BYTES));
  const logId = await store.getState(LOG_ID_STATE);
  const anchoredBy: CheckpointSource[] = [];
  // Several signed copies of one statement (each report signs one) are checked once.
  const seen = new Set<string>();
  for (const source of options.checkpoints ?? []) {
    const cp = source.checkpoint;
    const statement = `${cp.origin}\n${cp.treeSize}\n${cp.rootHash}`;
    if (seen.has(statement) && checkpointSignatureOk(cp, options.trustedKey).ok) continue;
    const problem = checkpointProblem(cp, source.from, tree, logId, options.trustedKey);
    if (problem?.code !== 'bad_signature') seen.add(statement);
    if (problem) problems.push(problem);
    else anchoredBy.push(source);
  }

  return { entries: count, head: prev, root: tree.root().toString('hex'), logId, tree, problems, anchoredBy, legacyEntries, kept };
}

async function fetchPost(store: Store, ref: string): Promise<Post | undefined> {
  const key = splitPostRef(ref);
  return key ? store.getPost(key[0], key[1]) : undefined;
}

function postProblem(entry: EvidenceEntry, post: Post | undefined): LedgerProblem | undefined {
  const at = { seq: entry.seq, ref: entry.ref };
  if (!post) return { code: 'post_missing', ...at, message: 'the post it points at is no longer in the store' };
  const fields = entry.fields ? changedFields(entry.fields, postFields(post)) : [];
  const raw = sha256(post.raw) !== entry.sha256;
  if (raw) fields.unshift('raw');
  if (!fields.length) return undefined;
  return {
    code: raw && fields.length === 1 ? 'raw_changed' : 'post_changed',
    ...at,
    fields,
    message: raw && fields.length === 1 ? 'the stored raw record no longer hashes to the SHA-256 in the ledger' : `the stored post changed since capture: ${fields.join(', ')}`,
  };
}

function checkpointProblem(cp: LedgerCheckpoint, from: string, tree: MerkleTree, logId: string | undefined, trusted?: KeyObject): LedgerProblem | undefined {
  const when = `the checkpoint of ${cp.timestamp} (${from})`;
  const signature = checkpointSignatureOk(cp, trusted);
  if (!signature.ok) return { code: 'bad_signature', message: `${when} does not verify: ${signature.reason}` };
  if (cp.treeSize > tree.size) {
    const gone = tree.size === 0 ? `all ${cp.treeSize} entries are gone` : cp.treeSize - tree.size === 1 ? `entry ${cp.treeSize} is gone` : `entries ${tree.size + 1}..${cp.treeSize} are gone`;
    return { code: 'truncated', seq: tree.size + 1, message: `truncated: ${when} signed ${cp.treeSize} entries, the ledger holds ${tree.size}: ${gone}` };
  }
  if (tree.root(cp.treeSize).toString('hex') !== cp.rootHash) {
    return {
      code: 'rewritten',
      message:
        `rewritten or forked: the first ${cp.treeSize} entries no longer hash to the root ${when} signed (${cp.rootHash.slice(0, 16)}…)` +
        (from === 'key folder' && logId && cp.origin !== originOf(logId) ? '; if this store was recreated on purpose, move its remembered checkpoint out of the key folder\'s checkpoints/' : ''),
    };
  }
  if (logId && cp.origin !== originOf(logId)) {
    return { code: 'other_ledger', message: `${when} names the ledger ${cp.origin}, this store's is ${originOf(logId)}` };
  }
  return undefined;
}

/** Inclusion proof of one entry, enough for a third party to check it against a checkpoint. */
export interface InclusionItem {
  ref: string;
  kind: LedgerKind;
  seq: number;
  leafIndex: number;
  /** The leaf's bytes (UTF-8 JSON, ledger.ts `leafData`): recompute it from the exported record. */
  leaf: string;
  leafHash: string;
  /** RFC 6962 audit path, leaf to root, hex. */
  proof: string[];
}

/** Inclusion proofs of `entries` in the tree of size `treeSize`; entries past it are left out. */
export function inclusionItems(tree: MerkleTree, entries: EvidenceEntry[], treeSize: number = tree.size): InclusionItem[] {
  return entries
    .filter((e) => e.seq >= 1 && e.seq <= treeSize)
    .map((e) => ({
      ref: e.ref,
      kind: e.kind,
      seq: e.seq,
      leafIndex: e.seq - 1,
      leaf: leafData(e),
      leafHash: tree.leaf(e.seq - 1).toString('hex'),
      proof: tree.inclusionProof(e.seq - 1, treeSize).map((h) => h.toString('hex')),
    }));
}

/** Does `item` prove its leaf is entry `leafIndex + 1` of the ledger `cp` signed? (Check the signature separately.) */
export function inclusionItemOk(item: InclusionItem, cp: LedgerCheckpoint): boolean {
  const hash = leafHash(item.leaf);
  return hash.toString('hex') === item.leafHash && verifyInclusion(item.leafIndex, cp.treeSize, hash, item.proof.map((h) => Buffer.from(h, 'hex')), Buffer.from(cp.rootHash, 'hex'));
}

/** A consistency proof between two checkpoints of one ledger (RFC 6962 §2.1.2), hex. */
export interface ConsistencyItem {
  fromSize: number;
  fromRoot: string;
  toSize: number;
  toRoot: string;
  proof: string[];
}

export interface SealedLedger {
  verification: LedgerVerification;
  /** The new checkpoint; absent when verification found problems (a broken ledger is not signed). */
  checkpoint?: LedgerCheckpoint;
  /** From the newest earlier checkpoint the ledger is consistent with to the new one. */
  consistency?: ConsistencyItem;
}

/**
 * Verify the ledger against every checkpoint known (the store's, those remembered beside the key,
 * any given) and, when all holds, sign a checkpoint of it, keep it in the store and beside the key.
 * `storeName` (checkpoint.ts `storeName`) lets the remembered checkpoint be found by store location.
 */
export async function sealLedger(
  store: Store,
  key: LedgerKey,
  options: { storeName?: string; checkpoints?: CheckpointSource[]; keep?: (entry: EvidenceEntry) => boolean; now?: Date } = {},
): Promise<SealedLedger> {
  const logId = await ledgerLogId(store);
  const names = [originOf(logId), ...(options.storeName ? [options.storeName] : [])];
  const checkpoints: CheckpointSource[] = [
    ...(options.checkpoints ?? []),
    ...(await store.listCheckpoints()).map((checkpoint) => ({ checkpoint, from: 'store' })),
    ...(await recallCheckpoints(key.path, names)).map((checkpoint) => ({ checkpoint, from: 'key folder' })),
  ];
  const verification = await verifyStoreLedger(store, { checkpoints, trustedKey: key.publicKey, keep: options.keep });
  if (verification.problems.length) return { verification };
  const checkpoint = signCheckpoint(key, { logId, treeSize: verification.entries, rootHash: verification.root, timestamp: (options.now ?? new Date()).toISOString() });
  await store.putCheckpoint(checkpoint);
  await rememberCheckpoint(key.path, checkpoint, names);
  const previous = verification.anchoredBy.map((s) => s.checkpoint).sort((a, b) => b.treeSize - a.treeSize)[0];
  const consistency = previous && {
    fromSize: previous.treeSize,
    fromRoot: previous.rootHash,
    toSize: checkpoint.treeSize,
    toRoot: checkpoint.rootHash,
    proof: verification.tree.consistencyProof(previous.treeSize).map((h) => h.toString('hex')),
  };
  return { verification, checkpoint, ...(consistency ? { consistency } : {}) };
}

/**
 * Fold a sealing's result into a bundle before it is exported, so that the report and every export
 * say what verify says: `ledger.ok` only when nothing is wrong, each problem, the changed records,
 * the Merkle root, the checkpoint, and inclusion proofs for the bundle's entries.
 */
export function applySeal(bundle: CaseBundle, sealed: SealedLedger): void {
  const v = sealed.verification;
  const changed = new Set(bundle.ledger.changedRefs ?? []);
  const inBundle = new Set(bundle.posts.map((p) => `${p.platform}:${p.id}`));
  for (const p of v.problems) if (p.ref && inBundle.has(p.ref) && (p.code === 'post_changed' || p.code === 'raw_changed')) changed.add(p.ref);
  const first = v.problems[0];
  bundle.ledger = {
    entries: v.entries,
    head: v.head,
    ok: !v.problems.length,
    ...(first ? { problem: v.problems.length > 1 ? `${first.message} (and ${v.problems.length - 1} more problems; run vigil verify)` : first.message } : {}),
    ...(first?.seq !== undefined ? { brokenSeq: first.seq } : {}),
    ...(changed.size ? { changedRefs: [...changed].sort() } : {}),
    root: v.root,
    ...(sealed.checkpoint ? { checkpoint: sealed.checkpoint } : {}),
    ...(sealed.consistency ? { consistency: sealed.consistency } : {}),
  };
  const refs = bundleLedgerRefs(bundle);
  if (sealed.checkpoint) bundle.inclusionProofs = inclusionItems(v.tree, v.kept.filter((e) => refs.has(e.ref)), sealed.checkpoint.treeSize);
}

/** Ledger refs a bundle's proofs cover: its evidence, its findings and its incidents' analyst actions. */
export function bundleLedgerRefs(bundle: CaseBundle): Set<string> {
  return new Set([
    ...bundle.findings.flatMap((f) => f.evidence.map((e) => e.ref)),
    ...bundle.findings.map((f) => findingRef(f.id)),
    ...bundle.incidents.map((i) => incidentRef(i.id)),
  ]);
}

/** The proofs file written beside a report or export (export/ledger.ts). */
export interface ProofsDocument {
  format: string;
  checkpoint: LedgerCheckpoint;
  consistency?: ConsistencyItem;
  items: InclusionItem[];
}

/**
 * Check a proofs file without the store, as a third party would: the checkpoint's signature, each
 * item's inclusion proof, the consistency proof from the previous checkpoint (and that it starts at
 * `earlier` when given), and, with the JSON export, that each exported post and finding is the one
 * the checkpoint covers (its leaf rebuilt from the exported record).
 */
export function checkProofs(
  doc: ProofsDocument,
  options: { trustedKey?: KeyObject; earlier?: LedgerCheckpoint[]; bundle?: Pick<CaseBundle, 'posts' | 'findings'> } = {},
): LedgerProblem[] {
  const problems: LedgerProblem[] = [];
  const cp = doc.checkpoint;
  const signature = checkpointSignatureOk(cp, options.trustedKey);
  if (!signature.ok) problems.push({ code: 'bad_signature', message: `the proofs' checkpoint does not verify: ${signature.reason}` });
  for (const item of doc.items) {
    if (!inclusionItemOk(item, cp)) problems.push({ code: 'rewritten', seq: item.seq, ref: item.ref, message: `the inclusion proof of ${item.ref} does not lead to the checkpoint's root` });
  }
  const c = doc.consistency;
  const hex = (h: string) => Buffer.from(h, 'hex');
  if (c && (c.toSize !== cp.treeSize || c.toRoot !== cp.rootHash || !verifyConsistency(c.fromSize, c.toSize, hex(c.fromRoot), hex(c.toRoot), c.proof.map(hex)))) {
    problems.push({ code: 'rewritten', message: `the consistency proof from ${c.fromSize} to ${c.toSize} entries does not hold` });
  }
  for (const old of options.earlier ?? []) {
    const matches = c && c.fromSize === old.treeSize && c.fromRoot === old.rootHash;
    const same = old.treeSize === cp.treeSize && old.rootHash === cp.rootHash;
    if (!matches && !same) problems.push({ code: 'rewritten', message: `no consistency proof from the checkpoint of ${old.timestamp} (${old.treeSize} entries) to this one` });
  }
  if (options.bundle) {
    const posts = new Map(options.bundle.posts.map((p) => [`${p.platform}:${p.id}`, p]));
    const findings = new Map(options.bundle.findings.map((f) => [findingRef(f.id), f]));
    const proven = new Map<string, InclusionItem[]>();
    for (const item of doc.items) proven.set(item.ref, [...(proven.get(item.ref) ?? []), item]);
    const leafOf = (item: InclusionItem) => JSON.parse(item.leaf) as [string, number, string, string, unknown, string, string, Record<string, string> | null];
    for (const [ref, post] of posts) {
      const items = (proven.get(ref) ?? []).filter((i) => leafOf(i)[7]);
      if (!items.length) continue;
      const now = postFields(post);
      const changed = items.map((i) => [...changedFields(leafOf(i)[7]!, now), ...(leafOf(i)[6] === sha256(post.raw) ? [] : ['raw'])]);
      if (changed.every((c) => c.length)) problems.push({ code: 'post_changed', ref, fields: changed[0], message: `the exported post differs from the one the checkpoint covers: ${changed[0]!.join(', ')}` });
    }
    for (const [ref, finding] of findings) {
      const items = proven.get(ref) ?? [];
      if (items.length && !items.some((i) => leafOf(i)[6] === findingRecord(finding).sha256)) {
        problems.push({ code: 'finding_changed', ref, message: `the exported finding ${finding.id} is not the one the checkpoint covers` });
      }
    }
  }
  return problems;
}
