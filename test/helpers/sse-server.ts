import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/** One piece of a scripted body: text or bytes, optionally after a delay or once a promise settles. */
export type ScriptedChunk = string | Uint8Array | { data: string | Uint8Array; delayMs?: number; after?: Promise<unknown> };

/** What the server answers to one request. */
export interface ScriptedResponse {
  /** @default 200 */
  status?: number;
  statusText?: string;
  /** Merged over `content-type: text/event-stream` (set a header to '' to drop it). */
  headers?: Record<string, string>;
  /** Written in order. */
  chunks?: ScriptedChunk[];
  /** Delay before every chunk that does not set its own. @default 0 */
  chunkDelayMs?: number;
  /** Destroy the socket (no clean end) after this many chunks. */
  dropAfter?: number;
  /** Never end the response; it lasts until the client goes away or the server closes. */
  hold?: boolean;
}

/** A route's answer: fixed, or computed from the request it answers. */
export type Responder = ScriptedResponse | ((request: RecordedRequest) => ScriptedResponse);

/** A request as the server saw it. */
export interface RecordedRequest {
  method: string;
  /** Path and query. */
  url: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** `performance.now()` when the request's body was complete. */
  at: number;
  /** Position among the requests to the same path, from 0. */
  index: number;
  /** Settles when the response is over: finished, or its socket closed by either side. */
  closed: Promise<void>;
}

/** A running scripted server on 127.0.0.1. */
export interface SSEServer {
  /** `http://127.0.0.1:<port>` plus `path`. */
  url(path?: string): string;
  /** Every request, in arrival order. */
  readonly requests: readonly RecordedRequest[];
  requestsTo(path: string): RecordedRequest[];
  /** Resolves once `count` requests (to `path`, when given) have arrived. */
  waitForRequests(count: number, path?: string): Promise<RecordedRequest[]>;
  close(): Promise<void>;
}

/**
 * Starts a server on an ephemeral port. `routes` maps a path to one responder or a list: the n-th
 * request to that path gets the n-th entry, the last entry repeating. Unknown paths get a 404.
 */
export async function startSSEServer(routes: Record<string, Responder | Responder[]>): Promise<SSEServer> {
  const requests: RecordedRequest[] = [];
  const waiters = new Set<() => void>();
  const server = createServer((req, res) => {
    const bodyParts: Buffer[] = [];
    req.on('data', (part: Buffer) => bodyParts.push(part));
    req.on('end', () => {
      const url = req.url ?? '/';
      const path = new URL(url, 'http://x').pathname;
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        url,
        path,
        headers: req.headers,
        body: Buffer.concat(bodyParts).toString('utf8'),
        at: performance.now(),
        index: requests.filter((r) => r.path === path).length,
        closed: new Promise((resolve) => res.once('close', () => resolve())),
      };
      requests.push(recorded);
      for (const wake of waiters) wake();
      const route = routes[path];
      const responder = Array.isArray(route) ? (route[recorded.index] ?? route[route.length - 1]) : route;
      if (responder === undefined) {
        res.writeHead(404).end();
        return;
      }
      void play(typeof responder === 'function' ? responder(recorded) : responder, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: (path = '/') => `http://127.0.0.1:${port}${path}`,
    requests,
    requestsTo: (path) => requests.filter((r) => r.path === path),
    waitForRequests(count, path) {
      const matching = () => (path === undefined ? requests : requests.filter((r) => r.path === path));
      return new Promise((resolve) => {
        const check = () => {
          if (matching().length < count) return;
          waiters.delete(check);
          resolve(matching());
        };
        waiters.add(check);
        check();
      });
    },
    close() {
      if (!server.listening) return Promise.resolve();
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

async function play(script: ScriptedResponse, res: ServerResponse): Promise<void> {
  const headers: Record<string, string> = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };
  for (const [name, value] of Object.entries(script.headers ?? {})) {
    if (value === '') delete headers[name.toLowerCase()];
    else headers[name.toLowerCase()] = value;
  }
  res.writeHead(script.status ?? 200, script.statusText, headers);
  res.flushHeaders();
  const chunks = script.chunks ?? [];
  for (let i = 0; i < chunks.length; i++) {
    if (script.dropAfter === i) break;
    const chunk = chunks[i]!;
    const piece = typeof chunk === 'string' || chunk instanceof Uint8Array ? { data: chunk } : chunk;
    if (piece.after) await piece.after;
    const delayMs = piece.delayMs ?? script.chunkDelayMs ?? 0;
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (res.destroyed) return;
    await new Promise<void>((resolve) => res.write(piece.data, () => resolve()));
  }
  if (script.dropAfter !== undefined && script.dropAfter <= chunks.length) {
    res.socket?.destroy();
    return;
  }
  if (!script.hold) res.end();
}

/** One SSE frame as text: `event`, `id` and `retry` lines when given, `data` as JSON unless a string. */
export function sseFrame(
  event: string | undefined,
  data: unknown,
  fields: { id?: string; retry?: number } = {},
): string {
  let text = '';
  if (fields.id !== undefined) text += `id: ${fields.id}\n`;
  if (fields.retry !== undefined) text += `retry: ${fields.retry}\n`;
  if (event !== undefined) text += `event: ${event}\n`;
  const payload = typeof data === 'string' ? data : JSON.stringify(data);
  for (const line of payload.split('\n')) text += `data: ${line}\n`;
  return `${text}\n`;
}
