import type { Browser, CDPSession, Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { NAME_HELPER_SHIM, VIEWPORT } from '../bench/support/browser';
import { benchInitScript } from '../bench/support/page-probes';

// The soak's kiosk page, driven the way a kiosk runs: with no DevTools agent recording it.
//
// Playwright enables DevTools' Network domain (and Runtime, Page, …) on every page it drives. The network
// agent lives in the page's renderer and keeps a record of every request for as long as the page lives;
// the kiosk sends a heartbeat and statistics every few seconds, so in a 24-hour soak those records grew
// the very memory the soak measures (session 4: +11.9 MB in 15 minutes with the agent, +4.7 MB without).
// So this page is made in a browser context Playwright did not create (Playwright then leaves it alone)
// and driven over one raw DevTools session that enables no domain: it evaluates scripts, sends input
// events and asks for heap figures, as a finger and a meter would, and keeps no per-request state.

interface TargetMessage {
  id?: number;
  result?: unknown;
  error?: { message: string };
}

export interface Point {
  x: number;
  y: number;
}

/** Page errors the page collects itself (the Runtime domain that would report them stays off); at most 100 kept. */
function errorCollector(): void {
  const errors: string[] = [];
  (window as unknown as { __soakErrors: string[] }).__soakErrors = errors;
  const keep = (message: string): void => {
    errors.push(message);
    if (errors.length > 100) errors.shift();
  };
  window.addEventListener('error', (event) => keep(event.message));
  window.addEventListener('unhandledrejection', (event) => keep(String(event.reason)));
}

/** Runs in the page: the first element matching `selector` is laid out (not hidden, not detached). */
function isShown(selector: string): boolean {
  const element = document.querySelector(selector);
  return element instanceof HTMLElement && element.offsetParent !== null;
}

export class UnwatchedPage {
  #nextId = 1;
  readonly #replies = new Map<number, (message: TargetMessage) => void>();
  readonly #eventListeners = new Set<(method: string, params: unknown) => void>();
  #pressed = false;

  private constructor(
    private readonly browserCdp: CDPSession,
    private readonly sessionId: string,
    private readonly contextId: string,
  ) {
    browserCdp.on('Target.receivedMessageFromTarget', (event) => {
      if (event.sessionId !== this.sessionId) return;
      const message = JSON.parse(event.message) as TargetMessage & { method?: string; params?: unknown };
      if (message.id === undefined) {
        if (message.method !== undefined) for (const listener of this.#eventListeners) listener(message.method, message.params);
        return;
      }
      this.#replies.get(message.id)?.(message);
      this.#replies.delete(message.id);
    });
  }

  /** A 1920×1080 page at `url` with the bench's probes installed before the app's scripts run. */
  static async open(browser: Browser, url: string): Promise<UnwatchedPage> {
    const browserCdp = await browser.newBrowserCDPSession();
    const { browserContextId } = await browserCdp.send('Target.createBrowserContext', {});
    const { targetId } = await browserCdp.send('Target.createTarget', { url: 'about:blank', browserContextId, ...VIEWPORT });
    // Not flattened: the page's messages come through the browser session, so Playwright never sees the page.
    const { sessionId } = await browserCdp.send('Target.attachToTarget', { targetId, flatten: false });
    const page = new UnwatchedPage(browserCdp, sessionId, browserContextId);
    await page.send('Emulation.setDeviceMetricsOverride', { ...VIEWPORT, deviceScaleFactor: 1, mobile: false });
    // Scripts to run before the app's need the page agent on (it keeps frame state, nothing per request).
    await page.send('Page.enable');
    for (const source of [NAME_HELPER_SHIM, `(${benchInitScript.toString()})()`, `(${errorCollector.toString()})()`]) {
      await page.send('Page.addScriptToEvaluateOnNewDocument', { source });
    }
    await page.send('Page.navigate', { url });
    return page;
  }

  /** One DevTools command to the page, typed as Playwright's CDPSession types it. */
  readonly send: CDPSession['send'] = async (method: string, params: object = {}): Promise<never> => {
    const id = this.#nextId++;
    const reply = new Promise<TargetMessage>((resolve) => this.#replies.set(id, resolve));
    await this.browserCdp.send('Target.sendMessageToTarget', { sessionId: this.sessionId, message: JSON.stringify({ id, method, params }) });
    const message = await reply;
    if (message.error) throw new Error(`${method}: ${message.error.message}`);
    return message.result as never;
  };

  /** Events of the domains turned on over this session (the soak turns on none; the heap-snapshot tool, HeapProfiler). */
  onEvent(listener: (method: string, params: unknown) => void): () => void {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }

  /** As Playwright's page.evaluate: the function's source and its JSON argument run in the page. */
  readonly evaluate: Page['evaluate'] = async (pageFunction: unknown, arg?: unknown): Promise<never> => {
    const call = typeof pageFunction === 'function' ? `(${pageFunction.toString()})(${arg === undefined ? '' : JSON.stringify(arg)})` : String(pageFunction);
    const { result, exceptionDetails } = await this.send('Runtime.evaluate', { expression: call, awaitPromise: true, returnByValue: true });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value as never;
  };

  /** Until `predicate(arg)` holds in the page, asked every 100 ms. */
  async waitUntil(what: string, predicate: (arg: string) => boolean, arg: string, timeoutMs = 20_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (!(await this.evaluate(predicate, arg))) {
      if (performance.now() > deadline) throw new Error(`${what}: not after ${timeoutMs} ms`);
      // Polling the page, as Playwright's waitForFunction does; there is no agent here to push an event.
      await delay(100);
    }
  }

  /** How many elements matching `selector` are shown (as Playwright's role queries, hidden ones do not count). */
  async count(selector: string): Promise<number> {
    return await this.evaluate((css) => [...document.querySelectorAll(css)].filter((element) => element.checkVisibility({ visibilityProperty: true })).length, selector);
  }

  async isVisible(selector: string): Promise<boolean> {
    return await this.evaluate(isShown, selector);
  }

  async waitForVisible(selector: string, timeoutMs?: number): Promise<void> {
    await this.waitUntil(`${selector} to show`, isShown, selector, timeoutMs);
  }

  async waitForGone(selector: string, timeoutMs?: number): Promise<void> {
    await this.waitUntil(`${selector} to go`, (css) => !document.querySelector(css), selector, timeoutMs);
  }

  /**
   * Taps the `index`th shown element matching `selector` (and, with `names`, whose accessible name is one of
   * them) in its middle, as a finger would: scrolled into view, and only once the element is what is under
   * that point (a screen still sliding in or a scroll still running would take the tap elsewhere, as
   * Playwright's own hit-target check knows). Throws when there is none, or it stays covered for a second.
   */
  async tap(selector: string, options: { index?: number; names?: readonly string[] } = {}): Promise<void> {
    const target = await this.evaluate(
      async ([css, index, names]) => {
        const label = (element: Element): string => (element.getAttribute('aria-label') ?? element.textContent ?? '').replace(/\s+/g, ' ').trim();
        const matches = [...document.querySelectorAll(css)]
          .filter((element) => element.checkVisibility({ visibilityProperty: true }))
          .filter((element) => names.length === 0 || names.includes(label(element)));
        // By name, the one a finger can reach: a screen sliding away may still show its own copy beneath.
        const centreOf = (element: Element): { x: number; y: number; hit: Element | null } => {
          const rect = element.getBoundingClientRect();
          const centre = { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
          return { ...centre, hit: document.elementFromPoint(centre.x, centre.y) };
        };
        const candidates = names.length === 0 ? matches.slice(index, index + 1) : matches;
        if (candidates.length === 0) return { found: false, x: 0, y: 0, covered: '' };
        if (candidates.length === 1) candidates[0]?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
        let covered = '';
        for (let frame = 0; frame < 60; frame++) {
          await new Promise((resolve) => requestAnimationFrame(resolve));
          for (const element of candidates) {
            const { x, y, hit } = centreOf(element);
            if (hit && element.contains(hit)) return { found: true, x, y, covered: '' };
            covered = hit ? hit.outerHTML.slice(0, 80) : 'nothing';
          }
        }
        return { found: true, x: 0, y: 0, covered };
      },
      [selector, options.index ?? 0, options.names ?? []] as const,
    );
    const what = `${selector}${options.names ? ` named ${options.names.join(' / ')}` : ''}`;
    if (!target.found) throw new Error(`nothing to tap: ${what}`);
    if (target.covered) throw new Error(`${what} stayed covered by ${target.covered}`);
    await this.click(target);
  }

  async click(at: Point): Promise<void> {
    await this.move(at);
    await this.down(at);
    await this.up(at);
  }

  async move(to: Point, steps = 1, from?: Point): Promise<void> {
    const start = from ?? to;
    for (let i = 1; i <= steps; i++) {
      const x = start.x + ((to.x - start.x) * i) / steps;
      const y = start.y + ((to.y - start.y) * i) / steps;
      await this.#mouse('mouseMoved', { x, y });
    }
  }

  async down(at: Point): Promise<void> {
    this.#pressed = true;
    await this.#mouse('mousePressed', at);
  }

  async up(at: Point): Promise<void> {
    this.#pressed = false;
    await this.#mouse('mouseReleased', at);
  }

  async wheel(at: Point, deltaY: number): Promise<void> {
    await this.send('Input.dispatchMouseEvent', { type: 'mouseWheel', ...at, deltaX: 0, deltaY });
  }

  async touch(type: 'touchStart' | 'touchMove' | 'touchEnd', touchPoints: readonly (Point & { id: number })[]): Promise<void> {
    await this.send('Input.dispatchTouchEvent', { type, touchPoints: [...touchPoints] });
  }

  /** Errors the page reported since the last call. */
  async takeErrors(): Promise<string[]> {
    return await this.evaluate(() => {
      const errors = (window as unknown as { __soakErrors?: string[] }).__soakErrors ?? [];
      return errors.splice(0, errors.length);
    });
  }

  async screenshot(path: string): Promise<void> {
    const { data } = await this.send('Page.captureScreenshot', { format: 'png' });
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, Buffer.from(data, 'base64'));
  }

  async close(): Promise<void> {
    await this.browserCdp.send('Target.disposeBrowserContext', { browserContextId: this.contextId });
  }

  async #mouse(type: 'mouseMoved' | 'mousePressed' | 'mouseReleased', at: Point): Promise<void> {
    // `button` is the one that changed (or is held, for a move); `buttons` what is held after the event.
    const button = type === 'mouseMoved' && !this.#pressed ? 'none' : 'left';
    await this.send('Input.dispatchMouseEvent', { type, x: at.x, y: at.y, button, buttons: this.#pressed ? 1 : 0, clickCount: type === 'mouseMoved' ? 0 : 1 });
  }
}
