import { describe, expect, it } from 'vitest';
import { testWatchlist } from '../fixtures.case.js';
import { compileWatchlist } from '../match/compile.js';
import type { CorpusSet } from './corpus.js';
import type { LabeledPost } from './evaluate.js';
import { defaultModel } from './model.js';
import { ABUSE_DEV_DIR, abuseDevDigest, examples, examplesDigest, joinedPosts, offTopicPosts, RELABELS_DIR, trainingData, type Example } from './training.js';

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

describe('posts joined to off-topic text (training augmentation)', () => {
  const cw = compileWatchlist(testWatchlist());
  const lp = (id: string, text: string, over: Partial<LabeledPost> = {}): LabeledPost => ({ id, lang: 'en', author: 'someone', text, directive: null, targets: [], harassment: false, threat: false, actor: null, ...over });
  const other: CorpusSet = {
    writer: 'wB',
    split: 'train',
    cw,
    posts: [
      lp('b-1', 'Great match last night, our keeper saved two penalties.'),
      lp('b-2', 'Polls open at 7am, vote no matter for whom!'), // an election word: never joined
      lp('b-3', 'Kevin Walsh was at the fair with his kids.'), // names a watched candidate
      lp('b-4', 'What a game!', { harassment: true }), // labelled positive
      lp('b-5', 'La feria del pueblo empieza el sábado, habrá tamales.'),
    ],
  };
  const own = [
    lp('a-1', 'Vote for Daniel Okafor on the 3rd!', { directive: 'vote_for', targets: ['c-okafor'] }),
    lp('a-2', '@KWalshNY you are a rat', { harassment: true, targets: ['c-walsh'] }),
    lp('a-3', 'Okafor spoke at the library today.'),
  ];

  it('off-topic posts are negative on every label and name nothing watched and no election', () => {
    expect(offTopicPosts([other]).map((o) => o.text)).toEqual([other.posts[0]!.text, other.posts[4]!.text]);
  });

  it('keep the labels and text of the post they join, and a reply keeps its addressee first', () => {
    const many = Array.from({ length: 40 }, (_, i) => own.map((p) => ({ ...p, id: `${p.id}-${i}` }))).flat();
    const joined = joinedPosts(many, cw, offTopicPosts([other]), 'wA', 1);
    expect(joined.length).toBeGreaterThan(many.length / 4);
    expect(joined.length).toBeLessThan(many.length);
    let before = 0;
    for (const j of joined) {
      const orig = many.find((p) => `${p.id}+joined` === j.id)!;
      expect({ ...j, id: orig.id, text: orig.text }).toEqual(orig);
      expect(j.text).toContain(orig.text);
      expect(j.text.length).toBeGreaterThan(orig.text.length);
      if (orig.text.startsWith('@')) expect(j.text.startsWith(orig.text)).toBe(true);
      else if (!j.text.startsWith(orig.text)) before++;
    }
    expect(before).toBeGreaterThan(0); // joined on both sides
    expect(joinedPosts(many, cw, offTopicPosts([other]), 'wA', 1)).toEqual(joined); // seeded
    expect(joinedPosts(many, cw, offTopicPosts([other]), 'wB', 1)).toEqual([]); // never a writer's own off-topic posts
  });
});
