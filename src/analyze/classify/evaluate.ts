/**
 * Scoring of the classifier against a labeled set (test/fixtures/eval/*.jsonl; format in its
 * README.md). Used by bench/classify-accuracy.ts and by the regression test on the dev set.
 */
import { readFileSync } from 'node:fs';
import type { Classification, Directive } from '../../model/types.js';
import type { CompiledWatchlist } from '../match/compile.js';
import { classifyPostDetail } from './classify.js';
import { defaultModel, type Model } from './model.js';

/** One labeled post. */
export interface LabeledPost {
  id: string;
  lang: string;
  platform?: string;
  author: string;
  text: string;
  createdAt?: string;
  repostOf?: string;
  mentions?: string[];
  directive: Directive | null;
  targets: string[];
  harassment: boolean;
  threat: boolean;
  actor: string | null;
}

export interface Prf {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface EvalReport {
  posts: number;
  /** Directive present or not (any type). */
  directiveAny: Prf;
  /** Directive with the exact type (micro-averaged over the three types). */
  directiveExact: Prf;
  /** Among posts where both gold and prediction have a directive: share with exactly the gold targets. */
  targetAccuracy: number;
  targetPairs: number;
  /** labels.md's targets: among posts positive in the gold (any label), share whose predicted target set is exactly the gold's. */
  positiveTargetAccuracy: number;
  positivePosts: number;
  harassment: Prf;
  threat: Prf;
  /** Share of posts whose actor_id is right. */
  actorAccuracy: number;
  errors: { id: string; field: string; want: unknown; got: unknown; text: string }[];
}

/** Read a JSONL eval file (blank lines and lines starting with '//' are skipped). */
export function loadEvalSet(file: string): LabeledPost[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('//'))
    .map((l, i) => {
      try {
        return JSON.parse(l) as LabeledPost;
      } catch (err) {
        throw new Error(`eval: ${file}:${i + 1}: ${(err as Error).message}`, { cause: err });
      }
    });
}

function prf(tp: number, fp: number, fn: number): Prf {
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, fn, precision, recall, f1 };
}

/** Classify every post of a labeled set and score it. */
export function evaluate(posts: LabeledPost[], cw: CompiledWatchlist, model: Model | null = defaultModel()): EvalReport {
  let dTp = 0, dFp = 0, dFn = 0, eTp = 0, eFp = 0, eFn = 0;
  let hTp = 0, hFp = 0, hFn = 0, tTp = 0, tFp = 0, tFn = 0;
  let pairs = 0, pairsRight = 0, actorsRight = 0, positives = 0, positivesRight = 0;
  const errors: EvalReport['errors'] = [];
  for (const p of posts) {
    const got: Classification = classifyPostDetail(
      {
        id: p.id,
        platform: p.platform ?? 'x',
        authorHandle: p.author,
        text: p.text,
        hashtags: [],
        mentions: p.mentions ?? [],
        lang: p.lang,
        repostOf: p.repostOf,
        createdAt: p.createdAt,
      },
      cw,
      model,
    ).classification;
    const err = (field: string, want: unknown, g: unknown) => errors.push({ id: p.id, field, want, got: g, text: p.text });
    if (p.directive && got.directive) dTp++;
    else if (got.directive) dFp++;
    else if (p.directive) dFn++;
    if (p.directive && got.directive === p.directive) eTp++;
    else {
      if (got.directive) eFp++;
      if (p.directive) eFn++;
    }
    if (p.directive !== got.directive) err('directive', p.directive, got.directive);
    if (p.directive && got.directive) {
      pairs++;
      const want = [...p.targets].sort().join(',');
      const have = [...got.target_candidate_ids].sort().join(',');
      if (want === have) pairsRight++;
      else err('targets', p.targets, got.target_candidate_ids);
    }
    if (p.directive || p.harassment || p.threat) {
      positives++;
      const want = [...new Set(p.targets)].sort().join(',');
      const have = [...new Set(got.target_candidate_ids)].sort().join(',');
      if (want === have) positivesRight++;
      else if (!(p.directive && got.directive)) err('targets', p.targets, got.target_candidate_ids);
    }
    if (p.harassment && got.harassment) hTp++;
    else if (got.harassment) hFp++;
    else if (p.harassment) hFn++;
    if (p.harassment !== got.harassment) err('harassment', p.harassment, got.harassment);
    if (p.threat && got.threat) tTp++;
    else if (got.threat) tFp++;
    else if (p.threat) tFn++;
    if (p.threat !== got.threat) err('threat', p.threat, got.threat);
    if ((p.actor ?? null) === got.actor_id) actorsRight++;
    else err('actor', p.actor, got.actor_id);
  }
  return {
    posts: posts.length,
    directiveAny: prf(dTp, dFp, dFn),
    directiveExact: prf(eTp, eFp, eFn),
    targetAccuracy: pairs ? pairsRight / pairs : 1,
    targetPairs: pairs,
    positiveTargetAccuracy: positives ? positivesRight / positives : 1,
    positivePosts: positives,
    harassment: prf(hTp, hFp, hFn),
    threat: prf(tTp, tFp, tFn),
    actorAccuracy: posts.length ? actorsRight / posts.length : 1,
    errors,
  };
}
