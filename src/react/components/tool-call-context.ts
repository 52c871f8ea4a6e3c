import { createContext, useContext } from 'react';
import type { ToolCall, ToolCallStatus } from '../../core/state';

/** The words `ToolCall.Status` shows and `ToolCallList` announces for each status. */
export const TOOL_CALL_STATUS_LABELS: Readonly<Record<ToolCallStatus, string>> = {
  'streaming-args': 'preparing',
  ready: 'ready',
  running: 'running',
  done: 'done',
  error: 'failed',
  denied: 'denied',
  interrupted: 'interrupted',
};

/** What `ToolCall.Root`'s render prop receives. */
export interface ToolCallRenderState {
  /** The tool call. */
  call: ToolCall;
  /** Its status, also `[data-status="…"]` on the root. */
  status: ToolCallStatus;
  /** True once the call has its outcome. */
  isSettled: boolean;
}

/** The call of the enclosing `ToolCall.Root`. */
export const ToolCallContext = /* @__PURE__ */ createContext<ToolCall | null>(null);

/** The call of the enclosing `ToolCall.Root`; throws a clear error naming `part` outside one. */
export function useToolCallContext(part: string): ToolCall {
  const call = useContext(ToolCallContext);
  if (!call) throw new Error(`\`ToolCall.${part}\` must be used within \`ToolCall.Root\``);
  return call;
}
