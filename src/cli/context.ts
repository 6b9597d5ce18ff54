/** Shared set-up for CLI commands: opening the store and loading dictionaries, with clear errors. */
import { existsSync, statSync } from 'node:fs';
import { openStore, resolveDbPath, type SqliteStore } from '../store/index.ts';
import { loadKnowledgeBase, type KnowledgeBase } from '../extract/index.ts';
import { CliError } from './args.ts';

/** `bulkWrite`: the command writes documents or facts in batches (ingest, extract; see ConnectionOptions). */
export function openCliStore(flag: string | undefined, opts: { mustExist?: boolean; bulkWrite?: boolean } = {}): SqliteStore {
  const dbPath = resolveDbPath(flag);
  if (opts.mustExist && !existsSync(dbPath)) {
    throw new CliError(`no database at ${dbPath} — run "coopwatch ingest <files>" first, or pass --db PATH / set COOPWATCH_DB`);
  }
  try {
    return openStore(dbPath, { bulkWrite: opts.bulkWrite });
  } catch (e) {
    throw new CliError(`cannot open database ${dbPath}: ${(e as Error).message}`);
  }
}

export function checkDictDirs(dictDirs: string[]): void {
  for (const d of dictDirs) {
    if (!existsSync(d) || !statSync(d).isDirectory()) throw new CliError(`--dict ${d}: not a folder`);
  }
}

export function loadKb(dictDirs: string[]): KnowledgeBase {
  checkDictDirs(dictDirs);
  try {
    return loadKnowledgeBase({ dictDirs });
  } catch (e) {
    throw new CliError(`cannot load dictionaries: ${(e as Error).message}`);
  }
}
