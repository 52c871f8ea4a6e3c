export { mulberry32 } from '../../src/testing/prng';

/** A seeded integer in [0, max). */
export function randomInt(random: () => number, max: number): number {
  return Math.floor(random() * max);
}
