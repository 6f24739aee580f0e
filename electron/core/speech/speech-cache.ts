import { createHash } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDir, fsyncFile } from '../bundle/fs-safe.js';
import { createLogger } from '../logger.js';
import { readWavInfo, type WavInfo } from './wav.js';

// Ready-made speech on disk, one WAV per text + voice + rate + volume, so a touch in read-aloud mode only has
// to start a player. A file only appears under its final name once it is whole and on disk (temp name,
// fsync, rename), and every file is checked again before it is played: a power cut must never turn into
// noise from the speakers. Over the size cap the least recently used files go first.

const log = createLogger('speech-cache');

/** Bump when the way text becomes speech changes, so old files are not used (they age out). */
const CACHE_FORMAT = 1;
const CACHED_NAME = /^([0-9a-f]{32})\.wav$/;
const TEMP_SUFFIX = '.tmp';

export interface SpeechKeyParts {
  text: string;
  voice: string;
  rate: number;
  volume: number;
}

interface Entry {
  bytes: number;
  lastUsed: number;
}

export interface CacheTotals {
  files: number;
  bytes: number;
}

export class SpeechCache {
  readonly #entries = new Map<string, Entry>();
  #bytes = 0;
  #tempCounter = 0;

  private constructor(
    readonly dir: string,
    readonly maxBytes: number,
    private readonly now: () => number,
  ) {}

  /** Opens (or makes) the folder, removes half-written files a power cut left and indexes the rest. */
  static async open(dir: string, maxBytes: number, now: () => number = Date.now): Promise<SpeechCache> {
    await mkdir(dir, { recursive: true });
    const cache = new SpeechCache(dir, maxBytes, now);
    for (const name of await readdir(dir)) {
      const path = join(dir, name);
      if (name.endsWith(TEMP_SUFFIX)) {
        await rm(path, { force: true });
        continue;
      }
      const key = CACHED_NAME.exec(name)?.[1];
      if (key === undefined) continue;
      const info = await stat(path).catch(() => null);
      if (info?.isFile()) cache.#remember(key, info.size, info.mtimeMs);
    }
    await cache.#evict(null);
    return cache;
  }

  static keyFor(parts: SpeechKeyParts): string {
    return createHash('sha256').update(JSON.stringify([CACHE_FORMAT, parts.voice, parts.rate, parts.volume, parts.text])).digest('hex').slice(0, 32);
  }

  pathFor(key: string): string {
    return join(this.dir, `${key}.wav`);
  }

  /** A unique temp name beside the final one (same folder, so the rename is atomic). */
  tempPathFor(key: string): string {
    this.#tempCounter += 1;
    return join(this.dir, `${key}.${process.pid}.${this.#tempCounter}${TEMP_SUFFIX}`);
  }

  /** The file and its format when the speech is ready and whole; a broken file is removed, never returned. */
  async lookup(key: string): Promise<{ path: string; info: WavInfo } | null> {
    const entry = this.#entries.get(key);
    if (!entry) return null;
    const path = this.pathFor(key);
    const info = await readWavInfo(path);
    if (info === null) {
      log.warn({ file: path }, 'cached speech is damaged or gone; it will be made again');
      this.#forget(key);
      await rm(path, { force: true }).catch(() => undefined);
      return null;
    }
    entry.lastUsed = this.now();
    // The file time carries the use across restarts; losing it only makes eviction a little less exact.
    const seconds = entry.lastUsed / 1000;
    void utimes(path, seconds, seconds).catch(() => undefined);
    return { path, info };
  }

  /** Checks a finished temp file and moves it into place; null (and the temp file gone) when it is not a whole WAV. */
  async commit(key: string, tempPath: string): Promise<{ path: string; info: WavInfo } | null> {
    const info = await readWavInfo(tempPath);
    const path = this.pathFor(key);
    try {
      if (info === null) return null;
      await fsyncFile(tempPath);
      await rename(tempPath, path);
      await fsyncDir(this.dir);
    } catch (error) {
      log.warn({ err: error, file: path }, 'could not store speech in the cache');
      return null;
    } finally {
      await rm(tempPath, { force: true }).catch(() => undefined);
    }
    const size = (await stat(path).catch(() => null))?.size ?? info.dataBytes + 44;
    this.#forget(key);
    this.#remember(key, size, this.now());
    await this.#evict(key);
    return { path, info };
  }

  totals(): CacheTotals {
    return { files: this.#entries.size, bytes: this.#bytes };
  }

  #remember(key: string, bytes: number, lastUsed: number): void {
    this.#entries.set(key, { bytes, lastUsed });
    this.#bytes += bytes;
  }

  #forget(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#bytes -= entry.bytes;
    this.#entries.delete(key);
  }

  /** Least recently used first until under the cap; `keep` (the file just made) stays even if alone it is too big. */
  async #evict(keep: string | null): Promise<void> {
    if (this.#bytes <= this.maxBytes) return;
    const oldestFirst = [...this.#entries.entries()].filter(([key]) => key !== keep).sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    for (const [key] of oldestFirst) {
      if (this.#bytes <= this.maxBytes) break;
      this.#forget(key);
      await rm(this.pathFor(key), { force: true }).catch((error: unknown) => log.warn({ err: error }, 'could not remove old cached speech'));
    }
  }
}
