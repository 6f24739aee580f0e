import type { ChildProcess } from 'node:child_process';

// The kiosk host's own log (pino JSON lines on stdout), read by end-to-end tests that run the whole kiosk
// with its supervised browser: there is no Playwright page in that browser to ask, so a test waits for
// what the host says happened, as IT would read it in the journal.

export interface LogLine {
  msg: string;
  module?: string;
  level: number;
  time: string;
  [field: string]: unknown;
}

export class KioskLog {
  readonly lines: LogLine[] = [];
  #partial = '';
  readonly #waiters = new Set<() => void>();

  constructor(child: ChildProcess) {
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      const text = this.#partial + chunk;
      const parts = text.split('\n');
      this.#partial = parts.pop() ?? '';
      for (const part of parts) {
        try {
          this.lines.push(JSON.parse(part) as LogLine);
        } catch {
          // Not a log line (a line written to stdout by something else): not ours to read.
        }
      }
      for (const waiter of this.#waiters) waiter();
    });
  }

  /** The first line from `fromIndex` on with this message (or one matching it, and fields), or the next to be logged. */
  waitFor(msg: string | RegExp, options: { fromIndex?: number; timeoutMs?: number; where?: (line: LogLine) => boolean } = {}): Promise<LogLine> {
    const { fromIndex = 0, timeoutMs = 30_000, where = () => true } = options;
    const matches = (text: string): boolean => (typeof msg === 'string' ? text === msg : msg.test(text));
    const find = (): LogLine | undefined => this.lines.slice(fromIndex).find((line) => matches(line.msg) && where(line));
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const line = find();
        if (!line) return;
        this.#waiters.delete(check);
        clearTimeout(timer);
        resolve(line);
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`the kiosk did not log "${String(msg)}" within ${timeoutMs} ms; its last lines:\n${this.lines.slice(-12).map((l) => `${l.module ?? ''}: ${l.msg}`).join('\n')}`));
      }, timeoutMs);
      this.#waiters.add(check);
      check();
    });
  }
}
