/** Write a line to a stream, waiting for 'drain' when the consumer is slower (keeps memory flat). */
export function writeLine(out: NodeJS.WritableStream, line: string): Promise<void> | void {
  if (out.write(line + '\n')) return;
  return new Promise((resolve) => out.once('drain', () => resolve()));
}
