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

// The second dev set (user-style posts: slang, caps, emoji, Spanglish, headlines, indirect calls,
// threats without "kill", dogpile calls, hard negatives). Tuned on, so its thresholds guard the general
// constructions added for it (causative calls, contrast, threat and dogpile constructions) against regressions.
describe('classifier on the second dev set (dev-2)', async () => {
  const cw = compileWatchlist(await loadWatchlist(`${dir}watchlist.yaml`));
  const dev2 = loadEvalSet(`${dir}dev-2.jsonl`);
  const report = evaluate(dev2, cw);

  it('is a real set: 150+ posts, the three languages about equal, more negatives than directives', () => {
    expect(dev2.length).toBeGreaterThanOrEqual(150);
    for (const lang of ['en', 'es', 'pt']) expect(dev2.filter((p) => p.lang === lang).length).toBeGreaterThanOrEqual(50);
    expect(dev2.filter((p) => !p.directive).length).toBeGreaterThan(dev2.filter((p) => p.directive).length);
    expect(dev2.filter((p) => p.threat).length).toBeGreaterThanOrEqual(15);
    expect(new Set(dev2.map((p) => p.id)).size).toBe(dev2.length);
  });

  it('meets the issue thresholds', () => {
    expect(report.directiveAny.f1).toBeGreaterThanOrEqual(0.9);
    expect(report.directiveExact.f1).toBeGreaterThanOrEqual(0.9);
    expect(report.directiveExact.precision).toBeGreaterThanOrEqual(0.95);
    expect(report.targetAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(report.harassment.f1).toBeGreaterThanOrEqual(0.8);
    expect(report.threat.f1).toBeGreaterThanOrEqual(0.8);
    expect(report.actorAccuracy).toBe(1);
  });
});
