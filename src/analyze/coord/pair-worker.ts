/** Worker thread: pairs one co-action kind (`pairKind`) and posts the result back. */
import { parentPort, workerData } from 'node:worker_threads';
import type { CoKind } from './columns.js';
import { pairKind, type EngineOptions } from './engine.js';
import type { CoRows } from './pairs.js';

const job = workerData as { kind: CoKind; rows: CoRows; settings: Pick<EngineOptions, 'timeWindow' | 'minParticipation' | 'semantics' | 'threshold'> };
const result = pairKind(job.kind, job.rows, job.settings);
const arrays: (Int32Array | Float64Array)[] = [result.edges.a, result.edges.b, result.edges.weight, result.expected, result.sorted.obj, result.sorted.acct, result.sorted.post, result.sorted.timeMs, result.sorted.starts];
if (result.kept) arrays.push(result.kept.order, result.kept.pairs.a, result.kept.pairs.b, result.kept.pairs.count);
parentPort!.postMessage({ type: 'done', result }, arrays.map((a) => a.buffer as ArrayBuffer));
