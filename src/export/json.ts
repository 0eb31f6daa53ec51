/**
 * JSON export: the case bundle as it is, lossless (raw records included), for scripts and for
 * re-import. Tagged with a format name and version so readers can tell what they hold.
 */
import type { CaseBundle } from '../cases/bundle.js';

/** Format tag written at the top of the JSON export. */
export const CASE_BUNDLE_FORMAT = 'vigil-case-bundle';
export const CASE_BUNDLE_FORMAT_VERSION = 1;

export interface JsonOptions {
  /** Indent with two spaces (default true); false writes one line. */
  pretty?: boolean;
}

/** Serialise a bundle: `{format, formatVersion, ...bundle}`. */
export function toJson(bundle: CaseBundle, options: JsonOptions = {}): string {
  const doc = { format: CASE_BUNDLE_FORMAT, formatVersion: CASE_BUNDLE_FORMAT_VERSION, ...bundle };
  return JSON.stringify(doc, null, options.pretty === false ? undefined : 2) + '\n';
}
