import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../core/config.js';
import { findProjectRoot } from '../core/project-root.js';
import { startHost } from '../core/start-host.js';
import { createLogger } from '../core/logger.js';
import { cleanBrowserProfile, QuietReloadScheduler, removeStaleProfiles } from '../core/unattended/index.js';
import { BrowserSupervisor } from './browser-supervisor.js';
import { findChromium } from './chromium-launcher.js';
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

  let running;
  try {
    running = await startHost(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      say(`${error.messageDa} / ${error.messageEn}`);
      return 2;
    }
    throw error;
  }
  let server;
  try {
    server = await startKioskServer(running.host, rendererRoot, config.port);
  } catch (error) {
    if (error instanceof PortInUseError) {
      say(`port ${error.port} er optaget – stop det andet program eller sæt VORES_STED_PORT / port ${error.port} is already in use`);
      return 3;
    }
    throw error;
  }

  const { host } = running;
  let supervisor: BrowserSupervisor | null = null;
  const stop = async (): Promise<void> => {
    supervisor?.stop();
    await server.close();
    await running.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

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
  // One profile folder that lives with the kiosk's data, cleaned at every start so crash dumps, metrics
  // and caches can never fill the disk; temp profiles left by older versions after power cuts go too.
  const userDataDir = join(config.dataDir, 'chromium-profile');
  await removeStaleProfiles(tmpdir(), 'vores-sted-chromium-').catch(() => []);
  const cleaned = await cleanBrowserProfile(userDataDir);
  if (cleaned.freedBytes > 0) log.info({ freedBytes: cleaned.freedBytes, whole: cleaned.wholeProfileRemoved }, 'browser profile cleaned');
  supervisor = new BrowserSupervisor(
    binary,
    {
      url: server.url,
      userDataDir,
      kiosk: config.kioskMode,
      headless,
      noSandbox: process.getuid?.() === 0,
      softwareGl: config.softwareRendering || headless,
    },
    host,
  );
  const browser = supervisor;
  running.setWatchdogCounts(() => browser.counts);
  browser.start();
  // Once a day, at a quiet time and only while nobody uses it, the browser starts afresh.
  const quiet = new QuietReloadScheduler({ quietTime: config.quietReloadTime, onReload: () => browser.restart() });
  host.onHeartbeat((screen) => quiet.setAttractRunning(screen === 'attract'));
  quiet.start();
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
