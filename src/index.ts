export * from './core/protocol';
export { AgentStreamError, isAgentStreamError } from './core/errors';
export type { AgentStreamErrorCode, AgentStreamErrorInit, AgentStreamErrorSeverity } from './core/errors';
export type {
  AgentState,
  AgentStatus,
  Creation,
  CustomEvent,
  DoneInfo,
  Entities,
  Message,
  MessageStatus,
  Progress,
  ThinkingBlock,
  TimelineItem,
  TimelineKind,
  ToolCall,
  ToolCallStatus,
  Turn,
  Usage,
} from './core/state';
export type { AgentAction, ClientAction, RunEndReason } from './core/actions';
export { decodeEvent } from './core/decode';
export { parseTolerantJson } from './core/decode-json';
export type { TolerantJson } from './core/decode-json';
export type { DecodeResult } from './core/decode';
export { createSSEParser } from './core/sse-parser';
export { checkProtocol, PROTOCOL_NAMES } from './core/connection-protocol';
export type { ProtocolName, ProtocolOption } from './core/connection-protocol';
export type { AdapterDecoder, AdapterOutput, AdapterProbe, ProtocolAdapter } from './core/adapter';
export type { SSEParser, SSEParserCallbacks } from './core/sse-parser';
export { initialAgentState, reduceAgentEvent } from './core/reducer';
export { isToolCallLive, isToolCallSettled } from './core/reducer-run';
export type { ReduceMeta } from './core/reducer';
export { createAgentStore } from './core/store';
export { toDisplayText } from './core/display-text';
export { addUsage, EMPTY_USAGE } from './core/usage';
export type { AgentStore, AgentStoreOptions } from './core/store';
export type { PublishInterval } from './core/scheduler';
export {
  selectErrors,
  selectMessages,
  selectProgress,
  selectThinking,
  selectTimeline,
  selectToolCalls,
  selectUsage,
  textOfPart,
} from './core/selectors';
export { connectAgentStream } from './core/connection';
export type {
  AgentStreamConnection,
  BodyOption,
  CancelContext,
  CancelOption,
  ConnectOptions,
  HeadersOption,
} from './core/connection-options';
export type { TransportName } from './core/transport';
export type { RetryOptions } from './core/retry';
