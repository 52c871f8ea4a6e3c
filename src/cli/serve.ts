import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeSSE } from '../server/pipe';
import type { Recording } from '../server/recording-format';
import type { CliIO } from './io';
import { lastTime } from './list';
import { timedFrames } from './replay';

/** Where and how `--serve` serves a recording. */
export interface ServeOptions {
  /** The recording's path, for the message. */
  file: string;
  port: number;
  host: string;
  speed: number;
}

/** The server could not listen (port in use, unknown host); its message says where and why. */
export class ListenError extends Error {
  override readonly name = 'ListenError';
}

// Open to any origin, so a React dev server on another port can point useAgentStream here.
const CORS = { 'access-control-allow-origin': '*' };

/**
 * Serves the recording as an SSE endpoint on every path (GET and POST, CORS preflight answered)
 * until `io.signal` aborts. Each request gets the events from the start with the recorded timing,
 * and `id:` lines; a request with `Last-Event-ID: n` gets the events after the n-th.
 *
 * @throws ListenError when the server cannot listen.
 */
export async function serveRecording(recording: Recording, options: ServeOptions, io: CliIO): Promise<void> {
  const { events } = recording;
  const server = createServer(respond);

  function respond(req: IncomingMessage, res: ServerResponse): void {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        ...CORS,
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? 'content-type, last-event-id',
        'access-control-max-age': '600',
        vary: 'access-control-request-headers',
      });
      res.end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'POST') {
      res.writeHead(405, { ...CORS, allow: 'GET, POST, OPTIONS' });
      res.end();
      return;
    }
    // The request body (a chat message) plays no part in a replay, but must be read for the socket to go on.
    req.resume();
    const gone = new AbortController();
    res.once('close', () => gone.abort());
    const signal = AbortSignal.any([gone.signal, io.signal]);
    const from = resumeIndex(req.headers['last-event-id'], events.length);
    void pipeSSE(timedFrames(events, io, { speed: options.speed, from, ids: true, signal }), res, { headers: CORS });
  }

  await listen(server, options);
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  await io.stdout(
    `Serving ${options.file} (${events.length} events over ${lastTime(events).toFixed(3)} s, speed ${options.speed}) on any path, GET or POST:\n` +
      `http://${host}:${port}/\nCtrl+C stops.\n`,
  );
  await new Promise<void>((resolve) => {
    if (io.signal.aborted) resolve();
    else io.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function listen(server: ReturnType<typeof createServer>, { port, host }: ServeOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'EADDRINUSE' ? 'the port is in use' : error.message;
      reject(new ListenError(`cannot listen on ${host}:${port}: ${reason}`, { cause: error }));
    });
    server.listen(port, host, () => resolve());
  });
}

/** Where a resumed stream starts: after the event whose id (its number from 1) the client last saw. */
function resumeIndex(lastEventId: string | string[] | undefined, count: number): number {
  if (typeof lastEventId !== 'string' || !/^\d+$/.test(lastEventId)) return 0;
  return Math.min(Number(lastEventId), count);
}
