import { spawn } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { ConfigError, loadConfig } from '../core/config.js';
import { tryImportDocx } from '../core/editor/docx-import.js';
import { createLogger } from '../core/logger.js';
import { findProjectRoot } from '../core/project-root.js';
import { PortInUseError } from '../kiosk/http-server.js';
import { runEditor } from './run-editor.js';

// `npm run editor`: the staff editor on this PC, opened in the default browser. Offline, 127.0.0.1 only.

const log = createLogger('editor-start');
const projectRoot = findProjectRoot(import.meta.url);

function say(line: string): void {
  process.stderr.write(`vores-sted-editor: ${line}\n`);
}

/** The default browser, without a shell: the URL is an argument, never part of a command line. */
function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'win32' ? ['explorer.exe', [url]] : process.platform === 'darwin' ? ['open', [url]] : ['xdg-open', [url]];
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', (error) => log.warn({ err: error.message }, 'could not open the browser'));
  child.unref();
}

async function main(): Promise<number> {
  let config;
  try {
    config = await loadConfig({ env: process.env, projectRoot });
  } catch (error) {
    if (error instanceof ConfigError) {
      say(`${error.messageDa} / ${error.messageEn}`);
      return 2;
    }
    throw error;
  }
  if (!config.editor.enabled) {
    say('redigeringen er slået fra i denne kiosks konfiguration (editor.enabled) / the editor is disabled in this config');
    return 2;
  }
  const extraSticks = (process.env['VORES_STED_EDITOR_STICKS'] ?? '').split(delimiter).filter((p) => p !== '');
  let running;
  try {
    running = await runEditor({ config, rendererRoot: join(projectRoot, 'dist', 'renderer'), importDocx: (bytes) => tryImportDocx(bytes), stickFolders: extraSticks });
  } catch (error) {
    if (error instanceof PortInUseError) {
      say(`port ${error.port} er optaget – kører redigeringen allerede? / port ${error.port} is in use – is the editor already running?`);
      return 3;
    }
    throw error;
  }
  // The one line on stdout that is not JSON: what a test or a shortcut script reads to find the page.
  process.stdout.write(`${running.server.pageUrl}\n`);
  say(`redigeringen kører på / the editor runs at ${running.server.pageUrl}`);
  if (process.env['VORES_STED_NO_BROWSER'] !== '1') openBrowser(running.server.pageUrl);
  const stop = async (): Promise<void> => {
    await running.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  return await new Promise<number>(() => undefined);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log.fatal({ err: error }, 'editor failed to start');
    say(`redigeringen kunne ikke starte / the editor could not start: ${(error as Error).message}`);
    process.exit(1);
  },
);
