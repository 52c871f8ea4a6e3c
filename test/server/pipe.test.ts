import { connect, constants, createServer, type Http2ServerResponse } from 'node:http2';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentStreamEmitter } from '../../src/server/emitter';
import type { FrameSource } from '../../src/server/frame-source';
import { pipeSSE, type SSEEndReason } from '../../src/server/pipe';
import { toSSEResponse } from '../../src/server/response';
import { startServer, until, type TestServer } from './http-harness';

const emitter = new AgentStreamEmitter();
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('toSSEResponse', () => {
  it('answers 200 with the SSE headers and no Connection header', () => {
    const response = toSSEResponse([]);
    expect(response.status).toBe(200);
    expect([...response.headers]).toStrictEqual([
      ['cache-control', 'no-cache, no-transform'],
      ['content-type', 'text/event-stream; charset=utf-8'],
      ['x-accel-buffering', 'no'],
    ]);
  });

  it('takes a status, a status text and repeated Set-Cookie headers', () => {
    const headers = new Headers([['set-cookie', 'a=1'], ['set-cookie', 'b=2']]);
    const response = toSSEResponse([], { status: 201, statusText: 'Created', headers });
    expect(response.status).toBe(201);
    expect(response.statusText).toBe('Created');
    expect(response.headers.getSetCookie()).toStrictEqual(['a=1', 'b=2']);
  });

  it('refuses a source that is not an iterable of frames, before anything is sent', () => {
    expect(() => toSSEResponse(emitter.done() as unknown as FrameSource)).toThrow(/not a string: pass \[frame\]/);
    expect(() => toSSEResponse(42 as unknown as FrameSource)).toThrow(new TypeError('A frame source must be an async iterable or an iterable of frames, got a number'));
    expect(() => toSSEResponse(null as unknown as FrameSource)).toThrow(TypeError);
    expect(() => toSSEResponse([], { heartbeatMs: -5 })).toThrow(RangeError);
    expect(() => toSSEResponse([], { runId: 'bad\nid' })).toThrow(TypeError);
  });
});

describe('pipeSSE', () => {
  it('rejects a source that is not iterable without touching the response', async () => {
    let piped: Promise<SSEEndReason> | undefined;
    server = await startServer((_req, res) => {
      piped = pipeSSE(undefined as unknown as FrameSource, res);
      piped.catch(() => res.writeHead(500).end('bad source'));
    });
    const response = await fetch(server.url, { method: 'POST' });
    expect(response.status).toBe(500);
    await expect(piped).rejects.toThrow(TypeError);
  });

  it('rejects when the headers were already sent, without pulling the source', async () => {
    let piped: Promise<SSEEndReason> | undefined;
    let pulls = 0;
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      piped = pipeSSE(
        (function* () {
          pulls++;
          yield emitter.token('never');
        })(),
        res,
      );
      piped.catch(() => res.end('already sent'));
    });
    expect(await (await fetch(server.url, { method: 'POST' })).text()).toBe('already sent');
    await expect(piped).rejects.toMatchObject({ code: 'ERR_HTTP_HEADERS_SENT' });
    expect(pulls).toBe(0);
  });

  it('ends as disconnected, without pulling, when the client left before it started', async () => {
    let piped: Promise<SSEEndReason> | undefined;
    let pulls = 0;
    server = await startServer((req, res) => {
      req.socket.once('close', () => {
        piped = pipeSSE(
          (function* () {
            pulls++;
            yield emitter.token('late');
          })(),
          res,
        );
      });
    });
    await abortPending(server.url);
    await until(() => piped !== undefined);
    expect(await piped).toBe('disconnected');
    expect(pulls).toBe(0);
  });

  it('streams over http2’s compatibility API, where a Connection header is forbidden', async () => {
    const h2 = createServer((_req, res: Http2ServerResponse) => {
      void pipeSSE([emitter.token('over h2'), emitter.done()], res, { runId: 'r2' });
    });
    await new Promise<void>((resolve) => h2.listen(0, '127.0.0.1', resolve));
    const client = connect(`http://127.0.0.1:${(h2.address() as AddressInfo).port}`);
    try {
      const stream = client.request({ [constants.HTTP2_HEADER_METHOD]: 'POST', [constants.HTTP2_HEADER_PATH]: '/' });
      const headers = await new Promise<Record<string, unknown>>((resolve) => stream.once('response', resolve));
      let body = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (body += chunk));
      await new Promise((resolve) => stream.once('end', resolve));
      expect(headers[':status']).toBe(200);
      expect(headers['content-type']).toBe('text/event-stream; charset=utf-8');
      expect(headers['agent-run-id']).toBe('r2');
      expect(body).toBe(emitter.token('over h2') + emitter.done());
    } finally {
      client.close();
      await new Promise((resolve) => h2.close(resolve));
    }
  });
});

/** Sends a request to `url` and closes the connection before any answer, as a tab closed at once. */
function abortPending(url: string): Promise<void> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST' });
    req.on('error', () => {});
    req.end(() => {
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 20);
    });
  });
}
