/**
 * Opaque keyset cursors: base64url of the JSON array of the last row's sort key.
 *
 * Keyset (not offset) pagination keeps pages stable while new documents arrive and costs the
 * same at page 1 and page 10 000. Clients must treat the value as opaque.
 */

/** A cursor that does not decode to the expected key shape. Callers map it to HTTP 400. */
export class BadCursorError extends Error {
  readonly field = 'cursor';
  constructor(message = 'invalid cursor') {
    super(message);
  }
}

export type KeyPart = string | number;

export function encodeCursor(key: KeyPart[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * Decode a cursor and check it against the expected key shape (`'s'` string, `'n'` number,
 * `'sn'` either). Throws BadCursorError on anything else.
 */
export function decodeCursor(cursor: string, shape: string[]): KeyPart[] {
  if (cursor.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw new BadCursorError();
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new BadCursorError();
  }
  if (!Array.isArray(v) || v.length !== shape.length) throw new BadCursorError();
  v.forEach((part, i) => {
    const ok =
      (shape[i].includes('s') && typeof part === 'string') ||
      (shape[i].includes('n') && typeof part === 'number' && Number.isFinite(part));
    if (!ok) throw new BadCursorError();
  });
  return v as KeyPart[];
}
