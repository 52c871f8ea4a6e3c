import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { connectAgentStream } from '../core/connection';
import type { AgentStreamConnection, BodyOption, ConnectOptions } from '../core/connection-options';
import type { AgentStreamError } from '../core/errors';
import { selectMessages, selectThinking, selectToolCalls } from '../core/selectors';
import type { AgentState, AgentStatus, Message, Progress, ThinkingBlock, TimelineItem, ToolCall, Usage } from '../core/state';
import type { PublishInterval } from '../core/scheduler';
import { createAgentStore, type AgentStore } from '../core/store';
import { useLatest } from './use-latest';

/** Options of {@link useAgentStream}: the connection's options plus the hook's own. */
export interface UseAgentStreamOptions extends Omit<ConnectOptions, 'store' | 'signal'> {
  /** Do not connect on mount; start runs with `send`. @default false */
  manual?: boolean;
  /**
   * Publish to React at most once per this many ms, or `'frame'` for once per animation frame;
   * status changes, errors and the end of a run are never delayed. @default 'frame'
   */
  throttleMs?: PublishInterval;
  /** Builds the POST body of `send` (for backends that want the history). @default { message: text, ...body } */
  prepareBody?: (text: string, state: AgentState) => BodyOption;
  /** A store of your own, e.g. shared with other components. @default a new store per hook */
  store?: AgentStore;
  /** Called with the final state whenever a run ends, however it ends. */
  onFinish?: (state: AgentState) => void;
}

/** Options of one `send`. */
export interface SendOptions {
  /** Extra fields merged into the JSON body `{ message, ...body }`. */
  body?: Record<string, unknown>;
}

/** What {@link useAgentStream} returns: the state, its ordered views, and the actions. */
export interface UseAgentStreamResult {
  /** The normalised store snapshot. */
  state: AgentState;
  /** Where the stream stands (`state.status`); never throttled. */
  status: AgentStatus;
  /** Messages in order. */
  messages: Message[];
  /** Tool calls in the order they began. */
  toolCalls: ToolCall[];
  /** Thinking blocks in order. */
  thinking: ThinkingBlock[];
  /** Every part of every message in arrival order (`state.timeline`). */
  timeline: TimelineItem[];
  /** The latest progress, or `null` (`state.progress`). */
  progress: Progress | null;
  /** Token and cost totals over all runs (`state.usage`). */
  usage: Usage;
  /** Agent and client errors in order, warnings included (`state.errors`). */
  errors: AgentStreamError[];
  /** True while connecting, streaming or reconnecting. */
  isStreaming: boolean;
  /** Adds a user message at once and streams the reply into a new assistant message. */
  send: (text: string, options?: SendOptions) => void;
  /** Stops the run: status `aborted`, and the server is told when `cancel` is set. */
  stop: () => void;
  /** Runs the last request again as a new run (without a new user message). */
  retry: () => void;
  /** Stops any run and empties the store. */
  reset: () => void;
  /** The store behind the hook, for {@link useAgentSelector} and the components. */
  store: AgentStore;
}

/**
 * Connects to an agent stream and keeps its normalised state. Connects on mount unless `manual`
 * (or `url` is `null`); one connection under StrictMode; detaches on unmount and on a URL change.
 *
 * @example
 * const { messages, send, isStreaming } = useAgentStream('/api/chat', { manual: true });
 */
export function useAgentStream(url: string | null, options: UseAgentStreamOptions = {}): UseAgentStreamResult {
  const latest = useLatest({ url, options });
  const [store] = useState(() => options.store ?? createAgentStore({ throttleMs: options.throttleMs ?? 'frame' }));
  const state = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  const connection = useRef<AgentStreamConnection | null>(null);
  // The body of the last request, for `retry`; `null` before the first.
  const lastBody = useRef<{ body: BodyOption | undefined } | null>(null);

  // Stops the run in progress (a new run replaces it: `stop`, not a detach), then opens one for `body`.
  const open = useCallback(
    (body: BodyOption | undefined, target = latest.current.url): void => {
      if (target === null) return;
      connection.current?.stop();
      lastBody.current = { body };
      // The hook's own options (`manual`, `prepareBody`, …) ride along unread.
      const opened = (connection.current = connectAgentStream(target, {
        ...latest.current.options,
        body,
        store,
        // Read through the ref: an inline callback that changes never reconnects and never goes stale.
        onEvent: (event) => latest.current.options.onEvent?.(event),
        onError: (error) => latest.current.options.onError?.(error),
      }));
      void opened.done.then((final) => {
        if (connection.current === opened) connection.current = null;
        latest.current.options.onFinish?.(final);
      });
    },
    [latest, store],
  );

  const manual = options.manual ?? false;
  const previousUrl = useRef(url);
  useEffect(() => {
    if (previousUrl.current !== url) {
      previousUrl.current = url;
      store.reset(); // another URL is another stream: never mix two conversations
    }
    // Deferred by a microtask so StrictMode's mount–unmount–mount opens one connection, not two.
    let cancelled = false;
    if (url !== null && !manual) {
      queueMicrotask(() => {
        if (!cancelled) open(latest.current.options.body, url);
      });
    }
    return () => {
      cancelled = true;
      // A detach, not a stop: leaving the page must not cancel the server's run.
      connection.current?.detach();
    };
  }, [url, manual, open, store, latest]);

  const send = useCallback(
    (text: string, sendOptions?: SendOptions) => {
      if (latest.current.url === null) return;
      connection.current?.stop();
      store.dispatch({ type: 'client/user-message', text });
      store.flush();
      const { prepareBody } = latest.current.options;
      open(prepareBody ? prepareBody(text, store.getSnapshot()) : { message: text, ...sendOptions?.body });
    },
    [latest, open, store],
  );

  const stop = useCallback(() => connection.current?.stop(), []);

  const retry = useCallback(() => open((lastBody.current ?? { body: latest.current.options.body }).body), [latest, open]);

  const reset = useCallback(() => {
    connection.current?.stop();
    lastBody.current = null;
    store.reset();
  }, [store]);

  return useMemo(
    () => ({
      state,
      status: state.status,
      messages: selectMessages(state),
      toolCalls: selectToolCalls(state),
      thinking: selectThinking(state),
      timeline: state.timeline,
      progress: state.progress,
      usage: state.usage,
      errors: state.errors,
      isStreaming: state.status === 'connecting' || state.status === 'streaming' || state.status === 'reconnecting',
      send,
      stop,
      retry,
      reset,
      store,
    }),
    [state, send, stop, retry, reset, store],
  );
}
