import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

// The subset of minimatch that electron-builder's `files` patterns use here: `**`, `*`, `?`, `{a,b}` and a
// leading `!` for exclusion; dot files match. Patterns apply in order and the last one that matches a
// path decides (electron-builder's rule), so a later "!" removes what an earlier pattern added.

export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i += 1) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      const slashAfter = glob[i + 2] === '/';
      const atStart = i === 0 || glob[i - 1] === '/';
      if (atStart && slashAfter) {
        out += '(?:.*/)?';
        i += 2;
      } else if (atStart && i + 2 === glob.length) {
        // "dir/**": the folder itself and everything below it
        out = out.endsWith('/') ? `${out.slice(0, -1)}(?:/.*)?` : `${out}.*`;
        i += 1;
      } else {
        out += '.*';
        i += 1;
      }
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) throw new Error(`unclosed { in ${glob}`);
      out += `(?:${glob.slice(i + 1, end).split(',').map((part) => part.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')).join('|')})`;
      i = end;
    } else out += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

export interface Pattern {
  include: boolean;
  re: RegExp;
  source: string;
}

export function compilePatterns(globs: readonly string[]): Pattern[] {
  return globs.map((glob) => ({
    include: !glob.startsWith('!'),
    re: globToRegExp(glob.replace(/^!/, '')),
    source: glob,
  }));
}

/** True when the last pattern that matches `path` (relative, with /) includes it. */
export function selected(patterns: readonly Pattern[], path: string): boolean {
  let verdict = false;
  for (const pattern of patterns) if (pattern.re.test(path)) verdict = pattern.include;
  return verdict;
}

/** Every regular file below `dir`, as paths relative to `base` with forward slashes. */
export async function listFiles(dir: string, base: string, skip: (relative: string) => boolean = () => false): Promise<{ path: string; bytes: number }[]> {
  const found: { path: string; bytes: number }[] = [];
  const walk = async (current: string): Promise<void> => {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      const relative = full.slice(base.length + 1).split('\\').join('/');
      if (skip(relative)) continue;
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) found.push({ path: relative, bytes: (await lstat(full)).size });
    }
  };
  await walk(dir);
  return found;
}
