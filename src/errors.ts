/**
 * Error classes with stable codes. Callers check the class or `code`, never the message.
 * Messages start with the module that raised them, e.g. `watchlist: races[0].id is required`.
 */
export class VigilError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Bad user input that stops a command: a watchlist that does not validate, a missing file. */
export class UsageError extends VigilError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('usage', message, options);
  }
}

export class WatchlistError extends VigilError {
  /** Each problem with its path, e.g. `races[0].candidates[1].handles.x`. */
  readonly issues: { path: string; message: string }[];
  constructor(file: string, issues: { path: string; message: string }[]) {
    super('watchlist_invalid', `watchlist: ${file}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.issues = issues;
  }
}

/** A whole input cannot be read (not one bad record: those are quarantined). */
export class IngestFormatError extends VigilError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ingest_format', message, options);
  }
}

export class StoreError extends VigilError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('store', message, options);
  }
}

export class LedgerError extends VigilError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ledger', message, options);
  }
}
