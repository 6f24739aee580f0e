import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CRASH_DUMPS_FOLDER } from '../core/unattended/index.js';
import { createLogger } from '../core/logger.js';
import { SOFTWARE_GL_ARGS } from './software-gl.js';

const log = createLogger('chromium');

export const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
] as const;

export function findChromium(configured: string | undefined, exists: (path: string) => boolean = existsSync): string | null {
  if (configured) return exists(configured) ? configured : null;
  return CHROMIUM_CANDIDATES.find((candidate) => exists(candidate)) ?? null;
}

export interface ChromiumOptions {
  url: string;
  userDataDir: string;
  kiosk: boolean;
  headless: boolean;
  /** Root in a container/CI: Chromium refuses to start sandboxed as root without user namespaces. */
  noSandbox: boolean;
  /** Force the CPU renderer (SwiftShader): for machines without a usable GPU, and for tests. */
  softwareGl: boolean;
}

/**
 * The command line of the kiosk browser: an app window on our origin only, a fresh profile, and every
 * feature that would talk to the network, nag the visitor or keep crash files switched off.
 */
export function chromiumArgs(options: ChromiumOptions): string[] {
  const args = [
    `--app=${options.url}`,
    `--user-data-dir=${options.userDataDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-breakpad',
    '--disable-crash-reporter',
    '--disable-domain-reliability',
    '--metrics-recording-only',
    '--disable-translate',
    '--disable-features=Translate,OverscrollHistoryNavigation,TouchpadOverscrollHistoryNavigation,MediaRouter',
    '--disable-pinch',
    '--overscroll-history-navigation=0',
    '--noerrdialogs',
    '--disable-session-crashed-bubble',
    '--disable-infobars',
    '--password-store=basic',
    '--autoplay-policy=no-user-gesture-required',
    // Lets Chromium fall back to its CPU WebGL renderer instead of showing no map at all.
    '--enable-unsafe-swiftshader',
    // DevTools on the pipes of the process that starts it (fds 3 and 4), never on a port: the supervisor
    // sees the page's renderer crash and loads the page again at once (page-keeper.ts).
    '--remote-debugging-pipe',
  ];
  if (options.softwareGl) args.push(...SOFTWARE_GL_ARGS.filter((arg) => !args.includes(arg)));
  if (options.kiosk) args.push('--kiosk', '--start-fullscreen');
  if (options.headless) args.push('--headless=new', '--window-size=1920,1080');
  if (options.noSandbox) args.push('--no-sandbox');
  return args;
}

/** The browser's environment: its crash dumps go into its own profile, which the kiosk trims (browser-profile.ts). */
export function chromiumEnv(options: Pick<ChromiumOptions, 'userDataDir'>, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...base, BREAKPAD_DUMP_LOCATION: crashDumpsDir(options) };
}

export function crashDumpsDir(options: Pick<ChromiumOptions, 'userDataDir'>): string {
  return join(options.userDataDir, CRASH_DUMPS_FOLDER);
}

/**
 * Starts the kiosk browser; the returned process is restarted by the caller if it dies. Its stdio[3] is
 * the DevTools pipe's way in, stdio[4] the way out (see devtools-pipe.ts).
 */
export function launchChromium(binary: string, options: ChromiumOptions): ChildProcess {
  const args = chromiumArgs(options);
  log.info({ binary, kiosk: options.kiosk, headless: options.headless }, 'starting chromium');
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'], env: chromiumEnv(options) });
  child.stderr?.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8').trim();
    if (text) log.debug({ stderr: text.slice(0, 500) }, 'chromium stderr');
  });
  return child;
}
