import { mkdir, open, readFile, rename, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApiRequest } from '../../../contract/api.js';
import { fsyncFile, writeFileAtomic } from '../bundle/fs-safe.js';
import { createLogger } from '../logger.js';
import { isClockTrusted, systemClock, type Clock, type ClockFloor } from './clock.js';
import { addDays, copenhagenTime } from './copenhagen-time.js';
import {
  MAX_SESSION_SECONDS,
  UNKNOWN_TIME,
  aggregatesFromJson,
  aggregatesToJson,
  applyLine,
  bucketKey,
  cloneTotals,
  isCountKey,
  parseLine,
  serializeLine,
  type StatCategory,
  type StatLine,
  type StatsTotals,
} from './stats-model.js';

// The statistics folder:
//   aggregates.json  every event up to `lastSeq`, summed per day (replaced atomically by compaction)
//   events.jsonl     events since, one JSON line each, appended and fsynced in batches
// A power cut loses at most the batch not yet fsynced; a torn last line is dropped on load; a line
// written twice (a retried append) counts once thanks to its sequence number; a full disk keeps every
// event already stored and the new ones in memory until there is room.

const log = createLogger('stats-store');

export const AGGREGATES_FILE = 'aggregates.json';
export const EVENTS_FILE = 'events.jsonl';

export type VisitorEvent = ApiRequest<'reportEvent'>;

/** Writes `data` at the end of `path` and fsyncs it; rejects if it could not (all of it). */
export type AppendFn = (path: string, data: Uint8Array) => Promise<void>;

export interface StatsProblem {
  code: string;
  messageDa: string;
  messageEn: string;
}

export interface StatsStoreOptions {
  dir: string;
  clock?: Clock;
  /** Events before this instant are stamped "time unknown" (see isClockTrusted). */
  clockFloor?: ClockFloor;
  /** Batching of fsyncs: at most this long … */
  flushEveryMs?: number;
  /** … or this many events, whichever comes first. */
  flushEveryEvents?: number;
  /** Fold the event file into aggregates.json once it is this big (and at every start). */
  compactAtBytes?: number;
  /** Hours older than this many days are dropped at compaction (only with a trusted clock). */
  retainDays?: number;
  /** After a failed write, the next attempt waits this long (default 30 s). */
  retryAfterProblemMs?: number;
  /** Events kept in memory while the disk refuses them; the oldest go first beyond this. */
  maxPendingEvents?: number;
  appendFile?: AppendFn;
  /** Storage trouble for the health screen (Danish) and the log (English). Called once per new problem. */
  onProblem?: (problem: StatsProblem | null) => void;
}

export interface StatsStatus {
  /** Recorded but not yet on disk. */
  pendingEvents: number;
  /** Recorded while the disk was full and not kept for later (still in this run's totals). */
  droppedEvents: number;
  /** Unreadable lines skipped at the last load (a torn line after a power cut is one). */
  skippedLines: number;
  eventFileBytes: number;
  problem: StatsProblem | null;
}

const defaultAppend: AppendFn = async (path, data) => {
  const handle = await open(path, 'a', 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
};

function describeProblem(error: unknown): StatsProblem {
  const code = (error as NodeJS.ErrnoException).code ?? 'UNKNOWN';
  const why = code === 'ENOSPC' ? 'disken er fuld' : code === 'EROFS' ? 'disken er skrivebeskyttet' : `fejl ${code}`;
  return {
    code,
    messageDa: `Statistikken kan ikke gemmes (${why}). Tallene, der allerede er gemt, er bevaret.`,
    messageEn: `statistics cannot be stored (${code}): ${error instanceof Error ? error.message : String(error)}`,
  };
}

/** A stat line before it gets its sequence number. */
type LineBody = StatLine extends infer L ? (L extends StatLine ? Omit<L, 'q'> : never) : never;

const SAFE_ID = /^[\w\-æøåÆØÅ ]{1,80}$/u;

export class StatsStore {
  readonly #dir: string;
  readonly #clock: Clock;
  readonly #options: StatsStoreOptions;
  readonly #totals: StatsTotals;
  #seq: number;
  #pending: StatLine[] = [];
  #eventBytes: number;
  #skippedLines: number;
  #droppedEvents = 0;
  #problem: StatsProblem | null = null;
  /** A failed append may have left a partial line that could not be cut off: start the next one fresh. */
  #needsNewline = false;
  #timer: unknown = null;
  #queuedFlush: Promise<void> | null = null;
  #queue: Promise<void> = Promise.resolve();
  #session: { startedAt: number; bucket: string | null } | null = null;
  #closed = false;

  private constructor(options: StatsStoreOptions, loaded: Loaded) {
    this.#options = options;
    this.#dir = options.dir;
    this.#clock = options.clock ?? systemClock;
    this.#totals = loaded.totals;
    this.#seq = loaded.seq;
    this.#eventBytes = loaded.eventBytes;
    this.#skippedLines = loaded.skipped;
    this.#needsNewline = loaded.needsNewline;
  }

  /**
   * Loads what is on disk (repairing a torn last line) and compacts it. Rejects only if the folder cannot
   * be made or read: the kiosk should then run without statistics rather than not at all.
   */
  static async open(options: StatsStoreOptions): Promise<StatsStore> {
    await mkdir(options.dir, { recursive: true });
    const loaded = await load(options.dir);
    const store = new StatsStore(options, loaded);
    if (loaded.eventBytes > 0) await store.compact();
    return store;
  }

  get eventsPath(): string {
    return join(this.#dir, EVENTS_FILE);
  }

  get aggregatesPath(): string {
    return join(this.#dir, AGGREGATES_FILE);
  }

  get status(): StatsStatus {
    return {
      pendingEvents: this.#pending.length,
      droppedEvents: this.#droppedEvents,
      skippedLines: this.#skippedLines,
      eventFileBytes: this.#eventBytes,
      problem: this.#problem,
    };
  }

  /** Everything counted so far (stored or not yet), for the export. */
  totals(): StatsTotals {
    return cloneTotals(this.#totals);
  }

  /** Hook for the host API's reportEvent: maps a visitor event to anonymous counts. */
  recordVisitorEvent(event: VisitorEvent): void {
    const now = this.#clock.monotonic();
    switch (event.event) {
      case 'session-start': {
        const bucket = this.#bucketNow();
        this.#session = { startedAt: now, bucket };
        this.#record({ b: bucket, k: 's' });
        return;
      }
      case 'session-end': {
        // The length comes from the monotonic clock: NTP fixing the date mid-visit changes nothing.
        const session = this.#session;
        this.#session = null;
        if (!session) return; // started before a restart: counted, but its length is unknown
        const seconds = Math.min(MAX_SESSION_SECONDS, Math.max(0, Math.round((now - session.startedAt) / 1000)));
        this.#record({ b: session.bucket, k: 'e', d: seconds });
        return;
      }
      case 'screen':
        return this.#count('screen', event.detail);
      case 'task-opened':
        return this.#count('task', event.detail);
      case 'story-opened':
        return this.#count('story', event.detail);
      case 'village-opened':
        return this.#count('village', event.detail);
      case 'language':
        return this.#count('lang', event.detail);
      default: {
        const never: never = event.event;
        log.warn({ event: String(never) }, 'unknown visitor event ignored');
      }
    }
  }

  #count(category: StatCategory, id: string | undefined): void {
    if (id === undefined || !SAFE_ID.test(id)) {
      log.debug({ category }, 'visitor event without a usable id ignored');
      return;
    }
    const key = `${category}:${id}`;
    if (!isCountKey(key)) return;
    this.#record({ b: this.#bucketNow(), k: 'c', n: key });
  }

  #bucketNow(): string | null {
    const now = this.#clock.now();
    return bucketKey(now, isClockTrusted(now, this.#options.clockFloor));
  }

  #record(line: LineBody): void {
    if (this.#closed) return;
    const full = { ...line, q: ++this.#seq } as StatLine;
    applyLine(this.#totals, full);
    this.#pending.push(full);
    const max = this.#options.maxPendingEvents ?? 20_000;
    if (this.#pending.length > max) {
      // Only while the disk refuses writes. They stay in this run's totals (and go into the next
      // successful compaction); only a restart before then loses them.
      const dropped = this.#pending.splice(0, this.#pending.length - max);
      this.#droppedEvents += dropped.length;
    }
    // While the disk refuses writes, retry on the slow timer only, not on every tap.
    if (this.#problem === null && this.#pending.length >= (this.#options.flushEveryEvents ?? 50)) void this.flush();
    else this.#armTimer();
  }

  #armTimer(): void {
    if (this.#timer !== null || this.#closed || this.#pending.length === 0) return;
    const delay = this.#problem === null ? (this.#options.flushEveryMs ?? 2000) : (this.#options.retryAfterProblemMs ?? 30_000);
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = null;
      void this.flush();
    }, delay);
  }

  /**
   * Appends and fsyncs what is pending; never rejects (problems go to onProblem and the log). Calls made
   * while a flush is still waiting its turn share it: it takes everything pending when it runs.
   */
  flush(): Promise<void> {
    if (this.#timer !== null) {
      this.#clock.clearTimeout(this.#timer);
      this.#timer = null;
    }
    if (this.#queuedFlush) return this.#queuedFlush;
    const run = this.#enqueue(async () => {
      this.#queuedFlush = null;
      await this.#writePending();
      if (this.#eventBytes >= (this.#options.compactAtBytes ?? 1024 * 1024)) await this.#compactNow();
      // Events recorded meanwhile, or a batch the disk refused: the timer takes them.
      this.#armTimer();
    });
    this.#queuedFlush = run;
    return run;
  }

  /** Folds everything into aggregates.json (write-temp, fsync, rename) and empties the event file. */
  compact(): Promise<void> {
    return this.#enqueue(() => this.#compactNow());
  }

  /** Resolves when the writes and compactions started so far are done (timers that fired included). */
  whenIdle(): Promise<void> {
    return this.#queue;
  }

  /** Flushes and stops; later events are ignored. */
  async close(): Promise<void> {
    await this.flush();
    this.#closed = true;
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
    await this.#queue;
  }

  #enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(task).catch((error: unknown) => log.error({ err: error }, 'statistics task failed'));
    this.#queue = run;
    return run;
  }

  async #writePending(): Promise<void> {
    if (this.#pending.length === 0) return;
    const batch = this.#pending.slice();
    const text = (this.#needsNewline ? '\n' : '') + batch.map(serializeLine).join('');
    const data = Buffer.from(text, 'utf8');
    try {
      await (this.#options.appendFile ?? defaultAppend)(this.eventsPath, data);
    } catch (error) {
      await this.#cutBack();
      this.#report(describeProblem(error));
      return;
    }
    this.#needsNewline = false;
    this.#eventBytes += data.length;
    const last = batch.at(-1)?.q ?? 0;
    this.#pending = this.#pending.filter((line) => line.q > last);
    this.#report(null);
  }

  /** After a failed append: cut the file back to what was there, so no half line stays in the middle. */
  async #cutBack(): Promise<void> {
    try {
      const size = (await stat(this.eventsPath)).size;
      if (size > this.#eventBytes) await truncate(this.eventsPath, this.#eventBytes);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      // Could not cut: the loader skips the broken line, and the sequence numbers skip repeats.
      this.#needsNewline = true;
      log.warn({ err: error }, 'could not cut back a failed statistics append');
    }
  }

  async #compactNow(): Promise<void> {
    const retainDays = this.#options.retainDays ?? 731;
    const now = this.#clock.now();
    if (isClockTrusted(now, this.#options.clockFloor)) {
      const oldest = addDays(copenhagenTime(now).date, -retainDays);
      for (const key of [...this.#totals.keys()]) {
        if (key !== UNKNOWN_TIME && key < oldest) this.#totals.delete(key);
      }
    }
    // Serialised synchronously: events recorded while the write is under way have later numbers.
    const lastSeq = this.#seq;
    const text = aggregatesToJson(this.#totals, lastSeq);
    try {
      await writeFileAtomic(this.aggregatesPath, text);
    } catch (error) {
      this.#report(describeProblem(error));
      return;
    }
    // Everything up to lastSeq is now in aggregates.json, including events the disk refused before.
    this.#pending = this.#pending.filter((line) => line.q > lastSeq);
    try {
      await truncate(this.eventsPath, 0);
      await fsyncFile(this.eventsPath);
      this.#eventBytes = 0;
      this.#needsNewline = false;
    } catch (error) {
      // Harmless: on the next load the lines up to lastSeq are skipped.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') this.#eventBytes = 0;
      else log.warn({ err: error }, 'could not empty the statistics event file after compaction');
    }
    log.info({ lastSeq, bytes: text.length, days: this.#totals.size }, 'statistics compacted');
    this.#report(null);
  }

  #report(problem: StatsProblem | null): void {
    const before = this.#problem;
    if (problem?.code === before?.code) return;
    this.#problem = problem;
    if (problem) log.error({ code: problem.code, pending: this.#pending.length }, problem.messageEn);
    else log.info('statistics are being stored again');
    try {
      this.#options.onProblem?.(problem);
    } catch (error) {
      log.error({ err: error }, 'statistics problem listener failed');
    }
  }
}

/** Reads aggregates.json and replays events.jsonl after it; cuts off a torn last line. */
interface Loaded {
  totals: StatsTotals;
  seq: number;
  eventBytes: number;
  skipped: number;
  needsNewline: boolean;
}

async function load(dir: string): Promise<Loaded> {
  const aggregatesPath = join(dir, AGGREGATES_FILE);
  const eventsPath = join(dir, EVENTS_FILE);
  let totals: StatsTotals = new Map();
  let seq = 0;
  const aggregatesText = await readFile(aggregatesPath, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (aggregatesText !== null) {
    const parsed = aggregatesFromJson(aggregatesText);
    if (parsed) {
      totals = parsed.totals;
      seq = parsed.lastSeq;
    } else {
      // Written atomically, so this is a disk fault: keep the file for IT rather than overwrite it.
      const kept = join(dir, `aggregates.unreadable-${Date.now()}.json`);
      await rename(aggregatesPath, kept);
      log.error({ kept }, 'statistics aggregates unreadable; kept aside, starting from the event file');
    }
  }
  let data: Buffer;
  try {
    data = await readFile(eventsPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return { totals, seq, eventBytes: 0, skipped: 0, needsNewline: false };
  }
  const end = data.lastIndexOf(0x0a) + 1;
  let skipped = 0;
  let eventBytes = data.length;
  let needsNewline = false;
  if (end < data.length) {
    // A power cut mid-append: the last line is incomplete. Cut it off so the next append starts clean.
    skipped++;
    try {
      await truncate(eventsPath, end);
      eventBytes = end;
    } catch (error) {
      // A read-only or failing disk must not stop the kiosk: the next append starts on a new line instead.
      needsNewline = true;
      log.warn({ err: error }, 'could not cut a torn line off the statistics event file');
    }
    log.warn({ bytes: data.length - end }, 'dropped a torn last line from the statistics event file');
  }
  for (const text of data.subarray(0, end).toString('utf8').split('\n')) {
    if (text === '') continue;
    const line = parseLine(text);
    if (!line) {
      skipped++;
      continue;
    }
    if (line.q <= seq) continue; // already in the aggregates, or written twice
    seq = line.q;
    applyLine(totals, line);
  }
  if (skipped > 0) log.warn({ skipped }, 'skipped unreadable statistics lines');
  return { totals, seq, eventBytes, skipped, needsNewline };
}
