import type { Readable, Writable } from 'node:stream';
import { createLogger } from '../core/logger.js';

const log = createLogger('devtools-pipe');

// The kiosk browser's DevTools protocol over `--remote-debugging-pipe`: Chromium reads commands on its fd 3
// and writes replies and events on fd 4, each message a JSON text ended by a NUL byte. Only the process
// that started the browser holds these pipes (no port is opened that anything else on the machine could
// reach), and the supervisor uses them for the browser itself (targets coming, going and crashing) and to
// load the page again: it never turns on an agent inside the page, so nothing is recorded in the memory
// the page lives in. Written here rather than taken from a library: the DevTools clients on npm speak
// WebSocket to a port (chrome-remote-interface) or bring a whole test driver (Playwright), and this is
// the protocol's framing and request ids, nothing more.

interface Message {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  sessionId?: string;
  result?: Record<string, unknown>;
  error?: { message: string };
}

type EventListener = (params: Record<string, unknown>, sessionId: string | undefined) => void;

export class DevToolsPipe {
  #nextId = 1;
  #buffer = '';
  #closed = false;
  readonly #pending = new Map<number, { resolve: (result: Record<string, unknown>) => void; reject: (error: Error) => void; method: string }>();
  readonly #listeners = new Map<string, Set<EventListener>>();

  constructor(
    private readonly toBrowser: Writable,
    fromBrowser: Readable,
  ) {
    fromBrowser.setEncoding('utf8');
    fromBrowser.on('data', (chunk: string) => this.#receive(chunk));
    fromBrowser.on('close', () => this.close('the browser closed its DevTools pipe'));
    // A browser that died leaves a broken pipe: that is the supervisor's news (the process exit), not ours.
    fromBrowser.on('error', (error) => log.debug({ err: error.message }, 'read side of the pipe failed'));
    toBrowser.on('error', (error) => log.debug({ err: error.message }, 'write side of the pipe failed'));
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** One command, to the browser or (with `sessionId`) to a target attached in flat mode. */
  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    if (this.#closed) return Promise.reject(new Error(`${method}: the DevTools pipe is closed`));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, method });
      this.toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  on(method: string, listener: EventListener): () => void {
    const listeners = this.#listeners.get(method) ?? new Set<EventListener>();
    listeners.add(listener);
    this.#listeners.set(method, listeners);
    return () => listeners.delete(listener);
  }

  /** Every command still waiting fails; no more are sent. */
  close(reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const { reject, method } of this.#pending.values()) reject(new Error(`${method}: ${reason}`));
    this.#pending.clear();
  }

  #receive(chunk: string): void {
    this.#buffer += chunk;
    let end = this.#buffer.indexOf('\0');
    while (end >= 0) {
      const text = this.#buffer.slice(0, end);
      this.#buffer = this.#buffer.slice(end + 1);
      this.#dispatch(text);
      end = this.#buffer.indexOf('\0');
    }
  }

  #dispatch(text: string): void {
    let message: Message;
    try {
      message = JSON.parse(text) as Message;
    } catch {
      log.warn({ length: text.length }, 'unreadable DevTools message ignored');
      return;
    }
    if (message.id !== undefined) {
      const pending = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      if (!pending) return;
      if (message.error) pending.reject(new Error(`${pending.method}: ${message.error.message}`));
      else pending.resolve(message.result ?? {});
      return;
    }
    if (message.method === undefined) return;
    for (const listener of this.#listeners.get(message.method) ?? []) {
      try {
        listener(message.params ?? {}, message.sessionId);
      } catch (error) {
        log.error({ err: (error as Error).message, method: message.method }, 'DevTools event listener failed');
      }
    }
  }
}
