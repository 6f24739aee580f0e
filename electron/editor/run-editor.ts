import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { KioskConfig } from '../core/config.js';
import { EditorHost, type DocxImporter } from '../core/editor/editor-host.js';
import { KioskHost } from '../core/kiosk-host.js';
import { createLogger } from '../core/logger.js';
import { startKioskServer } from '../kiosk/http-server.js';
import { startEditorServer, type EditorServer } from './editor-server.js';

// The editor is two servers on 127.0.0.1: the editor page with its API, and a preview kiosk (the real
// kiosk renderer and host) that shows the project folder and reloads after every autosave.

const log = createLogger('editor');
const PREVIEW_RELOAD_MS = 300;

export interface RunningEditor {
  server: EditorServer;
  previewUrl: string;
  stop: () => Promise<void>;
}

export interface EditorRunOptions {
  config: KioskConfig;
  rendererRoot: string;
  importDocx: DocxImporter;
  /** Extra "stick" folders (tests, or a folder IT names). */
  stickFolders?: readonly string[];
}

export async function runEditor({ config, rendererRoot, importDocx, stickFolders = [] }: EditorRunOptions): Promise<RunningEditor> {
  const editorData = join(config.dataDir, 'editor');
  const editor = await EditorHost.open({
    projectDir: join(editorData, 'projekt'),
    startFrom: config.contentDir,
    dataDir: editorData,
    stickFolders: [...config.editor.stickFolders, ...stickFolders],
    importDocx,
  });
  let previewOrigin: string | null = null;
  const server = await startEditorServer({
    editor,
    rendererRoot,
    port: config.editor.port,
    token: randomBytes(24).toString('base64url'),
    previewOrigin: () => previewOrigin,
  });
  const preview = await KioskHost.start({
    ...config,
    contentDir: editor.project.dir,
    dataDir: join(editorData, 'preview'),
    previewMode: true,
    idleTimeoutSeconds: 3600,
  });
  const previewServer = await startKioskServer(preview, rendererRoot, 0, { frameAncestor: server.origin });
  previewOrigin = previewServer.url.replace(/\/$/, '');
  editor.previewUrl = previewServer.url;

  // Autosaves come every second while staff type: reload the preview once they pause.
  let reload: NodeJS.Timeout | null = null;
  const unsubscribe = editor.onProjectChanged(() => {
    if (reload) clearTimeout(reload);
    reload = setTimeout(() => {
      reload = null;
      void preview.reloadContent(editor.project.dir).catch((error: unknown) => log.warn({ err: error }, 'preview reload failed'));
    }, PREVIEW_RELOAD_MS);
  });
  log.info({ project: editor.project.dir, preview: previewServer.url }, 'editor ready');
  return {
    server,
    previewUrl: previewServer.url,
    stop: async () => {
      unsubscribe();
      if (reload) clearTimeout(reload);
      await previewServer.close();
      await server.close();
    },
  };
}
