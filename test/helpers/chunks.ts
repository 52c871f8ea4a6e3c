import { randomInt } from './prng';

/** Splits a string or byte array at the given offsets (any order, duplicates and ends allowed). */
export function splitAt<T extends string | Uint8Array>(input: T, points: readonly number[]): T[] {
  const cuts = [...new Set(points)].filter((p) => p > 0 && p < input.length).sort((a, b) => a - b);
  const chunks: T[] = [];
  let start = 0;
  for (const cut of cuts) {
    chunks.push(input.slice(start, cut) as T);
    start = cut;
  }
  chunks.push(input.slice(start) as T);
  return chunks;
}

/** Splits into chunks of `size` units (the last one may be shorter). */
export function splitEvery<T extends string | Uint8Array>(input: T, size: number): T[] {
  const points: number[] = [];
  for (let p = size; p < input.length; p += size) points.push(p);
  return splitAt(input, points);
}

/** `count` seeded random offsets in (0, length). */
export function randomPoints(random: () => number, length: number, count: number): number[] {
  const points: number[] = [];
  for (let i = 0; i < count; i++) points.push(1 + randomInt(random, Math.max(1, length - 1)));
  return points;
}
