import { expect, it } from 'vitest';
import { RunLog } from '../../demo/run-log';

it('gives a follower the frames after its id, then the live ones, and finishes when the log ends', async () => {
  const log = new RunLog();
  log.append('a');
  log.append('b');
  const follower = log.follow(1);
  expect(await follower.next()).toEqual({ done: false, value: 'b' });
  const waiting = follower.next();
  log.append('c');
  expect(await waiting).toEqual({ done: false, value: 'c' });
  const last = follower.next();
  log.end();
  expect(await last).toEqual({ done: true, value: undefined });
  log.append('after the end');
  expect(log.size).toBe(3);
});

it('lets two followers read the same frames independently', async () => {
  const log = new RunLog();
  for (const frame of ['a', 'b', 'c']) log.append(frame);
  log.end();
  const read = async (afterId: number) => {
    const frames: string[] = [];
    for await (const frame of log.follow(afterId)) frames.push(frame);
    return frames;
  };
  expect(await Promise.all([read(0), read(2), read(3)])).toEqual([['a', 'b', 'c'], ['c'], []]);
});

it('finishes a waiting follower at once when it is returned (a client that left), while the log goes on', async () => {
  const log = new RunLog();
  const follower = log.follow();
  const waiting = follower.next();
  await follower.return!();
  expect(await waiting).toEqual({ done: true, value: undefined });
  log.append('a');
  expect(await follower.next()).toEqual({ done: true, value: undefined });
  await expect(log.follow().next()).resolves.toEqual({ done: false, value: 'a' });
});
