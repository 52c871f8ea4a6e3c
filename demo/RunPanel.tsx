import { useId } from 'react';
import {
  CostMeter,
  formatDuration,
  ProgressBar,
  TOOL_CALL_STATUS_LABELS,
  ToolTimeline,
  type ProgressBarRenderState,
  type ToolTimelineRow,
} from '../src/react';
import { STATUS_ICONS } from './parts';

function ProgressCaption({ state, message, percentage, subProgress }: ProgressBarRenderState) {
  if (state === 'idle') return <span className="progress-caption">No progress reported</span>;
  const detail = [
    typeof subProgress?.current === 'number' && typeof subProgress.total === 'number' ? `${subProgress.current} of ${subProgress.total}` : null,
    subProgress?.itemTitle || null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <span className="progress-caption">
      <span>{message}</span>
      {detail ? <span className="progress-detail">{detail}</span> : null}
      <span className="progress-percent">{percentage === null ? '' : `${Math.round(percentage)}%`}</span>
    </span>
  );
}

// Render props at module level: a new function per render would re-render every row.
const progressCaption = (state: ProgressBarRenderState) => <ProgressCaption {...state} />;

const timelineRow = ({ call, durationMs }: ToolTimelineRow) => (
  <>
    <span className="timeline-name">{call.name}</span>
    <span className="timeline-status" data-status={call.status}>
      <span aria-hidden="true">{STATUS_ICONS[call.status]}</span> {TOOL_CALL_STATUS_LABELS[call.status]}
    </span>
    <span className="timeline-duration">{durationMs === null ? '' : formatDuration(durationMs)}</span>
  </>
);

/** The side panel: the run's progress, its tool calls on a Gantt-like timeline, and usage and cost. */
export function RunPanel() {
  const id = useId();
  return (
    <aside className="run-panel" aria-label="Run activity">
      <section className="panel">
        <h2 id={`${id}-progress`}>Progress</h2>
        <ProgressBar className="progress" aria-labelledby={`${id}-progress`}>
          {progressCaption}
        </ProgressBar>
      </section>
      <section className="panel">
        <h2 id={`${id}-timeline`}>Tool timeline</h2>
        <ToolTimeline className="timeline" aria-labelledby={`${id}-timeline`}>
          {timelineRow}
        </ToolTimeline>
        <p className="panel-empty">Tool calls of the latest run appear here.</p>
      </section>
      <section className="panel">
        <h2>Usage</h2>
        <CostMeter className="cost" labels={{ inputTokens: 'Input', outputTokens: 'Output', totalTokens: 'Total' }} />
        <p className="panel-empty">Tokens and cost appear as the agent reports them.</p>
      </section>
    </aside>
  );
}
