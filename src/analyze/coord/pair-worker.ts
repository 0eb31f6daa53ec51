/** Worker thread: pairs one co-action kind (`pairKind`) and posts the result back. */
import { parentPort, workerData } from 'node:worker_threads';
import type { CoKind } from './columns.js';
import { pairKind, type EngineOptions } from './engine.js';
import type { CoRows } from './pairs.js';

const job = workerData as { kind: CoKind; rows: CoRows; settings: Pick<EngineOptions, 'timeWindow' | 'minParticipation' | 'semantics' | 'threshold'> };
const result = pairKind(job.kind, job.rows, job.settings);
const arrays = [result.edges.a, result.edges.b, result.edges.weight, result.expected, result.sorted.obj, result.sorted.acct, result.sorted.post, result.sorted.timeMs, result.sorted.starts];
parentPort!.postMessage({ type: 'done', result }, arrays.map((a) => a.buffer as ArrayBuffer));
