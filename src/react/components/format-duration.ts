/**
 * A duration for people: `"350 ms"` under a second, `"1.2 s"` under a minute, `"2 min 5 s"` beyond.
 *
 * @example
 * formatDuration(1234); // "1.2 s"
 */
export function formatDuration(ms: number): string {
  const safe = Math.max(0, ms);
  if (safe < 1000) return `${Math.round(safe)} ms`;
  // Tenths are rounded before choosing the unit, so 59,960 ms reads "1 min 0 s", never "60.0 s".
  const tenths = Math.round(safe / 100);
  if (tenths < 600) return `${(tenths / 10).toFixed(1)} s`;
  const seconds = Math.round(safe / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/**
 * A duration as an HTML/ISO 8601 duration string for `<time dateTime>`: seconds with up to three
 * decimals, e.g. `"PT1.234S"`.
 *
 * @example
 * toDurationAttribute(350); // "PT0.35S"
 */
export function toDurationAttribute(ms: number): string {
  return `PT${Number((Math.max(0, ms) / 1000).toFixed(3))}S`;
}
