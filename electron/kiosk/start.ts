import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../core/config.js';
import { findProjectRoot } from '../core/project-root.js';
import { startHost } from '../core/start-host.js';
import { createLogger } from '../core/logger.js';
import { findChromium, launchChromium } from './chromium-launcher.js';
import { findElectronBinary, hasDisplay } from './electron-binary.js';
import { PortInUseError, startKioskServer } from './http-server.js';

// `npm start`: one host core, one of two shells. Electron when its binary is present, otherwise the local
// server + the system Chromium in kiosk mode; with no display, only the server.

const log = createLogger('start');
const projectRoot = findProjectRoot(import.meta.url);
const rendererRoot = join(projectRoot, 'dist', 'renderer');

/** One line for the person at the terminal, in both languages; the details go to the log. */
function say(line: string): void {
  process.stderr.write(`vores-sted: ${line}\n`);
}

async function main(): Promise<number> {
  const env = process.env;
  let config;
  try {
    config = await loadConfig({ env, projectRoot });
  } catch (error) {
    if (error instanceof ConfigError) {
      say(`${error.messageDa} / ${error.messageEn}`);
      return 2;
    }
    throw error;
  }

  const electron = env['VORES_STED_SHELL'] === 'chromium' ? null : findElectronBinary(projectRoot, env);
  if (electron) {
    say(`starter Electron-skallen / starting the Electron shell (${electron})`);
    const child = spawn(electron, [join(projectRoot, 'dist', 'electron', 'shell', 'main.js')], { stdio: 'inherit' });
    return await new Promise<number>((done) => child.on('exit', (code) => done(code ?? 1)));
  }

  let host;
  try {
    ({ host } = await startHost(config));
  } catch (error) {
    if (error instanceof ConfigError) {
      say(`${error.messageDa} / ${error.messageEn}`);
      return 2;
    }
    throw error;
  }
  let server;
  try {
    server = await startKioskServer(host, rendererRoot, config.port);
  } catch (error) {
    if (error instanceof PortInUseError) {
      say(`port ${error.port} er optaget – stop det andet program eller sæt VORES_STED_PORT / port ${error.port} is already in use`);
      return 3;
    }
    throw error;
  }

  const headless = env['KIOSK_HEADLESS'] === '1';
  if (!headless && !hasDisplay(env)) {
    say(`ingen skærm fundet – kiosken kører på ${server.url} / no display found – the kiosk is served at ${server.url}`);
    return await new Promise<number>(() => undefined); // serve until stopped
  }

  const binary = findChromium(config.chromiumPath);
  if (!binary) {
    say('Chromium er ikke installeret (kør: sudo apt-get install -y chromium) / Chromium is not installed (run: sudo apt-get install -y chromium)');
    await server.close();
    return 4;
  }
  say(`Electron findes ikke her – starter Chromium i kiosktilstand / no Electron binary – starting the Chromium kiosk at ${server.url}`);
  const userDataDir = await mkdtemp(join(tmpdir(), 'vores-sted-chromium-'));
  const options = {
    url: server.url,
    userDataDir,
    kiosk: config.kioskMode,
    headless,
    noSandbox: process.getuid?.() === 0,
    softwareGl: config.softwareRendering || headless,
  };
  let stopping = false;
  const stop = async (): Promise<void> => {
    stopping = true;
    await server.close();
    await rm(userDataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  // The browser is restarted if it dies (crash, OOM, someone closed it), with a short back-off.
  const run = (attempt: number): void => {
    const child = launchChromium(binary, options);
    const startedAt = Date.now();
    child.on('exit', (code, signal) => {
      if (stopping) return;
      log.warn({ code, signal, attempt }, 'chromium exited; restarting');
      const quick = Date.now() - startedAt < 10_000;
      setTimeout(() => run(quick ? attempt + 1 : 0), quick ? Math.min(30_000, 1000 * 2 ** attempt) : 1000);
    });
  };
  run(0);
  return await new Promise<number>(() => undefined);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log.fatal({ err: error }, 'kiosk failed to start');
    say(`kiosken kunne ikke starte / the kiosk could not start: ${(error as Error).message}`);
    process.exit(1);
  },
);
