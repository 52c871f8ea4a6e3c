import type { Usage } from './state';

/** Usage with no figure carried yet. */
export const EMPTY_USAGE: Usage = /* @__PURE__ */ Object.freeze({
  inputTokens: null,
  outputTokens: null,
  totalCostUsd: null,
  model: null,
});

const sum = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : a + b);

/** `a + b` figure by figure; a figure neither carried stays `null`. The model is the latest known. */
export function addUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: sum(a.inputTokens, b.inputTokens),
    outputTokens: sum(a.outputTokens, b.outputTokens),
    totalCostUsd: sum(a.totalCostUsd, b.totalCostUsd),
    model: b.model ?? a.model,
  };
}
