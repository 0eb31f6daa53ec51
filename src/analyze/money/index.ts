/** Money screening: foreign-national indicators in FEC data around watched races. */

// Entry point.
export { screenMoney } from './screen.js';
export type { ScreenCounts, ScreenOptions, ScreenResult } from './screen.js';
// Parts, for tests and other detectors.
export { analyzeTransactions } from './analyze.js';
export type { AnalyzeOptions, FlaggedRow } from './analyze.js';
export { addressIndicators, memoIndicators, entityIndicators, scoreIndicators, WEIGHTS } from './indicators.js';
export type { Indicator, IndicatorCode } from './indicators.js';
export { compileRegistry, matchRegistry } from './registry.js';
export { buildMoneyPlan } from './plan.js';
export { committeeShares } from './share.js';
export { MONEY_CAVEAT, jsonLine } from './findings.js';
export type { MoneyJsonLine } from './findings.js';
export { referenceScreen } from './reference.js';
