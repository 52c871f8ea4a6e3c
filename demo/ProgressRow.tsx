import { useId } from 'react';
import type { Progress } from '../src';

/** The latest progress: a native `<progress>` (indeterminate without a percentage), its message and sub-progress. */
export function ProgressRow({ progress }: { progress: Progress }) {
  const id = useId();
  const { step, percentage, message, subProgress } = progress;
  const detail = [
    `step “${step}”`,
    subProgress?.current != null && subProgress.total != null ? `${subProgress.current} of ${subProgress.total}` : null,
    subProgress?.itemTitle || null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <div className="progress-row" data-step={step}>
      <label htmlFor={id} className="progress-label">
        <span>{message || step}</span>
        <span className="progress-detail">{detail}</span>
      </label>
      <progress id={id} max={100} value={percentage ?? undefined} />
      <span className="progress-percent">{percentage === null ? '' : `${Math.round(percentage)} %`}</span>
    </div>
  );
}
