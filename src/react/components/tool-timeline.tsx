import { forwardRef, useCallback, useMemo, type CSSProperties, type HTMLAttributes, type ReactNode } from 'react';
import type { AgentState, ToolCall } from '../../core/state';
import { useAgentStreamStore, type AgentStreamHandle } from '../context';
import { useAgentSelector } from '../use-agent-selector';
import { useNow } from '../use-now';
import { toDurationAttribute } from './format-duration';
import { toolTimelineRows, type ToolTimelineRow } from './tool-timeline-rows';

/** Props of {@link ToolTimeline}. */
export interface ToolTimelineProps extends Omit<HTMLAttributes<HTMLOListElement>, 'children'> {
  /** The stream to read; defaults to the nearest `AgentStreamProvider`'s. */
  stream?: AgentStreamHandle;
  /** The assistant message (run) whose tool calls to show. @default the latest assistant message */
  messageId?: string;
  /** Renders the content of each row's `<li>` (which keeps its `--offset`/`--width` and data attributes). */
  children?: (row: ToolTimelineRow) => ReactNode;
  /** The locale the durations are formatted for. @default the runtime's default locale */
  locale?: string;
  /** The clock the store stamps calls with (ms), read while a call runs. @default Date.now */
  clock?: () => number;
  /** How often a running call's width is refreshed (ms). @default 250 */
  intervalMs?: number;
}

const LIVE = new Set<ToolCall['status']>(['streaming-args', 'running']);
const NO_CALLS: ToolCall[] = [];

function lastAssistantId(state: AgentState): string | null {
  const { ids, byId } = state.messages;
  for (let i = ids.length - 1; i >= 0; i--) {
    const message = byId[ids[i] as string];
    if (message?.role === 'assistant') return message.id;
  }
  return null;
}

function useDurationFormat(locale: string | undefined): (ms: number) => string {
  return useMemo(() => {
    const milliseconds = new Intl.NumberFormat(locale, { style: 'unit', unit: 'millisecond', unitDisplay: 'narrow', maximumFractionDigits: 0 });
    const seconds = new Intl.NumberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: 'narrow', maximumFractionDigits: 1 });
    return (ms: number) => (ms < 1000 ? milliseconds.format(ms) : seconds.format(ms / 1000));
  }, [locale]);
}

/**
 * A Gantt-style list of a run's tool calls: each `<li>` carries its start offset and duration as
 * fractions of the run, as the CSS custom properties `--offset` and `--width` and as attributes,
 * so a chart takes three lines of CSS. While a call runs its width grows, refreshed every
 * `intervalMs` (the timer runs only while something is running). Placement rules (calls without
 * timestamps included) are those of {@link toolTimelineRows}.
 *
 * Data attributes: `[data-status="running"]` (each row's call status: `streaming-args`, `ready`,
 * `running`, `done`, `error`, `denied`, `interrupted`), `[data-offset]`, `[data-width]` (rows);
 * `[data-state="empty"]`, `[data-state="running"]`, `[data-state="settled"]` (the list).
 *
 * @example
 * // li { margin-left: calc(var(--offset) * 100%); width: calc(var(--width) * 100%); }
 * <ToolTimeline aria-label="Tool calls over time" />
 */
export const ToolTimeline = forwardRef<HTMLOListElement, ToolTimelineProps>(function ToolTimeline(
  { stream, messageId, children, locale, clock = Date.now, intervalMs = 250, ...props },
  ref,
) {
  const store = useAgentStreamStore(stream, 'ToolTimeline');
  const selectId = useCallback((s: AgentState) => messageId ?? lastAssistantId(s), [messageId]);
  const id = useAgentSelector(store, selectId);
  const startedAt = useAgentSelector(store, useCallback((s: AgentState) => (id === null ? null : (s.messages.byId[id]?.startedAt ?? null)), [id]));
  const endedAt = useAgentSelector(store, useCallback((s: AgentState) => (id === null ? null : (s.messages.byId[id]?.endedAt ?? null)), [id]));
  // The whole slice keeps its identity while tokens stream, so this list stays still meanwhile.
  const toolCalls = useAgentSelector(store, (s: AgentState) => s.toolCalls);
  const calls = useMemo(
    () => (id === null ? NO_CALLS : toolCalls.ids.map((callId) => toolCalls.byId[callId] as ToolCall).filter((call) => call.messageId === id)),
    [toolCalls, id],
  );
  const running = calls.some((call) => LIVE.has(call.status));
  const now = useNow(running, intervalMs, clock);
  const rows = useMemo(() => toolTimelineRows(calls, { start: startedAt, end: endedAt, now }), [calls, startedAt, endedAt, now]);
  const format = useDurationFormat(locale);

  return (
    <ol data-state={calls.length === 0 ? 'empty' : running ? 'running' : 'settled'} {...props} ref={ref}>
      {rows.map((row) => (
        <li
          key={row.call.id}
          data-status={row.call.status}
          data-offset={row.offset}
          data-width={row.width}
          // The one inline style: these two values are the component's whole point.
          style={{ '--offset': row.offset, '--width': row.width } as CSSProperties}
        >
          {children ? (
            children(row)
          ) : (
            <>
              <span data-part="name">{row.call.name}</span> <span data-part="status">{row.call.status}</span>
              {row.durationMs === null ? null : (
                <>
                  {' '}
                  <time data-part="duration" dateTime={toDurationAttribute(row.durationMs)}>
                    {format(Math.max(0, row.durationMs))}
                  </time>
                </>
              )}
            </>
          )}
        </li>
      ))}
    </ol>
  );
});
