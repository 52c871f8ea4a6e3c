import type { AgentAction } from './actions';
import type { AgentStreamError } from './errors';
import type { AgentEvent } from './protocol';
import type { AgentStore } from './store';

/** Collects the actions of one network chunk and dispatches them as one batch. */
export interface ActionBatch {
  /** Adds an action to the batch, dispatched in a microtask unless flushed before. */
  queue(action: AgentAction): void;
  /** Dispatches the batch now. */
  flush(): void;
  /** Flushes, then dispatches `actions` at once (lifecycle changes keep their order after events). */
  now(actions: AgentAction | readonly AgentAction[]): void;
}

/** Callbacks told about each action once it is in the store. */
export interface BatchListeners {
  onEvent?: ((event: AgentEvent) => void) | undefined;
  onError?: ((error: AgentStreamError) => void) | undefined;
}

/**
 * A transport hands over the frames of a chunk synchronously, so a microtask flush sends one
 * array per chunk and the store publishes once per chunk rather than once per frame.
 */
export function createActionBatch(store: AgentStore, { onEvent, onError }: BatchListeners): ActionBatch {
  let pending: AgentAction[] = [];
  let scheduled = false;

  const notify = (actions: readonly AgentAction[]): void => {
    if (!onEvent && !onError) return;
    for (const action of actions) {
      if (!action.type.startsWith('client/')) call(onEvent, action as AgentEvent);
      else if ('error' in action && action.error) call(onError, action.error);
    }
  };

  const flush = (): void => {
    scheduled = false;
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    store.dispatch(batch);
    notify(batch);
  };

  return {
    queue(action) {
      pending.push(action);
      if (!scheduled) queueMicrotask(flush);
      scheduled = true;
    },
    flush,
    now(actions) {
      flush();
      store.dispatch(actions);
      notify(Array.isArray(actions) ? (actions as readonly AgentAction[]) : [actions as AgentAction]);
    },
  };
}

/** A user callback must never break the stream: its throw is rethrown outside our call stack. */
function call<T>(callback: ((value: T) => void) | undefined, value: T): void {
  try {
    callback?.(value);
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}
