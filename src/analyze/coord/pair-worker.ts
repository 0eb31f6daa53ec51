/**
 * Worker thread: pairs co-action kinds (`pairKind`), one job message at a time, posting each
 * result back (arrays transferred) before the next job's rows are sent.
 */
import { parentPort } from 'node:worker_threads';
import { pairKind, type PairJob } from './engine.js';

parentPort!.on('message', (job: PairJob) => {
  const result = pairKind(job.kind, job.rows, job.settings, job.kept, job.oldObj);
  const arrays: (Int32Array | Float64Array)[] = [result.edges.a, result.edges.b, result.edges.weight, result.expected, result.sorted.obj, result.sorted.acct, result.sorted.post, result.sorted.timeMs, result.sorted.starts];
  if (result.kept) arrays.push(result.kept.order, result.kept.pairs.a, result.kept.pairs.b, result.kept.pairs.count);
  // A kept list may be the one the job brought (nothing new to add): each buffer is transferred once.
  parentPort!.postMessage({ type: 'done', result }, [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))]);
});
