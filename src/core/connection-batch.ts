import type { AgentAction, ClientAction } from './actions';
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
export function createActionBatch(store: AgentStore, listeners: BatchListeners): ActionBatch {
  let pending: AgentAction[] = [];
  let scheduled = false;

  const notify = (actions: readonly AgentAction[]): void => {
    if (!listeners.onEvent && !listeners.onError) return;
    for (const action of actions) {
      if (isClientAction(action)) {
        if ((action.type === 'client/error' || action.type === 'client/run-end') && action.error) {
          call(listeners.onError, action.error);
        }
      } else {
        call(listeners.onEvent, action);
      }
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
      if (scheduled) return;
      scheduled = true;
      queueMicrotask(flush);
    },
    flush,
    now(actions) {
      flush();
      store.dispatch(actions);
      notify(Array.isArray(actions) ? (actions as readonly AgentAction[]) : [actions as AgentAction]);
    },
  };
}

function isClientAction(action: AgentAction): action is ClientAction {
  return action.type.startsWith('client/');
}

/** A user callback must never break the stream: its throw is rethrown outside our call stack. */
function call<T>(callback: ((value: T) => void) | undefined, value: T): void {
  if (!callback) return;
  try {
    callback(value);
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}
