import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKioskServer, type KioskServerOptions, type RunningKiosk } from './kiosk-server';

export interface ConfiguredKiosk {
  kiosk: RunningKiosk;
  /** What the kiosk has logged to stdout so far (warnings and errors, at the tests' log level). */
  log: () => string;
  cleanup: () => Promise<void>;
}

/** The real kiosk with its own config file, as IT would write it, and its data in a temp folder. */
export async function startConfiguredKiosk(config: Record<string, unknown>, options: Omit<KioskServerOptions, 'env'> = {}): Promise<ConfiguredKiosk> {
  const dir = await mkdtemp(join(tmpdir(), 'vores-sted-configured-'));
  await writeFile(join(dir, 'config.json'), JSON.stringify({ dataDir: join(dir, 'data'), ...config }));
  const kiosk = await startKioskServer({ ...options, env: { VORES_STED_CONFIG: join(dir, 'config.json') } });
  let output = '';
  kiosk.process.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {
    kiosk,
    log: () => output,
    cleanup: async () => {
      await kiosk.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
