import { parseBundleConfig } from './bundle/index.js';
import { ConfigError, type KioskConfig } from './config.js';
import { ContentUpdater } from './content-updates.js';
import { KioskHost } from './kiosk-host.js';
import { createLogger } from './logger.js';

const log = createLogger('start-host');

export interface RunningHost {
  host: KioskHost;
  updater: ContentUpdater | null;
}

/**
 * What both shells do first: the host core with the built-in content, then (when the config names the
 * municipality's key) the installed bundle version and the USB watcher.
 */
export async function startHost(config: KioskConfig): Promise<RunningHost> {
  const host = await KioskHost.start(config);
  if (!config.bundles) {
    log.info('no bundles section in the config: USB content updates are off');
    return { host, updater: null };
  }
  const parsed = parseBundleConfig(config.bundles);
  if (!parsed.ok) {
    throw new ConfigError(
      `Konfigurationen af USB-opdateringer (bundles) er forkert: ${parsed.problems.join('; ')}`,
      `Config "bundles" is invalid: ${parsed.problems.join('; ')}`,
    );
  }
  const updater = new ContentUpdater({
    host,
    settings: parsed.settings,
    dataDir: config.dataDir,
    kioskId: config.kioskId,
    builtInDir: config.contentDir,
    healthCheckMs: config.healthCheckSeconds * 1000,
  });
  await updater.start();
  updater.watch();
  return { host, updater };
}
