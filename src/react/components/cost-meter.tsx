import { forwardRef, useMemo, type HTMLAttributes, type ReactNode } from 'react';
import type { Usage } from '../../core/state';
import { EMPTY_USAGE } from '../../core/usage';
import { useStreamSlice, type AgentStreamHandle } from '../context';

/** The figures of a {@link CostMeter}, formatted; `null` where no event carried the figure. */
export interface FormattedUsage {
  /** Input (prompt) tokens, e.g. `"1,234"` or `"1.2K"`. */
  inputTokens: string | null;
  /** Output (completion) tokens. */
  outputTokens: string | null;
  /** Input plus output tokens; `null` unless both are known (a partial sum would understate). */
  totalTokens: string | null;
  /** The cost in US dollars, e.g. `"$0.0031"`. */
  cost: string | null;
}

/** What {@link CostMeter}'s render prop receives. */
export interface CostMeterRenderState {
  /** The usage shown: the stream's totals, or one message's. */
  usage: Usage;
  /** Its figures formatted for the locale. */
  formatted: FormattedUsage;
  /** How many figures are known, also `[data-state]` on the root. */
  state: 'empty' | 'partial' | 'complete';
}

/** The words labelling each figure. */
export interface CostMeterLabels {
  /** The label of the input token count. @default 'Input tokens' */
  inputTokens: string;
  /** The label of the output token count. @default 'Output tokens' */
  outputTokens: string;
  /** The label of the total token count. @default 'Total tokens' */
  totalTokens: string;
  /** The label of the cost. @default 'Cost' */
  cost: string;
}

/** Props of {@link CostMeter}. */
export interface CostMeterProps extends Omit<HTMLAttributes<HTMLDListElement>, 'children'> {
  /** The stream to read; defaults to the nearest `AgentStreamProvider`'s. */
  stream?: AgentStreamHandle;
  /** Show this message's (run's) usage instead of the totals over all runs. */
  messageId?: string;
  /** The locale figures are formatted for; pass it when server-rendering, so server and browser agree. @default the runtime's default locale */
  locale?: string;
  /** Token counts in compact notation (`"12K"`). @default false */
  compact?: boolean;
  /** The labels of the figures. @default { inputTokens: 'Input tokens', outputTokens: 'Output tokens', totalTokens: 'Total tokens', cost: 'Cost' } */
  labels?: Partial<CostMeterLabels>;
  /** Renders the content of the `<dl>` yourself (return `<dt>`/`<dd>` pairs). */
  children?: (state: CostMeterRenderState) => ReactNode;
}

const DEFAULT_LABELS: CostMeterLabels = { inputTokens: 'Input tokens', outputTokens: 'Output tokens', totalTokens: 'Total tokens', cost: 'Cost' };

const FIGURES = /* @__PURE__ */ Object.keys(DEFAULT_LABELS) as Array<keyof FormattedUsage>;

/** The formatting of {@link CostMeter}, for a locale: a pure function of the usage. */
export function createUsageFormatter(locale?: string, compact = false): (usage: Usage) => FormattedUsage {
  const formatter = (options: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, options);
  const tokens = formatter(compact ? { notation: 'compact', maximumFractionDigits: 1 } : { maximumFractionDigits: 0 });
  const usd = { style: 'currency', currency: 'USD' } as const;
  const cents = formatter({ ...usd, minimumFractionDigits: 2, maximumFractionDigits: 2 });
  // Agent runs often cost a fraction of a cent: two significant digits keep $0.0031 from reading $0.00.
  const fractions = formatter({ ...usd, maximumSignificantDigits: 2 });
  const count = (n: number | null) => (n === null ? null : tokens.format(n));
  return ({ inputTokens, outputTokens, totalCostUsd: cost }) => ({
    inputTokens: count(inputTokens),
    outputTokens: count(outputTokens),
    totalTokens: count(inputTokens === null || outputTokens === null ? null : inputTokens + outputTokens),
    cost: cost === null ? null : (cost !== 0 && Math.abs(cost) < 0.01 ? fractions : cents).format(cost),
  });
}

/**
 * Token counts and cost as a description list, formatted with `Intl.NumberFormat` for the locale:
 * the stream's totals over all runs, or one message's usage with `messageId`. A figure no event
 * carried is left out (never shown as a made-up 0). It re-renders only when usage changes, never
 * on tokens.
 *
 * Data attributes: `[data-state="empty"]` (no figure yet), `[data-state="partial"]`,
 * `[data-state="complete"]` (input, output and cost all known) on the `<dl>`;
 * `[data-figure="input-tokens" | "output-tokens" | "total-tokens" | "cost"]` on each figure's `<div>`,
 * `<dt>` and `<dd>`.
 *
 * @example
 * <CostMeter locale="de-DE" compact />
 * // <dl data-state="complete"><div><dt>Input tokens</dt><dd>1.234</dd></div>…<dd>0,0031 $</dd></div></dl>
 */
export const CostMeter = /* @__PURE__ */ forwardRef<HTMLDListElement, CostMeterProps>(function CostMeter(
  { stream, messageId, locale, compact = false, labels, children, ...props },
  ref,
) {
  const usage = useStreamSlice(stream, 'CostMeter', (s) => (messageId === undefined ? s.usage : (s.messages.byId[messageId]?.usage ?? EMPTY_USAGE)), [messageId]);
  const format = useMemo(() => createUsageFormatter(locale, compact), [locale, compact]);
  const formatted = useMemo(() => format(usage), [format, usage]);
  const known = [usage.inputTokens, usage.outputTokens, usage.totalCostUsd].filter((figure) => figure !== null).length;
  const state = known === 0 ? 'empty' : known === 3 ? 'complete' : 'partial';
  const words = { ...DEFAULT_LABELS, ...labels };

  return (
    <dl data-state={state} {...props} ref={ref}>
      {children
        ? children({ usage, formatted, state })
        : FIGURES.map((figure) => {
            const value = formatted[figure];
            // `inputTokens` → `input-tokens`
            const name = figure.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
            return value === null ? null : (
              <div key={figure} data-figure={name}>
                <dt data-figure={name}>{words[figure]}</dt>
                <dd data-figure={name}>{value}</dd>
              </div>
            );
          })}
    </dl>
  );
});
