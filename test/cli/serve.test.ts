import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { connectAgentStream } from '../../src/core/connection';
import { decodeEvent } from '../../src/core/decode';
import type { SSEFrame } from '../../src/core/protocol';
import { createSSEParser } from '../../src/core/sse-parser';
import { parseRecording } from '../../src/server/recording-format';
import { fakeIO, type FakeIO, type FakeIOOptions } from './fake-io';

const FIXTURE = fileURLToPath(new URL('../fixtures/recordings/session.jsonl', import.meta.url));
const { events } = parseRecording(readFileSync(FIXTURE, 'utf8'));

interface Served {
  io: FakeIO;
  url: string;
  /** Resolves with runCli's exit code. */
  exit: Promise<number>;
}

const running: Served[] = [];

afterEach(async () => {
  for (const served of running.splice(0)) {
    served.io.interrupt();
    await served.exit;
  }
});

async function serve(args: string[] = [], options: FakeIOOptions = {}): Promise<Served> {
  let announced!: (url: string) => void;
  const url = new Promise<string>((resolve) => (announced = resolve));
  const io = fakeIO({
    ...options,
    onWrite: (self) => {
      const match = /^http:\/\/\S+\/$/m.exec(self.out);
      if (match) announced(match[0]);
    },
  });
  const exit = runCli(['replay', FIXTURE, '--serve', '--port', '0', ...args], io);
  const served = { io, url: await Promise.race([url, exit.then((code) => Promise.reject(new Error(`exited ${code}: ${io.err}`)))]), exit };
  running.push(served);
  return served;
}

async function framesOf(response: Response): Promise<SSEFrame[]> {
  const frames: SSEFrame[] = [];
  createSSEParser({ onFrame: (frame) => frames.push(frame) }).feed(await response.text());
  return frames;
}

describe('agent-event-stream replay --serve', () => {
  it('prints the URL with the real port and streams the recording on any path, GET or POST, with ids', async () => {
    const { io, url } = await serve();
    expect(io.out).toMatch(/^Serving .*session\.jsonl \(14 events over 1\.700 s, speed 1\) on any path, GET or POST:\nhttp:\/\/127\.0\.0\.1:\d+\/\nCtrl\+C stops\.\n$/);
    expect(url).not.toBe('http://127.0.0.1:0/');
    for (const [path, init] of [['', {}], ['api/chat', { method: 'POST', body: '{"message": "hi"}', headers: { 'content-type': 'application/json' } }]] as const) {
      const response = await fetch(`${url}${path}`, init);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      const frames = await framesOf(response);
      expect(frames.map((frame) => frame.id)).toStrictEqual(events.map((_, index) => String(index + 1)));
      expect(frames.map((frame) => [frame.event, frame.data])).toStrictEqual(events.map((event) => [event.event, event.data]));
      expect(frames.every((frame) => decodeEvent(frame)?.ok)).toBe(true);
    }
  });

  it('keeps the recorded timing divided by --speed, and resumes after Last-Event-ID from that point', async () => {
    const { io, url } = await serve(['--speed', '2']);
    await (await fetch(url)).text();
    const gaps = events.slice(1).map((event, index) => ((event.t - events[index]!.t) * 1000) / 2);
    expect(io.sleeps.map((ms) => Math.round(ms * 1000) / 1000)).toStrictEqual(gaps.filter((ms) => ms > 0).map((ms) => Math.round(ms * 1000) / 1000));

    io.sleeps.length = 0;
    const resumed = await framesOf(await fetch(url, { method: 'POST', headers: { 'Last-Event-ID': '10' } }));
    expect(resumed.map((frame) => frame.id)).toStrictEqual(['11', '12', '13', '14']);
    expect(Math.round(io.sleeps[0]!)).toBe(Math.round(((events[10]!.t - events[9]!.t) * 1000) / 2));
    expect(await framesOf(await fetch(url, { headers: { 'Last-Event-ID': '14' } }))).toStrictEqual([]);
    expect(await framesOf(await fetch(url, { headers: { 'Last-Event-ID': 'not-ours' } }))).toHaveLength(14);
  });

  it('answers the CORS preflight of a page on another origin, and refuses other methods', async () => {
    const { url } = await serve();
    const preflight = await fetch(`${url}api/chat`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, last-event-id, authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type, last-event-id, authorization');
    const put = await fetch(url, { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST, OPTIONS');
  });

  it('is a stream that connectAgentStream reads to the end', async () => {
    const { url } = await serve(['--speed', 'Infinity']);
    const state = await connectAgentStream(`${url}api/chat`, { transport: 'fetch', body: { message: 'Weather in Paris?' } }).done;
    expect(state.status).toBe('done');
    expect(state.messages.byId[state.messages.ids[0]!]?.text).toBe('It is sunny in Paris ☀️, 22 °C.');
    expect(state.toolCalls.ids).toStrictEqual(['tu_1', 'tu_2']);
    expect(state.usage.totalCostUsd).toBe(0.0042);
  });

  it('stops at once on Ctrl+C, ending the streams still open', async () => {
    const served = await serve([], { sleepUntilAborted: true });
    running.splice(running.indexOf(served), 1);
    const response = await fetch(served.url);
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toBe(`id: 1\nevent: thinking\ndata: ${events[0]!.data}\n\n`);
    served.io.interrupt();
    expect(await served.exit).toBe(0);
    expect(await reader.read().then((result) => result.done, () => true)).toBe(true);
    await expect(fetch(served.url)).rejects.toThrow();
  });

  it('exits 1 when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const io = fakeIO();
      expect(await runCli(['replay', FIXTURE, '--serve', '--port', String(port)], io)).toBe(1);
      expect(io.err).toBe(`error: cannot listen on 127.0.0.1:${port}: the port is in use\n`);
    } finally {
      blocker.close();
    }
  });
});
