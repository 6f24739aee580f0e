import { mkdir, writeFile } from 'node:fs/promises';
import { Agent, request, type IncomingMessage } from 'node:http';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponses, HostEvent } from '../../../contract/api.js';
import { loadConfig } from '../../../electron/core/config.js';
import { KioskHost } from '../../../electron/core/kiosk-host.js';
import { PortInUseError, startKioskServer, type KioskServer } from '../../../electron/kiosk/http-server.js';
import { builtInContent, httpRequest, postApi, projectRoot, tempDirs, waitForLine } from './support.js';

const SECRET = 'SECRET-OUTSIDE-THE-RENDERER';
const INDEX_HTML = '<!doctype html><html lang="da"><title>Vores Sted</title><script type="module" src="/assets/app.js"></script></html>';
const APP_JS = 'console.log("vores sted");';

const dirs = tempDirs();
let host: KioskHost;
let server: KioskServer;
let rendererRoot: string;

/**
 * A folder with the built renderer in renderer/ and things that must never be served around it: a
 * package.json and .env beside it, a .env inside it.
 */
async function makeRendererRoot(): Promise<string> {
  const parent = await dirs.make('vores-sted-http-');
  const root = join(parent, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), INDEX_HTML);
  await writeFile(join(root, 'assets', 'app.js'), APP_JS);
  await writeFile(join(root, '.env'), `TOKEN=${SECRET}`);
  await writeFile(join(root, 'notes.txt'), SECRET);
  await writeFile(join(parent, 'package.json'), JSON.stringify({ secret: SECRET }));
  await writeFile(join(parent, '.env'), `TOKEN=${SECRET}`);
  return root;
}

beforeAll(async () => {
  rendererRoot = await makeRendererRoot();
  host = await KioskHost.start(await loadConfig({ env: { VORES_STED_CONTENT: builtInContent }, projectRoot }));
  server = await startKioskServer(host, rendererRoot, 0);
});

afterAll(async () => {
  await server.close();
  await dirs.cleanup();
});

function get(path: string, headers: Record<string, string> = {}) {
  return httpRequest({ port: server.port, path, headers });
}

describe('the kiosk server hands out the built renderer', () => {
  it('listens on 127.0.0.1 only, at the URL it reports', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.port).toBeGreaterThan(0);
  });

  it('serves index.html with a strict Content-Security-Policy', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toBe(INDEX_HTML);
    const csp = response.headers['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/https?:|\*/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('serves the app for client-side screens (paths without a file extension)', async () => {
    for (const path of ['/map', '/task/trivsel-og-laering', '/index.html']) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(response.body, path).toBe(INDEX_HTML);
    }
  });

  it('serves hashed assets as JavaScript, cached for good', async () => {
    const response = await get('/assets/app.js');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers['cache-control']).toContain('immutable');
    expect(response.body).toBe(APP_JS);
  });

  it('answers a missing file with 404', async () => {
    expect((await get('/assets/missing.js')).status).toBe(404);
  });

  it.each([
    ['/../package.json'],
    ['/../../package.json'],
    ['/%2e%2e/package.json'],
    ['/%2e%2e%2fpackage.json'],
    ['/assets/..%2f..%2fpackage.json'],
    ['/assets%2f..%2f..%2fpackage.json'],
    ['/%2E%2E%2F%2E%2E%2Fpackage.json'],
    ['/..\\package.json'],
    ['/assets\\..\\..\\package.json'],
    ['/%5c..%5cpackage.json'],
    ['/assets/%5c..%5c..%5cpackage.json'],
    ['/index.html%00.js'],
    ['/%00'],
    ['/.env'],
    ['/assets/../.env'],
    ['/%2eenv'],
    ['/notes.txt'],
    ['/%ff%fe.json'],
    ['//etc/passwd.json'],
    ['/C:/Windows/win.ini.json'],
  ])('refuses %s without leaking anything', async (path) => {
    const response = await get(path);
    expect(response.body).not.toContain(SECRET);
    // Paths without a file extension are client-side screens and get the app itself; all others are refused.
    const gotTheApp = response.status === 200 && response.body === INDEX_HTML;
    expect(response.status >= 400 || gotTheApp, `${response.status} ${response.body.slice(0, 80)}`).toBe(true);
  });

  it('every response carries the security headers, refusals included', async () => {
    const responses = [
      await get('/assets/app.js'),
      await get('/assets/missing.js'),
      await get('/', { Host: 'evil.example' }),
      await postApi(server.port, 'bootstrap', {}),
      await postApi(server.port, 'bootstrap', {}, { Origin: 'http://evil.example' }),
      await postApi(server.port, 'nope', {}),
    ];
    for (const response of responses) {
      expect(response.headers['content-security-policy'], String(response.status)).toContain("default-src 'none'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('answers other methods than GET/HEAD on files with 405', async () => {
    const response = await httpRequest({ port: server.port, path: '/index.html', method: 'DELETE' });
    expect(response.status).toBe(405);
  });
});

describe('the kiosk server carries the API', () => {
  it('POST /api/bootstrap returns the config and the content', async () => {
    const response = await postApi(server.port, 'bootstrap', {});
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    const body = JSON.parse(response.body) as ApiResponses['bootstrap'];
    expect(body.config.kioskId).toBe(host.config.kioskId);
    expect(body.content.ok).toBe(true);
    if (body.content.ok) expect(body.content.snapshot.coreTasks).toHaveLength(5);
  });

  it('an empty body counts as {}', async () => {
    const response = await httpRequest({ port: server.port, path: '/api/bootstrap', method: 'POST' });
    expect(response.status).toBe(200);
  });

  it('GET /api/bootstrap is refused', async () => {
    const response = await get('/api/bootstrap');
    expect(response.status).toBe(403);
    expect(response.body).not.toContain('lejre-vores-sted');
  });

  it('passes on the API refusals: 404 for an unknown method, 400 for a bad payload', async () => {
    expect((await postApi(server.port, 'constructor', {})).status).toBe(404);
    expect((await postApi(server.port, 'shutdown', {})).status).toBe(404);
    const bad = await postApi(server.port, 'reportEvent', { event: 'screen', detail: '<img src=x onerror=alert(1)>' });
    expect(bad.status).toBe(400);
    expect((await postApi(server.port, 'heartbeat', { screen: 'map' })).status).toBe(200);
  });

  it('a body that is not JSON gets 400', async () => {
    const response = await httpRequest({ port: server.port, path: '/api/heartbeat', method: 'POST', body: '{"screen": "map"' });
    expect(response.status).toBe(400);
  });

  it('an oversized body gets 400 (not a reset connection), and the connection stays usable', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const big = JSON.stringify({ screen: 'map', padding: 'x'.repeat(1024 * 1024) });
      const response = await httpRequest({ port: server.port, path: '/api/heartbeat', method: 'POST', body: big, agent });
      expect(response.status).toBe(400);
      const next = await httpRequest({ port: server.port, path: '/api/heartbeat', method: 'POST', body: '{"screen":"map"}', agent });
      expect(next.status).toBe(200);
    } finally {
      agent.destroy();
    }
  });

  it('accepts requests from its own origin, under either of its names', async () => {
    for (const origin of [`http://127.0.0.1:${server.port}`, `http://localhost:${server.port}`]) {
      expect((await postApi(server.port, 'bootstrap', {}, { Origin: origin })).status, origin).toBe(200);
    }
    const viaLocalhost = await postApi(server.port, 'bootstrap', {}, { Host: `localhost:${server.port}` });
    expect(viaLocalhost.status).toBe(200);
  });

  it.each([
    ['http://evil.example'],
    ['null'],
    ['https://127.0.0.1:PORT'],
    ['http://127.0.0.1:1'],
    ['http://127.0.0.1:PORT.evil.example'],
  ])('a POST from the foreign origin %s gets 403', async (template) => {
    const origin = template.replace('PORT', String(server.port));
    const response = await postApi(server.port, 'bootstrap', {}, { Origin: origin });
    expect(response.status).toBe(403);
    expect(response.body).not.toContain('lejre-vores-sted');
  });

  it.each([
    ['evil.example'],
    ['evil.example:PORT'],
    ['127.0.0.1.evil.example:PORT'],
    ['127.0.0.1'],
    ['127.0.0.1:1'],
  ])('a request naming the foreign host %s (DNS rebinding) gets 421', async (template) => {
    const hostHeader = template.replace('PORT', String(server.port));
    const api = await postApi(server.port, 'bootstrap', {}, { Host: hostHeader });
    expect(api.status).toBe(421);
    expect(api.body).not.toContain('lejre-vores-sted');
    expect((await get('/', { Host: hostHeader })).status).toBe(421);
    expect((await get('/api/events', { Host: hostHeader })).status).toBe(421);
  });
});

/** An open GET /api/events stream, its response and a line reader. */
function openEvents(port: number, headers: Record<string, string> = {}): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/api/events', headers, agent: false }, resolve);
    req.on('error', reject);
    req.end();
  });
}

describe('host events reach the page over Server-Sent Events', () => {
  it('delivers an emitted event to a connected client', async () => {
    const response = await openEvents(server.port);
    try {
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/event-stream');
      response.setEncoding('utf8');
      await waitForLine(response, /^: connected/);
      const event: HostEvent = { type: 'staff-notice', level: 'progress', messageDa: 'Nyt indhold installeres …', progress: 0.5 };
      const line = waitForLine(response, /^data: /);
      host.events.emit(event);
      expect(JSON.parse((await line).slice('data: '.length))).toEqual(event);
    } finally {
      response.destroy();
    }
  });

  it('gives a page that connects late the staff notice it missed (a stick read while the browser started)', async () => {
    const installed: HostEvent = { type: 'staff-notice', level: 'success', messageDa: 'Færdig – version 7 vises nu. Du kan tage USB-stikket ud.', progress: 100 };
    host.events.emit(installed); // nobody connected
    const response = await openEvents(server.port);
    try {
      response.setEncoding('utf8');
      const line = await waitForLine(response, /^data: /);
      expect(JSON.parse(line.slice('data: '.length))).toEqual(installed);
    } finally {
      response.destroy();
    }
  });

  it('refuses an event stream to a foreign origin', async () => {
    const response = await openEvents(server.port, { Origin: 'http://evil.example' });
    response.resume();
    expect(response.statusCode).toBe(403);
  });
});

describe('starting and stopping', () => {
  const local = tempDirs();
  afterEach(local.cleanup);

  it('close() resolves while an event stream is still connected', async () => {
    const own = await startKioskServer(host, await makeRendererRoot(), 0);
    const response = await openEvents(own.port);
    response.setEncoding('utf8');
    await waitForLine(response, /^: connected/);
    const ended = new Promise<void>((resolve) => response.on('close', () => resolve()));
    const listenersBefore = host.events.listenerCount;

    await own.close();

    await ended;
    expect(host.events.listenerCount).toBe(listenersBefore - 1);
    await expect(httpRequest({ port: own.port, path: '/' })).rejects.toThrow(/ECONNREFUSED/);
  });

  it('a port that is already taken gives PortInUseError naming the port', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const attempt = startKioskServer(host, rendererRoot, port);
      await expect(attempt).rejects.toBeInstanceOf(PortInUseError);
      await expect(attempt).rejects.toMatchObject({ port, message: expect.stringContaining(String(port)) as unknown });
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it('runs without a built renderer: pages 404, the API still answers', async () => {
    const own = await startKioskServer(host, join(await local.make(), 'dist', 'renderer'), 0);
    try {
      expect((await httpRequest({ port: own.port, path: '/' })).status).toBe(404);
      expect((await postApi(own.port, 'bootstrap', {})).status).toBe(200);
    } finally {
      await own.close();
    }
  });
});
