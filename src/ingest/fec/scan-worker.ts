/** Worker entry: scan one byte range and post the result (buffers transferred, not copied). */
import { parentPort, workerData } from 'node:worker_threads';
import { scanRange, type ByteRange } from './parallel.js';
import type { ScanConfig } from './scan.js';

const { path, range, config } = workerData as { path: string; range: ByteRange; config: ScanConfig };
let pending = 0;
const result = scanRange(path, range, config, (n) => {
  pending += n;
  if (pending >= 64 << 20) {
    parentPort!.postMessage({ bytes: pending });
    pending = 0;
  }
});
if (pending) parentPort!.postMessage({ bytes: pending });
parentPort!.postMessage({ result }, [
  result.keptBytes.buffer,
  result.keptMeta.buffer,
  result.rejectBytes.buffer,
  result.rejectMeta.buffer,
  result.committeeIds.buffer,
  result.committeeStats.buffer,
] as ArrayBuffer[]);
