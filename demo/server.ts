import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { sleep } from '../src/core/sleep';
import { simulatedRun } from './agent-run';
import { frame } from './sse';
import { serveStatic } from './static';

/** Options of {@link startDemoServer}. */
export interface DemoServerOptions {
  /** The port to listen on; `0` picks a free one. @default 4173 */
  port?: number;
  /** The interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** The built page. @default demo/dist */
  distDir?: string;
  /** The pause before each answer token; the other pauses of a run are multiples of it. @default 30 */
  tokenDelayMs?: number;
  /** Where request and stream notes go. @default console.log */
  log?: (line: string) => void;
}

/** A running demo server. */
export interface DemoServer {
  /** The server's origin, `http://host:port`. */
  url: string;
  /** The port it listens on (the one picked, when `port` was 0). */
  port: number;
  /** Stops listening and closes every open connection, streams included. */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024;

/** A client error with the status to answer it with. */
class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req as AsyncIterable<Buffer>) {
    size += part.length;
    if (size > MAX_BODY_BYTES) throw new RequestError(413, 'Request body too large');
    parts.push(part);
  }
  return Buffer.concat(parts).toString('utf8');
}

async function readMessage(req: IncomingMessage): Promise<string> {
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req));
  } catch (error) {
    if (error instanceof RequestError) throw error;
    throw new RequestError(400, 'Expected a JSON body');
  }
  const message = (body as { message?: unknown } | null)?.message;
  if (typeof message !== 'string' || message.trim() === '') {
    throw new RequestError(400, 'Expected JSON { "message": "…" } with a non-empty message');
  }
  return message;
}

/** Writes `chunk`, waiting for `drain` when the socket's buffer is full (or until the client leaves). */
function write(res: ServerResponse, chunk: string, signal: AbortSignal): Promise<void> {
  if (res.write(chunk)) return Promise.resolve();
  return new Promise((resolve) => {
    const wake = (): void => {
      res.off('drain', wake);
      signal.removeEventListener('abort', wake);
      resolve();
    };
    res.once('drain', wake);
    signal.addEventListener('abort', wake, { once: true });
  });
}

/**
 * Starts the demo: the built page from `distDir`, `POST /api/chat` streaming a simulated agent run
 * as native SSE, and `POST /api/cancel`.
 */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const distDir = options.distDir ?? fileURLToPath(new URL('./dist', import.meta.url));
  const tickMs = options.tokenDelayMs ?? 30;
  const log = options.log ?? console.log;
  let runs = 0;

  async function chat(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const message = await readMessage(req);
    // Each POST is a new generation, so a reconnect that asks to resume cannot be honoured here:
    // a refusal ends the client's run as an error instead of splicing two different answers.
    if (req.headers['last-event-id'] !== undefined) {
      throw new RequestError(410, 'This demo server keeps no stream log, so it cannot resume a stream');
    }
    const runNumber = ++runs;
    const steps = simulatedRun(message, { tickMs, runNumber });
    const gone = new AbortController();
    // `res` 'close' fires when the socket closes before the end; `req` 'close' fires as soon as the
    // request body has been read, so it cannot tell a departed client.
    res.once('close', () => gone.abort());
    // A client that left while its body was read has closed already; nothing would ever drain.
    if (res.destroyed || res.socket?.destroyed !== false) gone.abort();
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
    });
    res.flushHeaders();
    log(`run ${runNumber}: streaming ${steps.length} events for ${JSON.stringify(message.slice(0, 40))}`);
    let sent = 0;
    for (const step of steps) {
      await sleep(step.delayMs, gone.signal);
      if (gone.signal.aborted) break;
      await write(res, frame(step.event, step.data, sent + 1), gone.signal);
      sent += 1;
    }
    if (gone.signal.aborted) {
      log(`run ${runNumber}: client went away after ${sent} of ${steps.length} events`);
      return;
    }
    res.end();
    log(`run ${runNumber}: done`);
  }

  async function cancel(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    // The stream itself already stopped when the client closed it; a real server would also cancel
    // the model call here.
    log(`cancel requested: ${body || '(empty body)'}`);
    res.writeHead(204).end();
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const api = pathname === '/api/chat' ? chat : pathname === '/api/cancel' ? cancel : null;
    if (api !== null) {
      if (req.method !== 'POST') {
        res.writeHead(405, { allow: 'POST', 'content-type': 'text/plain; charset=utf-8' }).end('Use POST\n');
        return;
      }
      return api(req, res);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('Use GET\n');
      return;
    }
    return serveStatic(distDir, pathname, req, res);
  }

  const server = createServer((req, res) => {
    // A client that leaves mid-write surfaces as EPIPE or ECONNRESET here; the 'close' handler has
    // already stopped its run, so there is nothing left to do.
    res.on('error', () => undefined);
    route(req, res).catch((error: unknown) => {
      const status = error instanceof RequestError ? error.status : 500;
      if (status === 500) log(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const message = error instanceof RequestError ? error.message : 'Internal error';
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ error: message }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4173, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    port,
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
