import type { CliIO } from '../../src/cli/io';

/** An in-process CliIO: stdout and stderr collected, a clock that only sleeps (and writes) move. */
export interface FakeIO extends CliIO {
  out: string;
  err: string;
  /** Every sleep asked for, in ms. */
  sleeps: number[];
  /** Aborts `signal`, as Ctrl+C does. */
  interrupt(): void;
}

export interface FakeIOOptions {
  /** How far each stdout write moves the clock, to show that slow writes do not add up. @default 0 */
  writeMs?: number;
  /** Called after each stdout write (to interrupt at a given frame, or to wait for the server's URL). */
  onWrite?: (io: FakeIO) => void;
  /** Sleeps until the signal aborts instead of moving the clock at once. @default false */
  sleepUntilAborted?: boolean;
}

export function fakeIO(options: FakeIOOptions = {}): FakeIO {
  const { writeMs = 0, onWrite, sleepUntilAborted = false } = options;
  const controller = new AbortController();
  let clock = 1_000;
  const io: FakeIO = {
    out: '',
    err: '',
    sleeps: [],
    stdout(text) {
      io.out += text;
      clock += writeMs;
      onWrite?.(io);
    },
    stderr(text) {
      io.err += text;
    },
    now: () => clock,
    async sleep(ms, signal) {
      io.sleeps.push(ms);
      if (sleepUntilAborted) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      else clock += ms;
    },
    signal: controller.signal,
    interrupt: () => controller.abort(),
  };
  return io;
}
