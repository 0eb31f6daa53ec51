import { describe, expect, it } from 'vitest';
import { defaultModel } from './model.js';
import { ABUSE_DEV_DIR, abuseDevDigest, examples, examplesDigest, RELABELS_DIR, trainingData, type Example } from './training.js';

// The committed weights record digests of what scripts/train-classifier.ts trained and chose thresholds on
// (training.ts). The rule stage feeds the model, so a change to the normaliser, matcher, lexicon,
// constructions or rule findings that moves any training example fails here: retrain
// (`npx tsx scripts/train-classifier.ts`) and commit the weights with the change, or the committed model is
// one the script no longer writes.
describe('model-weights.json is what scripts/train-classifier.ts writes', async () => {
  const inputs = defaultModel()?.meta['inputs'] as { train: string; dev: string; abuseDev: string | null; abuseDevHalf: string | null } | undefined;
  const settings = defaultModel()?.meta as { epochs: number; l2: number; lr: number; seed: number };
  const data = await trainingData();

  it('trains on the examples this code builds', () => {
    expect(inputs, 'model-weights.json records no input digests: rerun scripts/train-classifier.ts').toBeDefined();
    expect(examplesDigest(data.train, { epochs: settings.epochs, l2: settings.l2, lr: settings.lr, seed: settings.seed }), 'training examples changed since the weights were trained: rerun scripts/train-classifier.ts').toBe(inputs!.train);
  });

  it('chose its thresholds on the dev examples this code builds', () => {
    expect(examplesDigest(data.devSets.flatMap((s) => examples(s.posts, s.cw))), 'dev examples changed since the thresholds were chosen: rerun scripts/train-classifier.ts').toBe(inputs!.dev);
  });

  it.runIf(abuseDevDigest(ABUSE_DEV_DIR, RELABELS_DIR) !== null)('chose its hostile margins on the abuse-dev texts at hand', () => {
    expect(abuseDevDigest(ABUSE_DEV_DIR, RELABELS_DIR)).toBe(inputs!.abuseDev);
  });

  it('a digest moves with any example, label or setting', () => {
    const a: Example[] = [{ id: 'x-1', idx: Int32Array.from([3, 5, 5]), named: 1, y: 0, h: 0, t: 0 }];
    const base = examplesDigest(a, { epochs: 12, l2: 1e-4, lr: 0.3, seed: 7 });
    expect(examplesDigest(a, { epochs: 12, l2: 1e-4, lr: 0.3, seed: 7 })).toBe(base);
    expect(examplesDigest([{ ...a[0]!, idx: Int32Array.from([3, 5, 6]) }], { epochs: 12, l2: 1e-4, lr: 0.3, seed: 7 })).not.toBe(base);
    expect(examplesDigest([{ ...a[0]!, h: 1 }], { epochs: 12, l2: 1e-4, lr: 0.3, seed: 7 })).not.toBe(base);
    expect(examplesDigest([{ ...a[0]!, named: 2 }], { epochs: 12, l2: 1e-4, lr: 0.3, seed: 7 })).not.toBe(base); // which indexes take the named features' scale
    expect(examplesDigest(a, { epochs: 12, l2: 1e-4, lr: 0.3, seed: 8 })).not.toBe(base);
  });
});
