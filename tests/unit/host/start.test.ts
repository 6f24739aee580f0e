import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { builtInContent, postApi, projectRoot, tempDirs, waitForLine } from './support.js';

// `npm start` as IT meets it: the start entry run as its own process, judged by exit code and the one
// line it prints on stderr.

const dirs = tempDirs();
const running = new Set<ChildProcessWithoutNullStreams>();

afterEach(async () => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
  await dirs.cleanup();
});

interface Started {
  child: ChildProcessWithoutNullStreams;
  /** Exit code and everything written to stderr. */
  exited: Promise<{ code: number | null; stderr: string }>;
}

function start(env: Record<string, string>): Started {
  const base: Record<string, string | undefined> = { ...process.env };
  for (const name of Object.keys(base)) {
    if (name.startsWith('VORES_STED_') || name.startsWith('ELECTRON_') || ['DISPLAY', 'WAYLAND_DISPLAY', 'KIOSK_HEADLESS'].includes(name)) {
      delete base[name];
    }
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/kiosk/start.ts'], {
    cwd: projectRoot,
    env: { ...base, VORES_STED_CONTENT: builtInContent, VORES_STED_PORT: '0', VORES_STED_LOG_LEVEL: 'silent', ...env },
  });
  running.add(child);
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  child.stdout.resume();
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => {
    child.on('close', (code) => {
      running.delete(child);
      resolve({ code, stderr });
    });
  });
  return { child, exited };
}

/** Exactly one line, addressed as the kiosk. */
function singleLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^vores-sted: /);
  return lines[0] as string;
}

describe('electron/kiosk/start.ts', () => {
  it('an unreadable config file → exit 2 with one line naming the file, in Danish and English', async () => {
    const { code, stderr } = await start({ VORES_STED_CONFIG: '/nonexistent/vores-sted.json' }).exited;
    expect(code).toBe(2);
    const line = singleLine(stderr);
    expect(line).toContain('/nonexistent/vores-sted.json');
    expect(line).toMatch(/kan ikke læses/);
    expect(line).toMatch(/cannot be read/);
  });

  it('a wrong field in the config file → exit 2 naming the field', async () => {
    const path = join(await dirs.make(), 'config.json');
    await writeFile(path, JSON.stringify({ idleTimeoutSeconds: 'lang' }));
    const { code, stderr } = await start({ VORES_STED_CONFIG: path }).exited;
    expect(code).toBe(2);
    expect(singleLine(stderr)).toMatch(/idleTimeoutSeconds/);
  });

  it('the port already in use → exit 3 with one line naming the port', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const { code, stderr } = await start({ VORES_STED_PORT: String(port), VORES_STED_SHELL: 'chromium', DISPLAY: ':99' }).exited;
      expect(code).toBe(3);
      const line = singleLine(stderr);
      expect(line).toContain(`port ${port}`);
      expect(line).toMatch(/optaget/);
      expect(line).toMatch(/already in use/);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it('no display → says where the kiosk is served, and keeps serving', async () => {
    const { child, exited } = start({ VORES_STED_SHELL: 'chromium' });
    const line = await waitForLine(child.stderr, /no display found/);
    expect(line).toMatch(/ingen skærm fundet/);
    const port = Number(/http:\/\/127\.0\.0\.1:(\d+)\//.exec(line)?.[1]);
    expect(port).toBeGreaterThan(0);

    const bootstrap = await postApi(port, 'bootstrap', {});
    expect(bootstrap.status).toBe(200);
    expect(child.exitCode).toBeNull();

    child.kill('SIGTERM');
    await exited;
  });

  it('no Chromium where the config says → exit 4 with the install hint', async () => {
    const path = join(await dirs.make(), 'config.json');
    await writeFile(path, JSON.stringify({ chromiumPath: '/nonexistent/chromium' }));
    const { code, stderr } = await start({ VORES_STED_CONFIG: path, VORES_STED_SHELL: 'chromium', DISPLAY: ':99' }).exited;
    expect(code).toBe(4);
    const line = singleLine(stderr);
    expect(line).toMatch(/Chromium er ikke installeret/);
    expect(line).toMatch(/apt-get install -y chromium/);
  });
});
