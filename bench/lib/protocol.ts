/**
 * Phases run in child processes (so each has its own peak RSS) and hand their result back as one
 * line on stdout: RESULT_MARK followed by JSON. Anything else a phase prints goes to stderr.
 */
export const RESULT_MARK = '@@bench-result ';

export function emitResult(result: unknown): void {
  process.stdout.write(RESULT_MARK + JSON.stringify(result) + '\n');
}

/** Parse `--key value` / `--flag` arguments of a phase script. */
export function phaseArgs(argv = process.argv.slice(2)): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    // `--key=value` carries values that themselves start with `--` (node flags for a child).
    const eq = a.indexOf('=');
    if (eq > 0) {
      out[a.slice(2, eq)] = a.slice(eq + 1);
      continue;
    }
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) out[a.slice(2)] = 'true';
    else {
      out[a.slice(2)] = next;
      i++;
    }
  }
  return out;
}

export function need(args: Record<string, string>, key: string): string {
  const v = args[key];
  if (!v) throw new Error(`missing --${key}`);
  return v;
}
