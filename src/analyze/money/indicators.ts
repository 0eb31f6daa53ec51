/**
 * Row-level indicators for a transaction: each a code, a weight and a reason an analyst can check
 * by hand. Indicators prompt inquiry; none of them shows that a contributor is a foreign national
 * (US citizens and green-card holders abroad may lawfully give: AO 2016-10, AO 2020-02).
 */
import type { FecTransaction } from '../../ingest/fec/records.js';
import { US_STATE_CODES } from '../../ingest/fec/scan.js';
import { foldText } from '../../util/normalize.js';
import { findPlaces } from './gazetteer.js';
import { INSTITUTION_WORDS, matchRegistry, significantTokens, type CompiledRegistry, type RegistryMatch } from './registry.js';

export type IndicatorCode =
  | 'state_zz'
  | 'state_not_us'
  | 'state_blank_foreign_city'
  | 'state_missing'
  | 'zip_non_us'
  | 'memo_citizenship'
  | 'memo_refund_prohibited'
  | 'registry_contributor'
  | 'registry_employer'
  | 'registry_occupation'
  | 'foreign_government_employer'
  | 'refund_soon_after_receipt'
  | 'cluster_same_employer_day'
  | 'cluster_same_address_day'
  | 'registry_spender'
  | 'registry_payee'
  | 'registry_connected_org';

export interface Indicator {
  code: IndicatorCode;
  reason: string;
  /** Registry actors behind the indicator, if any. */
  actorIds?: string[];
  /** ISO country suggested by the indicator, if any. */
  country?: string;
}

/**
 * Weights used for the score: the chance-like strength of each indicator taken alone. Address
 * signals are moderate (most foreign addresses belong to Americans abroad); registry matches are
 * stronger; patterns only corroborate.
 */
export const WEIGHTS: Record<IndicatorCode, number> = {
  state_zz: 0.45,
  state_not_us: 0.4,
  state_blank_foreign_city: 0.4,
  state_missing: 0.1,
  zip_non_us: 0.3,
  memo_citizenship: 0.35,
  memo_refund_prohibited: 0.4,
  registry_contributor: 0.6,
  registry_employer: 0.55,
  registry_occupation: 0.45,
  foreign_government_employer: 0.5,
  refund_soon_after_receipt: 0.15,
  cluster_same_employer_day: 0.15,
  cluster_same_address_day: 0.15,
  registry_spender: 0.6,
  registry_payee: 0.4,
  registry_connected_org: 0.5,
};

/** Indicators that make a row worth a finding on their own (patterns only add to these). */
export const PRIMARY: ReadonlySet<IndicatorCode> = new Set<IndicatorCode>([
  'state_zz', 'state_not_us', 'state_blank_foreign_city', 'state_missing', 'zip_non_us', 'memo_citizenship',
  'memo_refund_prohibited', 'registry_contributor', 'registry_employer', 'registry_occupation',
  'foreign_government_employer', 'registry_spender', 'registry_payee', 'registry_connected_org',
]);

/** Words in MEMO_TEXT that the scanner treats as triggers (see MEMO_* patterns below). */
export const MEMO_WORDS = ['citizen', 'citizenship', 'noncitizen', 'passport', 'pasaporte', 'foreign', 'green', 'permanent', 'prohibited', 'impermissible'];

// Memo text is at most 100 characters in FEC data; we cut at 1000 before matching anyway.
const MEMO_CITIZENSHIP = /\b(?:non-?citizen|citizenship|citizen|passport|pasaporte|green card|permanent resident|foreign national|not a u\.?s\.?)/i;
const MEMO_REFUND = /\b(?:refund|return|reimburs)\w{0,10}\b.{0,80}\b(?:prohibited|impermissible|foreign|non-?citizen)/i;

/** Letters in a ZIP_CODE: US ZIP codes are digits (5 or 9), so letters mean a foreign postal code. */
export function zipHasLetters(zip: string): boolean {
  return /[A-Za-z]/.test(zip);
}

/** Whether STATE is outside the US set (blank included): the address signal the scanner counts. */
export function stateIsForeignOrBlank(state: string): boolean {
  return !US_STATE_CODES.has(state.toUpperCase());
}

/** The foreign-address signal used for committee shares: the same rule as the byte scanner. */
export function hasAddressSignal(t: Pick<FecTransaction, 'state' | 'zip'>): boolean {
  return stateIsForeignOrBlank(t.state) || zipHasLetters(t.zip);
}

/** Address indicators (STATE, CITY when STATE is blank, ZIP_CODE). */
export function addressIndicators(t: Pick<FecTransaction, 'state' | 'city' | 'zip'>): Indicator[] {
  const out: Indicator[] = [];
  const state = t.state.toUpperCase();
  if (state === 'ZZ') {
    out.push({ code: 'state_zz', reason: `STATE is ZZ, the FEC code for a foreign country (city ${JSON.stringify(t.city)})` });
  } else if (state.trim() === '') {
    const places = findPlaces(t.city);
    if (places.length > 0) {
      out.push({
        code: 'state_blank_foreign_city',
        reason: `STATE is blank and CITY ${JSON.stringify(t.city)} names ${places.map((p) => `${p.name} (${p.country})`).join(', ')}`,
        country: places[0]!.country,
      });
    } else {
      out.push({ code: 'state_missing', reason: `STATE is blank (CITY ${JSON.stringify(t.city)}); international addresses are often filed this way` });
    }
  } else if (!US_STATE_CODES.has(state)) {
    out.push({ code: 'state_not_us', reason: `STATE ${JSON.stringify(t.state)} is not a US state, territory or military (AA/AE/AP) code` });
  }
  if (zipHasLetters(t.zip)) {
    out.push({ code: 'zip_non_us', reason: `ZIP_CODE ${JSON.stringify(t.zip)} has letters, as non-US postal codes do` });
  }
  return out;
}

/** Memo-text indicators. */
export function memoIndicators(memo: string): Indicator[] {
  const text = memo.slice(0, 1000);
  const out: Indicator[] = [];
  if (MEMO_REFUND.test(text)) out.push({ code: 'memo_refund_prohibited', reason: `MEMO_TEXT mentions a refund of a prohibited or foreign contribution: ${JSON.stringify(text)}` });
  else if (MEMO_CITIZENSHIP.test(text)) out.push({ code: 'memo_citizenship', reason: `MEMO_TEXT mentions citizenship or residency: ${JSON.stringify(text)}` });
  return out;
}

function registryIndicator(code: IndicatorCode, field: string, value: string, matches: RegistryMatch[]): Indicator {
  return {
    code,
    reason: `${field} ${JSON.stringify(value)} matches registry ${matches.map((m) => `${m.actorId} ("${m.alias}")`).join(', ')}`,
    actorIds: matches.map((m) => m.actorId),
    country: matches[0]!.country,
  };
}

/**
 * An employer naming a government body (embassy, ministry, consulate, government…) together with a
 * foreign country, e.g. "EMBAJADA DE EL SALVADOR" or "MINISTRY OF FINANCE OF JAPAN".
 */
export function foreignGovernmentEmployer(employer: string): Indicator | undefined {
  if (!employer) return undefined;
  const tokens = significantTokens(employer);
  const word = tokens.find((t) => INSTITUTION_WORDS.has(t));
  if (!word) return undefined;
  const places = findPlaces(employer, ['country']);
  if (places.length === 0) return undefined;
  return {
    code: 'foreign_government_employer',
    reason: `EMPLOYER ${JSON.stringify(employer)} names a government body ("${word}") of ${places[0]!.name} (${places[0]!.country})`,
    country: places[0]!.country,
  };
}

/** Registry and foreign-government indicators on NAME, EMPLOYER and OCCUPATION. */
export function entityIndicators(t: Pick<FecTransaction, 'name' | 'employer' | 'occupation'>, registry: CompiledRegistry): Indicator[] {
  const out: Indicator[] = [];
  const byName = matchRegistry(t.name, registry);
  if (byName.length) out.push(registryIndicator('registry_contributor', 'NAME', t.name, byName));
  const byEmployer = matchRegistry(t.employer, registry);
  if (byEmployer.length) out.push(registryIndicator('registry_employer', 'EMPLOYER', t.employer, byEmployer));
  else {
    const gov = foreignGovernmentEmployer(t.employer);
    if (gov) out.push(gov);
  }
  const byOccupation = matchRegistry(t.occupation, registry);
  if (byOccupation.length) out.push(registryIndicator('registry_occupation', 'OCCUPATION', t.occupation, byOccupation));
  return out;
}

/** All row-level indicators of a transaction. */
export function rowIndicators(t: FecTransaction, registry: CompiledRegistry): Indicator[] {
  return [...addressIndicators(t), ...memoIndicators(t.memoText), ...entityIndicators(t, registry)];
}

/**
 * Combine indicator weights into a score in [0, 0.95]: 1 - Π(1 - w). Capped below 1 because the
 * data can never establish nationality.
 */
export function scoreIndicators(codes: IndicatorCode[]): number {
  let keep = 1;
  for (const c of new Set(codes)) keep *= 1 - WEIGHTS[c];
  return Math.round(Math.min(0.95, 1 - keep) * 1000) / 1000;
}

/** A contributor key for grouping rows of the same person: folded name and 5-digit ZIP. */
export function contributorKey(t: Pick<FecTransaction, 'name' | 'zip'>): string {
  return `${foldText(t.name)}|${t.zip.slice(0, 5)}`;
}
