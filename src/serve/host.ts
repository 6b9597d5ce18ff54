/** Where the server listens: loopback checks and the warning for anything else. */

/** Is `host` a loopback address (or a name that only resolves to one)? */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::ffff:127.0.0.1';
}

/** There is no authentication yet: say so on stderr when the server is reachable from elsewhere. */
export function warnIfNotLoopback(host: string): void {
  if (isLoopback(host)) return;
  process.stderr.write(
    `coopwatch serve: WARNING: listening on ${host}, which is not a loopback address. ` +
      'There is no authentication yet: anyone who can reach this port can read the whole store.\n',
  );
}
