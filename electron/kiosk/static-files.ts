import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ico': 'image/x-icon',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
  immutable: boolean;
}

/**
 * Resolves a URL path inside `root` and reads it. Anything that would leave the root, hidden files and
 * unknown types are refused (null), so the server can only ever hand out the built renderer.
 */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  // No NUL, no backslashes or colons (Windows separators, drive letters, alternate data streams), no
  // hidden files or dot segments: none of these ever appear in the built renderer's file names.
  if (/[\0\\:]/.test(decoded) || decoded.split('/').some((part) => part.startsWith('.'))) return null;
  const base = resolve(root);
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const full = normalize(join(base, relative));
  if (full !== base && !full.startsWith(base.endsWith(sep) ? base : base + sep)) return null;
  const contentType = MIME_TYPES[extname(full).toLowerCase()];
  if (!contentType) return null;
  try {
    return { body: await readFile(full), contentType, immutable: relative.startsWith('assets/') };
  } catch {
    return null;
  }
}
