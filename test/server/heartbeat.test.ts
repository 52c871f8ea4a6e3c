import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AgentStreamEmitter } from '../../src/server/emitter';
import { checkHeartbeatMs, startHeartbeat } from '../../src/server/heartbeat';
import { toSSEResponse } from '../../src/server/response';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('startHeartbeat', () => {
  it('beats after each full interval of silence', async () => {
    const beat = vi.fn();
    const heartbeat = startHeartbeat(1000, beat);
    await vi.advanceTimersByTimeAsync(999);
    expect(beat).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(beat).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(beat).toHaveBeenCalledTimes(3);
    heartbeat.stop();
  });

  it('counts the interval from the last write', async () => {
    const beat = vi.fn();
    const heartbeat = startHeartbeat(1000, beat);
    for (let i = 0; i < 10; i++) {
      await vi.advanceTimersByTimeAsync(600);
      heartbeat.touch();
    }
    expect(beat).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1000);
    expect(beat).toHaveBeenCalledTimes(1);
    heartbeat.stop();
  });

  it('leaves no timer once stopped, even when stopped by its own beat', async () => {
    const heartbeat = startHeartbeat(1000, () => heartbeat.stop());
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(vi.getTimerCount()).toBe(0);
    const quiet = startHeartbeat(0, () => {});
    expect(vi.getTimerCount()).toBe(0);
    quiet.stop();
  });

  it('turns off with 0 or false and refuses anything setTimeout cannot wait for', () => {
    expect(checkHeartbeatMs(false)).toBe(0);
    expect(checkHeartbeatMs(0)).toBe(0);
    expect(checkHeartbeatMs(15_000)).toBe(15_000);
    for (const bad of [-1, Number.NaN, Infinity, 2 ** 31, '10' as unknown as number]) {
      expect(() => checkHeartbeatMs(bad)).toThrow(RangeError);
    }
  });
});

describe('toSSEResponse heartbeats and timers', () => {
  const emitter = new AgentStreamEmitter();
  const text = new TextDecoder();

  it('enqueues a heartbeat while the source is idle and the client is reading, and stops at the end', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const response = toSSEResponse(
      (async function* () {
        yield emitter.token('a');
        await gate;
        yield emitter.done();
      })(),
      { heartbeatMs: 1000 },
    );
    const reader = response.body!.getReader();
    expect(text.decode((await reader.read()).value)).toBe(emitter.token('a'));
    const next = reader.read();
    await vi.advanceTimersByTimeAsync(1000);
    expect(text.decode((await next).value)).toBe(': heartbeat\n\n');
    release();
    expect(text.decode((await reader.read()).value)).toBe(emitter.done());
    expect((await reader.read()).done).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('sends no heartbeat while a frame waits for a client that is not reading', async () => {
    const response = toSSEResponse([emitter.token('a'), emitter.token('b')], { heartbeatMs: 1000 });
    const reader = response.body!.getReader();
    await vi.advanceTimersByTimeAsync(5000);
    expect(text.decode((await reader.read()).value)).toBe(emitter.token('a'));
    expect(text.decode((await reader.read()).value)).toBe(emitter.token('b'));
    expect((await reader.read()).done).toBe(true);
  });

  it('clears its timer and returns the source when the client cancels', async () => {
    let returned = false;
    const response = toSSEResponse(
      (async function* () {
        try {
          for (;;) yield emitter.token('t');
        } finally {
          returned = true;
        }
      })(),
      { heartbeatMs: 1000 },
    );
    const reader = response.body!.getReader();
    await reader.read();
    expect(vi.getTimerCount()).toBe(1);
    await reader.cancel();
    expect(vi.getTimerCount()).toBe(0);
    await vi.waitFor(() => expect(returned).toBe(true));
  });
});
