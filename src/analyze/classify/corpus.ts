/**
 * The project's labelled corpus (test/fixtures/corpus/<writer>/: watchlist.yaml + posts.jsonl, each
 * writer working only from labels.md and a persona) and its fixed split by writer: the model trains on
 * some writers, thresholds are chosen on another, and one writer's posts are a blind test that nothing
 * is tuned on. Splitting by writer, not by post, measures what matters: text by someone else.
 */
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadWatchlist } from '../../watch/load.js';
import { compileWatchlist, type CompiledWatchlist } from '../match/compile.js';
import { loadEvalSet, type LabeledPost } from './evaluate.js';

export const CORPUS_DIR = fileURLToPath(new URL('../../../test/fixtures/corpus/', import.meta.url));

/** Fixed once, before any writer's text was read (see test/fixtures/corpus/README.md). */
/** `halves`: odd-numbered posts train, even-numbered ones join dev (a writer whose style dev must see). */
export const SPLIT: Record<string, 'train' | 'dev' | 'blind' | 'halves'> = {
  w1: 'train', w2: 'train', w4: 'train', w6: 'train', w7: 'train', w8: 'train', w9: 'train', w10: 'train',
  w11: 'halves',
  w12: 'train', w13: 'train', w14: 'train', w15: 'train', w17: 'train', w18: 'train', w20: 'train', w21: 'train', w22: 'train', w23: 'train', w24: 'train', w25: 'train', w26: 'train', w27: 'train', w28: 'train', w29: 'train', w31: 'train', w32: 'train', w33: 'train', w42: 'train', w43: 'train', w44: 'train', w45: 'train', w48: 'train', w49: 'train', w50: 'train', w51: 'train', w54: 'train', w55: 'train', w56: 'train', w57: 'train', w60: 'train', w61: 'train', w62: 'train', w63: 'train', w66: 'train', w67: 'train', w68: 'train', w69: 'train', w70: 'train', w71: 'train', w78: 'train', w83: 'train', w88: 'train', w89: 'train', w90: 'train',
  w5: 'dev', w34: 'dev', w35: 'dev', w74: 'dev', w75: 'dev', w84: 'dev',
  w3: 'blind', w16: 'blind', w19: 'blind', w30: 'blind', w36: 'blind', w37: 'blind', w38: 'blind', w39: 'blind', w40: 'blind', w41: 'blind', w46: 'blind', w47: 'blind', w52: 'blind', w53: 'blind', w58: 'blind', w59: 'blind', w64: 'blind', w65: 'blind', w72: 'blind', w73: 'blind', w76: 'blind', w77: 'blind', w79: 'blind', w80: 'blind', w81: 'blind', w82: 'blind', w86: 'blind', w87: 'blind', w91: 'blind', w92: 'blind',
};

export interface CorpusSet {
  writer: string;
  split: 'train' | 'dev' | 'blind';
  cw: CompiledWatchlist;
  posts: LabeledPost[];
}

/**
 * Every writer's set present on disk (a missing writer is skipped, so a partial corpus still loads).
 * `splits`: only those splits, and the files of the other writers are not read (training never opens
 * the blind writers').
 */
export async function loadCorpus(dir = CORPUS_DIR, splits?: readonly CorpusSet['split'][]): Promise<CorpusSet[]> {
  const out: CorpusSet[] = [];
  if (!existsSync(dir)) return out;
  const wanted = (s: CorpusSet['split']) => !splits || splits.includes(s);
  for (const writer of readdirSync(dir).sort()) {
    const split = SPLIT[writer];
    if (!split || !existsSync(`${dir}${writer}/posts.jsonl`)) continue;
    if (split === 'halves' ? !wanted('train') && !wanted('dev') : !wanted(split)) continue;
    const cw = compileWatchlist(await loadWatchlist(`${dir}${writer}/watchlist.yaml`));
    const posts = loadEvalSet(`${dir}${writer}/posts.jsonl`);
    if (split !== 'halves') {
      out.push({ writer, split, cw, posts });
      continue;
    }
    if (wanted('train')) out.push({ writer: `${writer}a`, split: 'train', cw, posts: posts.filter((p) => idHalf(p.id) === 'odd') });
    if (wanted('dev')) out.push({ writer: `${writer}b`, split: 'dev', cw, posts: posts.filter((p) => idHalf(p.id) === 'even') });
  }
  return out;
}

/** Which half an id falls in, by the number it ends with ("w11-0007", "ext-0033": odd). */
export function idHalf(id: string): 'odd' | 'even' {
  return Number(/(\d+)$/.exec(id)?.[1] ?? 0) % 2 === 1 ? 'odd' : 'even';
}
