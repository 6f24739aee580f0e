import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import type { Readable } from 'node:stream';

// Serving a content folder's media/ to the renderer, for both shells: the Chromium kiosk's HTTP server and
// the Electron protocol handler. URL shape: /media/<file>, exactly the "media/<file>" paths in
// stories.json with a leading slash. Video and audio need Range requests: Chromium seeks with them.

export const MEDIA_MIME_TYPES: Readonly<Record<string, string>> = {
  '.webp': 'image/webp',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.avif': 'image/avif',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.vtt': 'text/vtt; charset=utf-8',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.oga': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.m4a': 'audio/mp4',
};

/** The same names stories.json may use: one level, lower case, no dot first. Nothing else is ever served. */
const MEDIA_URL = /^\/media\/([a-z0-9][a-z0-9._-]*)$/;

export interface MediaFile {
  path: string;
  size: number;
  contentType: string;
  /** A stream of the whole file, or of bytes start..end (both included). */
  open(range?: ByteRange): Readable;
}

export interface ByteRange {
  start: number;
  end: number;
}

function inside(parent: string, child: string): boolean {
  return child.startsWith(parent.endsWith(sep) ? parent : parent + sep);
}

/**
 * Resolves a URL path like "/media/havn.webp" to a file in `contentDir`/media, or null: a name that
 * could leave the folder, an unknown type, a missing file or a link pointing elsewhere is refused.
 */
export async function readMediaFile(contentDir: string, urlPath: string): Promise<MediaFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  // Decoding first, then matching, means %2e%2e, %2f, %5c and %00 can never sneak a separator through.
  const name = MEDIA_URL.exec(decoded)?.[1];
  if (name === undefined) return null;
  const contentType = MEDIA_MIME_TYPES[extname(name)];
  if (!contentType) return null;
  try {
    const mediaDir = await realpath(join(contentDir, 'media'));
    // realpath also follows links: a link in an unpacked bundle must not reach outside media/.
    const path = await realpath(join(mediaDir, name));
    if (!inside(mediaDir, path)) return null;
    const info = await stat(path);
    if (!info.isFile()) return null;
    return {
      path,
      size: info.size,
      contentType,
      open: (range) => createReadStream(path, range ? { start: range.start, end: range.end } : {}),
    };
  } catch {
    return null;
  }
}

/**
 * A single "bytes=" range of a file of `size` bytes. null: serve the whole file (no header, or one we do
 * not handle, such as several ranges – allowed by RFC 9110). 'unsatisfiable': answer 416.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (header === undefined) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  const [first, last] = [match[1] as string, match[2] as string];
  if (first === '') {
    // "bytes=-500": the last 500 bytes.
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

export interface MediaResponse {
  status: 200 | 206 | 404 | 416;
  headers: Record<string, string>;
  /** null for HEAD, 404 and 416. */
  body: Readable | null;
}

/** The whole answer to a GET or HEAD of /media/<file>, for either shell to send as it likes. */
export async function mediaResponse(contentDir: string, urlPath: string, rangeHeader: string | undefined, method: 'GET' | 'HEAD' = 'GET'): Promise<MediaResponse> {
  const file = await readMediaFile(contentDir, urlPath);
  if (!file) return { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: null };
  // A new bundle version may reuse a file name with new content: always ask again (it is a local disk).
  const common = { 'Content-Type': file.contentType, 'Accept-Ranges': 'bytes', 'Cache-Control': 'no-cache' };
  const range = parseRange(rangeHeader, file.size);
  if (range === 'unsatisfiable') {
    return { status: 416, headers: { ...common, 'Content-Range': `bytes */${file.size}` }, body: null };
  }
  if (range === null) {
    return { status: 200, headers: { ...common, 'Content-Length': String(file.size) }, body: method === 'HEAD' ? null : file.open() };
  }
  return {
    status: 206,
    headers: { ...common, 'Content-Length': String(range.end - range.start + 1), 'Content-Range': `bytes ${range.start}-${range.end}/${file.size}` },
    body: method === 'HEAD' ? null : file.open(range),
  };
}
