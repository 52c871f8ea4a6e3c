import { InvalidArgumentError } from 'commander';

/** Reads `--speed`: a number above 0; `Infinity` replays without delays. */
export function parseSpeed(value: string): number {
  const speed = Number(value);
  if (value.trim() === '' || !(speed > 0)) throw new InvalidArgumentError('expected a number above 0, such as 2 or 0.5 (Infinity: no delays).');
  return speed;
}

/** Reads `--port`: an integer from 0 to 65535; 0 picks a free port. */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError('expected an integer from 0 to 65535 (0 picks a free port).');
  return port;
}
