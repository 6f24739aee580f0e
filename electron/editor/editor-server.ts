import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EDITOR_TOKEN_HEADER } from '../../contract/editor-api.js';
import { mediaResponse } from '../core/content/media-files.js';
import { securityHeaders } from '../core/csp.js';
import type { EditorHost } from '../core/editor/editor-host.js';
import { MAX_UPLOAD_BYTES } from '../core/editor/media-intake.js';
import { createLogger } from '../core/logger.js';
import { PortInUseError } from '../kiosk/http-server.js';
import { BodyTooLargeError, readJsonBody, readRawBody } from '../kiosk/request-body.js';
import { readStaticFile } from '../kiosk/static-files.js';

// The staff editor's server: 127.0.0.1 only, the kiosk's strict CSP (plus the one frame for the live
// preview), and a token made at every launch that the page must carry. Another page in the same browser
// (or another program on the PC that guesses the port) gets nothing: no page without the token in its
// address, no API without it in a header, no request from another origin or naming another host.

const log = createLogger('editor-server');
const MAX_JSON_BYTES = 2 * 1024 * 1024;

export interface EditorServer {
  url: string;
  /** The address to open: the editor page with this launch's token. */
  pageUrl: string;
  origin: string;
  close: () => Promise<void>;
}

export interface EditorServerOptions {
  editor: EditorHost;
  rendererRoot: string;
  port: number;
  token: string;
  /** The preview kiosk's origin, once it runs (the one frame the editor page may show). */
  previewOrigin: () => string | null;
}

function sameToken(given: string | null | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

const NO_TOKEN_PAGE = `<!doctype html><html lang="da"><meta charset="utf-8"><title>Vores Sted – redigering</title>
<p>Åbn redigeringen fra genvejen „Vores Sted – redigér indhold“ (eller kør <code>npm run editor</code>). Denne adresse mangler sin nøgle.</p>
<p lang="en">Open the editor from its shortcut (or run <code>npm run editor</code>): this address lacks its launch token.</p></html>`;

export async function startEditorServer(options: EditorServerOptions): Promise<EditorServer> {
  const { editor, rendererRoot, token } = options;
  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();

  const headers = (): Readonly<Record<string, string>> => {
    const preview = options.previewOrigin();
    return securityHeaders(preview ? { frameSrc: preview } : {});
  };
  const send = (res: ServerResponse, status: number, body: string | Buffer, contentType: string, extra: Record<string, string> = {}): void => {
    res.writeHead(status, { ...headers(), 'Content-Type': contentType, 'Cache-Control': 'no-store', ...extra });
    res.end(body);
  };
  const sendJson = (res: ServerResponse, status: number, body: unknown): void => send(res, status, JSON.stringify(body), 'application/json; charset=utf-8');

  async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const origin = req.headers.origin;
    if ((origin !== undefined && !allowedOrigins.has(origin)) || !sameToken(req.headers[EDITOR_TOKEN_HEADER] as string | undefined, token)) {
      log.warn({ path: url.pathname, origin }, 'editor request without the launch token or from another origin refused');
      sendJson(res, 403, { error: 'forbidden' });
      return;
    }
    if (req.method !== 'POST') {
      sendJson(res, 405, { error: 'method not allowed' });
      return;
    }
    const upload = /^\/api\/upload\/(docx|media|bundle)$/.exec(url.pathname);
    try {
      if (upload) {
        const kind = upload[1] === 'docx' ? 'docx' : upload[1] === 'bundle' ? 'bundle' : 'media';
        const name = (url.searchParams.get('name') ?? '').slice(0, 200);
        const bytes = await readRawBody(req, MAX_UPLOAD_BYTES);
        sendJson(res, 200, await editor.upload(kind, name, bytes));
        return;
      }
      const payload = await readJsonBody(req, MAX_JSON_BYTES);
      const result = await editor.handle(url.pathname.slice('/api/'.length), payload);
      sendJson(res, result.status, result.body);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        sendJson(res, 413, { ok: false, messageDa: 'Filen er for stor til at blive sendt til redigeringen (højst 200 MB).' });
        return;
      }
      if (error instanceof SyntaxError) {
        sendJson(res, 400, { error: 'bad request body' });
        return;
      }
      throw error;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts.has(req.headers.host ?? '')) {
      send(res, 421, 'Misdirected request', 'text/plain; charset=utf-8');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/api/')) {
      await api(req, res, url);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'Method not allowed', 'text/plain; charset=utf-8');
      return;
    }
    if (url.pathname.startsWith('/media/')) {
      const media = await mediaResponse(editor.project.dir, url.pathname, req.headers.range, req.method === 'HEAD' ? 'HEAD' : 'GET');
      res.writeHead(media.status, { ...headers(), ...media.headers });
      if (!media.body) {
        res.end();
        return;
      }
      res.on('close', () => media.body?.destroy());
      media.body.pipe(res);
      return;
    }
    if (url.pathname === '/' || url.pathname === '/editor.html') {
      if (!sameToken(url.searchParams.get('token'), token)) {
        send(res, 403, NO_TOKEN_PAGE, 'text/html; charset=utf-8');
        return;
      }
      const page = await readStaticFile(rendererRoot, '/editor.html');
      if (!page) {
        send(res, 500, 'editor.html missing: run npm run build', 'text/plain; charset=utf-8');
        return;
      }
      send(res, 200, page.body, page.contentType);
      return;
    }
    // The editor's scripts, styles and fonts; the kiosk's own page is not served here.
    const file = url.pathname === '/index.html' ? null : await readStaticFile(rendererRoot, url.pathname);
    if (!file) {
      send(res, 404, 'Not found', 'text/plain; charset=utf-8');
      return;
    }
    send(res, 200, file.body, file.contentType, { 'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache' });
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error({ err: error }, 'editor request failed');
      if (!res.headersSent) sendJson(res, 500, { ok: false, messageDa: 'Der skete en fejl i redigeringen. Prøv igen – dit arbejde er gemt.' });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new PortInUseError(options.port) : error));
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([...allowedHosts].map((h) => `http://${h}`));
  const url = `http://127.0.0.1:${port}/`;
  log.info({ port }, 'editor server listening on 127.0.0.1');
  return {
    url,
    pageUrl: `${url}?token=${encodeURIComponent(token)}`,
    origin: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
