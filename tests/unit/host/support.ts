// Shared helpers for the host unit tests: temp folders, a copy of the built-in content to break, a raw
// HTTP client (no URL normalisation, so traversal attempts reach the server as written) and waiting on
// events or output lines with a deadline instead of sleeping.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request, type Agent, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const builtInContent = join(projectRoot, 'content');

/** Temp folders for one test file; call cleanup() in afterEach/afterAll. */
export function tempDirs(): { make: (prefix?: string) => Promise<string>; cleanup: () => Promise<void> } {
  const made: string[] = [];
  return {
    make: async (prefix = 'vores-sted-test-') => {
      const dir = await mkdtemp(join(tmpdir(), prefix));
      made.push(dir);
      return dir;
    },
    cleanup: async () => {
      await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}

/** A private copy of content/ that a test may break. */
export async function copyOfContent(dirs: ReturnType<typeof tempDirs>): Promise<string> {
  const dir = await dirs.make('vores-sted-content-');
  await cp(builtInContent, dir, { recursive: true });
  return dir;
}

export async function readJsonFile<T = unknown>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T;
}

/** Rewrites one JSON file of a content folder through `change`. */
export async function editJson<T = unknown>(dir: string, file: string, change: (data: T) => unknown): Promise<void> {
  const path = join(dir, file);
  const data = await readJsonFile<T>(path);
  const next = change(data);
  await writeFile(path, JSON.stringify(next === undefined ? data : next, null, 2));
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  port: number;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  agent?: Agent | false;
}

/** One HTTP request to 127.0.0.1, the path sent byte for byte as given. */
export function httpRequest({ port, path, method = 'GET', headers = {}, body, agent = false }: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** POST /api/<method> with a JSON body, as the renderer's transport does. */
export function postApi(port: number, method: string, payload: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return httpRequest({
    port,
    path: `/api/${method}`,
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(payload),
  });
}

/** Resolves with the first output line matching `pattern`; rejects after `timeoutMs` or when the stream ends. */
export function waitForLine(stream: Readable, pattern: RegExp, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const finish = (error: Error | null, line?: string): void => {
      clearTimeout(timer);
      stream.off('data', onData);
      stream.off('end', onEnd);
      if (error) reject(error);
      else resolve(line ?? '');
    };
    const onData = (chunk: Buffer | string): void => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      const hit = lines.find((line) => pattern.test(line));
      if (hit !== undefined) finish(null, hit);
    };
    const onEnd = (): void => finish(new Error(`stream ended before a line matching ${String(pattern)}`));
    const timer = setTimeout(() => finish(new Error(`no line matching ${String(pattern)} within ${timeoutMs} ms`)), timeoutMs);
    stream.on('data', onData);
    stream.on('end', onEnd);
  });
}

/** Whole words (letters on neither side, æøå included). */
function words(list: string[]): RegExp {
  return new RegExp(`(?<!\\p{L})(${list.join('|')})(?!\\p{L})`, 'u');
}

/** Words that give away an English message shown to Danish staff. */
const ENGLISH_WORDS = words([
  'Expected', 'Invalid', 'received', 'must', 'cannot', 'field', 'file', 'missing', 'never', 'the', 'each', 'only',
  'once', 'may', 'be', 'value', 'not', 'is',
]);
/** Words that only a Danish message has. */
const DANISH_WORDS = words(['Filen', 'feltet', 'skal', 'mangler', 'må', 'kan ikke', 'ikke', 'er', 'hele filen', 'Konfigurationsfilen']);
/** Words an English message has. */
const ENGLISH_MARKERS = words(['must', 'cannot', 'not', 'field', 'Expected', 'Invalid', 'missing', 'unknown', 'is']);

/** Paths (temp folders with random names) and quoted field names or ids are neither language. */
function withoutPaths(message: string): string {
  return message.replace(/\S*\/\S*/g, '').replace(/„[^“]*“|"[^"]*"/g, '');
}

/** Danish, and free of English words: what staff may be shown. */
export function isDanish(message: string): boolean {
  const text = withoutPaths(message);
  return DANISH_WORDS.test(text) && !ENGLISH_WORDS.test(text);
}

/** English, and free of Danish words: what goes to the log for IT. */
export function isEnglish(message: string): boolean {
  const text = withoutPaths(message);
  return ENGLISH_MARKERS.test(text) && !DANISH_WORDS.test(text);
}
