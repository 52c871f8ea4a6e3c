import { createContext, useCallback, useContext, useMemo, type DependencyList, type ReactNode } from 'react';
import type { AgentState } from '../core/state';
import { useAgentSelector } from './use-agent-selector';
import type { UseAgentStreamResult } from './use-agent-stream';

/**
 * The stable part of a stream that components need: the store to subscribe to and the actions.
 * `useAgentStream`'s result is one, and so is any object with these members.
 */
export type AgentStreamHandle = Pick<UseAgentStreamResult, 'store' | 'send' | 'stop' | 'retry' | 'reset'>;

const AgentStreamContext = /* @__PURE__ */ createContext<AgentStreamHandle | null>(null);

/** Props of {@link AgentStreamProvider}. */
export interface AgentStreamProviderProps {
  /** The stream, usually `useAgentStream(...)`'s result. */
  value: AgentStreamHandle;
  children?: ReactNode;
}

/**
 * Puts a stream in context for the components below. Only the stable members (the store and the
 * actions) reach the context, so a consumer re-renders for the slice it selects, never because
 * the hook's result changed on a token.
 *
 * @example
 * const stream = useAgentStream('/api/chat', { manual: true });
 * return <AgentStreamProvider value={stream}><ToolCallList /></AgentStreamProvider>;
 */
export function AgentStreamProvider({ value, children }: AgentStreamProviderProps) {
  const { store, send, stop, retry, reset } = value;
  const handle = useMemo(() => ({ store, send, stop, retry, reset }), [store, send, stop, retry, reset]);
  return <AgentStreamContext.Provider value={handle}>{children}</AgentStreamContext.Provider>;
}

/**
 * The stream a component works on: its `stream` prop, else the nearest provider's. Throws a clear
 * error naming the component when there is neither.
 */
export function useAgentStreamHandle(stream: AgentStreamHandle | undefined, component: string): AgentStreamHandle {
  const fromContext = useContext(AgentStreamContext);
  const handle = stream ?? fromContext;
  if (!handle) throw new Error(`<${component}> needs a stream: pass its \`stream\` prop or render it inside <AgentStreamProvider>.`);
  return handle;
}

/**
 * The slice `select` picks from the component's stream (see {@link useAgentStreamHandle}),
 * re-rendering only when it changes; `select` is memoised on `deps`, as with `useCallback`.
 */
export function useStreamSlice<T>(stream: AgentStreamHandle | undefined, component: string, select: (state: AgentState) => T, deps: DependencyList): T {
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps are the selector's
  return useAgentSelector(useAgentStreamHandle(stream, component).store, useCallback(select, deps));
}
