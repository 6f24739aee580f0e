import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DevToolsPipe } from '../../../electron/kiosk/devtools-pipe.js';
import { PageKeeper, reloadDelayMs, type PageKeeperTiming } from '../../../electron/kiosk/page-keeper.js';

// The supervisor's DevTools pipe and page keeper against a stand-in browser that speaks the pipe's framing
// (JSON messages ended by a NUL byte), so the crash and close paths run without Chromium. The real browser
// is in tests/e2e/browser-recovery.spec.ts.

interface Command {
  id: number;
  method: string;
  params: Record<string, unknown>;
  sessionId?: string;
}

class StandInBrowser {
  /** What the kiosk writes (the browser's fd 3) and what the browser writes back (its fd 4). */
  readonly toBrowser = new PassThrough();
  readonly fromBrowser = new PassThrough();
  readonly commands: Command[] = [];
  #text = '';
  /** Commands that get an error instead of a reply. */
  failing = new Set<string>();

  constructor() {
    this.toBrowser.setEncoding('utf8');
    this.toBrowser.on('data', (chunk: string) => {
      this.#text += chunk;
      let end = this.#text.indexOf('\0');
      while (end >= 0) {
        const command = JSON.parse(this.#text.slice(0, end)) as Command;
        this.#text = this.#text.slice(end + 1);
        this.commands.push(command);
        this.#answer(command);
        end = this.#text.indexOf('\0');
      }
    });
  }

  event(method: string, params: Record<string, unknown>): void {
    this.fromBrowser.write(`${JSON.stringify({ method, params })}\0`);
  }

  /** Replies may come in pieces: a message split across two writes is still one message. */
  #answer(command: Command): void {
    const reply = this.failing.has(command.method)
      ? { id: command.id, error: { message: 'No target with given id found' } }
      : { id: command.id, result: command.method === 'Target.attachToTarget' ? { sessionId: 'session-1' } : {} };
    const text = `${JSON.stringify(reply)}\0`;
    this.fromBrowser.write(text.slice(0, 5));
    this.fromBrowser.write(text.slice(5));
  }

  methods(): string[] {
    return this.commands.map((c) => c.method);
  }
}

const KIOSK_URL = 'http://127.0.0.1:8350/';

function until(check: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    let turns = 0;
    const tick = (): void => {
      if (check()) resolve();
      else if (++turns > 1000) reject(new Error('condition not reached'));
      else setImmediate(tick);
    };
    tick();
  });
}

/** A clock the test moves, and the reloads the keeper put off until later. */
class FakeTiming implements PageKeeperTiming {
  at = 1_000_000;
  readonly later: { due: number; callback: () => void }[] = [];
  now = (): number => this.at;
  setTimeout = (callback: () => void, ms: number): unknown => this.later.push({ due: this.at + ms, callback });
  advance(ms: number): void {
    this.at += ms;
    for (const timer of this.later.filter((t) => t.due <= this.at)) {
      this.later.splice(this.later.indexOf(timer), 1);
      timer.callback();
    }
  }
}

async function keeperWithPage(timing?: PageKeeperTiming): Promise<{ browser: StandInBrowser; pipe: DevToolsPipe; keeper: PageKeeper; crashes: string[]; failures: string[] }> {
  const browser = new StandInBrowser();
  const pipe = new DevToolsPipe(browser.toBrowser, browser.fromBrowser);
  const crashes: string[] = [];
  const failures: string[] = [];
  const keeper = new PageKeeper(pipe, KIOSK_URL, { crashed: (reason) => crashes.push(reason), unrecoverable: (reason) => failures.push(reason) }, timing);
  await keeper.start();
  browser.event('Target.targetCreated', { targetInfo: { targetId: 'page-1', type: 'page', url: KIOSK_URL } });
  browser.event('Target.targetCreated', { targetInfo: { targetId: 'ui-1', type: 'browser_ui', url: 'chrome://omnibox-popup.top-chrome/' } });
  return { browser, pipe, keeper, crashes, failures };
}

describe('the DevTools pipe', () => {
  it('matches replies to their commands and turns protocol errors into rejections', async () => {
    const browser = new StandInBrowser();
    const pipe = new DevToolsPipe(browser.toBrowser, browser.fromBrowser);
    browser.failing.add('Page.navigate');
    await expect(pipe.send('Target.setDiscoverTargets', { discover: true })).resolves.toEqual({});
    await expect(pipe.send('Page.navigate', { url: KIOSK_URL }, 'session-1')).rejects.toThrow('Page.navigate: No target with given id found');
    expect(browser.commands.at(-1)).toMatchObject({ method: 'Page.navigate', sessionId: 'session-1', params: { url: KIOSK_URL } });
  });

  it('fails what is still waiting when the browser goes away, and sends nothing after', async () => {
    const browser = new StandInBrowser();
    const pipe = new DevToolsPipe(browser.toBrowser, new PassThrough());
    const waiting = pipe.send('Target.getTargets');
    pipe.close('the browser ended');
    await expect(waiting).rejects.toThrow('Target.getTargets: the browser ended');
    await expect(pipe.send('Target.getTargets')).rejects.toThrow('closed');
  });
});

describe('the page keeper', () => {
  it('asks the browser to report its targets', async () => {
    const { browser } = await keeperWithPage();
    expect(browser.commands[0]).toMatchObject({ method: 'Target.setDiscoverTargets', params: { discover: true } });
  });

  it('loads the kiosk page again when its renderer crashes, and lets go of the page afterwards', async () => {
    const { browser, crashes, failures } = await keeperWithPage();
    browser.event('Target.targetCrashed', { targetId: 'page-1', status: 'killed', errorCode: 9 });
    await until(() => browser.methods().includes('Target.detachFromTarget'));
    expect(crashes).toEqual(['killed (9)']);
    expect(failures).toEqual([]);
    expect(browser.commands.slice(1).map((c) => [c.method, c.params['url'] ?? c.params['targetId'] ?? c.params['sessionId']])).toEqual([
      ['Target.attachToTarget', 'page-1'],
      ['Page.navigate', KIOSK_URL],
      ['Target.detachFromTarget', 'session-1'],
    ]);
  });

  it('loads a page that keeps crashing again ever more slowly, never in a hot loop, and at once again after a quiet minute', async () => {
    expect([1, 2, 3, 4, 5, 9].map(reloadDelayMs)).toEqual([0, 1000, 2000, 4000, 8000, 30_000]);
    const timing = new FakeTiming();
    const { browser, crashes } = await keeperWithPage(timing);
    const navigations = (): number => browser.methods().filter((m) => m === 'Page.navigate').length;
    const crash = async (): Promise<void> => {
      const before = crashes.length;
      browser.event('Target.targetCrashed', { targetId: 'page-1', status: 'crashed', errorCode: 11 });
      await until(() => crashes.length === before + 1);
    };
    await crash();
    await until(() => navigations() === 1);
    // The second crash within a minute waits a second before the page is loaded again.
    await crash();
    expect(navigations()).toBe(1);
    timing.advance(999);
    expect(navigations()).toBe(1);
    timing.advance(1);
    await until(() => navigations() === 2);
    timing.advance(61_000);
    await crash();
    await until(() => navigations() === 3);
  });

  it('leaves the browser\'s own pages alone when they crash', async () => {
    const { browser, crashes } = await keeperWithPage();
    browser.event('Target.targetCrashed', { targetId: 'ui-1', status: 'crashed', errorCode: 133 });
    browser.event('Target.targetCrashed', { targetId: 'page-1', status: 'crashed', errorCode: 133 });
    await until(() => crashes.length === 1);
    expect(browser.commands.filter((c) => c.method === 'Target.attachToTarget').map((c) => c.params['targetId'])).toEqual(['page-1']);
  });

  it('opens the kiosk page again when the last page is closed while the browser lives on', async () => {
    const { browser } = await keeperWithPage();
    browser.event('Target.targetDestroyed', { targetId: 'ui-1' });
    browser.event('Target.targetDestroyed', { targetId: 'page-1' });
    await until(() => browser.methods().includes('Target.createTarget'));
    expect(browser.commands.filter((c) => c.method === 'Target.createTarget')).toEqual([expect.objectContaining({ params: { url: KIOSK_URL } })]);
  });

  it('says the page cannot be mended when the browser refuses, so the supervisor restarts it', async () => {
    const { browser, failures } = await keeperWithPage();
    browser.failing.add('Target.attachToTarget');
    browser.event('Target.targetCrashed', { targetId: 'page-1', status: 'crashed', errorCode: 5 });
    await until(() => failures.length === 1);
    expect(failures[0]).toContain('reload after a crash failed');
  });

  it('does nothing once stopped (the browser is being restarted or the kiosk stops)', async () => {
    const { browser, keeper, crashes } = await keeperWithPage();
    keeper.stop();
    browser.event('Target.targetCrashed', { targetId: 'page-1', status: 'killed', errorCode: 9 });
    browser.event('Target.targetDestroyed', { targetId: 'page-1' });
    // Both events are read by now (the stand-in writes them synchronously); give any reaction a few turns.
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(crashes).toEqual([]);
    expect(browser.methods()).toEqual(['Target.setDiscoverTargets']);
  });
});
