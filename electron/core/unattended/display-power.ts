import { execFile, type ExecFileException } from 'node:child_process';
import * as v from 'valibot';
import { createLogger } from '../logger.js';
import type { OpeningState } from './opening-watch.js';

// Outside opening hours the kiosk shows its dark closed page; with `displayPower` in the config it also
// turns the screen off, and on again at opening. The commands are IT's, from the config file only (nothing
// on a USB stick is ever run), given as argument lists and run without a shell: no quoting, no injection.
// A command that fails is logged and counted; the kiosk goes on (the closed page is dark anyway).

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

/**
 * Turns the display off while the kiosk is closed and on while it is open. Commands run one after another
 * (a quick close-and-open never races), and only when the wanted state changes.
 */
export class DisplayPower {
  #queue: Promise<void> = Promise.resolve();
  #wanted: 'on' | 'off' | null = null;
  readonly #counts: DisplayPowerCounts = { commands: 0, failures: 0, lastFailure: null };

  constructor(
    private readonly config: DisplayPowerConfig,
    private readonly run: CommandRunner = runCommand,
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
    const wanted = opening.open ? 'on' : 'off';
    if (wanted === this.#wanted) return;
    this.#wanted = wanted;
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
