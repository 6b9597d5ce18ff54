/**
 * The one error type the ingest parsers throw. It carries a ProblemCode so that the driver
 * (readInputs) can turn any failure into an InputProblem without guessing from message text.
 */
import type { ProblemCode } from '../types.ts';

export class IngestError extends Error {
  readonly code: ProblemCode;
  constructor(code: ProblemCode, reason: string) {
    super(reason);
    this.name = 'IngestError';
    this.code = code;
  }
}

/** Map anything thrown while reading an input to a problem code + reason. */
export function describeFailure(err: unknown): { code: ProblemCode; reason: string } {
  if (err instanceof IngestError) return { code: err.code, reason: err.message };
  const e = err as NodeJS.ErrnoException | undefined;
  switch (e?.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return { code: 'not_found', reason: `not_found: no such file or folder (${e.code})` };
    case 'EACCES':
    case 'EPERM':
    case 'EISDIR':
    case 'ELOOP':
    case 'EMFILE':
    case 'EIO':
      return { code: 'unreadable', reason: `unreadable: ${e.message}` };
    case 'Z_BUF_ERROR':
    case 'Z_DATA_ERROR':
      return { code: 'truncated', reason: `truncated: compressed data is incomplete or corrupt (${e.message})` };
    case 'ERR_BUFFER_TOO_LARGE':
      return { code: 'too_large', reason: `too_large: ${e.message}` };
  }
  return { code: 'parse_error', reason: `parse_error: ${e?.message ?? String(err)}` };
}
