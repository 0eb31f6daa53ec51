import { VigilError } from '../errors.js';

/**
 * An error answered as JSON `{"error":{"code","message"}}` with an HTTP status. Codes are stable:
 * clients check `code`, never the message.
 */
export class ApiError extends VigilError {
  constructor(
    readonly status: number,
    code: ApiErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}

/** Every error code the API answers with (listed in the OpenAPI document too). */
export const API_ERROR_CODES = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'payload_too_large',
  'unsupported_media_type',
  'not_available',
  'unavailable',
  'internal',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const badRequest = (message: string) => new ApiError(400, 'bad_request', `server: ${message}`);
export const notFound = (what: string) => new ApiError(404, 'not_found', `server: ${what} not found`);
