import type { ToolCall, ToolCallStatus } from '../src';
import { formatDuration } from './format';

// The status is always spelled out: the colour of the badge only repeats it.
const STATUS: Record<ToolCallStatus, { icon: string; label: string }> = {
  'streaming-args': { icon: '…', label: 'preparing' },
  ready: { icon: '•', label: 'ready' },
  running: { icon: '◌', label: 'running' },
  done: { icon: '✓', label: 'done' },
  error: { icon: '✕', label: 'failed' },
  denied: { icon: '⊘', label: 'denied' },
  interrupted: { icon: '◼', label: 'interrupted' },
};

/** One tool call: name, status, input and output summaries, duration. */
export function ToolCallCard({ call }: { call: ToolCall }) {
  const { icon, label } = STATUS[call.status];
  const failed = call.status === 'error';
  const output = failed ? (call.errorText ?? call.outputSummary) : call.outputSummary;
  return (
    <section className="tool" data-status={call.status} aria-label={`Tool ${call.name}: ${label}`}>
      <header className="tool-head">
        <code className="tool-name">{call.name}</code>
        <span className="badge" data-status={call.status}>
          <span className="badge-icon" aria-hidden="true">
            {icon}
          </span>
          {label}
        </span>
        <span className="tool-duration">{formatDuration(call.durationMs)}</span>
      </header>
      <dl className="tool-io">
        <dt>Input</dt>
        <dd>{call.inputSummary || '—'}</dd>
        {output || call.status !== 'running' ? (
          <>
            <dt>{failed ? 'Error' : 'Output'}</dt>
            <dd>{output || '—'}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
