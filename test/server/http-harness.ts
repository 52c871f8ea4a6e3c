import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeEvent } from '../../src/core/decode';
import type { AgentEvent } from '../../src/core/protocol';
import { createSSEParser } from '../../src/core/sse-parser';

/** A server on 127.0.0.1 and an ephemeral port. */
export interface TestServer {
  url: string;
  close(): Promise<void>;
}

/** Serves each request with `handle`, on a real `node:http` server. */
export async function startServer(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<TestServer> {
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/**
 * Serves the Web `Response` that `makeResponse` returns, as a Node adapter of a Web framework
 * does: one chunk read at a time, written when the socket takes it, and the body cancelled when
 * the client goes away.
 */
export function serveWebResponse(makeResponse: () => Response): Promise<TestServer> {
  return startServer((_req, res) => {
    const response = makeResponse();
    const headers: Record<string, string | string[]> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) headers['set-cookie'] = cookies;
    res.writeHead(response.status, headers);
    res.flushHeaders();
    const reader = response.body!.getReader();
    res.on('close', () => void reader.cancel().catch(() => {}));
    void (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done || res.destroyed) break;
        if (!res.write(value)) await new Promise((resolve) => res.once('drain', resolve));
      }
      res.end();
    })().catch(() => res.destroy());
  });
}

/** A streamed answer as the client reads it. */
export interface OpenStream {
  response: IncomingMessage;
  /** Everything received so far, decoded as UTF-8. */
  text(): string;
  /** Resolves once the received text matches `test`. */
  waitFor(test: (text: string) => boolean): Promise<string>;
  /** Resolves with the whole text once the server ends the answer. */
  ended: Promise<string>;
  /** Stops reading (TCP backpressure builds up); `resume()` reads again. */
  pause(): void;
  resume(): void;
  /** Closes the connection, as a browser tab going away does. */
  destroy(): void;
}

/** Requests `url` with a raw `node:http` client, so a test controls how fast the body is read. */
export function openStream(url: string, options: { paused?: boolean } = {}): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST' }, (response) => {
      const decoder = new TextDecoder();
      let text = '';
      const waiters = new Set<() => void>();
      if (options.paused) response.pause();
      response.on('data', (chunk: Buffer) => {
        text += decoder.decode(chunk, { stream: true });
        for (const wake of waiters) wake();
      });
      const ended = new Promise<string>((done, fail) => {
        response.on('end', () => done(text));
        response.on('error', fail);
      });
      ended.catch(() => {});
      resolve({
        response,
        text: () => text,
        waitFor: (test) =>
          new Promise((done, fail) => {
            const check = () => {
              if (!test(text)) return;
              waiters.delete(check);
              done(text);
            };
            waiters.add(check);
            response.once('end', () => (test(text) ? done(text) : fail(new Error(`stream ended without a match; got ${JSON.stringify(text)}`))));
            check();
          }),
        ended,
        pause: () => response.pause(),
        resume: () => response.resume(),
        destroy: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** The frames of an event stream's text, decoded; a frame that fails to decode throws. */
export function decodeAll(text: string): AgentEvent[] {
  const events: AgentEvent[] = [];
  createSSEParser({
    onFrame(frame) {
      const result = decodeEvent(frame);
      if (result === null) return;
      if (!result.ok) throw result.error;
      events.push(result.event);
    },
  }).feed(text);
  return events;
}

/** How many heartbeat comments the text holds. */
export function heartbeats(text: string): number {
  return text.split(': heartbeat\n\n').length - 1;
}

/** Resolves after `ms` of real time. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `read()` has returned the same value twice `intervalMs` apart; fails after `timeoutMs`. */
export async function settled(read: () => number, intervalMs = 100, timeoutMs = 5000): Promise<number> {
  const start = Date.now();
  let previous = read();
  for (;;) {
    await sleep(intervalMs);
    const current = read();
    if (current === previous) return current;
    if (Date.now() - start > timeoutMs) throw new Error(`value still moving after ${timeoutMs} ms: ${current}`);
    previous = current;
  }
}

/** Resolves once `test()` holds, polling; fails after `timeoutMs`. */
export async function until(test: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!test()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await sleep(5);
  }
}
