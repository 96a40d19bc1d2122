import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bundleUi, type UiBundle } from './bundle.js';
import { UI_PAGE } from './page.js';

/** A running explorer: its address, and how to stop it. */
export interface UiServer {
  readonly url: string;
  close(): Promise<void>;
}

const TYPES: Readonly<Record<string, string>> = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8' };

/** The files the server answers with, by path. */
function routes(b: UiBundle): Map<string, { type: string; body: string }> {
  return new Map([
    ['/', { type: TYPES.html!, body: UI_PAGE }],
    ['/index.html', { type: TYPES.html!, body: UI_PAGE }],
    ['/app.js', { type: TYPES.js!, body: b.app }],
    ['/worker.js', { type: TYPES.js!, body: b.worker }],
  ]);
}

/**
 * Bundles the explorer from the model's sources and serves it on
 * 127.0.0.1:`port` (0: any free port). Only the page and its two scripts
 * are served; the page itself fetches nothing else.
 */
export async function serveUi(port: number, host = '127.0.0.1'): Promise<UiServer> {
  const files = routes(await bundleUi());
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const f = req.method === 'GET' || req.method === 'HEAD' ? files.get(path) : undefined;
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (!f) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${path}\n`);
      return;
    }
    res.writeHead(200, { 'content-type': f.type, 'cache-control': 'no-store' }).end(req.method === 'HEAD' ? undefined : f.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const a = server.address() as AddressInfo;
  return {
    url: `http://${host}:${a.port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
