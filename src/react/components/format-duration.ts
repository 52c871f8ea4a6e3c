// One formatter per locale and unit: constructing Intl.NumberFormat costs far more than formatting.
const formatters = /* @__PURE__ */ new Map<string, Intl.NumberFormat>();

function unitFormat(locale: string | undefined, unit: 'millisecond' | 'second' | 'minute', fractionDigits: number): Intl.NumberFormat {
  const key = `${locale ?? ''}|${unit}|${fractionDigits}`;
  let format = formatters.get(key);
  if (!format) {
    const options = { style: 'unit', unit, unitDisplay: 'short', minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits } as const;
    format = new Intl.NumberFormat(locale, options);
    formatters.set(key, format);
  }
  return format;
}

/**
 * A duration for people, in `locale` (the user's by default) with `Intl.NumberFormat`'s units:
 * in English `"350 ms"` under a second, `"1.2 sec"` under a minute, `"2 min 5 sec"` beyond.
 *
 * @example
 * formatDuration(1234); // "1.2 sec" (en)
 * formatDuration(1234, 'de'); // "1,2 Sek."
 */
export function formatDuration(ms: number, locale?: string): string {
  const safe = Math.max(0, ms);
  if (safe < 1000) return unitFormat(locale, 'millisecond', 0).format(Math.round(safe));
  // Tenths are rounded before choosing the unit, so 59,960 ms reads "1 min 0 sec", never "60.0 sec".
  const tenths = Math.round(safe / 100);
  if (tenths < 600) return unitFormat(locale, 'second', 1).format(tenths / 10);
  const seconds = Math.round(safe / 1000);
  return `${unitFormat(locale, 'minute', 0).format(Math.floor(seconds / 60))} ${unitFormat(locale, 'second', 0).format(seconds % 60)}`;
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
