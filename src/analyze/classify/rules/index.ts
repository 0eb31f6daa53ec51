import { EN } from './en.js';
import { ES } from './es.js';
import { PT } from './pt.js';
import type { LanguageRules } from './types.js';

/** Every language's rules, reference language first. */
export const RULES: readonly LanguageRules[] = [EN, ES, PT];
export type { LanguageRules, RuleListKey } from './types.js';
