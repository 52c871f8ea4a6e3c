import type { ProtocolAdapter } from '../core/adapter';
import type { ProtocolName } from '../core/connection-protocol';
import { agUi } from './ag-ui';
import { agentEventStream } from './agent-event-stream';
import { aiSdk } from './ai-sdk';
import { anthropic } from './anthropic';
import { assistantStream } from './assistant-stream';
import { detectProtocol } from './auto';
import { openaiChat } from './openai-chat';
import { openaiResponses } from './openai-responses';
import { pydanticAiStream } from './pydantic-ai-stream';
import { pydanticDeep } from './pydantic-deep';
import { shipit } from './shipit';


/**
 * `'auto'`: picks the adapter whose `detect` accepts the response headers and the first frame,
 * most specific first, the native protocol when none does.
 */
export const auto: ProtocolAdapter = detectProtocol(
  [aiSdk, agUi, assistantStream, openaiChat, openaiResponses, anthropic, pydanticAiStream, shipit, pydanticDeep, agentEventStream],
  agentEventStream,
);

/** Every adapter by the name the `protocol` option takes. */
export const adapters: Record<ProtocolName, ProtocolAdapter> = {
  'agent-event-stream': agentEventStream,
  'ai-sdk': aiSdk,
  'ag-ui': agUi,
  'assistant-stream': assistantStream,
  'openai-chat': openaiChat,
  'openai-responses': openaiResponses,
  anthropic,
  'pydantic-ai-stream': pydanticAiStream,
  shipit,
  'pydantic-deep': pydanticDeep,
  auto,
};
