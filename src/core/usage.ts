import type { Usage } from './state';

/** Usage with no figure carried yet. */
export const EMPTY_USAGE: Usage = Object.freeze({
  inputTokens: null,
  outputTokens: null,
  totalCostUsd: null,
  model: null,
});

function sum(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return a + b;
}

/** `a + b` figure by figure; a figure neither carried stays `null`. The model is the latest known. */
export function addUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: sum(a.inputTokens, b.inputTokens),
    outputTokens: sum(a.outputTokens, b.outputTokens),
    totalCostUsd: sum(a.totalCostUsd, b.totalCostUsd),
    model: b.model ?? a.model,
  };
}

/** `current` with every figure `update` carries replacing it (cumulative usage). */
export function replaceUsage(current: Usage, update: Partial<Usage>): Usage {
  return {
    inputTokens: update.inputTokens ?? current.inputTokens,
    outputTokens: update.outputTokens ?? current.outputTokens,
    totalCostUsd: update.totalCostUsd ?? current.totalCostUsd,
    model: update.model || current.model,
  };
}
