import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding the project's package.json, found by walking up from a module, so the same code
 * works from the sources (tsx, tests) and from dist/ (npm start, packaged app).
 */
export function findProjectRoot(moduleUrl: string): string {
  let dir = dirname(fileURLToPath(moduleUrl));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'content'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no project root above ${fileURLToPath(moduleUrl)}`);
    dir = parent;
  }
}
