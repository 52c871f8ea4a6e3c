import { forwardRef, type ComponentPropsWithoutRef, type ForwardedRef, type ReactNode } from 'react';
import type { ToolCall as ToolCallData, ToolCallStatus } from '../../core/state';
import { useStreamSlice, type AgentStreamHandle } from '../context';
import { useNow } from '../use-now';
import { formatDuration, toDurationAttribute } from './format-duration';
import { ToolCallOutput } from './tool-call-output';
import { isToolCallLive, isToolCallSettled } from '../../core/reducer-run';
import { TOOL_CALL_STATUS_LABELS, ToolCallContext, useToolCallContext, type ToolCallRenderState } from './tool-call-context';

/** Props of `ToolCall.Root`. */
export interface ToolCallRootProps extends Omit<ComponentPropsWithoutRef<'li'>, 'children' | 'id'> {
  /** The call to show; takes precedence over `id`. */
  call?: ToolCallData;
  /** The id (`tool_use_id`) of a call to read from the stream, live; not the element's DOM id. */
  id?: string;
  /** The stream to read `id` from. @default the nearest AgentStreamProvider's */
  stream?: AgentStreamHandle;
  /** Parts, or a function of the call's state. @default name, status, input, output and duration parts */
  children?: ReactNode | ((state: ToolCallRenderState) => ReactNode);
}

type RootViewProps = Omit<ToolCallRootProps, 'call' | 'id' | 'stream'>;

// A plain function, not a component: both entries below render through it with their own ref.
function rootView(call: ToolCallData, { children, ...rest }: RootViewProps, ref: ForwardedRef<HTMLLIElement>) {
  const { status } = call;
  return (
    <ToolCallContext.Provider value={call}>
      <li data-status={status} {...rest} ref={ref}>
        {typeof children === 'function' ? children({ call, status, isSettled: isToolCallSettled(status) }) : (children ?? <DefaultParts />)}
      </li>
    </ToolCallContext.Provider>
  );
}

const RootById = /* @__PURE__ */ forwardRef<HTMLLIElement, RootViewProps & { callId: string; stream: AgentStreamHandle | undefined }>(function RootById(
  { callId, stream, ...rest },
  ref,
) {
  const call = useStreamSlice(stream, 'ToolCall.Root', (s) => s.toolCalls.byId[callId], [callId]);
  return call ? rootView(call, rest, ref) : null;
});

/**
 * One tool call as an `<li>` that gives its parts the call; with `id` instead of `call` it follows
 * that call in the stream and renders nothing until the call exists.
 *
 * Selectors: `[data-status="streaming-args" | "ready" | "running" | "done" | "error" | "denied" | "interrupted"]`.
 *
 * @example
 * <ToolCall.Root call={call}>
 *   <ToolCall.Name /> <ToolCall.Status /> <ToolCall.Duration />
 * </ToolCall.Root>
 */
const ToolCallRoot = /* @__PURE__ */ forwardRef<HTMLLIElement, ToolCallRootProps>(function ToolCallRoot({ call, id, stream, ...rest }, ref) {
  if (call) return rootView(call, rest, ref);
  if (id === undefined) throw new Error('`ToolCall.Root` needs a `call` or an `id`');
  return <RootById {...rest} callId={id} stream={stream} ref={ref} />;
});

function DefaultParts() {
  // Spaces between the parts keep words apart for screen readers and for unstyled text.
  return (
    <>
      <ToolCallName /> <ToolCallStatusPart /> <ToolCallInput /> <ToolCallOutput /> <ToolCallDuration />
    </>
  );
}

/** Props of `ToolCall.Name`. */
export interface ToolCallNameProps extends Omit<ComponentPropsWithoutRef<'span'>, 'children'> {
  /** Renders the content yourself. @default the tool's name */
  children?: (call: ToolCallData) => ReactNode;
}

/** Props of `ToolCall.Input`. */
export interface ToolCallInputProps extends Omit<ComponentPropsWithoutRef<'span'>, 'children'> {
  /** Renders the content yourself. @default the input summary, else the streamed arguments */
  children?: (call: ToolCallData) => ReactNode;
}

/** A `<span>` part showing `text` of the call, or its render prop's content. */
function textPart(part: string, text: (call: ToolCallData) => ReactNode) {
  return forwardRef<HTMLSpanElement, ToolCallNameProps & ToolCallInputProps>(function ToolCallTextPart({ children, ...rest }, ref) {
    const call = useToolCallContext(part);
    return (
      <span {...rest} ref={ref}>
        {children ? children(call) : text(call)}
      </span>
    );
  });
}

/**
 * The tool's name, in a `<span>`.
 *
 * @example
 * <ToolCall.Name>{(call) => call.name.toUpperCase()}</ToolCall.Name>
 */
const ToolCallName = /* @__PURE__ */ textPart('Name', (call) => call.name);

/** Props of `ToolCall.Status`. */
export interface ToolCallStatusProps extends Omit<ComponentPropsWithoutRef<'span'>, 'children'> {
  /** Words for some or all statuses, e.g. for another language. @default TOOL_CALL_STATUS_LABELS */
  labels?: Partial<Record<ToolCallStatus, string>>;
  /** Renders the content yourself. @default the status's label */
  children?: (state: { status: ToolCallStatus; label: string }) => ReactNode;
}

/**
 * The status as a word ("running", "done", "failed"), so it is perceivable without colour. It is
 * not a live region: `ToolCallList` announces settled calls once, in one region for the list.
 *
 * Selectors: `[data-status="…"]`, as on the root.
 *
 * @example
 * <ToolCall.Status labels={{ error: 'échec' }} />
 */
const ToolCallStatusPart = /* @__PURE__ */ forwardRef<HTMLSpanElement, ToolCallStatusProps>(function ToolCallStatus({ labels, children, ...rest }, ref) {
  const { status } = useToolCallContext('Status');
  const label = labels?.[status] ?? TOOL_CALL_STATUS_LABELS[status];
  return (
    <span data-status={status} {...rest} ref={ref}>
      {children ? children({ status, label }) : label}
    </span>
  );
});

/**
 * The call's input: the native `inputSummary`, or, for protocols that stream arguments, `argsText`.
 *
 * @example
 * <ToolCall.Input>{(call) => JSON.stringify(call.args)}</ToolCall.Input>
 */
const ToolCallInput = /* @__PURE__ */ textPart('Input', (call) => call.inputSummary || call.argsText);

/** What `ToolCall.Duration`'s render prop receives. */
export interface ToolCallDurationRenderState {
  /** Elapsed milliseconds: live while the call works, its duration once settled; `null` when unknown. */
  ms: number | null;
  /** True while the time is ticking (`[data-live]`). */
  isLive: boolean;
  /** The tool call. */
  call: ToolCallData;
}

/** Props of `ToolCall.Duration`. */
export interface ToolCallDurationProps extends Omit<ComponentPropsWithoutRef<'time'>, 'children'> {
  /** Turns milliseconds into text. @default formatDuration in `locale` ("350 ms", "1.2 sec") */
  format?: (ms: number) => string;
  /** The locale of the default format; set it when rendering on a server, so hydration matches. @default the runtime's default locale */
  locale?: string;
  /** How often a live time refreshes, in ms. @default 100 */
  intervalMs?: number;
  /** Renders the content yourself. */
  children?: (state: ToolCallDurationRenderState) => ReactNode;
}

/**
 * How long the call took, as `<time dateTime="PT1.2S">1.2 sec</time>`: live elapsed time while it
 * runs (only this element re-renders on the tick; measured against `Date.now()`, the store's default
 * clock), its duration once settled, empty when unknown.
 *
 * Selectors: `[data-live]` while ticking.
 *
 * @example
 * <ToolCall.Duration format={(ms) => `${Math.round(ms / 1000)}s`} />
 */
const ToolCallDuration = /* @__PURE__ */ forwardRef<HTMLTimeElement, ToolCallDurationProps>(function ToolCallDuration(
  { format, locale, intervalMs = 100, children, ...rest },
  ref,
) {
  const call = useToolCallContext('Duration');
  const { startedAt, endedAt, durationMs } = call;
  const isLive = isToolCallLive(call.status) && startedAt !== null;
  const now = useNow(isLive, intervalMs);
  // Until the clock's first tick after mount a live call shows no time: the HTML a server sent must match.
  // Settled: the call's own figure, else the interval the client saw.
  const ms = isLive ? now === null ? null : Math.max(0, now - startedAt) : (durationMs ?? (startedAt !== null && endedAt !== null ? endedAt - startedAt : null));
  return (
    <time dateTime={ms === null ? undefined : toDurationAttribute(ms)} data-live={isLive ? '' : undefined} {...rest} ref={ref}>
      {children ? children({ ms, isLive, call }) : ms === null ? null : format ? format(ms) : formatDuration(ms, locale)}
    </time>
  );
});

/**
 * Headless parts of one tool call: `Root` (an `<li>` with `data-status`), `Name`, `Status`,
 * `Input`, `Output` (collapses long results) and `Duration`.
 *
 * @example
 * <ul>{calls.map((call) => <ToolCall.Root key={call.id} call={call} />)}</ul>
 */
export const ToolCall = {
  Root: ToolCallRoot,
  Name: ToolCallName,
  Status: ToolCallStatusPart,
  Input: ToolCallInput,
  Output: ToolCallOutput,
  Duration: ToolCallDuration,
};
