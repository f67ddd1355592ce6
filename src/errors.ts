import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';

/** ErrorCode names every way a request can fail; statusOf below is its one map to HTTP status. */
export const ErrorCode = z.enum([
  'validation',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'unavailable',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** statusOf is the HTTP status of each error code, for the JSON API (app.ts) and beheer's pages alike. */
export const statusOf: Record<ErrorCode, ContentfulStatusCode> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
};

/** AppError is the one error type services throw: a code, a message a volunteer can act on (Dutch), and per-field details. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** invalid throws a validation error for one field. */
export function invalid(field: string, message: string): never {
  throw new AppError('validation', message, { [field]: message });
}

/** notFound throws a not_found error with a Dutch message naming what is missing. */
export function notFound(what: string): never {
  throw new AppError('not_found', `${what} bestaat niet.`);
}

/** fieldsFromZod turns zod issues into { path: message } for the error body. */
export function fieldsFromZod(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    fields[key] ??= issue.message;
  }
  return fields;
}
