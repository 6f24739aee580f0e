import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const projectRoot = fileURLToPath(new URL('../../..', import.meta.url));

export interface RunningEditor {
  /** The page address with this launch's token, exactly as the editor prints it. */
  pageUrl: string;
  process: ChildProcess;
  stop: () => Promise<void>;
}

/**
 * Starts the real staff editor (`node dist/electron/editor/start.js`, as `npm run editor` does after
 * building) without opening a browser; resolves once it prints its address. No sleeps.
 */
export async function startEditorServer(env: Record<string, string>): Promise<RunningEditor> {
  const child = spawn(process.execPath, ['dist/electron/editor/start.js'], {
    cwd: projectRoot,
    env: { ...process.env, VORES_STED_NO_BROWSER: '1', VORES_STED_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pageUrl = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`editor did not start:\n${output}`)), 30_000);
    const read = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /^(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)$/m.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`editor exited with ${code}:\n${output}`));
    });
  });
  return {
    pageUrl,
    process: child,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
