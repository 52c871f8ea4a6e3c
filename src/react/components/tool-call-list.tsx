import { forwardRef, Fragment, memo, useEffect, useMemo, useRef, type ComponentPropsWithoutRef, type ReactNode } from 'react';
import { selectToolCalls } from '../../core/selectors';
import type { ToolCall as ToolCallData, ToolCallStatus } from '../../core/state';
import { useStreamSlice, type AgentStreamHandle } from '../context';
import { useLatest } from '../use-latest';
import { ToolCall } from './tool-call';
import { isToolCallSettled } from '../../core/reducer-run';
import { TOOL_CALL_STATUS_LABELS } from './tool-call-context';
import { VISUALLY_HIDDEN } from './visually-hidden';

/** Props of {@link ToolCallList}. */
export interface ToolCallListProps extends Omit<ComponentPropsWithoutRef<'ul'>, 'children'> {
  /** Shows only the calls for which this returns true. */
  filter?: (call: ToolCallData) => boolean;
  /** Shows only the calls of this message. */
  messageId?: string;
  /** The stream to read. @default the nearest AgentStreamProvider's */
  stream?: AgentStreamHandle;
  /**
   * Announces each call as it settles, in one polite live region: `false` for none, or a function
   * giving the words. @default true ("search done", "fetch failed")
   */
  announce?: boolean | ((call: ToolCallData) => string);
  /** Renders each item yourself; return a `ToolCall.Root` (an `<li>`) to keep the list valid. @default <ToolCall.Root call={call} /> */
  children?: (call: ToolCallData) => ReactNode;
}

const defaultAnnouncement = (call: ToolCallData): string => `${call.name} ${TOOL_CALL_STATUS_LABELS[call.status]}`;

// Settled call objects keep their identity (structural sharing), so only the call that changed re-renders.
const DefaultItem = /* @__PURE__ */ memo(function DefaultItem({ call }: { call: ToolCallData }) {
  return <ToolCall.Root call={call} />;
});

/**
 * The stream's tool calls as a `<ul>` of `ToolCall.Root` items, in the order they began. It
 * subscribes to the tool calls only: tokens never re-render it.
 *
 * Status changes are announced without one live region per item (a region per item would be
 * read in bursts, and a region inserted already filled is often not read at all). A `<ul>` may
 * only hold `<li>`s, and an `<li>` used as a live region would count as a list item, so the list's
 * single polite region lives in `document.body`, created empty on mount (as React Aria's announcer
 * does), and each settle adds one node to it: "search done", "fetch failed".
 * Calls already settled when the list mounts are not announced; neither are tokens.
 *
 * Selectors: items carry `[data-status]`; the region is `[data-agent-stream-announcer]`.
 *
 * @example
 * <AgentStreamProvider value={stream}>
 *   <ToolCallList filter={(call) => call.name !== 'think'} />
 * </AgentStreamProvider>
 */
export const ToolCallList = /* @__PURE__ */ forwardRef<HTMLUListElement, ToolCallListProps>(function ToolCallList(
  { filter, messageId, stream, announce = true, children, ...rest },
  ref,
) {
  const all = useStreamSlice(stream, 'ToolCallList', selectToolCalls, []);
  const calls = useMemo(
    () => (filter || messageId !== undefined ? all.filter((call) => (messageId === undefined || call.messageId === messageId) && (!filter || filter(call))) : all),
    [all, filter, messageId],
  );
  useSettleAnnouncements(calls, typeof announce === 'function' ? announce : defaultAnnouncement, announce !== false);
  return (
    <ul {...rest} ref={ref}>
      {calls.map((call) => (children ? <Fragment key={call.id}>{children(call)}</Fragment> : <DefaultItem key={call.id} call={call} />))}
    </ul>
  );
});

/**
 * Announces calls that settle, in one polite region appended to `document.body` while `enabled`.
 * The region is plain DOM written in effects: it never re-renders the list, needs no `react-dom`
 * import, and does not exist during server rendering.
 */
function useSettleAnnouncements(calls: ToolCallData[], describe: (call: ToolCallData) => string, enabled: boolean): void {
  const describeRef = useLatest(describe);
  const region = useRef<HTMLElement | null>(null);
  const seen = useRef<Map<string, ToolCallStatus> | null>(null);

  useEffect(() => {
    if (!enabled) return;
    const element = document.createElement('div');
    element.setAttribute('role', 'status');
    element.setAttribute('aria-live', 'polite');
    element.setAttribute('data-agent-stream-announcer', '');
    // Visually hidden but read: hiding the region is its whole point, hence the one inline style.
    Object.assign(element.style, VISUALLY_HIDDEN);
    document.body.append((region.current = element));
    return () => {
      element.remove();
      region.current = null;
    };
  }, [enabled]);

  useEffect(() => {
    const before = seen.current;
    seen.current = new Map(calls.map((call) => [call.id, call.status]));
    const settled = before ? calls.filter((call) => isToolCallSettled(call.status) && !isToolCallSettled(before.get(call.id) ?? 'running')) : [];
    if (settled.length === 0 || !region.current) return;
    // A fresh node each time is an addition to the region, so "search done" twice is read twice.
    const node = document.createElement('span');
    node.textContent = settled.map((call) => describeRef.current(call)).join(', ');
    region.current.replaceChildren(node);
  }, [calls, describeRef]);
}
