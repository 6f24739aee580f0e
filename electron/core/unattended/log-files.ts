import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, renameSync, statfsSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';

// The kiosk's log on disk: <logDir>/vores-sted.log, rotated by size to vores-sted.1.log (newest) …
// vores-sted.<N-1>.log, files older than D days removed. It must never fill the disk, so the total is
// capped at N × maxBytes, and when free space runs low only warnings and errors are written.
//
// Plain node:fs with synchronous writes: pino calls write() once per line; a line is on its way to disk
// before the next one, so a crash keeps everything up to it, and there is no buffer to lose or flush.
// (No package: rotation by size and count is a rename chain; pino-roll et al. would add a worker thread.)
//
// This module does not log through pino (it IS the log file); its own notes are written as pino-shaped
// lines directly.

/**
 * The config's `logs` section. The bounds keep the worst case small (20 files × 100 MB); the defaults
 * keep at most 50 MB, and rotated files go after two weeks even on a kiosk that seldom writes.
 */
export const LogFilesSchema = v.strictObject({
  /** Default: <dataDir>/logs. Relative to the config file. */
  dir: v.optional(v.pipe(v.string(), v.minLength(1, 'must not be empty'))),
  maxFileMB: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(100)), 10),
  maxFiles: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(20)), 5),
  maxAgeDays: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(365)), 14),
});
export type LogFilesConfig = v.InferOutput<typeof LogFilesSchema>;

export interface LogDestination {
  write(line: string): void;
  close?(): void;
}

export interface RotatingLogOptions {
  dir: string;
  /** Default vores-sted.log. */
  fileName?: string;
  /** Rotate when the current file would grow past this. */
  maxBytes?: number;
  /** Files kept, the current one included. */
  maxFiles?: number;
  /** Rotated files older than this go. */
  maxAgeDays?: number;
  /** Below this much free space only warn and above are written. */
  minFreeBytes?: number;
  /** How often free space is looked at. */
  freeSpaceCheckMs?: number;
  /** Injected in tests. */
  freeBytes?: (dir: string) => number;
  now?: () => number;
}

const LEVEL = /"level":(\d+)/;
const WARN = 40;
const MIB = 1024 * 1024;

/** pino's numeric level of a JSON line (info when it cannot tell). */
export function levelOf(line: string): number {
  const match = LEVEL.exec(line.slice(0, 64));
  return match ? Number(match[1]) : 30;
}

function systemFreeBytes(dir: string): number {
  const stats = statfsSync(dir);
  return stats.bavail * stats.bsize;
}

export interface RotatingLogStatus {
  currentBytes: number;
  lowDisk: boolean;
  /** Lines not written: below warn while space was low, or refused by the disk. */
  droppedLines: number;
  rotations: number;
}

export class RotatingLogFile implements LogDestination {
  readonly #dir: string;
  readonly #base: string;
  readonly #ext: string;
  readonly #maxBytes: number;
  readonly #maxFiles: number;
  readonly #maxAgeMs: number;
  readonly #minFree: number;
  readonly #checkMs: number;
  readonly #freeBytes: (dir: string) => number;
  readonly #now: () => number;
  #fd: number | null = null;
  #size = 0;
  #lowDisk = false;
  #nextCheck = 0;
  #nextPrune = 0;
  #dropped = 0;
  #rotations = 0;

  constructor(options: RotatingLogOptions) {
    this.#dir = options.dir;
    const fileName = options.fileName ?? 'vores-sted.log';
    const dot = fileName.lastIndexOf('.');
    this.#base = dot > 0 ? fileName.slice(0, dot) : fileName;
    this.#ext = dot > 0 ? fileName.slice(dot) : '';
    this.#maxBytes = options.maxBytes ?? 10 * MIB;
    this.#maxFiles = Math.max(1, options.maxFiles ?? 5);
    this.#maxAgeMs = (options.maxAgeDays ?? 14) * 86_400_000;
    this.#minFree = options.minFreeBytes ?? 256 * MIB;
    this.#checkMs = options.freeSpaceCheckMs ?? 60_000;
    this.#freeBytes = options.freeBytes ?? systemFreeBytes;
    this.#now = options.now ?? Date.now;
    mkdirSync(this.#dir, { recursive: true });
    this.#prune();
    this.#open();
  }

  get path(): string {
    return this.#pathOf(0);
  }

  get status(): RotatingLogStatus {
    return { currentBytes: this.#size, lowDisk: this.#lowDisk, droppedLines: this.#dropped, rotations: this.#rotations };
  }

  /** One pino line. Never throws: a logger that throws would take the kiosk down with it. */
  write(line: string): void {
    try {
      this.#checkFreeSpace();
      if (this.#lowDisk && levelOf(line) < WARN) {
        this.#dropped++;
        return;
      }
      const data = Buffer.from(line.endsWith('\n') ? line : `${line}\n`, 'utf8');
      if (this.#size > 0 && this.#size + data.length > this.#maxBytes) this.#rotate();
      if (this.#fd === null) this.#open();
      if (this.#fd === null) {
        this.#dropped++;
        return;
      }
      writeSync(this.#fd, data);
      this.#size += data.length;
    } catch {
      // ENOSPC, EIO, a stick pulled: the line is lost, the kiosk goes on.
      this.#dropped++;
    }
  }

  close(): void {
    if (this.#fd !== null) {
      try {
        closeSync(this.#fd);
      } catch {
        // already gone
      }
    }
    this.#fd = null;
  }

  #pathOf(index: number): string {
    return join(this.#dir, index === 0 ? `${this.#base}${this.#ext}` : `${this.#base}.${index}${this.#ext}`);
  }

  #open(): void {
    try {
      this.#fd = openSync(this.#pathOf(0), 'a', 0o644);
      this.#size = fstatSync(this.#fd).size;
    } catch {
      this.#fd = null;
    }
  }

  /** vores-sted.log → .1, .1 → .2, …; the oldest beyond maxFiles is deleted. */
  #rotate(): void {
    this.close();
    this.#rotations++;
    const unlinkQuiet = (path: string): void => {
      try {
        unlinkSync(path);
      } catch {
        // not there
      }
    };
    if (this.#maxFiles === 1) {
      unlinkQuiet(this.#pathOf(0));
    } else {
      unlinkQuiet(this.#pathOf(this.#maxFiles - 1));
      for (let i = this.#maxFiles - 2; i >= 0; i--) {
        try {
          renameSync(this.#pathOf(i), this.#pathOf(i + 1));
        } catch {
          // a gap in the chain (power cut mid-rotation) is fine
        }
      }
    }
    this.#prune();
    this.#open();
  }

  /** Removes rotated files that are too old or beyond the count (also left over from a larger maxFiles). */
  #prune(): void {
    const pattern = new RegExp(`^${escapeRegExp(this.#base)}\\.(\\d+)${escapeRegExp(this.#ext)}$`);
    let names: string[];
    try {
      names = readdirSync(this.#dir);
    } catch {
      return;
    }
    const now = this.#now();
    for (const name of names) {
      const match = pattern.exec(name);
      if (!match) continue;
      const path = join(this.#dir, name);
      try {
        // A file from the future (the clock was corrected backwards) is kept: its age is unknown.
        const tooOld = now - statSync(path).mtimeMs > this.#maxAgeMs;
        if (Number(match[1]) >= this.#maxFiles || tooOld) unlinkSync(path);
      } catch {
        // gone already, or locked: tried again at the next rotation
      }
    }
  }

  #checkFreeSpace(): void {
    const now = this.#now();
    if (now < this.#nextCheck && now >= this.#nextCheck - this.#checkMs) return;
    this.#nextCheck = now + this.#checkMs;
    // Rotated files age out even on a quiet kiosk that seldom rotates.
    if (now >= this.#nextPrune || now < this.#nextPrune - 3_600_000) {
      this.#nextPrune = now + 3_600_000;
      this.#prune();
    }
    let free: number;
    try {
      free = this.#freeBytes(this.#dir);
    } catch {
      return;
    }
    const low = free < this.#minFree;
    if (low === this.#lowDisk) return;
    this.#lowDisk = low;
    const msg = low ? 'free disk space is low: writing only warnings and errors to the log file' : 'free disk space recovered: writing all log lines again';
    const note = `${JSON.stringify({ level: WARN, time: new Date(now).toISOString(), app: 'vores-sted', module: 'log-files', freeBytes: free, msg })}\n`;
    if (this.#fd === null) this.#open();
    if (this.#fd !== null) {
      writeSync(this.#fd, note);
      this.#size += Buffer.byteLength(note);
    }
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The logger exists before the config says where the log folder is: lines written before attach() are
 * kept (up to `maxLines`, oldest dropped first) and handed over then. One target at a time: attaching
 * another (a second start in the same process) closes the first, and detach() closes it for good.
 */
export class DeferredLogDestination implements LogDestination {
  #target: LogDestination | null = null;
  #buffer: string[] = [];

  constructor(private readonly maxLines = 2000) {}

  write(line: string): void {
    if (this.#target) {
      this.#target.write(line);
      return;
    }
    this.#buffer.push(line);
    if (this.#buffer.length > this.maxLines) this.#buffer.shift();
  }

  attach(target: LogDestination): void {
    if (this.#target !== target) this.#target?.close?.();
    this.#target = target;
    for (const line of this.#buffer.splice(0)) target.write(line);
  }

  /** Closes the target; later lines wait in memory again (bounded), as before the first attach. */
  detach(): void {
    this.#target?.close?.();
    this.#target = null;
  }
}

/** Opens the rotating log file; the caller attaches it to the DeferredLogDestination in logger.ts. */
export function openLogFile(options: RotatingLogOptions): RotatingLogFile {
  return new RotatingLogFile(options);
}

/** The config's `logs` section as options for RotatingLogFile. */
export function logFileOptions(config: LogFilesConfig, dataDir: string): RotatingLogOptions {
  return {
    dir: config.dir ?? join(dataDir, 'logs'),
    maxBytes: Math.round(config.maxFileMB * MIB),
    maxFiles: config.maxFiles,
    maxAgeDays: config.maxAgeDays,
  };
}
