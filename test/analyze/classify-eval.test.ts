import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate, loadEvalSet } from '../../src/analyze/classify/evaluate.js';
import { compileWatchlist } from '../../src/analyze/match/compile.js';
import { loadWatchlist } from '../../src/watch/load.js';

// The labeled evaluation set (test/fixtures/eval/README.md). Thresholds from issue 2 are asserted on
// the dev set so that a rule change that breaks them fails CI; the held-out set is only reported
// (bench/classify-accuracy.ts), never tuned on.
const dir = fileURLToPath(new URL('../fixtures/eval/', import.meta.url));

describe('classifier on the dev evaluation set', async () => {
  const cw = compileWatchlist(await loadWatchlist(`${dir}watchlist.yaml`));
  const dev = loadEvalSet(`${dir}dev.jsonl`);
  const report = evaluate(dev, cw);

  it('is a real set: several hundred posts in three languages, with hard negatives', () => {
    expect(dev.length).toBeGreaterThanOrEqual(250);
    for (const lang of ['en', 'es', 'pt']) expect(dev.filter((p) => p.lang === lang).length).toBeGreaterThanOrEqual(80);
    expect(dev.filter((p) => !p.directive).length).toBeGreaterThan(dev.filter((p) => p.directive).length);
  });

  it('meets the directive, target and harassment thresholds', () => {
    expect(report.directiveAny.f1).toBeGreaterThanOrEqual(0.9);
    expect(report.directiveExact.f1).toBeGreaterThanOrEqual(0.9);
    expect(report.targetAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(report.harassment.f1).toBeGreaterThanOrEqual(0.8);
    expect(report.threat.f1).toBeGreaterThanOrEqual(0.8);
    expect(report.actorAccuracy).toBe(1);
  });
});
