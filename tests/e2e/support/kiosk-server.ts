import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const projectRoot = fileURLToPath(new URL('../../..', import.meta.url));

export interface RunningKiosk {
  url: string;
  process: ChildProcess;
  stop: () => Promise<void>;
}

export interface KioskServerOptions {
  contentDir?: string;
  idleSeconds?: number;
  env?: Record<string, string>;
}

/**
 * Starts the real kiosk (`node dist/electron/kiosk/start.js`, as `npm start` does after building) with no
 * display, so it only serves; resolves with its URL once it says it is listening. No sleeps.
 */
export async function startKioskServer(options: KioskServerOptions = {}): Promise<RunningKiosk> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DISPLAY: '',
    WAYLAND_DISPLAY: '',
    VORES_STED_SHELL: 'chromium',
    VORES_STED_PORT: '0',
    VORES_STED_TEST_BRIDGE: '1',
    VORES_STED_LOG_LEVEL: 'warn',
    ...(options.contentDir ? { VORES_STED_CONTENT: options.contentDir } : {}),
    ...(options.idleSeconds ? { VORES_STED_IDLE_SECONDS: String(options.idleSeconds) } : {}),
    ...options.env,
  };
  const child = spawn(process.execPath, ['dist/electron/kiosk/start.js'], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`kiosk did not start:\n${stderr}`)), 20_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kiosk exited with ${code}:\n${stderr}`));
    });
  });
  return {
    url,
    process: child,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
