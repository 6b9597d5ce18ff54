/**
 * Where Coopwatch's own files live (dict/, examples/, web/dist/), found once by walking up from
 * this module to the folder holding Coopwatch's package.json. Works the same whether the code
 * runs from src/ under tsx or from the compiled bundle in dist/.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'coopwatch') return dir;
      } catch {
        // not ours: keep walking
      }
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new Error('cannot find the Coopwatch installation folder (package.json named "coopwatch")');
}

/** The Coopwatch installation folder. */
export const ROOT = findRoot();

/** A path inside the installation, e.g. `rootPath('dict', 'domains.yaml')`. */
export function rootPath(...parts: string[]): string {
  return path.join(ROOT, ...parts);
}
