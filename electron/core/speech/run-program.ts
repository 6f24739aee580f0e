import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { setPriority } from 'node:os';

// Every program the speech layer runs (espeak-ng, the audio player) goes through here: an argument list,
// never a shell, so a text or a device name can never become a command. Nothing throws: the caller gets
// what happened as a value and decides what staff and the log are told.

export type ProgramResult =
  | { kind: 'exited'; code: number | null; signal: NodeJS.Signals | null; stdout: Buffer; stderr: string }
  | { kind: 'not-found' }
  | { kind: 'spawn-failed'; code: string }
  | { kind: 'timed-out'; stderr: string }
  | { kind: 'aborted' };

export interface ProgramOptions {
  /** Written to the program's stdin as UTF-8, then stdin is closed. */
  input?: string;
  /** A file streamed to the program's stdin instead. */
  inputFile?: string | null;
  /** Also decides where the program is looked up (its PATH). */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Stops the program (SIGTERM, then SIGKILL if it will not go). */
  signal?: AbortSignal;
  /** Lowest CPU priority (nice 19), for work nobody is waiting for. */
  lowPriority?: boolean;
  /** Output kept at most; the rest is read and dropped so the program never blocks on a full pipe. */
  maxOutputBytes?: number;
  onSpawn?: (pid: number) => void;
}

const KILL_GRACE_MS = 1000;

export function runProgram(argv: readonly string[], options: ProgramOptions = {}): Promise<ProgramResult> {
  const [program, ...args] = argv;
  if (program === undefined || program === '') return Promise.resolve({ kind: 'not-found' });
  if (options.signal?.aborted) return Promise.resolve({ kind: 'aborted' });
  const maxOutput = options.maxOutputBytes ?? 1024 * 1024;
  return new Promise((resolve) => {
    const child = spawn(program, args, {
      env: options.env ?? process.env,
      stdio: [options.input === undefined && !options.inputFile ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = '';
    let ending: 'timed-out' | 'aborted' | null = null;
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const stop = (why: 'timed-out' | 'aborted'): void => {
      ending ??= why;
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
      force.unref();
      timers.push(force);
    };
    const onAbort = (): void => stop('aborted');
    const settle = (result: ProgramResult): void => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };
    if (options.timeoutMs !== undefined) timers.push(setTimeout(() => stop('timed-out'), options.timeoutMs));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout?.on('data', (chunk: Buffer) => {
      if (stdoutBytes >= maxOutput) return;
      stdout.push(chunk);
      stdoutBytes += chunk.length;
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderr.length < 4000) stderr += chunk.toString('utf8');
    });
    child.on('spawn', () => {
      if (child.pid === undefined) return;
      if (options.lowPriority) {
        try {
          setPriority(child.pid, 19);
        } catch {
          // Not allowed here (or the program already ended): it then simply runs at normal priority.
        }
      }
      options.onSpawn?.(child.pid);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (child.pid !== undefined) return; // an error after the start (a kill that failed): 'close' still comes
      settle(error.code === 'ENOENT' ? { kind: 'not-found' } : { kind: 'spawn-failed', code: error.code ?? 'unknown' });
    });
    child.on('close', (code, signal) => {
      if (ending === 'aborted') settle({ kind: 'aborted' });
      else if (ending === 'timed-out') settle({ kind: 'timed-out', stderr });
      else settle({ kind: 'exited', code, signal, stdout: Buffer.concat(stdout), stderr });
    });
    if (child.stdin) {
      // A program that exits without reading all of its input closes the pipe: not our error.
      child.stdin.on('error', () => undefined);
      if (options.inputFile) {
        const file = createReadStream(options.inputFile);
        file.on('error', () => child.stdin?.end());
        file.pipe(child.stdin);
      } else {
        child.stdin.end(options.input ?? '', 'utf8');
      }
    }
  });
}

/** The last line a program wrote to stderr, for a log line. */
export function lastLine(text: string): string {
  return text.trim().split('\n').at(-1)?.slice(0, 300) ?? '';
}
