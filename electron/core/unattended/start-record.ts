import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import { writeFileAtomic } from '../bundle/fs-safe.js';
import { createLogger } from '../logger.js';

// How often the kiosk program has started, and how many of those followed a run that did not stop
// cleanly (a power cut, a crash, the plug pulled): the first thing IT asks when a kiosk "acts up".

const log = createLogger('start-record');

export const START_RECORD_FILE = 'starts.json';

export interface StartRecord {
  starts: number;
  /** Runs that ended without recordCleanExit: power cuts, crashes, kills. */
  uncleanExits: number;
  /** ms since the epoch (by the clock at the time, which may have been wrong). */
  lastStartAt: number | null;
  previousStartAt: number | null;
  /** Whether the run before this one stopped cleanly (null on the first start). */
  previousExitClean: boolean | null;
}

const FileSchema = v.object({
  starts: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  uncleanExits: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  lastStartAt: v.nullable(v.number()),
  running: v.boolean(),
});

type StartFile = v.InferOutput<typeof FileSchema>;

async function readStartFile(path: string): Promise<StartFile | null> {
  try {
    const parsed = v.safeParse(FileSchema, JSON.parse(await readFile(path, 'utf8')));
    return parsed.success ? parsed.output : null;
  } catch {
    return null;
  }
}

/** Call once at start-up. `dir` is a folder of its own under the data folder (e.g. <dataDir>/health). */
export async function recordStart(dir: string, now: number): Promise<StartRecord> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, START_RECORD_FILE);
  const before = await readStartFile(path);
  const previousExitClean = before ? !before.running : null;
  const next: StartFile = {
    starts: (before?.starts ?? 0) + 1,
    uncleanExits: (before?.uncleanExits ?? 0) + (previousExitClean === false ? 1 : 0),
    lastStartAt: now,
    running: true,
  };
  try {
    await writeFileAtomic(path, `${JSON.stringify(next)}\n`);
  } catch (error) {
    log.error({ err: error }, 'could not record the start');
  }
  if (previousExitClean === false) log.warn({ uncleanExits: next.uncleanExits }, 'the previous run did not stop cleanly');
  return { starts: next.starts, uncleanExits: next.uncleanExits, lastStartAt: now, previousStartAt: before?.lastStartAt ?? null, previousExitClean };
}

/** Call on a clean shutdown (SIGTERM, app quit), so the next start does not count a power cut. */
export async function recordCleanExit(dir: string): Promise<void> {
  const path = join(dir, START_RECORD_FILE);
  const before = await readStartFile(path);
  if (!before) return;
  try {
    await writeFileAtomic(path, `${JSON.stringify({ ...before, running: false })}\n`);
  } catch (error) {
    log.error({ err: error }, 'could not record the clean exit');
  }
}
