// A tiny static file server on 127.0.0.1 for the end-to-end tests; extra headers per path (CSP page).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * Serves files under `root`. `headers` maps a path (without query) to extra response headers.
 * `POST /collect` is a minimal endpoint: it records each body in `posts` and answers 204.
 * @param {{ root: string, headers?: Record<string, Record<string, string>> }} opts
 * @returns {Promise<{ url: string, close(): Promise<void>, requests: string[], posts: Array<{ headers: object, body: string }> }>}
 */
export async function startStaticServer(opts) {
  const requests = [];
  const posts = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url || '/', 'http://x').pathname);
    requests.push(path);
    if (req.method === 'POST' && path === '/collect') {
      const chunks = [];
      for await (const c of req) chunks.push(c);
      posts.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
      return;
    }
    const file = normalize(join(opts.root, path));
    if (!file.startsWith(normalize(opts.root))) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, Object.assign({
        'content-type': TYPES[extname(file)] || 'application/octet-stream',
        'cache-control': 'no-store',
      }, (opts.headers && opts.headers[path]) || {}));
      res.end(body);
    } catch (_) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  server.keepAliveTimeout = 1000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    posts,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
