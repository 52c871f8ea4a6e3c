import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The file under `root` that a URL path names, or `null` when it names nothing servable there. */
function fileFor(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = resolve(root, `.${decoded.endsWith('/') ? `${decoded}index.html` : decoded}`);
  // An encoded slash (`..%2f`) survives URL parsing, so the resolved path is checked, not the URL.
  return file.startsWith(root + sep) ? file : null;
}

/** Answers a GET or HEAD with a file from `root` (the built page), or 404. */
export async function serveStatic(root: string, pathname: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const file = fileFor(root, pathname);
  const type = file === null ? undefined : CONTENT_TYPES[extname(file)];
  let body: Buffer | null = null;
  if (file !== null && type !== undefined) {
    body = await readFile(file).catch(() => null);
  }
  if (body === null || type === undefined) {
    const hint = pathname === '/' ? ' (build the page first: npm run demo:build)' : '';
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`Not found${hint}\n`);
    return;
  }
  res.writeHead(200, {
    'content-type': type,
    'content-length': body.length,
    // Vite puts a content hash in every asset name; index.html must be fetched fresh to name the new ones.
    'cache-control': pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
