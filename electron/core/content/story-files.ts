import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Larger than any story a visitor would read standing up; a bigger file is a mistake (or not text). */
export const MAX_BODY_BYTES = 200 * 1024;

export type BodyFileResult =
  | { ok: true; text: string }
  | { ok: false; reason: 'missing' | 'unreadable' | 'too-large' | 'nul' | 'not-utf8' | 'empty'; detail?: string };

/**
 * Reads one Markdown body (stories/<id>.<lang>.md) and decides whether it is text at all. "Malformed" in
 * practice means: larger than 200 kB, contains a NUL byte (a binary file renamed .md), is not valid
 * UTF-8 (saved as Windows-1252, say), or has nothing but whitespace in it.
 */
export async function readBodyFile(dir: string, file: string): Promise<BodyFileResult> {
  const path = join(dir, file);
  try {
    const info = await stat(path);
    if (!info.isFile()) return { ok: false, reason: 'missing' };
    // Checked before reading, so a huge file is never loaded into memory.
    if (info.size > MAX_BODY_BYTES) return { ok: false, reason: 'too-large', detail: String(info.size) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    return code === 'ENOENT' ? { ok: false, reason: 'missing' } : { ok: false, reason: 'unreadable', detail: code };
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return { ok: false, reason: 'unreadable', detail: (error as NodeJS.ErrnoException).code ?? 'unknown' };
  }
  if (bytes.includes(0)) return { ok: false, reason: 'nul' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, reason: 'not-utf8' };
  }
  // TextDecoder already drops a leading byte order mark (Windows Notepad writes one).
  if (text.trim() === '') return { ok: false, reason: 'empty' };
  return { ok: true, text };
}
