/**
 * API errors. Every failure leaves the server as `{error: {code, message, field}}` with a 4xx
 * status, or a generic 500 whose details go to stderr only (never a stack trace to clients).
 */
import type { z } from 'zod/v4';

export class ApiError extends Error {
  constructor(
    readonly status: 400 | 404 | 405 | 406 | 413 | 500,
    readonly code: string,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

export interface ErrorBody {
  error: { code: string; message: string; field: string | null };
}

export function errorBody(code: string, message: string, field: string | null = null): ErrorBody {
  return { error: { code, message, field } };
}

/** Turn the first zod issue into a 400 naming the parameter. */
export function fromZod(err: z.ZodError, where: 'query' | 'path'): ApiError {
  const issue = err.issues[0];
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0];
    return new ApiError(400, 'unknown_parameter', `unknown ${where} parameter "${key}"`, key);
  }
  const field = issue.path.length ? issue.path.map(String).join('.') : null;
  const code = field === 'cursor' ? 'invalid_cursor' : 'invalid_parameter';
  return new ApiError(400, code, field ? `${field}: ${issue.message}` : issue.message, field);
}
