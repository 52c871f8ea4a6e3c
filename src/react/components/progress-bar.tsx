import { forwardRef, type ComponentPropsWithoutRef, type CSSProperties, type ReactNode } from 'react';
import type { SubProgress } from '../../core/protocol';
import { selectProgress } from '../../core/selectors';
import type { Progress } from '../../core/state';
import { useStreamSlice, type AgentStreamHandle } from '../context';

/** Where the progress stands: no progress yet, under way, or at 100. */
export type ProgressBarState = 'idle' | 'active' | 'complete';

/** What `ProgressBar`'s render prop receives. */
export interface ProgressBarRenderState {
  /** The latest progress event, or `null` before the first. */
  progress: Progress | null;
  /** `[data-state="idle" | "active" | "complete"]`. */
  state: ProgressBarState;
  /** 0–100 (0 while idle), or `null` when the sender's figure is unknown (`[data-indeterminate]`). */
  percentage: number | null;
  /** The step's name (`[data-step]`), `null` before the first event. */
  step: string | null;
  /** The progress message, `''` when none. */
  message: string;
  /** Detail of the step (`[data-sub-current]`, `[data-sub-total]`), when the sender gave one. */
  subProgress: SubProgress | null;
  /** The `aria-valuetext` spoken to assistive technology. */
  valueText: string | undefined;
}

/** Props of {@link ProgressBar}. */
export interface ProgressBarProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** The stream to read. @default the nearest AgentStreamProvider's */
  stream?: AgentStreamHandle;
  /** Builds `aria-valuetext`. @default the message, then the sub-progress ("Reading, 3 of 10: Interview 3") */
  getValueText?: (progress: Progress) => string;
  /** Renders the bar's inside (a fill, a caption) from the state. @default nothing: style the element with `--progress` */
  children?: (state: ProgressBarRenderState) => ReactNode;
}

/** A sub-progress figure for a data attribute: only a number. */
const figure = (value: unknown) => (typeof value === 'number' ? value : undefined);

/** The message, then the sub-progress: "Reading, 3 of 10: Interview 3". */
function defaultValueText({ message, subProgress }: Progress): string {
  const current = figure(subProgress?.current);
  const total = figure(subProgress?.total);
  const count = current !== undefined && total !== undefined ? `${current} of ${total}` : '';
  return [message, [count, subProgress?.itemTitle].filter(Boolean).join(': ')].filter(Boolean).join(', ');
}

/**
 * The stream's latest progress as a `role="progressbar"` `<div>` (labelled "Progress" unless you
 * pass `aria-label` or `aria-labelledby`). It renders before the first progress event too, idle
 * at 0, so a layout does not jump when progress starts; a `null` percentage is indeterminate
 * (no `aria-valuenow`). The fill is yours to draw: the element carries `--progress` (0–1), the one
 * inline style, because that value is the feature.
 *
 * Selectors: `[data-state="idle" | "active" | "complete"]`, `[data-indeterminate]`, `[data-step="…"]`,
 * `[data-sub-current="…"]`, `[data-sub-total="…"]`.
 *
 * @example
 * <ProgressBar>{({ percentage, message }) => <span>{message} {percentage}%</span>}</ProgressBar>
 */
export const ProgressBar = /* @__PURE__ */ forwardRef<HTMLDivElement, ProgressBarProps>(function ProgressBar(
  { stream, getValueText = defaultValueText, children, style, ...rest },
  ref,
) {
  const progress = useStreamSlice(stream, 'ProgressBar', selectProgress, []);
  const percentage = progress === null ? 0 : progress.percentage === null ? null : Math.min(100, Math.max(0, progress.percentage));
  const state: ProgressBarState = progress === null ? 'idle' : percentage === 100 ? 'complete' : 'active';
  const subProgress = progress?.subProgress ?? null;
  const valueText = progress ? getValueText(progress) || undefined : undefined;
  const fill = percentage === null ? undefined : ({ '--progress': percentage / 100 } as CSSProperties);
  return (
    <div
      role="progressbar"
      aria-label={rest['aria-labelledby'] === undefined ? 'Progress' : undefined}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percentage ?? undefined}
      aria-valuetext={valueText}
      data-state={state}
      data-indeterminate={percentage === null ? '' : undefined}
      data-step={progress?.step}
      data-sub-current={figure(subProgress?.current)}
      data-sub-total={figure(subProgress?.total)}
      style={fill || style ? { ...fill, ...style } : undefined}
      {...rest}
      ref={ref}
    >
      {children?.({ progress, state, percentage, step: progress?.step ?? null, message: progress?.message ?? '', subProgress, valueText })}
    </div>
  );
});
