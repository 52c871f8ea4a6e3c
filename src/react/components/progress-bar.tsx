import { forwardRef, type ComponentPropsWithoutRef, type CSSProperties, type ReactNode } from 'react';
import type { SubProgress } from '../../core/protocol';
import { selectProgress } from '../../core/selectors';
import type { Progress } from '../../core/state';
import { useAgentStreamStore, type AgentStreamHandle } from '../context';
import { useAgentSelector } from '../use-agent-selector';

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

/** "3 of 10: Interview 3", "3 of 10", "Interview 3", or `''`. */
function describeSubProgress(sub: SubProgress): string {
  const count = typeof sub.current === 'number' && typeof sub.total === 'number' ? `${sub.current} of ${sub.total}` : '';
  const title = sub.itemTitle ?? '';
  return count && title ? `${count}: ${title}` : count || title;
}

const defaultValueText = (progress: Progress): string =>
  [progress.message, progress.subProgress ? describeSubProgress(progress.subProgress) : ''].filter(Boolean).join(', ');

const clamp = (value: number): number => Math.min(100, Math.max(0, value));

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
export const ProgressBar = forwardRef<HTMLDivElement, ProgressBarProps>(function ProgressBar(
  { stream, getValueText = defaultValueText, children, style, ...rest },
  ref,
) {
  const store = useAgentStreamStore(stream, 'ProgressBar');
  const progress = useAgentSelector(store, selectProgress);
  const percentage = progress === null ? 0 : progress.percentage === null ? null : clamp(progress.percentage);
  const state: ProgressBarState = progress === null ? 'idle' : percentage === 100 ? 'complete' : 'active';
  const subProgress = progress?.subProgress ?? null;
  const valueText = progress ? getValueText(progress) || undefined : undefined;
  const fill = percentage === null ? undefined : ({ '--progress': percentage / 100 } as CSSProperties);
  const labelled = rest['aria-labelledby'] !== undefined;
  return (
    <div
      role="progressbar"
      aria-label={labelled ? undefined : 'Progress'}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percentage ?? undefined}
      aria-valuetext={valueText}
      data-state={state}
      data-indeterminate={percentage === null ? '' : undefined}
      data-step={progress?.step}
      data-sub-current={typeof subProgress?.current === 'number' ? subProgress.current : undefined}
      data-sub-total={typeof subProgress?.total === 'number' ? subProgress.total : undefined}
      style={fill || style ? { ...fill, ...style } : undefined}
      {...rest}
      ref={ref}
    >
      {children?.({
        progress,
        state,
        percentage,
        step: progress?.step ?? null,
        message: progress?.message ?? '',
        subProgress,
        valueText,
      })}
    </div>
  );
});
