// Created once: building an Intl formatter costs far more than using one, and these run per render.
const integer = new Intl.NumberFormat(undefined);
const usd = new Intl.NumberFormat(undefined, {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 4,
  maximumFractionDigits: 4,
});
const milliseconds = new Intl.NumberFormat(undefined, { style: 'unit', unit: 'millisecond', maximumFractionDigits: 0 });
const seconds = new Intl.NumberFormat(undefined, { style: 'unit', unit: 'second', maximumFractionDigits: 1 });

/** A token count for the user's locale; `—` when no event carried one. */
export function formatTokens(count: number | null): string {
  return count === null ? '—' : integer.format(count);
}

/** A cost in US dollars to a hundredth of a cent; `—` when unknown. */
export function formatCost(usdAmount: number | null): string {
  return usdAmount === null ? '—' : usd.format(usdAmount);
}

/** A duration in ms below a second, else in seconds; `''` when unknown. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '';
  return ms < 1000 ? milliseconds.format(ms) : seconds.format(ms / 1000);
}
