import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HostEvent } from '../../contract/api.js';
import { mediaResponse } from '../core/content/media-files.js';
import { SECURITY_HEADERS, securityHeaders } from '../core/csp.js';
import type { KioskHost } from '../core/kiosk-host.js';
import { createLogger } from '../core/logger.js';
import { readJsonBody } from './request-body.js';
import { readStaticFile } from './static-files.js';

const log = createLogger('http-server');
const MAX_BODY_BYTES = 64 * 1024;
/** GET, only with the config's testBridge on: `{ entries: SpokenEntry[] }`. */
export const SPOKEN_LOG_PATH = '/api/test/spoken-log';

export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`port ${port} is already in use`);
    this.name = 'PortInUseError';
  }
}

export interface KioskServer {
  url: string;
  port: number;
  close: () => Promise<void>;
}

function sendWith(
  headers: Readonly<Record<string, string>>,
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  contentType: string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, { ...headers, 'Content-Type': contentType, ...extra });
  res.end(body);
}

/**
 * The Chromium kiosk's half of the transport: the built renderer, POST /api/<method> for requests and
 * GET /api/events (Server-Sent Events) for host events. Bound to 127.0.0.1 only; requests naming another
 * host (DNS rebinding) or coming from another origin are refused.
 */
export interface KioskServerOptions {
  /** The staff editor's live preview: the one origin allowed to show this kiosk in a frame. */
  frameAncestor?: string;
}

export async function startKioskServer(host: KioskHost, rendererRoot: string, port: number, options: KioskServerOptions = {}): Promise<KioskServer> {
  const headers = options.frameAncestor ? securityHeaders({ frameAncestors: options.frameAncestor }) : SECURITY_HEADERS;
  const send = (res: ServerResponse, status: number, body: string | Buffer, contentType: string, extra: Record<string, string> = {}): void =>
    sendWith(headers, res, status, body, contentType, extra);
  const sseClients = new Set<ServerResponse>();
  let allowedHosts: Set<string> = new Set();
  let allowedOrigins: Set<string> = new Set();

  const unsubscribe = host.events.subscribe((event: HostEvent) => {
    const line = `data: ${JSON.stringify(event)}\n\n`;
    for (const client of sseClients) client.write(line);
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts.has(req.headers.host ?? '')) {
      send(res, 421, 'Misdirected request', 'text/plain; charset=utf-8');
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      send(res, 400, 'Bad request', 'text/plain; charset=utf-8');
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      // Only pages served from this very origin may talk to the host (events included).
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedOrigins.has(origin)) {
        send(res, 403, JSON.stringify({ error: 'forbidden' }), 'application/json');
        return;
      }
      // End-to-end tests only (the config's testBridge): what the kiosk has said aloud, to check each screen.
      if (url.pathname === SPOKEN_LOG_PATH && req.method === 'GET' && host.config.testBridge) {
        const entries = host.readAloud?.spokenLog() ?? [];
        send(res, 200, JSON.stringify({ entries }), 'application/json; charset=utf-8', { 'Cache-Control': 'no-store' });
        return;
      }
      if (url.pathname === '/api/events' && req.method === 'GET') {
        res.writeHead(200, { ...headers, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
        res.write(': connected\n\n');
        // A notice sent while no page was listening (a stick read at boot, say) still reaches staff.
        const notice = host.events.recentStaffNotice();
        if (notice) res.write(`data: ${JSON.stringify(notice)}\n\n`);
        sseClients.add(res);
        req.on('close', () => sseClients.delete(res));
        return;
      }
      if (req.method !== 'POST') {
        send(res, 403, JSON.stringify({ error: 'forbidden' }), 'application/json');
        return;
      }
      let payload: unknown;
      try {
        payload = await readJsonBody(req, MAX_BODY_BYTES);
      } catch (error) {
        log.warn({ err: (error as Error).message }, 'unreadable request body');
        send(res, 400, JSON.stringify({ error: 'bad request body' }), 'application/json');
        return;
      }
      const result = host.handle(url.pathname.slice('/api/'.length), payload);
      send(res, result.status, JSON.stringify(result.body), 'application/json; charset=utf-8', { 'Cache-Control': 'no-store' });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'Method not allowed', 'text/plain; charset=utf-8');
      return;
    }
    if (url.pathname.startsWith('/media/')) {
      // From the folder of the content shown right now, so a new bundle version brings its own media.
      const media = await mediaResponse(host.contentDir, url.pathname, req.headers.range, req.method === 'HEAD' ? 'HEAD' : 'GET');
      res.writeHead(media.status, { ...headers, ...media.headers });
      if (!media.body) {
        res.end(media.status === 404 ? 'Not found' : undefined);
        return;
      }
      media.body.on('error', (error) => {
        log.warn({ err: error.message, path: url.pathname }, 'media read failed');
        res.destroy();
      });
      // A visitor leaving a video mid-way closes the connection: stop reading the file too.
      res.on('close', () => media.body?.destroy());
      media.body.pipe(res);
      return;
    }
    // Client-side screens have no server routes: anything without a file extension is the app.
    const path = /\.[a-z0-9]+$/i.test(url.pathname) ? url.pathname : '/';
    // The staff editor's page is built alongside the kiosk's, but only the editor's own server hands it out.
    const file = path === '/editor.html' ? null : await readStaticFile(rendererRoot, path);
    if (!file) {
      send(res, 404, 'Not found', 'text/plain; charset=utf-8');
      return;
    }
    send(res, 200, file.body, file.contentType, {
      'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error({ err: error }, 'request failed');
      if (!res.headersSent) send(res, 500, 'Internal error', 'text/plain; charset=utf-8');
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port) : error);
    });
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${actualPort}`, `localhost:${actualPort}`]);
  allowedOrigins = new Set([...allowedHosts].map((hostAndPort) => `http://${hostAndPort}`));
  log.info({ port: actualPort }, 'kiosk server listening on 127.0.0.1');

  return {
    url: `http://127.0.0.1:${actualPort}/`,
    port: actualPort,
    close: async () => {
      unsubscribe();
      for (const client of sseClients) client.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
