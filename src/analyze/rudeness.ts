/**
 * A cheap "hostile or rude" signal for campaign-level hostility (../shared/reference/labels.md,
 * "Campaign-level hostility"): words that are rude but legitimate on their own ("clown", "liar",
 * "pathetic") and are not the classifier's harassment label. One such reply is criticism; dozens
 * from one network aimed at one candidate are a campaign, which `harassment-campaign.ts` decides.
 * English, Spanish and Portuguese, whole words on folded text.
 */
import { foldText } from '../util/normalize.js';

const RUDE = [
  // en
  'clown', 'liar', 'pathetic', 'disgrace', 'joke', 'loser', 'fraud', 'traitor', 'crook', 'corrupt', 'shameful', 'shame on you',
  'nobody wants you', 'go away', 'get lost', 'shut up', 'useless', 'hypocrite', 'puppet', 'sellout', 'nonsense', 'garbage', 'trash',
  // es
  'payaso', 'payasa', 'mentirosa', 'mentiroso', 'patetica', 'patetico', 'verguenza', 'traidora', 'traidor', 'corrupta', 'corrupto', 'largate', 'callate', 'inutil',
  // pt
  'palhaco', 'palhaca', 'mentirosa', 'mentiroso', 'vergonha', 'traidora', 'traidor', 'corrupta', 'corrupto', 'cala a boca', 'inutil',
];
const PATTERN = new RegExp(`(?:^| )(?:${[...new Set(RUDE.map((w) => foldText(w)))].sort((a, b) => b.length - a.length).join('|')})(?= |$)`);

/**
 * Whether a post's text uses a rude word (folded, whole words; bounded to 2,000 characters).
 *
 * @example isRude('@DanaQuillOH what a clown') // true
 */
export function isRude(text: string): boolean {
  return PATTERN.test(` ${foldText(text.slice(0, 2000))} `.replace(/\s+/g, ' ').trim());
}
