/**
 * Byte-level line splitting for streamed JSONL.
 *
 * Not readline: readline buffers a whole line however long it is, so one 2 GB line without a
 * newline would exhaust memory. Here a line over `maxLineBytes` is counted but its bytes are
 * dropped as they arrive, keeping memory flat whatever the input. Splitting on the byte 0x0A is
 * safe for UTF-8 (it never occurs inside a multi-byte sequence); UTF-16 input is transcoded first.
 */

export interface SplitLine {
  /** The line's bytes without the newline (and without a trailing CR); null when it was over the limit. */
  line: Buffer | null;
  /** 1-based line number. */
  lineNo: number;
  /** Size of the line in bytes. */
  bytes: number;
}

export async function* splitLines(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, maxLineBytes: number): AsyncGenerator<SplitLine> {
  let pending: Buffer[] = [];
  let pendingLen = 0;
  let oversize = false;
  let lineNo = 0;
  const take = (): SplitLine => {
    lineNo++;
    let line: Buffer | null = null;
    if (!oversize) {
      line = pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingLen);
      if (line.length && line[line.length - 1] === 0x0d) line = line.subarray(0, line.length - 1);
    }
    const out = { line, lineNo, bytes: pendingLen };
    pending = [];
    pendingLen = 0;
    oversize = false;
    return out;
  };

  for await (const raw of source) {
    const chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, from);
      const piece = chunk.subarray(from, nl < 0 ? chunk.length : nl);
      if (!oversize) {
        if (pendingLen + piece.length > maxLineBytes) {
          oversize = true;
          pending = [];
        } else if (piece.length) pending.push(piece);
      }
      pendingLen += piece.length;
      if (nl < 0) break;
      yield take();
      from = nl + 1;
    }
  }
  if (pendingLen > 0) yield take();
}

/**
 * Pass UTF-8 through (dropping a UTF-8 BOM); transcode UTF-16 (detected by its BOM) to UTF-8 so
 * that the byte splitter above can be used for every encoding.
 */
export async function* asUtf8Chunks(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<Buffer> {
  let decoder: TextDecoder | null = null;
  let first = true;
  for await (const raw of source) {
    let chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    if (first && chunk.length > 0) {
      first = false;
      if (chunk[0] === 0xff && chunk[1] === 0xfe) decoder = new TextDecoder('utf-16le');
      else if (chunk[0] === 0xfe && chunk[1] === 0xff) decoder = new TextDecoder('utf-16be');
      else if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    }
    if (decoder) yield Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8');
    else yield chunk;
  }
  if (decoder) {
    const tail = decoder.decode();
    if (tail) yield Buffer.from(tail, 'utf8');
  }
}
