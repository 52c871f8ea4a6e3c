import { formatRecordedFrame, type RecordedEvent } from '../server/recording-format';
import type { CliIO } from './io';

/** Where and how fast {@link timedFrames} plays a recording. */
export interface TimedFramesOptions {
  /** Divides the recorded delays. */
  speed: number;
  /** The index of the first event to send; its delay counts from the event before it. @default 0 */
  from?: number;
  /** Writes `id: <n>` lines, n counting events from 1. @default false */
  ids?: boolean;
  /** Stops the frames early. */
  signal: AbortSignal;
}

/**
 * Yields each event's frame once its recorded time, divided by `speed`, has passed. Times are kept
 * against the start rather than between events, so slow writes never add up to drift.
 */
export async function* timedFrames(events: readonly RecordedEvent[], io: CliIO, options: TimedFramesOptions): AsyncGenerator<string> {
  const { speed, from = 0, ids = false, signal } = options;
  const start = io.now();
  const origin = from === 0 ? 0 : events[from - 1]!.t;
  for (let index = from; index < events.length; index++) {
    const event = events[index]!;
    const wait = start + ((event.t - origin) * 1000) / speed - io.now();
    if (wait > 0) await io.sleep(wait, signal);
    if (signal.aborted) return;
    yield formatRecordedFrame(event, ids ? index + 1 : undefined);
  }
}

/** Writes the frames to stdout as the reference's replay does; false when `io.signal` stopped it first. */
export async function replayToStdout(events: readonly RecordedEvent[], speed: number, io: CliIO): Promise<boolean> {
  for await (const frame of timedFrames(events, io, { speed, signal: io.signal })) await io.stdout(frame);
  return !io.signal.aborted;
}
