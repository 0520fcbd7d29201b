// A small static server for www/ (and the single-file build) on 127.0.0.1, sending the
// page's Content-Security-Policy as a header. No dependencies: node's http module only.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const port = Number(opt('--port', 8080));
const dirs = [join(root, 'www'), join(root, 'dist')];

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data: blob:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json', '.json': 'application/json', '.png': 'image/png',
};

async function find(path) {
  for (const dir of dirs) {
    const file = normalize(join(dir, path));
    if (!file.startsWith(dir)) return null; // no escaping the served folders
    try {
      if ((await stat(file)).isFile()) return file;
    } catch { /* try the next folder */ }
  }
  return null;
}

const server = createServer(async (req, res) => {
  let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (path.endsWith('/')) path += 'index.html';
  const file = await find(path);
  const headers = {
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
  if (!file) {
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' });
    res.end('not found');
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] || 'application/octet-stream' });
  res.end(await readFile(file));
});

server.listen(port, '127.0.0.1', () => {
  console.log(`article-analyzer: http://127.0.0.1:${server.address().port}/`);
});
