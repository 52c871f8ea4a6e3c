import { useRef, useSyncExternalStore } from 'react';
import type { AgentState } from '../core/state';
import type { AgentStore } from '../core/store';

interface Selection<T> {
  state: AgentState;
  selector: (state: AgentState) => T;
  value: T;
}

/**
 * Subscribes a component to one slice of a store: it re-renders only when `selector`'s result
 * changes under `isEqual`, so a tool list stays still while tokens stream.
 *
 * @example
 * const toolCalls = useAgentSelector(stream.store, selectToolCalls);
 */
export function useAgentSelector<T>(
  store: AgentStore,
  selector: (state: AgentState) => T,
  isEqual: (a: T, b: T) => boolean = Object.is,
): T {
  const last = useRef<Selection<T> | null>(null);
  const getSelection = (): T => {
    const state = store.getSnapshot();
    const previous = last.current;
    if (previous && previous.state === state && previous.selector === selector) return previous.value;
    const next = selector(state);
    const value = previous && isEqual(previous.value, next) ? previous.value : next;
    last.current = { state, selector, value };
    return value;
  };
  return useSyncExternalStore(store.subscribe, getSelection, getSelection);
}
