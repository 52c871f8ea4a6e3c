import { forwardRef, useCallback, useMemo, type CSSProperties, type HTMLAttributes, type ReactNode } from 'react';
import type { AgentState, Message, ToolCall } from '../../core/state';
import { useAgentStreamHandle, type AgentStreamHandle } from '../context';
import { useAgentSelector } from '../use-agent-selector';
import { useNow } from '../use-now';
import { formatDuration, toDurationAttribute } from './format-duration';
import { isToolCallLive } from '../../core/reducer-run';
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

/** The message the timeline shows: one selection that changes only with its id, start or end, never on a token. */
const sameSpan = (a: Message | undefined, b: Message | undefined): boolean =>
  a?.id === b?.id && a?.startedAt === b?.startedAt && a?.endedAt === b?.endedAt;

function selectRun(state: AgentState, messageId: string | undefined): Message | undefined {
  const { ids, byId } = state.messages;
  if (messageId !== undefined) return byId[messageId];
  for (let i = ids.length - 1; i >= 0; i--) {
    const message = byId[ids[i] as string] as Message;
    if (message.role === 'assistant') return message;
  }
  return undefined;
}

const selectToolCallSlice = (s: AgentState) => s.toolCalls;

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
export const ToolTimeline = /* @__PURE__ */ forwardRef<HTMLOListElement, ToolTimelineProps>(function ToolTimeline(
  { stream, messageId, children, locale, clock = Date.now, intervalMs = 250, ...props },
  ref,
) {
  const { store } = useAgentStreamHandle(stream, 'ToolTimeline');
  const run = useAgentSelector(store, useCallback((s: AgentState) => selectRun(s, messageId), [messageId]), sameSpan);
  // The whole slice keeps its identity while tokens stream, so this list stays still meanwhile.
  const toolCalls = useAgentSelector(store, selectToolCallSlice);
  const id = messageId ?? run?.id;
  const calls = useMemo(() => toolCalls.ids.map((callId) => toolCalls.byId[callId] as ToolCall).filter((call) => call.messageId === id), [toolCalls, id]);
  const running = calls.some((call) => isToolCallLive(call.status));
  const now = useNow(running, intervalMs, clock);
  const start = run?.startedAt ?? null;
  const end = run?.endedAt ?? null;
  const rows = useMemo(() => toolTimelineRows(calls, { start, end, now }), [calls, start, end, now]);
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
                    {formatDuration(row.durationMs, locale)}
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
