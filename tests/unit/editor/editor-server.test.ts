import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDITOR_TOKEN_HEADER } from '../../../contract/editor-api.js';
import { loadConfig } from '../../../electron/core/config.js';
import { KioskHost } from '../../../electron/core/kiosk-host.js';
import { MAX_UPLOAD_BYTES } from '../../../electron/core/editor/media-intake.js';
import { startEditorServer, type EditorServer } from '../../../electron/editor/editor-server.js';
import { runEditor } from '../../../electron/editor/run-editor.js';
import { startKioskServer } from '../../../electron/kiosk/http-server.js';
import { snapshotTree } from '../bundle/helpers.js';
import { picture } from '../content/support.js';
import { builtInContent, httpRequest, postApi, projectRoot, tempDirs, type RawResponse } from '../host/support.js';
import { forStaff, noDocx, openTestEditor, type TestEditor } from './support/editor-project.js';

// The editor's server as another page in the same browser, or another program on the PC, would meet it.
// The built editor page may not exist in a fresh clone, so a stand-in renderer folder is served.

const EDITOR_PAGE = '<!doctype html><html lang="da"><title>Vores Sted – redigering (test)</title><script type="module" src="/assets/editor.js"></script></html>';
const KIOSK_PAGE = '<!doctype html><html lang="da"><title>Vores Sted (kiosk)</title></html>';
const PREVIEW_ORIGIN = 'http://127.0.0.1:45678';

const dirs = tempDirs();
const token = randomBytes(24).toString('base64url');
let editor: TestEditor;
let server: EditorServer;
let port: number;
let rendererRoot: string;
let previewOrigin: string | null = PREVIEW_ORIGIN;

async function makeRendererRoot(): Promise<string> {
  const root = await dirs.make('vores-sted-renderer-');
  await mkdir(join(root, 'assets'));
  await writeFile(join(root, 'editor.html'), EDITOR_PAGE);
  await writeFile(join(root, 'index.html'), KIOSK_PAGE);
  await writeFile(join(root, 'assets', 'editor.js'), 'console.log("editor");');
  return root;
}

beforeAll(async () => {
  rendererRoot = await makeRendererRoot();
  editor = await openTestEditor(dirs);
  server = await startEditorServer({ editor: editor.host, rendererRoot, port: 0, token, previewOrigin: () => previewOrigin });
  port = Number(new URL(server.url).port);
});

afterAll(async () => {
  await server.close();
  await dirs.cleanup();
});

const withToken = (headers: Record<string, string> = {}): Record<string, string> => ({ [EDITOR_TOKEN_HEADER]: token, ...headers });
const getPage = (path: string): Promise<RawResponse> => httpRequest({ port, path });
const projectFiles = (): Promise<Record<string, string>> => snapshotTree(editor.dataDir);

/** The response's Content-Security-Policy, directive by directive. */
function cspOf(response: RawResponse): Map<string, string[]> {
  const csp = String(response.headers['content-security-policy'] ?? '');
  return new Map(csp.split(';').map((part) => part.trim().split(/\s+/)).map(([name = '', ...values]) => [name, values]));
}

/** What a connection attempt to `host:port` gives: "connected" or the error code. */
function tryConnect(host: string, to: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port: to });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

/** POSTs `size` bytes of zeros, streamed in 1 MB chunks (never all in memory at once). */
async function postLarge(path: string, size: number, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const chunk = new Uint8Array(1024 * 1024);
  let left = size;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (left <= 0) return controller.close();
      const part = chunk.subarray(0, Math.min(chunk.length, left));
      left -= part.length;
      controller.enqueue(part);
    },
  });
  const response = await fetch(`${server.origin}${path}`, { method: 'POST', headers, body, duplex: 'half' } as RequestInit);
  return { status: response.status, body: await response.text() };
}

describe('where the editor can be reached', () => {
  it('listens on 127.0.0.1 only', async () => {
    for (const url of [server.url, server.pageUrl, server.origin]) expect(url.startsWith(`http://127.0.0.1:${port}`), url).toBe(true);
    expect(await tryConnect('127.0.0.1', port)).toBe('connected');
    const outside = Object.values(networkInterfaces())
      .flat()
      .filter((address) => address !== undefined && !address.internal && address.family === 'IPv4')
      .map((address) => address?.address ?? '');
    // Another loopback address stands in for the network when the machine has none (Linux answers all of 127/8).
    const others = outside.length > 0 ? outside : process.platform === 'linux' ? ['127.0.0.2'] : [];
    expect(others.length).toBeGreaterThan(0);
    for (const address of others) expect(await tryConnect(address, port), address).toBe('ECONNREFUSED');
  });
});

describe('the editor page', () => {
  it('without the launch token (or with a wrong one) is 403 with a Danish hint, and no app', async () => {
    const wrong = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const path of ['/', '/editor.html', `/?token=${wrong}`, `/editor.html?token=${wrong}`, '/?token=', `/?token=${token}x`]) {
      const response = await getPage(path);
      expect(response.status, path).toBe(403);
      expect(response.body, path).not.toContain('/assets/editor.js');
      expect(response.body, path).toContain('Denne adresse mangler sin nøgle');
    }
  });

  it('with the token is the editor page', async () => {
    const { pathname, search } = new URL(server.pageUrl);
    for (const path of [`${pathname}${search}`, `/editor.html${search}`]) {
      const response = await getPage(path);
      expect(response.status, path).toBe(200);
      expect(response.body).toBe(EDITOR_PAGE);
    }
    expect((await getPage('/assets/editor.js')).status).toBe(200);
  });

  it('is the only page: the kiosk\'s own page is not served here', async () => {
    expect((await getPage(`/index.html?token=${token}`)).status).toBe(404);
  });

  it('has a CSP without inline script, eval or any frame but the preview', async () => {
    const response = await getPage(`/?token=${token}`);
    const policy = cspOf(response);
    expect(String(response.headers['content-security-policy'])).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('frame-src')).toEqual([PREVIEW_ORIGIN]);
    for (const [name, values] of policy) {
      if (name === 'frame-src') continue;
      for (const value of values) expect(value, `${name} ${value}`).toMatch(/^('self'|'none'|data:|blob:)$/);
    }
  });

  it('before the preview runs, may frame nothing at all', async () => {
    previewOrigin = null;
    try {
      const policy = cspOf(await getPage(`/?token=${token}`));
      expect(policy.has('frame-src')).toBe(false);
      expect(policy.get('default-src')).toEqual(["'none'"]);
    } finally {
      previewOrigin = PREVIEW_ORIGIN;
    }
  });
});

describe('the editor API', () => {
  it('refuses requests without the token header, with a wrong one, from another origin or naming another host; nothing changes', async () => {
    const before = await projectFiles();
    const attempts: { what: string; headers: Record<string, string>; path?: string; status: number }[] = [
      { what: 'no token', headers: {}, status: 403 },
      { what: 'token only in the address', headers: {}, path: `/api/newStory?token=${token}`, status: 403 },
      { what: 'wrong token', headers: { [EDITOR_TOKEN_HEADER]: 'gæt' }, status: 403 },
      { what: 'empty token', headers: { [EDITOR_TOKEN_HEADER]: '' }, status: 403 },
      { what: 'another page in the browser', headers: withToken({ Origin: 'http://evil.example' }), status: 403 },
      { what: 'another local port', headers: withToken({ Origin: 'http://127.0.0.1:1' }), status: 403 },
      { what: 'a sandboxed frame', headers: withToken({ Origin: 'null' }), status: 403 },
      { what: 'DNS rebinding', headers: withToken({ Host: `evil.example:${port}` }), status: 421 },
      { what: 'another port in Host', headers: withToken({ Host: '127.0.0.1:1' }), status: 421 },
    ];
    for (const { what, headers, path = '/api/newStory', status } of attempts) {
      const response = await httpRequest({ port, path, method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ title: 'Indbrud' }) });
      expect(response.status, what).toBe(status);
      expect(response.body, what).not.toContain('indbrud');
    }
    expect(await projectFiles()).toEqual(before);
  });

  it('answers the page itself (token in the header, own origin or none)', async () => {
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`, undefined]) {
      const response = await postApi(port, 'checklist', {}, withToken(origin ? { Origin: origin } : {}));
      expect(response.status, origin).toBe(200);
      expect(JSON.parse(response.body)).toHaveProperty('checklist');
    }
    const created = await postApi(port, 'newStory', { title: 'Høstmarked på serveren' }, withToken());
    expect(created.status).toBe(200);
    expect((await editor.host.project.stories())[0]?.id).toBe('hoestmarked-paa-serveren');
    await editor.host.project.deleteStory('hoestmarked-paa-serveren');
  });

  it('sends its answers with the same strict headers', async () => {
    const response = await postApi(port, 'checklist', {}, withToken());
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('refuses what is not a request: GET, a body that is not JSON, an unknown method, a payload off the contract', async () => {
    const get = await httpRequest({ port, path: '/api/open', headers: withToken() });
    expect(get.status).toBe(405);
    const notJson = await httpRequest({ port, path: '/api/open', method: 'POST', headers: withToken(), body: '{"open": ' });
    expect(notJson.status).toBe(400);
    expect((await postApi(port, 'deleteEverything', {}, withToken())).status).toBe(404);
    expect((await postApi(port, 'deleteStory', { id: '../manifest' }, withToken())).status).toBe(400);
  });

  it('takes a dropped picture with the token, and refuses it without', async () => {
    const png = await picture(2000, 1000);
    const refused = await httpRequest({ port, path: '/api/upload/media?name=foto.png', method: 'POST', body: png });
    expect(refused.status).toBe(403);
    const taken = await httpRequest({ port, path: '/api/upload/media?name=foto.png', method: 'POST', headers: withToken(), body: png });
    expect(taken.status).toBe(200);
    expect(JSON.parse(taken.body)).toMatchObject({ ok: true, medium: { type: 'image', file: 'media/foto.png', width: 2000, height: 1000 } });
  });

  it('an upload over the limit is 413 with a Danish message, and nothing is stored', async () => {
    const before = await projectFiles();
    const response = await postLarge('/api/upload/media?name=film.mp4', MAX_UPLOAD_BYTES + 1, withToken());
    expect(response.status).toBe(413);
    const { messageDa } = JSON.parse(response.body) as { messageDa: string };
    expect(messageDa).toMatch(/for stor.*højst 200 MB/);
    expect(forStaff(messageDa), messageDa).toBe(true);
    expect(await projectFiles()).toEqual(before);
  }, 60_000);
});

describe('the kiosk server beside the editor', () => {
  let host: KioskHost;

  beforeAll(async () => {
    const data = await dirs.make('vores-sted-kiosk-data-');
    host = await KioskHost.start(await loadConfig({ env: { VORES_STED_CONTENT: builtInContent, VORES_STED_DATA: data }, projectRoot }));
  });

  async function kioskPages(options: Parameters<typeof startKioskServer>[3]): Promise<{ editorPage: RawResponse; app: RawResponse }> {
    const kiosk = await startKioskServer(host, rendererRoot, 0, options);
    try {
      const editorPage = await httpRequest({ port: kiosk.port, path: `/editor.html?token=${token}` });
      const app = await httpRequest({ port: kiosk.port, path: '/' });
      return { editorPage, app };
    } finally {
      await kiosk.close();
    }
  }

  it('never hands out the editor page, and the public kiosk may be framed by nobody', async () => {
    const { editorPage, app } = await kioskPages({});
    expect(editorPage.status).toBe(404);
    expect(editorPage.body).not.toContain('redigering');
    expect(app.body).toBe(KIOSK_PAGE);
    expect(cspOf(app).get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('the preview kiosk may be framed by exactly the editor, and still not hand out the editor page', async () => {
    const { editorPage, app } = await kioskPages({ frameAncestor: server.origin });
    expect(editorPage.status).toBe(404);
    const policy = cspOf(app);
    expect(policy.get('frame-ancestors')).toEqual([server.origin]);
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(String(app.headers['content-security-policy'])).not.toMatch(/unsafe-inline|unsafe-eval/);
  });
});

describe('the editor as `npm run editor` starts it (editor server + preview kiosk)', () => {
  it('the editor page may frame exactly the preview, and the preview may be framed by exactly the editor', async () => {
    const data = await dirs.make('vores-sted-editor-data-');
    const config = await loadConfig({ env: { VORES_STED_CONTENT: builtInContent, VORES_STED_DATA: data }, projectRoot });
    const running = await runEditor({ config: { ...config, editor: { ...config.editor, port: 0 } }, rendererRoot, importDocx: noDocx });
    try {
      const preview = new URL(running.previewUrl);
      const editorPage = await httpRequest({ port: Number(new URL(running.server.url).port), path: `/${new URL(running.server.pageUrl).search}` });
      expect(editorPage.status).toBe(200);
      expect(cspOf(editorPage).get('frame-src')).toEqual([preview.origin]);
      const previewPage = await httpRequest({ port: Number(preview.port), path: '/' });
      expect(previewPage.body).toBe(KIOSK_PAGE);
      expect(cspOf(previewPage).get('frame-ancestors')).toEqual([running.server.origin]);
      expect((await httpRequest({ port: Number(preview.port), path: '/editor.html' })).status).toBe(404);
      expect(preview.hostname).toBe('127.0.0.1');
    } finally {
      await running.stop();
    }
  });
});
