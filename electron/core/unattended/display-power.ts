import { execFile, type ExecFileException } from 'node:child_process';
import * as v from 'valibot';
import { createLogger } from '../logger.js';
import { systemClock, type Clock, type TimerHandle } from './clock.js';
import type { OpeningState } from './opening-watch.js';

// Outside opening hours the kiosk shows its dark closed page; with `displayPower` in the config it also
// turns the screen off, and on again at opening. The commands are IT's, from the config file only (nothing
// on a USB stick is ever run), given as argument lists and run without a shell: no quoting, no injection.
// A command that fails is logged and counted; the kiosk goes on (the closed page is dark anyway).
// Staff often change content after closing time: a USB stick put in while the screen is off turns it on for
// as long as the kiosk has something to tell them (install progress, result, statistics written).

const log = createLogger('display-power');

const Command = v.pipe(
  v.array(v.pipe(v.string(), v.minLength(1, 'must not be empty'))),
  v.minLength(1, 'must name the program'),
  v.maxLength(32),
);

export const DisplayPowerSchema = v.strictObject({
  /** E.g. ["xset", "dpms", "force", "off"] or ["vcgencmd", "display_power", "0"]. */
  off: Command,
  /** E.g. ["xset", "dpms", "force", "on"] or ["vcgencmd", "display_power", "1"]. */
  on: Command,
  /** A command still running after this is killed and counted as failed. */
  timeoutSeconds: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(60)), 10),
});
export type DisplayPowerConfig = v.InferOutput<typeof DisplayPowerSchema>;

/** Runs one command; rejects with a one-line English reason. */
export type CommandRunner = (argv: readonly string[], timeoutMs: number) => Promise<void>;

export interface DisplayPowerCounts {
  /** Commands run since start (off and on). */
  commands: number;
  failures: number;
  /** The last failure's reason, for the log on a service stick. */
  lastFailure: string | null;
}

function reasonOf(error: ExecFileException, stderr: string, timeoutMs: number): string {
  if (error.killed && error.signal) return `timed out after ${timeoutMs} ms`;
  if (error.code === 'ENOENT') return 'program not found';
  if (error.code === 'EACCES') return 'program not executable';
  const firstLine = stderr.trim().split('\n')[0]?.slice(0, 200) ?? '';
  const how = typeof error.code === 'number' ? `exited with code ${error.code}` : error.signal ? `killed by ${error.signal}` : error.message;
  return firstLine ? `${how}: ${firstLine}` : how;
}

/** execFile, never a shell: the program is argv[0], the rest are its arguments as they are. */
export const runCommand: CommandRunner = (argv, timeoutMs) =>
  new Promise((resolve, reject) => {
    const [program, ...args] = argv;
    if (program === undefined) {
      reject(new Error('no program given'));
      return;
    }
    execFile(program, args, { shell: false, timeout: timeoutMs, killSignal: 'SIGKILL', windowsHide: true, maxBuffer: 64 * 1024 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(reasonOf(error, String(stderr), timeoutMs)));
      else resolve();
    });
  });

/** After the last staff notice, the screen of a closed kiosk stays on this long: the notice shows for 45 s. */
export const STAFF_AWAKE_MS = 60_000;

/**
 * Turns the display off while the kiosk is closed and on while it is open, or while staff are reading a
 * notice. Commands run one after another (a quick close-and-open never races), and only when the wanted
 * state changes.
 */
export class DisplayPower {
  #queue: Promise<void> = Promise.resolve();
  #wanted: 'on' | 'off' | null = null;
  #open: boolean | null = null;
  #staffTimer: TimerHandle | null = null;
  readonly #counts: DisplayPowerCounts = { commands: 0, failures: 0, lastFailure: null };

  constructor(
    private readonly config: DisplayPowerConfig,
    private readonly run: CommandRunner = runCommand,
    private readonly clock: Clock = systemClock,
  ) {}

  get counts(): Readonly<DisplayPowerCounts> {
    return { ...this.#counts };
  }

  /** Settles when every command asked for so far has run (or failed). */
  get settled(): Promise<void> {
    return this.#queue;
  }

  /**
   * The opening state now (at start too: a kiosk restarted during opening hours turns on a screen an
   * earlier run left off). Never throws or rejects; see `settled`.
   */
  follow(opening: Pick<OpeningState, 'open'>): void {
    this.#open = opening.open;
    this.#apply();
  }

  /**
   * The kiosk has something to tell staff (a stick is being read, a result): the screen is on until
   * STAFF_AWAKE_MS after the last such call, then follows the opening hours again.
   */
  wakeForStaff(): void {
    if (this.#staffTimer !== null) this.clock.clearTimeout(this.#staffTimer);
    this.#staffTimer = this.clock.setTimeout(() => {
      this.#staffTimer = null;
      this.#apply();
    }, STAFF_AWAKE_MS);
    this.#apply();
  }

  /** On shutdown: no timer left to turn the screen off after the kiosk has gone. */
  stop(): void {
    if (this.#staffTimer !== null) this.clock.clearTimeout(this.#staffTimer);
    this.#staffTimer = null;
  }

  #apply(): void {
    const forStaff = this.#staffTimer !== null;
    // Until the first opening state arrives, only a staff wake says anything.
    if (this.#open === null && !forStaff) return;
    const wanted = this.#open === true || forStaff ? 'on' : 'off';
    if (wanted === this.#wanted) return;
    this.#wanted = wanted;
    if (forStaff && this.#open === false) log.info('display on for staff while the kiosk is closed');
    this.#queue = this.#queue.then(() => this.#switch(wanted));
  }

  async #switch(state: 'on' | 'off'): Promise<void> {
    const argv = this.config[state];
    this.#counts.commands++;
    try {
      await this.run(argv, this.config.timeoutSeconds * 1000);
      log.info({ state, command: argv }, `display turned ${state}`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.#counts.failures++;
      this.#counts.lastFailure = `${state}: ${reason}`;
      log.warn({ state, command: argv, reason }, `could not turn the display ${state}; the kiosk goes on`);
    }
  }
}
